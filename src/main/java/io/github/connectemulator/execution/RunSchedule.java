package io.github.connectemulator.execution;

import io.github.connectemulator.model.Execution;
import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * The owner's runs ordered by their next step. One queue per owner, walked by one timer, costs far less than one
 * Vert.x timer per run when many thousands are live.
 */
final class RunSchedule {

  private final PriorityQueue<Execution> queue =
      new PriorityQueue<>(Comparator.comparingLong(Execution::nextStepAt));

  void at(long time, Execution execution) {
    execution.scheduleNextStep(time);
    queue.add(execution);
  }

  /** Drops a run that ended outside the schedule (a stop), so nothing of it stays queued. */
  void cancel(Execution execution) {
    queue.remove(execution);
  }

  /** The earliest run due at {@code now}, removed from the schedule, or null. */
  Execution pollDue(long now) {
    Execution head = queue.peek();
    return head != null && head.nextStepAt() <= now ? queue.poll() : null;
  }

  long nextDeadline() {
    Execution head = queue.peek();
    return head == null ? Long.MAX_VALUE : head.nextStepAt();
  }

  int size() {
    return queue.size();
  }
}
