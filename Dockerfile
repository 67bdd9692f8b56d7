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
RUN groupadd --system --gid 10001 emulator && useradd --system --uid 10001 --gid emulator emulator
WORKDIR /app
COPY --from=build /src/target/connect-test-emulator.jar /app/connect-test-emulator.jar
# The defaults, for reference; to change keys, mount a file and name it with EMULATOR_CONFIG_FILE, or set
# EMULATOR_* variables (every key has one).
COPY conf/emulator.properties /app/conf/emulator.properties
USER emulator
EXPOSE 8080
# The JVM sizes its heap from the container's memory limit (container support is on by default in Java 17), and
# exits on OutOfMemoryError so that the orchestrator restarts it rather than leaving it half-alive.
ENV JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError" \
    EMULATOR_LOG_FORMAT=json
# docker stop sends SIGTERM: readiness goes DOWN, requests in flight finish (shutdown.gracePeriodMillis), exit 0.
STOPSIGNAL SIGTERM
# bash's /dev/tcp asks the readiness probe directly, so the probe needs no curl or wget in the image.
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${HTTP_PORT:-8080} && printf 'GET /health/ready HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && head -c 12 <&3 | grep -q ' 200'"]
# exec: java is PID 1 and receives the signals itself.
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/connect-test-emulator.jar \"$@\"", "--"]
