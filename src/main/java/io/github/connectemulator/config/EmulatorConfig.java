package io.github.connectemulator.config;

import io.github.connectemulator.model.TestCaseStatus;

/**
 * The emulator's settings, resolved. Each component is one key of {@code conf/emulator.properties}, where every
 * key is documented.
 */
public record EmulatorConfig(
    String httpHost,
    int httpPort,
    long maxBodyBytes,
    int httpVerticles,
    int ownerCount,
    long ownerRequestTimeoutMillis,
    String partition,
    String region,
    String accountId,
    TestCaseStatus defaultTestCaseStatus,
    long initiatedMillis,
    long observationMillis,
    long maxRunMillis,
    int maxFinishedExecutions,
    long finishedTtlMillis) {

  /** The embedded defaults, with the environment ignored: what tests start from. */
  public static EmulatorConfig defaults() {
    return ConfigLoader.load(java.util.Map.of(), null);
  }

  public EmulatorConfig withHttpPort(int port) {
    return new EmulatorConfig(
        httpHost, port, maxBodyBytes, httpVerticles, ownerCount, ownerRequestTimeoutMillis, partition, region,
        accountId, defaultTestCaseStatus, initiatedMillis, observationMillis, maxRunMillis, maxFinishedExecutions,
        finishedTtlMillis);
  }

  /** Finished executions one owner keeps: the global cap shared evenly, rounded up. */
  public int maxFinishedPerOwner() {
    return (maxFinishedExecutions + ownerCount - 1) / ownerCount;
  }
}
