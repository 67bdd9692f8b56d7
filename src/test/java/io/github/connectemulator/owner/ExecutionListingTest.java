package io.github.connectemulator.owner;

import static io.github.connectemulator.owner.ExecutionOwnerTest.INSTANCE;
import static io.github.connectemulator.owner.ExecutionOwnerTest.T0;
import static io.github.connectemulator.owner.ExecutionOwnerTest.THREE_OBSERVATIONS;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.connectemulator.model.ExecutionStatus;
import io.github.connectemulator.model.TestCaseStatus;
import io.github.connectemulator.operations.AwsFailure;
import io.github.connectemulator.owner.journal.ReplayableIds;
import io.github.connectemulator.owner.protocol.DeleteTestCase;
import io.github.connectemulator.owner.protocol.ExecutionSummary;
import io.github.connectemulator.owner.protocol.ExecutionView;
import io.github.connectemulator.owner.protocol.GetExecutionSummary;
import io.github.connectemulator.owner.protocol.ListExecutions;
import io.github.connectemulator.owner.protocol.Page;
import io.github.connectemulator.owner.protocol.PageRequest;
import io.github.connectemulator.owner.protocol.StartExecution;
import io.github.connectemulator.owner.protocol.StopExecution;
import io.github.connectemulator.testing.Gen;
import io.github.connectemulator.testing.SeededRun;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ListTestCaseExecutions pages, over runs not yet final and finished ones kept compactly, are exactly the matching
 * runs in the reference order (newest StartTime first, then by id as text), whatever the filters and page size:
 * with many equal StartTimes, ids that are not canonical UUIDs (as a journal could replay), runs queued long and
 * finished late, evictions, and a deleted test case.
 *
 * <p>{@code -Dlisting.seed=S} replays a run, {@code -Dlisting.case=N} one case, {@code -Dlisting.sequences=C} more.
 */
class ExecutionListingTest {

  private static final Comparator<Run> REFERENCE =
      Comparator.comparingLong(Run::startTime).reversed().thenComparing(Run::id);

  private record Run(String id, String testCaseId, String name, long startTime, ExecutionStatus status) {}

  @Test
  void pagesAreTheMatchingRunsInListingOrder() {
    new SeededRun(ExecutionListingTest.class, "listing", "sequences", 60, Duration.ofMillis(500))
        .forEachCase((index, gen) -> sequence(gen));
  }

  private static void sequence(Gen gen) {
    var clock = new ManualClock(T0);
    var owner = new ExecutionOwner(ExecutionOwnerTest.config(Map.of(
        "quota.maxRunningPerInstance", Integer.toString(gen.between(1, 4)),
        "retention.maxFinishedExecutions", Integer.toString(gen.between(3, 60)))), clock);
    ReplayableIds ids = owner.useReplayableIds();
    List<String> testCases = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.beginCommand(List.of());
      testCases.add(owner.create(ExecutionOwnerTest.create("name-" + i, THREE_OBSERVATIONS,
          TestCaseStatus.PUBLISHED, null)).testCaseId());
    }
    List<String[]> started = new ArrayList<>(); // test case, execution id
    int steps = gen.between(20, 120);
    for (int step = 0; step < steps; step++) {
      int action = gen.between(0, 9);
      try {
        if (action < 5) {
          String testCase = gen.pick(testCases);
          String id = gen.oneOf(
              () -> java.util.UUID.randomUUID().toString(),
              () -> java.util.UUID.randomUUID().toString(),
              () -> java.util.UUID.randomUUID().toString().toUpperCase(),
              () -> "run-" + gen.alpha(1, 6) + "-" + started.size()); // ids are unique, as every id source's are
          ids.beginCommand(List.of(id));
          String token = gen.bool() ? null : "token-" + gen.between(0, 5);
          String issued = owner.start(new StartExecution(INSTANCE, testCase, token)).executionId();
          if (started.stream().noneMatch(run -> run[1].equals(issued))) {
            started.add(new String[] {testCase, issued});
          }
        } else if (action < 8) {
          clock.advance(gen.pick(0L, 0L, 1L, 30L, 120L));
          owner.advance();
        } else if (action == 8 && !started.isEmpty()) {
          String[] run = gen.pick(started);
          owner.stop(new StopExecution(INSTANCE, run[0], run[1], null));
        } else if (gen.between(0, 3) == 0) {
          owner.delete(new DeleteTestCase(INSTANCE, gen.pick(testCases)));
        }
      } catch (AwsFailure refused) {
        // a stop of a run that PASSED, a start of a deleted test case, an id issued twice
      }
      if (step % 10 == 9 || step == steps - 1) {
        checkListings(owner, gen, runs(owner, started));
      }
    }
  }

  /** Every run the owner still has, as the reference sees it. */
  private static List<Run> runs(ExecutionOwner owner, List<String[]> started) {
    List<Run> runs = new ArrayList<>();
    for (String[] run : started) {
      try {
        ExecutionSummary summary = owner.summary(new GetExecutionSummary(INSTANCE, run[0], run[1]));
        runs.add(new Run(run[1], run[0], null, summary.startTime(), summary.status()));
      } catch (AwsFailure evicted) {
        // gone from retention
      }
    }
    return runs;
  }

  private static void checkListings(ExecutionOwner owner, Gen gen, List<Run> runs) {
    for (int check = 0; check < 4; check++) {
      String testCaseId = gen.bool() || runs.isEmpty() ? null : gen.pick(runs).testCaseId();
      ExecutionStatus status = gen.bool() ? null : gen.pick(ExecutionStatus.values());
      Long from = gen.between(0, 3) == 0 && !runs.isEmpty() ? gen.pick(runs).startTime() : null;
      Long before = gen.between(0, 3) == 0 && !runs.isEmpty() ? gen.pick(runs).startTime() : null;
      int pageSize = gen.between(1, 7);
      List<String> expected = runs.stream()
          .filter(run -> testCaseId == null || run.testCaseId().equals(testCaseId))
          .filter(run -> status == null || run.status() == status)
          .filter(run -> from == null || run.startTime() >= from)
          .filter(run -> before == null || run.startTime() < before)
          .sorted(REFERENCE).map(Run::id).toList();

      List<String> listed = new ArrayList<>();
      String cursor = null;
      int pages = 0;
      do {
        Page<ExecutionView> page = owner.executions(new ListExecutions(INSTANCE, testCaseId, null, from, before, status,
            new PageRequest(pageSize, cursor)));
        assertThat(page.items().size()).isLessThanOrEqualTo(pageSize);
        if (page.next() != null) {
          assertThat(page.items()).as("a page before the last is full").hasSize(pageSize);
        }
        page.items().forEach(view -> listed.add(view.executionId()));
        cursor = page.next();
        assertThat(++pages).as("pages end").isLessThan(1_000);
      } while (cursor != null);
      assertThat(listed).as("filters test case %s, status %s, from %s, before %s, page %d", testCaseId, status, from,
          before, pageSize).isEqualTo(expected);
    }
  }
}
