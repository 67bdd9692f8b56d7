package io.github.connectemulator.owner;

import static io.github.connectemulator.owner.ExecutionOwnerTest.INITIATED;
import static io.github.connectemulator.owner.ExecutionOwnerTest.INSTANCE;
import static io.github.connectemulator.owner.ExecutionOwnerTest.OBSERVATION;
import static io.github.connectemulator.owner.ExecutionOwnerTest.T0;
import static io.github.connectemulator.owner.ExecutionOwnerTest.THREE_OBSERVATIONS;
import static io.github.connectemulator.owner.TestCaseRulesTest.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.connectemulator.operations.AwsErrorType;
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
import io.github.connectemulator.owner.protocol.UpdateTestCase;
import io.github.connectemulator.model.ExecutionStatus;
import io.github.connectemulator.model.RecordStatus;
import io.github.connectemulator.model.TestCaseStatus;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Stop, deletion of a running test case, listing runs and reading records, on one owner with a manual clock. */
class RunRulesTest {

  ManualClock clock;
  ExecutionOwner owner;
  String testCase;

  @BeforeEach
  void newOwner() {
    clock = new ManualClock(T0);
    owner = new ExecutionOwner(ExecutionOwnerTest.config(300_000, 1_000, 3_600_000), clock);
    testCase = createTestCase("runs", null);
  }

  String createTestCase(String name, Map<String, String> tags) {
    return owner.create(ExecutionOwnerTest.create(name, THREE_OBSERVATIONS, TestCaseStatus.PUBLISHED, tags))
        .testCaseId();
  }

  String start(String id) {
    return owner.start(new StartExecution(INSTANCE, id, null)).executionId();
  }

  ExecutionSummary summary(String execution) {
    return owner.summary(new GetExecutionSummary(INSTANCE, testCase, execution));
  }

  void stop(String execution, String token) {
    owner.stop(new StopExecution(INSTANCE, testCase, execution, token));
  }

  void runFor(long millis) {
    for (long step = 0; step < millis; step += 10) {
      clock.advance(10);
      owner.advance();
    }
  }

  List<RecordView> records(String execution, ExecutionStatus filter) {
    return owner.records(new ListRecords(INSTANCE, testCase, execution, filter, new PageRequest(100, null))).items();
  }

  @Test
  void stopEndsARunningRunWithItsOpenRecordStoppedAndNothingMovesAfter() {
    String execution = start(testCase);
    runFor(INITIATED + OBSERVATION);
    stop(execution, "stop-1");
    ExecutionSummary stopped = summary(execution);
    assertThat(stopped.status()).isEqualTo(ExecutionStatus.STOPPED);
    assertThat(stopped.endTime()).isEqualTo(T0 + INITIATED + OBSERVATION);
    assertThat(stopped.observationsPassed()).isEqualTo(1);
    assertThat(stopped.observationsFailed()).isZero();
    assertThat(records(execution, null)).extracting(RecordView::status)
        .containsExactly(RecordStatus.PASSED, RecordStatus.STOPPED);
    assertThat(owner.nextDeadline()).as("its timer is gone").isEqualTo(Long.MAX_VALUE);

    runFor(1_000);
    stop(execution, "stop-1");
    stop(execution, null);
    assertThat(summary(execution)).isEqualTo(stopped);
  }

  @Test
  void stopOfAnInitiatedRunLeavesNoRecords() {
    String execution = start(testCase);
    stop(execution, null);
    assertThat(summary(execution).status()).isEqualTo(ExecutionStatus.STOPPED);
    assertThat(records(execution, null)).isEmpty();
  }

  @Test
  void stopOfAPassedOrFailedRunIsInvalidRequest() {
    String execution = start(testCase);
    runFor(INITIATED + 3 * OBSERVATION);
    assertFails(AwsErrorType.INVALID_REQUEST, () -> stop(execution, null));
    assertThat(summary(execution).status()).isEqualTo(ExecutionStatus.PASSED);
  }

  @Test
  void deletingATestCaseStopsItsRunningRunsAndKeepsFinishedOnesReadable() {
    String finished = start(testCase);
    runFor(INITIATED + 3 * OBSERVATION);
    String running = start(testCase);
    runFor(INITIATED);
    owner.delete(new DeleteTestCase(INSTANCE, testCase));
    assertThat(summary(finished).status()).isEqualTo(ExecutionStatus.PASSED);
    assertThat(summary(running).status()).isEqualTo(ExecutionStatus.STOPPED);
    assertThat(records(finished, null)).hasSize(3);
  }

