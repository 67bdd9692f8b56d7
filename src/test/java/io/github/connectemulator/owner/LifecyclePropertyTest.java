package io.github.connectemulator.owner;

import static io.github.connectemulator.owner.ExecutionOwnerTest.INSTANCE;
import static io.github.connectemulator.owner.ExecutionOwnerTest.T0;
import static io.github.connectemulator.owner.ExecutionOwnerTest.THREE_OBSERVATIONS;
import static io.github.connectemulator.testing.Gen.weighted;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.connectemulator.operations.AwsFailure;
import io.github.connectemulator.owner.protocol.DeleteTestCase;
import io.github.connectemulator.owner.protocol.ExecutionSummary;
import io.github.connectemulator.owner.protocol.ExecutionView;
import io.github.connectemulator.owner.protocol.GetExecutionSummary;
import io.github.connectemulator.owner.protocol.ListExecutions;
import io.github.connectemulator.owner.protocol.ListRecords;
import io.github.connectemulator.owner.protocol.Page;
import io.github.connectemulator.owner.protocol.PageRequest;
import io.github.connectemulator.owner.protocol.RecordView;
import io.github.connectemulator.owner.protocol.StartExecution;
import io.github.connectemulator.owner.protocol.StopExecution;
import io.github.connectemulator.model.ExecutionStatus;
import io.github.connectemulator.model.RecordStatus;
import io.github.connectemulator.model.TestCaseStatus;
import io.github.connectemulator.testing.Gen;
import io.github.connectemulator.testing.SeededRun;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Random sequences of operations on one owner never break the lifecycle: a final status stays final, a run's counts
 * agree with its records, no more runs are IN_PROGRESS than the quota allows, and paging through the runs yields each
 * one exactly once, newest first.
 *
 * <p>300 sequences per run, from a fresh seed that is printed; {@code -Dlifecycle.seed=S} replays a run,
 * {@code -Dlifecycle.case=N} only its sequence N, and {@code -Dlifecycle.sequences=C} runs C sequences.
 */
class LifecyclePropertyTest {

  private static final int MAX_RUNNING = 2;
  private static final int SEQUENCES = 300;

  sealed interface Action {}

  record Start(int testCase, boolean withToken) implements Action {}

  record Stop(int execution) implements Action {}

  record Advance(long millis) implements Action {}

  record Delete(int testCase) implements Action {}

  /** Between 1 and 60 actions: starts and clock moves most often, then stops, and now and then a delete. */
  static List<Action> actions(Gen gen) {
    return gen.list(1, 60, () -> gen.<Action>frequency(
        weighted(5, () -> new Start(gen.between(0, 2), gen.bool())),
        weighted(2, () -> new Stop(gen.between(0, 30))),
        weighted(5, () -> new Advance(gen.between(1L, 400L))),
        weighted(1, () -> new Delete(gen.between(0, 2)))));
  }

  /** What happened across the sequences, so the run can show it meant something. */
  private static final class Reached {
    final Map<String, Integer> actions = new TreeMap<>();
    final Map<ExecutionStatus, Integer> sequencesWithARun = new EnumMap<>(ExecutionStatus.class);
    int sequences;
    int paged;
  }

  @Test
  void theLifecycleHoldsWhateverTheSequence() {
    var run = new SeededRun(LifecyclePropertyTest.class, "lifecycle", "sequences", SEQUENCES, Duration.ofMillis(200));
    var reached = new Reached();
    run.forEachCase((index, gen) -> {
      List<Action> actions = actions(gen);
      int page = gen.between(1, 7);
      runSequence(actions, page, gen.anyLong(), reached);
    });
    System.out.println("LifecyclePropertyTest reached, in " + reached.sequences + " sequences: actions "
        + reached.actions + ", sequences with a run ending " + reached.sequencesWithARun + ", paged " + reached.paged);
    if (run.isFullRun()) {
      // The property means something only if sequences reach every kind of end, and pages really split.
      assertThat(reached.actions).as("every kind of action").hasSize(4);
      int fifth = reached.sequences / 5;
      assertThat(reached.sequencesWithARun.getOrDefault(ExecutionStatus.PASSED, 0)).as("sequences with a PASSED run")
          .isGreaterThan(fifth);
      assertThat(reached.sequencesWithARun.getOrDefault(ExecutionStatus.STOPPED, 0)).as("sequences with a STOPPED run")
          .isGreaterThan(fifth);
      assertThat(reached.paged).as("sequences whose runs took more than one page").isGreaterThan(fifth);
    }
  }

  private static void runSequence(List<Action> actions, int page, long idSeed, Reached reached) {
    var clock = new ManualClock(T0);
    var owner = new ExecutionOwner(ExecutionOwnerTest.config(Map.of(
        "quota.maxRunningPerInstance", Integer.toString(MAX_RUNNING),
        "retention.maxFinishedExecutions", "100000",
        "ids.seed", Long.toString(idSeed))), clock);
    List<String> testCases = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      testCases.add(owner.create(ExecutionOwnerTest.create("tc-" + i, THREE_OBSERVATIONS, TestCaseStatus.PUBLISHED,
          null)).testCaseId());
    }
    List<String[]> runs = new ArrayList<>();
    Map<String, ExecutionSummary> finals = new HashMap<>();
    int tokens = 0;

