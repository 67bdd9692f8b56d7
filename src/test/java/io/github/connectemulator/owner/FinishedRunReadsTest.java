package io.github.connectemulator.owner;

import static io.github.connectemulator.owner.ExecutionOwnerTest.INITIATED;
import static io.github.connectemulator.owner.ExecutionOwnerTest.INSTANCE;
import static io.github.connectemulator.owner.ExecutionOwnerTest.OBSERVATION;
import static io.github.connectemulator.owner.ExecutionOwnerTest.T0;
import static io.github.connectemulator.owner.ExecutionOwnerTest.THREE_OBSERVATIONS;
import static io.github.connectemulator.owner.TestCaseRulesTest.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.connectemulator.model.ExecutionStatus;
import io.github.connectemulator.model.RecordStatus;
import io.github.connectemulator.model.TestCaseStatus;
import io.github.connectemulator.operations.AwsErrorType;
import io.github.connectemulator.owner.protocol.AdminCommand;
import io.github.connectemulator.owner.protocol.CreateTestCase;
import io.github.connectemulator.owner.protocol.DeleteTestCase;
import io.github.connectemulator.owner.protocol.ExecutionStarted;
import io.github.connectemulator.owner.protocol.GetExecutionSummary;
import io.github.connectemulator.owner.protocol.ListRecords;
import io.github.connectemulator.owner.protocol.PageRequest;
import io.github.connectemulator.owner.protocol.RecordView;
import io.github.connectemulator.owner.protocol.StartExecution;
import io.github.connectemulator.owner.protocol.StopExecution;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reads of runs that finished, which the owner keeps compactly: each answers as it did while the run was an object. */
class FinishedRunReadsTest {

  ManualClock clock;
  ExecutionOwner owner;
  String testCase;

  @BeforeEach
  void newOwner() {
    clock = new ManualClock(T0);
    owner = new ExecutionOwner(ExecutionOwnerTest.config(Map.of("timing.maxRunMillis", "1000")), clock);
    testCase = create("reads", "fixed-id", Map.of("team", "load"));
  }

  String create(String name, String id, Map<String, String> tags) {
    return owner.create(new CreateTestCase(INSTANCE, id, null, null, name, THREE_OBSERVATIONS, null, null, null,
        TestCaseStatus.PUBLISHED, tags)).testCaseId();
  }

  void runFor(long millis) {
    for (long step = 0; step < millis; step += 10) {
      clock.advance(10);
      owner.advance();
    }
  }

  ExecutionStarted start(String token) {
    return owner.start(new StartExecution(INSTANCE, testCase, token));
  }

  List<RecordView> records(String execution) {
    return owner.records(new ListRecords(INSTANCE, testCase, execution, null, new PageRequest(100, null))).items();
  }

  @Test
  void aFinishedRunsTokenGivesBackTheRunEvenAfterItsTestCaseIsDeleted() {
    for (String token : List.of("7030d270-333f-4a9e-8717-c7e721cfb626", "a token, not a UUID", "")) {
      ExecutionStarted first = start(token);
      runFor(INITIATED + 3 * OBSERVATION);
      ExecutionStarted replay = start(token);
      assertThat(replay.executionId()).as(token).isEqualTo(first.executionId());
      assertThat(replay.status()).isEqualTo(ExecutionStatus.PASSED);
    }
    ExecutionStarted first = start("kept");
    runFor(INITIATED + 3 * OBSERVATION);
    owner.delete(new DeleteTestCase(INSTANCE, testCase));
    assertThat(start("kept").executionId()).isEqualTo(first.executionId());
    assertFails(AwsErrorType.RESOURCE_NOT_FOUND, () -> start("7030D270-333F-4A9E-8717-C7E721CFB626"));
  }

