package io.github.connectemulator.owner;

import io.github.connectemulator.model.Execution;
import io.github.connectemulator.owner.compact.IntQueue;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.TreeMap;

/**
 * The owner's live runs, by their slots in {@link LiveRuns}, by the millisecond of their next step. One schedule per
 * owner, walked by one timer, costs far less than one Vert.x timer per run when many thousands are live.
 *
 * <p>Runs due in the same millisecond share a bucket, and there are only as many buckets as distinct due times (a
 * few dozen under load, since timings are shared), so adding and taking a run touch a small, warm tree instead of
 * sifting a heap of every live run, and a cancelled run is searched for in its bucket only. Buckets hold slots, not
 * objects, and emptied buckets are reused: what waits seconds here would otherwise be copied by every young
 * collection (see RunColumns).
 */
final class RunSchedule {

  private final TreeMap<Long, IntQueue> byDueTime = new TreeMap<>();
  private final ArrayDeque<IntQueue> spareBuckets = new ArrayDeque<>();

  void at(long time, Execution execution) {
    execution.scheduleNextStep(time);
    IntQueue bucket = byDueTime.get(time);
    if (bucket == null) {
      bucket = spareBuckets.isEmpty() ? new IntQueue() : spareBuckets.pop();
      byDueTime.put(time, bucket);
    }
    bucket.add(execution.slot());
  }

  /** Drops a run that ended outside the schedule (a stop), so it is never stepped again. */
  void cancel(Execution execution) {
    IntQueue bucket = byDueTime.get(execution.nextStepAt());
    if (bucket != null && bucket.remove(execution.slot()) && bucket.isEmpty()) {
      byDueTime.remove(execution.nextStepAt());
      spareBuckets.push(bucket);
    }
  }

  /** The slot of the earliest run due at {@code now}, removed from the schedule, or -1. */
  int pollDue(long now) {
    Map.Entry<Long, IntQueue> earliest = byDueTime.firstEntry();
    if (earliest == null || earliest.getKey() > now) {
      return -1;
    }
    IntQueue bucket = earliest.getValue();
    int slot = bucket.poll();
    if (bucket.isEmpty()) {
      byDueTime.remove(earliest.getKey());
      spareBuckets.push(bucket);
    }
    return slot;
  }

  long nextDeadline() {
    return byDueTime.isEmpty() ? Long.MAX_VALUE : byDueTime.firstKey();
  }
}
