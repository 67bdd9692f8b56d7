package io.github.connectemulator.config;

import io.github.connectemulator.model.TestCaseStatus;
import java.nio.file.Path;
import java.util.Map;

/**
 * The emulator's settings, resolved. Each component is one key of {@code conf/emulator.properties}, where every
 * key is documented; {@link #controls()} are the ones that may change at runtime.
 *
 * @param values every key with its effective value, as resolved from defaults, profile, file and environment
 * @param explicitKeys the keys set by the file or the environment (or given by a test): a profile never overrides them
 * @param idSeed a seed for deterministic ids, or null for random ids
 * @param seedFile test cases to load at start, or null
 */
public record EmulatorConfig(
    Map<String, String> values,
    java.util.Set<String> explicitKeys,
    String profile,
    String httpHost,
    int httpPort,
    long maxBodyBytes,
    int httpVerticles,
    int ownerCount,
    long ownerRequestTimeoutMillis,
    int maxInFlightPerOwner,
    int maxLiveExecutionsPerOwner,
    String partition,
    String region,
    String accountId,
    TestCaseStatus defaultTestCaseStatus,
    int maxFinishedExecutions,
    long finishedTtlMillis,
    Long idSeed,
    Path seedFile,
    Path dataDir,
    RuntimeControls controls,
    ServiceSettings service,
    BusSettings bus,
    AdminSettings admin,
    AuthSettings auth,
    ClusterSettings cluster) {

  public EmulatorConfig {
    values = Map.copyOf(values);
    explicitKeys = java.util.Set.copyOf(explicitKeys);
  }

  /** The embedded defaults (profile {@code aws}), with the environment ignored. */
  public static EmulatorConfig defaults() {
    return ConfigLoader.load(Map.of(), null);
  }

  /** The embedded defaults with some keys changed, validated as at start: what tests and embedders build from. */
  public static EmulatorConfig withKeys(Map<String, String> keys) {
    return ConfigLoader.withKeys(keys);
  }

  public EmulatorConfig withHttpPort(int port) {
    var changed = new java.util.HashMap<>(values);
    changed.put("http.port", Integer.toString(port));
    return new EmulatorConfig(
        changed, explicitKeys, profile, httpHost, port, maxBodyBytes, httpVerticles, ownerCount, ownerRequestTimeoutMillis,
        maxInFlightPerOwner, maxLiveExecutionsPerOwner,
        partition, region, accountId, defaultTestCaseStatus, maxFinishedExecutions, finishedTtlMillis, idSeed,
        seedFile, dataDir, controls, service, bus, admin, auth, cluster);
  }

  /** Finished executions one owner keeps: the global cap shared evenly, rounded up. */
  public int maxFinishedPerOwner() {
    return (maxFinishedExecutions + ownerCount - 1) / ownerCount;
  }
}