    for (int step = 0; step < actions.size(); step++) {
      Action action = actions.get(step);
      reached.actions.merge(action.getClass().getSimpleName(), 1, Integer::sum);
      try {
        if (action instanceof Start start) {
          String testCase = testCases.get(start.testCase());
          String token = start.withToken() ? "token-" + (tokens++ % 3) : null;
          String id = owner.start(new StartExecution(INSTANCE, testCase, token)).executionId();
          if (runs.stream().noneMatch(run -> run[1].equals(id))) {
            runs.add(new String[] {testCase, id});
          }
        } else if (action instanceof Stop stop) {
          if (!runs.isEmpty()) {
            String[] run = runs.get(stop.execution() % runs.size());
            owner.stop(new StopExecution(INSTANCE, run[0], run[1], null));
          }
        } else if (action instanceof Advance advance) {
          for (long millis = 0; millis < advance.millis(); millis += 10) {
            clock.advance(10);
            owner.advance();
          }
        } else if (action instanceof Delete delete) {
          owner.delete(new DeleteTestCase(INSTANCE, testCases.get(delete.testCase())));
        }
      } catch (AwsFailure expected) {
        // Starting a deleted test case, stopping a PASSED run: refused, and nothing may change.
      }
      try {
        checkInvariants(owner, runs, finals, page);
      } catch (AssertionError broken) {
        throw new AssertionError("after action " + (step + 1) + " of " + actions.subList(0, step + 1)
            + " (page size " + page + "): " + broken.getMessage(), broken);
      }
    }
    var ends = new HashSet<ExecutionStatus>();
    finals.values().forEach(summary -> ends.add(summary.status()));
    ends.forEach(status -> reached.sequencesWithARun.merge(status, 1, Integer::sum));
    reached.sequences++;
    if (runs.size() > page) {
      reached.paged++;
    }
  }

  private static void checkInvariants(ExecutionOwner owner, List<String[]> runs, Map<String, ExecutionSummary> finals,
      int page) {
    int inProgress = 0;
    for (String[] run : runs) {
      ExecutionSummary summary = owner.summary(new GetExecutionSummary(INSTANCE, run[0], run[1]));
      ExecutionSummary before = finals.get(run[1]);
      if (before != null) {
        assertThat(summary).as("a final run never changes").isEqualTo(before);
      } else if (summary.status().isTerminal()) {
        finals.put(run[1], summary);
      }
      if (summary.status() == ExecutionStatus.IN_PROGRESS) {
        inProgress++;
      }
      List<RecordView> records = owner.records(new ListRecords(INSTANCE, run[0], run[1], null,
          new PageRequest(100, null))).items();
      assertThat(records.stream().filter(r -> r.status() == RecordStatus.PASSED).count())
          .isEqualTo(summary.observationsPassed());
      assertThat(records.stream().filter(r -> r.status() == RecordStatus.FAILED).count())
          .isEqualTo(summary.observationsFailed());
      assertThat(records.size()).isLessThanOrEqualTo(summary.totalObservations());
      switch (summary.status()) {
        case INITIATED -> assertThat(records).isEmpty();
        case PASSED -> assertThat(summary.observationsPassed()).isEqualTo(summary.totalObservations());
        case IN_PROGRESS -> assertThat(records).last().extracting(RecordView::status)
            .isEqualTo(RecordStatus.IN_PROGRESS);
        default -> assertThat(summary.endTime()).isGreaterThanOrEqualTo(summary.startTime());
      }
    }
    assertThat(inProgress).as("runs IN_PROGRESS at once").isLessThanOrEqualTo(MAX_RUNNING);

    List<ExecutionView> paged = new ArrayList<>();
    String cursor = null;
    do {
      Page<ExecutionView> result = owner.executions(
          new ListExecutions(INSTANCE, null, null, null, null, null, new PageRequest(page, cursor)));
      assertThat(result.items().size()).isLessThanOrEqualTo(page);
      paged.addAll(result.items());
      cursor = result.next();
    } while (cursor != null);
    assertThat(paged).extracting(ExecutionView::executionId)
        .as("every run exactly once").doesNotHaveDuplicates().hasSize(runs.size())
        .containsExactlyInAnyOrderElementsOf(runs.stream().map(run -> run[1]).toList());
    for (int i = 1; i < paged.size(); i++) {
      assertThat(paged.get(i - 1).startTime()).as("newest first").isGreaterThanOrEqualTo(paged.get(i).startTime());
    }
    assertThat(new HashSet<>(paged)).hasSize(paged.size());
  }
}
