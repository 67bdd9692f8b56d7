package io.github.connectemulator.config;

import io.github.connectemulator.operations.AwsErrorType;
import io.github.connectemulator.model.TransitionMode;
import java.util.Set;

/**
 * The settings that can change while the emulator runs (through the admin API), immutable: a change replaces the
 * whole object. Each component is documented with its key in {@code conf/emulator.properties}.
 */
public record RuntimeControls(Timing timing, Quotas quotas, Outcomes outcomes, Throttle throttle, Faults faults) {

  /** The keys an admin call may change; every other key needs a restart. */
  public static final Set<String> KEYS =
      Set.of(
          "timing.mode",
          "timing.initiatedMillis",
          "timing.observationMillis",
          "timing.maxRunMillis",
          "timing.manualPollsPerStep",
          "quota.maxRunningPerInstance",
          "quota.maxQueuedPerInstance",
          "outcome.failureRatio",
          "outcome.seed",
          "throttle.requestsPerSecond",
          "throttle.burst",
          "faults.probability",
          "faults.errorType",
          "faults.operations",
          "faults.latencyMinMillis",
          "faults.latencyMaxMillis",
          "faults.seed");

  public record Timing(
      TransitionMode mode, long initiatedMillis, long observationMillis, long maxRunMillis, int manualPollsPerStep) {}

  /** Per instance; 0 means no limit. maxQueued counts the running executions too, as AWS's 100 does. */
  public record Quotas(int maxRunning, int maxQueued) {}

  /** A share of runs that fail, drawn from the seed so that a run can be replayed. */
  public record Outcomes(double failureRatio, long seed) {}

  /** A token bucket per instance and operation; 0 requests per second turns it off. */
  public record Throttle(double requestsPerSecond, int burst) {
    public boolean enabled() {
      return requestsPerSecond > 0;
    }
  }

  /**
   * Injected faults: with {@code probability}, an operation (of {@code operations}, or any when empty) fails with
   * {@code errorType}; every operation's reply is delayed by a latency drawn between the bounds.
   */
  public record Faults(
      double probability,
      AwsErrorType errorType,
      Set<String> operations,
      long latencyMinMillis,
      long latencyMaxMillis,
      long seed) {

    public Faults {
      operations = Set.copyOf(operations);
    }

    public boolean appliesTo(String operation) {
      return operations.isEmpty() || operations.contains(operation);
    }

    public boolean enabled() {
      return probability > 0 || latencyMaxMillis > 0;
    }
  }
}
