# Build stage: compile and package the runnable jar (the SDK suite needs Node.js, so it is skipped here).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q -DskipSdkTests=true dependency:go-offline
COPY conf conf
COPY src src
RUN mvn -B -q -DskipTests -DskipSdkTests=true package

# Runtime stage: a JRE and the jar, run as an unprivileged user.
FROM eclipse-temurin:17-jre
# /data: where data.dir can keep state (EMULATOR_DATA_DIR=/data), owned by the emulator's user; a named volume mounted
# there starts as a copy of it, so it is writable too.
RUN groupadd --system --gid 10001 emulator && useradd --system --uid 10001 --gid emulator emulator \
 && mkdir /data && chown emulator:emulator /data
WORKDIR /app
COPY --from=build /src/target/connect-test-emulator.jar /app/connect-test-emulator.jar
# The defaults, for reference; to change keys, mount a file and name it with EMULATOR_CONFIG_FILE, or set
# EMULATOR_* variables (every key has one).
COPY conf/emulator.properties /app/conf/emulator.properties
# The JVM sizes its heap from the container's memory limit (container support is on by default in Java 17), and
# exits on OutOfMemoryError so that the orchestrator restarts it rather than leaving it half-alive.
# The emulator writes the port it listens on to EMULATOR_SERVICE_PORT_FILE once it serves (service.portFile), so
# that the HEALTHCHECK finds it however it was set: HTTP_PORT, EMULATOR_HTTP_PORT, a configuration file, or 0.
ENV JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError" \
    EMULATOR_LOG_FORMAT=json \
    EMULATOR_SERVICE_PORT_FILE=/tmp/emulator.port
# An AppCDS archive of the classes that start-up and the first requests load, written by one training run of this
# image's JVM and jar (an archive fits only the JVM and jar that wrote it): the container serves its first request
# in about half the time. ENTRYPOINT reads it with -Xshare:auto, so an archive that does not fit is ignored, never
# an error; JAVA_OPTS=-Xshare:off turns it off.
COPY deploy/docker/train-class-archive.sh /app/train-class-archive.sh
RUN /app/train-class-archive.sh /app/emulator.jsa /app/connect-test-emulator.jar $JAVA_OPTS \
 && rm -rf /tmp/hsperfdata_root /tmp/vertx-cache-*
USER emulator
VOLUME /data
EXPOSE 8080
# docker stop sends SIGTERM: readiness goes DOWN, requests in flight finish (shutdown.gracePeriodMillis), exit 0.
STOPSIGNAL SIGTERM
# The probe asks /health/ready on the port in the port file (no file yet: not healthy); with the port file turned off
# (EMULATOR_SERVICE_PORT_FILE= ) it falls back to EMULATOR_HTTP_PORT, then HTTP_PORT, then 8080. bash's /dev/tcp
# makes the request, so the image needs no curl or wget.
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
  CMD ["bash", "-c", "if [ -n \"${EMULATOR_SERVICE_PORT_FILE:-}\" ]; then read -r port < \"$EMULATOR_SERVICE_PORT_FILE\" || exit 1; else port=${EMULATOR_HTTP_PORT:-${HTTP_PORT:-8080}}; fi; exec 3<>/dev/tcp/127.0.0.1/$port && printf 'GET /health/ready HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && head -c 12 <&3 | grep -q ' 200'"]
# exec: java is PID 1 and receives the signals itself.
ENTRYPOINT ["sh", "-c", "exec java -XX:SharedArchiveFile=/app/emulator.jsa -Xshare:auto $JAVA_OPTS -jar /app/connect-test-emulator.jar \"$@\"", "--"]