  @Test
  void recordsFollowTheRunWithFilterAndPagesAndDescribeWhatHappened() {
    String failing = createTestCase("fails", Map.of("emulator:failObservation", "greeting"));
    String execution = owner.start(new StartExecution(INSTANCE, failing, null)).executionId();
    runFor(INITIATED + 2 * OBSERVATION);
    List<RecordView> all =
        owner.records(new ListRecords(INSTANCE, failing, execution, null, new PageRequest(100, null))).items();
    assertThat(all).extracting(RecordView::observationId).containsExactly("start", "greeting");
    assertThat(all).extracting(RecordView::status).containsExactly(RecordStatus.PASSED, RecordStatus.FAILED);
    assertThat(all.get(1).timestamp()).isEqualTo(T0 + INITIATED + 2 * OBSERVATION);
    JsonObject detail = new JsonObject(all.get(1).record());
    assertThat(detail.getString("observationId")).isEqualTo("greeting");
    assertThat(detail.getString("eventType")).isEqualTo("MessageReceived");
    assertThat(detail.getString("status")).isEqualTo("FAILED");
    assertThat(detail.getString("message")).contains("outcome tags");

    var onlyFailed = owner.records(
        new ListRecords(INSTANCE, failing, execution, ExecutionStatus.FAILED, new PageRequest(100, null)));
    assertThat(onlyFailed.items()).extracting(RecordView::observationId).containsExactly("greeting");
    assertThat(owner.records(
        new ListRecords(INSTANCE, failing, execution, ExecutionStatus.INITIATED, new PageRequest(100, null)))
        .items()).isEmpty();

    Page<RecordView> first =
        owner.records(new ListRecords(INSTANCE, failing, execution, null, new PageRequest(1, null)));
    Page<RecordView> second =
        owner.records(new ListRecords(INSTANCE, failing, execution, null, new PageRequest(1, first.next())));
    assertThat(first.items()).extracting(RecordView::observationId).containsExactly("start");
    assertThat(second.items()).extracting(RecordView::observationId).containsExactly("greeting");
    assertThat(second.next()).isNull();
  }

  @Test
  void executionsAreListedNewestFirstWithFiltersCombinedAndStablePages() {
    String other = createTestCase("other", Map.of("k", "v"));
    var started = new ArrayList<String>();
    for (int i = 0; i < 5; i++) {
      started.add(start(i % 2 == 0 ? testCase : other));
      runFor(10);
    }
    List<String> newestFirst = new ArrayList<>(started);
    java.util.Collections.reverse(newestFirst);

    var seen = new ArrayList<String>();
    String cursor = null;
    do {
      Page<ExecutionView> page = list(null, null, null, null, null, new PageRequest(2, cursor));
      page.items().forEach(view -> seen.add(view.executionId()));
      cursor = page.next();
      start(testCase);
    } while (cursor != null);
    assertThat(seen).as("pages stay stable while new runs arrive").containsExactlyElementsOf(newestFirst);

    assertThat(ids(list(other, null, null, null, null, new PageRequest(100, null))))
        .containsExactly(started.get(3), started.get(1));
    assertThat(ids(list(null, "other", null, null, null, new PageRequest(100, null))))
        .containsExactly(started.get(3), started.get(1));
    assertThat(ids(list(null, null, T0 + 10, T0 + 30, null, new PageRequest(100, null))))
        .as("startTime inclusive, endTime exclusive").containsExactly(started.get(2), started.get(1));
    assertThat(ids(list(testCase, null, T0 + 10, null, ExecutionStatus.INITIATED, new PageRequest(100, null))))
        .contains(started.get(2), started.get(4)).doesNotContain(started.get(0));
  }

  @Test
  void theNameFilterMatchesTheNameTheRunStartedWith() {
    String execution = start(testCase);
    owner.update(new UpdateTestCase(INSTANCE, testCase, null, null, "renamed", null, null, null, null, null));
    assertThat(ids(list(null, "runs", null, null, null, new PageRequest(100, null)))).containsExactly(execution);
    assertThat(ids(list(null, "renamed", null, null, null, new PageRequest(100, null)))).isEmpty();
  }

  Page<ExecutionView> list(
      String testCaseId, String name, Long from, Long before, ExecutionStatus status, PageRequest page) {
    return owner.executions(new ListExecutions(INSTANCE, testCaseId, name, from, before, status, page));
  }

  static List<String> ids(Page<ExecutionView> page) {
    return page.items().stream().map(ExecutionView::executionId).toList();
  }
}
