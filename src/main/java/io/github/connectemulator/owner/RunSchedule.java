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
  /**
   * The bucket {@link #at} used last and its due time, while it is in the schedule: runs started in the same
   * millisecond are due in the same one, so most calls find their bucket here without a TreeMap lookup (and a boxed
   * key).
   */
  private long lastTime;
  private IntQueue lastBucket;

  void at(long time, Execution execution) {
    execution.scheduleNextStep(time);
    IntQueue bucket = lastBucket != null && lastTime == time ? lastBucket : byDueTime.get(time);
    if (bucket == null) {
      bucket = spareBuckets.isEmpty() ? new IntQueue() : spareBuckets.pop();
      byDueTime.put(time, bucket);
    }
    bucket.add(execution.slot());
    lastTime = time;
    lastBucket = bucket;
  }

  /** Takes an emptied bucket out of the schedule, for reuse. */
  private void drop(long time, IntQueue bucket) {
    byDueTime.remove(time);
    spareBuckets.push(bucket);
    if (bucket == lastBucket) {
      lastBucket = null;
    }
  }

  /**
   * Drops a run's step, if it has one (a run stopped or ended outside the schedule), so that it is never stepped
   * again. Most runs end in a step just taken from the schedule, and have none: no lookup then.
   */
  void cancel(Execution execution) {
    long due = execution.nextStepAt();
    if (due == Execution.UNSCHEDULED) {
      return;
    }
    execution.scheduleNextStep(Execution.UNSCHEDULED);
    IntQueue bucket = byDueTime.get(due);
    if (bucket != null && bucket.remove(execution.slot()) && bucket.isEmpty()) {
      drop(due, bucket);
    }
  }

  /**
   * The slot of the earliest run due at {@code now}, removed from the schedule, or -1. The run's {@code nextStepAt}
   * still says when it was due; the caller reads it, then marks it {@link #taken}.
   */
  int pollDue(long now) {
    Map.Entry<Long, IntQueue> earliest = byDueTime.firstEntry();
    if (earliest == null || earliest.getKey() > now) {
      return -1;
    }
    IntQueue bucket = earliest.getValue();
    int slot = bucket.poll();
    if (bucket.isEmpty()) {
      drop(earliest.getKey(), bucket);
    }
    return slot;
  }

  long nextDeadline() {
    return byDueTime.isEmpty() ? Long.MAX_VALUE : byDueTime.firstKey();
  }

  /** Marks a run polled from the schedule as having no step in it; returns when the step was due. */
  static long taken(Execution due) {
    long at = due.nextStepAt();
    due.scheduleNextStep(Execution.UNSCHEDULED);
    return at;
  }
}
