package io.github.connectemulator.owner;

import io.github.connectemulator.model.CanonicalUuid;
import io.github.connectemulator.model.Execution;
import io.github.connectemulator.model.ExecutionStatus;
import io.github.connectemulator.operations.AwsFailure;
import io.github.connectemulator.owner.protocol.ExecutionView;
import io.github.connectemulator.owner.protocol.ListExecutions;
import io.github.connectemulator.owner.protocol.Page;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * ListTestCaseExecutions over one instance: its runs newest StartTime first, equal StartTimes by id (spec §11.8).
 * The cursor is the last listed run's StartTime and id; runs started later sort before it, so pages stay stable while
 * new runs arrive.
 *
 * <p>A page is the best of the matching runs after the cursor, kept in a bounded heap: every run not yet final, and
 * the instance's finished runs walked newest-finished first through their chain in {@link FinishedRuns}. That walk
 * stops as soon as no older finished run can make the page (its {@code startedBound}), which for the first pages
 * is after little more than a page of runs, however many are retained. Only the runs on the page become objects.
 */
final class ExecutionListing {

  /** Listing order: newest StartTime first, then by id. */
  private static final Comparator<Listed> NEWEST_FIRST = ExecutionListing::compare;

  private final LiveRuns live;
  private final FinishedRuns finished;

  ExecutionListing(LiveRuns live, FinishedRuns finished) {
    this.live = live;
    this.finished = finished;
  }

  Page<ExecutionView> page(InstanceState instance, ListExecutions command) {
    Listed after = parseCursor(command.page().after());
    int max = command.page().maxResults();
    // The best max + 1 so far, the last in listing order on top: one more than a page says whether more follow.
    var best = new PriorityQueue<Listed>(max + 2, NEWEST_FIRST.reversed());
    ExecutionStatus status = command.status();
    if (status == null || !status.isTerminal()) {
      for (Execution run : live.of(instance)) {
        if (matches(command, run)) {
          Listed listed = Listed.of(run);
          if (after == null || compare(listed, after) > 0) {
            keep(best, listed, max);
          }
        }
      }
    }
    if (status == null || (status.isTerminal() && instance.finishedByStatus[status.ordinal()] > 0)) {
      addFinished(instance, command, after, best, max);
    }
    boolean more = best.size() > max;
    if (more) {
      best.poll();
    }
    var items = new ArrayList<>(best);
    items.sort(NEWEST_FIRST);
    String next = more ? cursor(items.get(items.size() - 1)) : null;
    List<ExecutionView> views = new ArrayList<>(items.size());
    items.forEach(listed -> views.add(view(listed)));
    return new Page<>(views, next, -1);
  }

  private void addFinished(InstanceState instance, ListExecutions command, Listed after, PriorityQueue<Listed> best,
      int max) {
    for (int slot = finished.newestOf(instance); slot >= 0; slot = finished.olderInInstance(slot)) {
      // No run from here on started after the bound: once even the bound is out of the page, so is every one of them.
      long bound = finished.startedBound(slot);
      if ((best.size() > max && bound < best.peek().startTime)
          || (command.startedFrom() != null && bound < command.startedFrom())) {
        return;
      }
      if (!matches(command, slot)
          || (after != null && compare(slot, after) <= 0)
          || (best.size() > max && compare(slot, best.peek()) >= 0)) {
        continue;
      }
      keep(best, Listed.of(finished, slot), max);
    }
  }

  private static void keep(PriorityQueue<Listed> best, Listed listed, int max) {
    best.add(listed);
    if (best.size() > max + 1) {
      best.poll();
    }
  }

  private static boolean matches(ListExecutions filter, Execution run) {
    return (filter.testCaseId() == null || filter.testCaseId().equals(run.testCaseId()))
        && (filter.testCaseName() == null || filter.testCaseName().equals(run.version().name()))
        && (filter.startedFrom() == null || run.startTime() >= filter.startedFrom())
        && (filter.startedBefore() == null || run.startTime() < filter.startedBefore())
        && (filter.status() == null || filter.status() == run.status());
  }

  private boolean matches(ListExecutions filter, int slot) {
    return (filter.testCaseId() == null || filter.testCaseId().equals(finished.testCaseId(slot)))
        && (filter.testCaseName() == null || filter.testCaseName().equals(finished.version(slot).name()))
        && (filter.startedFrom() == null || finished.startTime(slot) >= filter.startedFrom())
        && (filter.startedBefore() == null || finished.startTime(slot) < filter.startedBefore())
        && (filter.status() == null || filter.status() == finished.status(slot));
  }

  private ExecutionView view(Listed listed) {
    if (listed.live != null) {
      Execution run = listed.live;
      return new ExecutionView(run.id(), run.testCaseId(), run.status(), run.startTime(), run.endTime(), run.tags());
    }
    int slot = listed.slot;
    return new ExecutionView(listed.id(), finished.testCaseId(slot), finished.status(slot), finished.startTime(slot),
        finished.endTime(slot), finished.tags(slot));
  }

  /** Where a run sits in listing order against another: negative when it comes first. */
  private static int compare(Listed run, Listed other) {
    if (run.startTime != other.startTime) {
      return run.startTime > other.startTime ? -1 : 1;
    }
    if (run.idText == null && other.idText == null) {
      return CanonicalUuid.compare(run.idHigh, run.idLow, other.idHigh, other.idLow);
    }
    return run.id().compareTo(other.id());
  }

  /** The same for a finished run, without making it an object first. */
  private int compare(int slot, Listed other) {
    long startTime = finished.startTime(slot);
    if (startTime != other.startTime) {
      return startTime > other.startTime ? -1 : 1;
    }
    if (!finished.idIsText(slot) && other.idText == null) {
      return CanonicalUuid.compare(finished.idHigh(slot), finished.idLow(slot), other.idHigh, other.idLow);
    }
    return finished.id(slot).compareTo(other.id());
  }

  private static String cursor(Listed last) {
    return last.startTime + ":" + last.id();
  }

  private static Listed parseCursor(String cursor) {
    if (cursor == null) {
      return null;
    }
    int colon = cursor.indexOf(':');
    try {
      return Listed.key(Long.parseLong(cursor.substring(0, Math.max(colon, 0))), cursor.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw AwsFailure.invalidParameter("The NextToken is not valid for this operation");
    }
  }

  /**
   * A run's place in listing order (StartTime, and the id as two longs, or as text when it is not a canonical UUID),
   * and the run: one not yet final, or a finished one's slot. A cursor is a place with no run.
   */
  private record Listed(long startTime, long idHigh, long idLow, String idText, Execution live, int slot) {

    static Listed of(Execution run) {
      // The run holds a canonical id as its two longs already: no text to make and read back.
      return run.hasCanonicalId()
          ? new Listed(run.startTime(), run.idHigh(), run.idLow(), null, run, -1)
          : new Listed(run.startTime(), 0, 0, run.id(), run, -1);
    }

    static Listed of(FinishedRuns finished, int slot) {
      return finished.idIsText(slot)
          ? new Listed(finished.startTime(slot), 0, 0, finished.id(slot), null, slot)
          : new Listed(finished.startTime(slot), finished.idHigh(slot), finished.idLow(slot), null, null, slot);
    }

    static Listed key(long startTime, String id) {
      var halves = new CanonicalUuid.Halves();
      return halves.read(id)
          ? new Listed(startTime, halves.high, halves.low, null, null, -1)
          : new Listed(startTime, 0, 0, id, null, -1);
    }

    String id() {
      if (live != null) {
        return live.id();
      }
      return idText != null ? idText : CanonicalUuid.format(idHigh, idLow);
    }
  }
}
