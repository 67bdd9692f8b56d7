package io.github.connectemulator.owner;

import io.github.connectemulator.model.Execution;

/**
 * Bounds the memory held by finished runs: they are kept in the order they finished ({@link FinishedRuns}, compactly)
 * and evicted oldest first, beyond a count or past an age. Runs that are still active are never here, so never
 * evicted.
 */
final class FinishedRetention {

  private final FinishedRuns runs;
  private final int maxCount;
  private final long ttlMillis;

  FinishedRetention(int maxCount, long ttlMillis) {
    this.runs = new FinishedRuns(maxCount);
    this.maxCount = maxCount;
    this.ttlMillis = ttlMillis;
  }

  /** Keeps a run that just became final; from now on it is read from {@link #runs()}. */
  void add(InstanceState instance, Execution execution) {
    runs.add(instance, execution);
    while (runs.size() > maxCount) {
      runs.evictOldest();
    }
  }

  /**
   * Evicts the runs that finished {@code ttlMillis} ago or more, from the oldest on, up to the first that did not
   * (runs are in finishing order, so normally that is all of them).
   */
  void evictExpired(long now) {
    while (runs.size() > 0 && now - runs.oldestEndTime() >= ttlMillis) {
      runs.evictOldest();
    }
  }

  int size() {
    return runs.size();
  }

  FinishedRuns runs() {
    return runs;
  }
}
