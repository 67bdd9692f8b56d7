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
COPY conf/emulator.properties /app/conf/emulator.properties
USER emulator
EXPOSE 8080
# The JVM sizes its heap from the container's memory limit.
ENV JAVA_OPTS="-XX:+UseContainerSupport -XX:MaxRAMPercentage=75"
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/connect-test-emulator.jar \"$@\"", "--"]
