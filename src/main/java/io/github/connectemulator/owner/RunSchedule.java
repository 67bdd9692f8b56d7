package io.github.connectemulator.owner;

import io.github.connectemulator.model.Execution;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.TreeMap;

/**
 * The owner's runs by the millisecond of their next step. One schedule per owner, walked by one timer, costs far less
 * than one Vert.x timer per run when many thousands are live.
 *
 * <p>Runs due in the same millisecond share a bucket, and there are only as many buckets as distinct due times (a
 * few dozen under load, since timings are shared), so adding and taking a run touch a small, warm tree instead of
 * sifting a heap of every live run, and a cancelled run is searched for in its bucket only.
 */
final class RunSchedule {

  private final TreeMap<Long, ArrayDeque<Execution>> byDueTime = new TreeMap<>();
  /**
   * Emptied buckets, for reuse: a bucket lives as long as its runs wait (seconds), so a new one per millisecond
   * would be copied by young collections like the runs themselves (see LiveRuns).
   */
  private final ArrayDeque<ArrayDeque<Execution>> spareBuckets = new ArrayDeque<>();

  void at(long time, Execution execution) {
    execution.scheduleNextStep(time);
    ArrayDeque<Execution> bucket = byDueTime.get(time);
    if (bucket == null) {
      bucket = spareBuckets.isEmpty() ? new ArrayDeque<>() : spareBuckets.pop();
      byDueTime.put(time, bucket);
    }
    bucket.add(execution);
  }

  /** Drops a run that ended outside the schedule (a stop), so it is never stepped again. */
  void cancel(Execution execution) {
    ArrayDeque<Execution> bucket = byDueTime.get(execution.nextStepAt());
    if (bucket != null && bucket.remove(execution) && bucket.isEmpty()) {
      byDueTime.remove(execution.nextStepAt());
      spareBuckets.push(bucket);
    }
  }

  /** The earliest run due at {@code now}, removed from the schedule, or null. */
  Execution pollDue(long now) {
    Map.Entry<Long, ArrayDeque<Execution>> earliest = byDueTime.firstEntry();
    if (earliest == null || earliest.getKey() > now) {
      return null;
    }
    ArrayDeque<Execution> bucket = earliest.getValue();
    Execution execution = bucket.poll();
    if (bucket.isEmpty()) {
      byDueTime.remove(earliest.getKey());
      spareBuckets.push(bucket);
    }
    return execution;
  }

  long nextDeadline() {
    return byDueTime.isEmpty() ? Long.MAX_VALUE : byDueTime.firstKey();
  }
}
