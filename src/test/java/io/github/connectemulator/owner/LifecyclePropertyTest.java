package io.github.connectemulator.owner;

import static io.github.connectemulator.owner.ExecutionOwnerTest.INSTANCE;
import static io.github.connectemulator.owner.ExecutionOwnerTest.T0;
import static io.github.connectemulator.owner.ExecutionOwnerTest.THREE_OBSERVATIONS;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Random sequences of operations on one owner never break the lifecycle: a final status stays final, a run's counts
 * agree with its records, no more runs are IN_PROGRESS than the quota allows, and paging through the runs yields each
 * one exactly once, newest first.
 */
class LifecyclePropertyTest {

  private static final int MAX_RUNNING = 2;

  sealed interface Action {}

  record Start(int testCase, boolean withToken) implements Action {}

  record Stop(int execution) implements Action {}

  record Advance(long millis) implements Action {}

  record Delete(int testCase) implements Action {}

  @Provide
  Arbitrary<List<Action>> actions() {
    Arbitrary<Action> action = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(5, Arbitraries.integers().between(0, 2).flatMap(tc ->
            Arbitraries.of(true, false).map(token -> (Action) new Start(tc, token)))),
        net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0, 30).map(e -> (Action) new Stop(e))),
        net.jqwik.api.Tuple.of(5, Arbitraries.longs().between(1, 400).map(ms -> (Action) new Advance(ms))),
        net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 2).map(tc -> (Action) new Delete(tc))));
    return action.list().ofMinSize(1).ofMaxSize(60);
  }

  @Property(tries = 300)
  void theLifecycleHoldsWhateverTheSequence(@ForAll("actions") List<Action> actions, @ForAll("pageSizes") int page) {
    var clock = new ManualClock(T0);
    var owner = new ExecutionOwner(ExecutionOwnerTest.config(Map.of(
        "quota.maxRunningPerInstance", Integer.toString(MAX_RUNNING),
        "retention.maxFinishedExecutions", "100000")), clock);
    List<String> testCases = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      testCases.add(owner.create(ExecutionOwnerTest.create("tc-" + i, THREE_OBSERVATIONS, TestCaseStatus.PUBLISHED,
          null)).testCaseId());
    }
    List<String[]> runs = new ArrayList<>();
    Map<String, ExecutionSummary> finals = new HashMap<>();
    int tokens = 0;

    for (Action action : actions) {
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
          for (long step = 0; step < advance.millis(); step += 10) {
            clock.advance(10);
            owner.advance();
          }
        } else if (action instanceof Delete delete) {
          owner.delete(new DeleteTestCase(INSTANCE, testCases.get(delete.testCase())));
        }
      } catch (AwsFailure expected) {
        // Starting a deleted test case, stopping a PASSED run: refused, and nothing may change.
      }
      checkInvariants(owner, runs, finals, page);
    }
    // The property means something only if sequences reach every kind of end, and pages really split.
    var ends = new HashSet<ExecutionStatus>();
    finals.values().forEach(summary -> ends.add(summary.status()));
    Statistics.label("passed").collect(ends.contains(ExecutionStatus.PASSED));
    Statistics.label("stopped").collect(ends.contains(ExecutionStatus.STOPPED));
    Statistics.label("paged").collect(runs.size() > page);
    Statistics.label("passed").coverage(coverage -> coverage.check(true).percentage(p -> p > 20));
    Statistics.label("stopped").coverage(coverage -> coverage.check(true).percentage(p -> p > 20));
    Statistics.label("paged").coverage(coverage -> coverage.check(true).percentage(p -> p > 20));
  }

  @Provide
  Arbitrary<Integer> pageSizes() {
    return Arbitraries.integers().between(1, 7);
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