  @Test
  void aTestCaseMadeAgainUnderTheSameIdSharesItsFinishedRunsAndTokens() {
    String finished = start("t").executionId();
    runFor(INITIATED + 3 * OBSERVATION);
    owner.delete(new DeleteTestCase(INSTANCE, testCase));
    create("again", "fixed-id", null);
    assertThat(start("t").executionId()).isEqualTo(finished);
    assertThat(owner.summary(new GetExecutionSummary(INSTANCE, testCase, finished)).status())
        .isEqualTo(ExecutionStatus.PASSED);
  }

  @Test
  void stoppingAFinishedRunChangesNothingOrIsRefused() {
    String stopped = start(null).executionId();
    owner.stop(new StopExecution(INSTANCE, testCase, stopped, null));
    String passed = start(null).executionId();
    runFor(INITIATED + 3 * OBSERVATION);
    owner.stop(new StopExecution(INSTANCE, testCase, stopped, null));
    assertFails(AwsErrorType.INVALID_REQUEST, () -> owner.stop(new StopExecution(INSTANCE, testCase, passed, null)));
    assertThat(owner.summary(new GetExecutionSummary(INSTANCE, testCase, stopped)).endTime()).isEqualTo(T0);
  }

  @Test
  void aFinishedRunIsFoundOnlyUnderItsInstanceAndTestCase() {
    String other = create("other", null, null);
    String run = start(null).executionId();
    runFor(INITIATED + 3 * OBSERVATION);
    assertFails(AwsErrorType.RESOURCE_NOT_FOUND, () -> owner.summary(new GetExecutionSummary(INSTANCE, other, run)));
    assertFails(AwsErrorType.RESOURCE_NOT_FOUND,
        () -> owner.records(new ListRecords(INSTANCE, other, run, null, new PageRequest(10, null))));
    assertFails(AwsErrorType.RESOURCE_NOT_FOUND,
        () -> owner.summary(new GetExecutionSummary("99999999-2222-3333-4444-555555555555", testCase, run)));
    assertFails(AwsErrorType.RESOURCE_NOT_FOUND,
        () -> owner.summary(new GetExecutionSummary(INSTANCE, testCase, run.toUpperCase())));
  }

  @Test
  void recordsOfAFinishedRunSayHowItEnded() {
    String slow = create("slow", null, Map.of("emulator:observationMillis", "600"));
    String fails = create("fails", null, Map.of("emulator:failObservation", "greeting"));
    String capped = owner.start(new StartExecution(INSTANCE, slow, null)).executionId();
    String planned = owner.start(new StartExecution(INSTANCE, fails, null)).executionId();
    runFor(1_200);
    for (String[] run : List.of(new String[] {slow, capped, "time limit"}, new String[] {fails, planned, "as planned"})) {
      List<RecordView> records = owner.records(new ListRecords(INSTANCE, run[0], run[1], null,
          new PageRequest(10, null))).items();
      assertThat(records).extracting(RecordView::status).containsExactly(RecordStatus.PASSED, RecordStatus.FAILED);
      assertThat(new JsonObject(records.get(1).record()).getString("message")).contains(run[2]);
      assertThat(owner.records(new ListRecords(INSTANCE, run[0], run[1], ExecutionStatus.PASSED,
          new PageRequest(10, null))).items()).hasSize(1);
    }
  }

  @Test
  void statsCountFinishedRunsByStatusAndResetForgetsThem() {
    start(null);
    owner.stop(new StopExecution(INSTANCE, testCase, start(null).executionId(), null));
    runFor(INITIATED + 3 * OBSERVATION);
    start(null);
    var stats = (AdminCommand.OwnerStats) owner.handle(new AdminCommand.ReadStats());
    assertThat(stats.instances().get(INSTANCE).executions())
        .isEqualTo(Map.of("PASSED", 1, "STOPPED", 1, "INITIATED", 1));
    assertThat(owner.retainedFinished()).isEqualTo(2);
    owner.reset();
    assertThat(owner.retainedFinished()).isZero();
  }
}
