package io.github.connectemulator.owner.protocol;

import java.util.Map;

/** What the admin API asks of every execution owner; immutable records, like the operations' commands. */
public sealed interface AdminCommand {

  /** Forget every instance, test case and execution. Replied with {@link Done}. */
  record ResetState() implements AdminCommand {}

  /** The clock or the controls changed: run what is now due, and give raised quotas' slots to waiting runs. */
  record Nudge() implements AdminCommand {}

  /**
   * Move manual-mode runs by {@code steps} steps: one run, every one of an instance, or every one (null ids).
   * Replied with {@link RunsStepped}.
   */
  record StepRuns(String instanceId, String executionId, int steps) implements AdminCommand {}

  /** Replied with {@link OwnerLoad}: cheap enough for every metrics scrape. */
  record ReadLoad() implements AdminCommand {}

  /**
   * @param running runs holding a running slot
   * @param queued runs waiting INITIATED for a slot
   * @param retained finished runs kept for reading
   */
  record OwnerLoad(int running, int queued, int retained) {}

  /** Replied with {@link OwnerStats}. */
  record ReadStats() implements AdminCommand {}

  /**
   * A read-only operation answered exactly as the operation answers it, but outside admission: no throttling, no
   * injected fault or latency, so that the dashboard reading an instance changes nothing its clients see. Replied
   * with the operation's reply, or with the {@link io.github.connectemulator.operations.AwsFailure} it met.
   */
  record Inspect(OwnerCommand query) implements AdminCommand {
    public Inspect {
      if (!(query instanceof ListExecutions) && !(query instanceof ListRecords)) {
        // Not GetExecutionSummary: in manual mode a poll moves the run, and inspecting must change nothing.
        throw new IllegalArgumentException("not an inspectable read: " + query.getClass().getSimpleName());
      }
    }
  }

  record RunsStepped(int runs) {}

  /**
   * Counts per instance held by one owner.
   *
   * @param timerLagCounts scheduled steps by how late they ran, one bucket per millisecond (the last: a second or more)
   * @param timerLagMax the latest a step ran, in milliseconds
   */
  record OwnerStats(Map<String, InstanceStats> instances, long[] timerLagCounts, long timerLagMax) {
    public OwnerStats {
      instances = Map.copyOf(instances);
      timerLagCounts = timerLagCounts.clone();
    }
  }

  /**
   * @param executions retained executions by status name
   * @param running runs holding a running slot
   * @param queued runs waiting INITIATED for a slot
   */
  record InstanceStats(int testCases, Map<String, Integer> executions, int running, int queued) {
    public InstanceStats {
      executions = Map.copyOf(executions);
    }
  }
}
