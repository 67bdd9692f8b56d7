package io.github.connectemulator.owner;

import static io.github.connectemulator.owner.ExecutionOwnerTest.T0;
import static io.github.connectemulator.owner.ExecutionOwnerTest.THREE_OBSERVATIONS;

import io.github.connectemulator.model.ExecutionStatus;
import io.github.connectemulator.model.TestCaseStatus;
import io.github.connectemulator.owner.protocol.CreateTestCase;
import io.github.connectemulator.owner.protocol.GetExecutionSummary;
import io.github.connectemulator.owner.protocol.ListExecutions;
import io.github.connectemulator.owner.protocol.ListRecords;
import io.github.connectemulator.owner.protocol.Page;
import io.github.connectemulator.owner.protocol.PageRequest;
import io.github.connectemulator.owner.protocol.StartExecution;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Prints what reads of retained finished runs cost with 200 000 of them on one owner: a figure to compare between
 * versions, not a check (the machine decides the numbers). Run with
 * {@code mvn -q -DskipSdkTests=true -Dtest=RetainedRunsReport -Dretained.report=true test}.
 */
@EnabledIfSystemProperty(named = "retained.report", matches = "true")
class RetainedRunsReport {

  private static final int RETAINED = 200_000;
  private static final String BIG = "11111111-2222-3333-4444-555555555555";
  private static final String SMALL = "22222222-2222-3333-4444-555555555555";

  @Test
  void printsTheCostOfReadsWithManyRetainedRuns() {
    var clock = new ManualClock(T0);
    var owner = new ExecutionOwner(ExecutionOwnerTest.config(Map.of(
        "timing.mode", "immediate",
        "retention.maxFinishedExecutions", Integer.toString(RETAINED + 1_000))), clock);
    String big = testCase(owner, BIG);
    String small = testCase(owner, SMALL);
    String someRun = null;
    long filled = System.nanoTime();
    for (int i = 0; i < RETAINED; i++) {
      // About 40 Starts a millisecond, as under load: many runs share a StartTime.
      if (i % 40 == 0) {
        clock.advance(1);
        owner.advance();
      }
      String id = owner.start(new StartExecution(BIG, big, "token-" + i)).executionId();
      if (i == RETAINED / 2) {
        someRun = id;
      }
      if (i % 2_000 == 0) {
        owner.start(new StartExecution(SMALL, small, null));
      }
    }
    System.out.printf("retained finished runs: %d (filled in %d ms)%n", owner.retainedFinished(),
        (System.nanoTime() - filled) / 1_000_000);

    Page<?> first = owner.executions(list(BIG, null, null));
    String cursor = first.next();
    for (int page = 1; page < 50; page++) {
      cursor = owner.executions(list(BIG, null, cursor)).next();
    }
    String fiftieth = cursor;
    String run = someRun;
    report("ListTestCaseExecutions, first page of 100, instance with 200 000",
        () -> owner.executions(list(BIG, null, null)));
    report("ListTestCaseExecutions, page 51 of 100", () -> owner.executions(list(BIG, null, fiftieth)));
    report("ListTestCaseExecutions, status filter no run matches",
        () -> owner.executions(list(BIG, ExecutionStatus.STOPPED, null)));
    report("ListTestCaseExecutions, test case name filter no run matches (every run read)",
        () -> owner.executions(new ListExecutions(BIG, null, "no-such-name", null, null, null,
            new PageRequest(100, null))));
    report("ListTestCaseExecutions, first page, instance with 100 next to it",
        () -> owner.executions(list(SMALL, null, null)));
    report("GetTestCaseExecutionSummary of a finished run",
        () -> owner.summary(new GetExecutionSummary(BIG, big, run)));
    report("ListTestCaseExecutionRecords of a finished run",
        () -> owner.records(new ListRecords(BIG, big, run, null, new PageRequest(100, null))));
    report("StartTestCaseExecution replaying a finished run's ClientToken",
        () -> owner.start(new StartExecution(BIG, big, "token-" + (RETAINED / 2))));
  }

  private static String testCase(ExecutionOwner owner, String instance) {
    return owner.create(new CreateTestCase(instance, null, null, null, "report", THREE_OBSERVATIONS, null, null, null,
        TestCaseStatus.PUBLISHED, null)).testCaseId();
  }

  private static ListExecutions list(String instance, ExecutionStatus status, String cursor) {
    return new ListExecutions(instance, null, null, null, null, status, new PageRequest(100, cursor));
  }

  /** Median and best of 30 calls after 30 to warm up, in microseconds. */
  private static void report(String what, Supplier<Object> call) {
    long[] micros = new long[30];
    for (int i = 0; i < 30; i++) {
      call.get();
    }
    for (int i = 0; i < micros.length; i++) {
      long t0 = System.nanoTime();
      call.get();
      micros[i] = (System.nanoTime() - t0) / 1_000;
    }
    Arrays.sort(micros);
    System.out.printf("%-75s median %8d us, best %8d us%n", what, micros[micros.length / 2], micros[0]);
  }
}
