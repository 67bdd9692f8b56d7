package io.github.connectemulator.owner;

import static io.github.connectemulator.owner.ExecutionOwnerTest.INITIATED;
import static io.github.connectemulator.owner.ExecutionOwnerTest.INSTANCE;
import static io.github.connectemulator.owner.ExecutionOwnerTest.OBSERVATION;
import static io.github.connectemulator.owner.ExecutionOwnerTest.T0;
import static io.github.connectemulator.owner.ExecutionOwnerTest.THREE_OBSERVATIONS;
import static io.github.connectemulator.owner.TestCaseRulesTest.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.connectemulator.operations.AwsErrorType;
import io.github.connectemulator.operations.AwsFailure;
import io.github.connectemulator.owner.protocol.ExecutionSummary;
import io.github.connectemulator.owner.protocol.GetExecutionSummary;
import io.github.connectemulator.owner.protocol.ListRecords;
import io.github.connectemulator.owner.protocol.PageRequest;
import io.github.connectemulator.owner.protocol.RecordView;
import io.github.connectemulator.owner.protocol.StartExecution;
import io.github.connectemulator.owner.protocol.StopExecution;
import io.github.connectemulator.config.Controls;
import io.github.connectemulator.config.EmulatorConfig;
import io.github.connectemulator.model.ExecutionStatus;
import io.github.connectemulator.model.RecordStatus;
import io.github.connectemulator.model.TestCaseStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Quotas, transition modes, outcomes, seeded ids, throttling and faults, on one owner with a manual clock. */
class EmulationControlsTest {

  ManualClock clock = new ManualClock(T0);
  Controls controls;
  ExecutionOwner owner;

  void owner(Map<String, String> keys) {
    EmulatorConfig config = ExecutionOwnerTest.config(keys);
    controls = new Controls(config);
    owner = new ExecutionOwner(config, controls, clock);
  }

  String testCase(String name, Map<String, String> tags) {
    return owner.create(ExecutionOwnerTest.create(name, THREE_OBSERVATIONS, TestCaseStatus.PUBLISHED, tags))
        .testCaseId();
  }

  String start(String testCase) {
    return owner.start(new StartExecution(INSTANCE, testCase, null)).executionId();
  }

  ExecutionSummary summary(String testCase, String execution) {
    return owner.summary(new GetExecutionSummary(INSTANCE, testCase, execution));
  }

  void runFor(long millis) {
    for (long step = 0; step < millis; step += 10) {
      clock.advance(10);
      owner.advance();
    }
  }

  @Test
  void awsQuotasRunFiveAtOnceQueueTheRestAndRefuseTheHundredAndFirst() {
    owner(Map.of("quota.maxRunningPerInstance", "5", "quota.maxQueuedPerInstance", "100"));
    String testCase = testCase("quota", null);
    var runs = new ArrayList<String>();
    for (int i = 0; i < 100; i++) {
      runs.add(start(testCase));
    }
    assertFails(AwsErrorType.SERVICE_QUOTA_EXCEEDED, () -> start(testCase));

    runFor(INITIATED);
    assertThat(runs.stream().map(id -> summary(testCase, id).status()).filter(s -> s == ExecutionStatus.IN_PROGRESS))
        .hasSize(5);
    assertThat(summary(testCase, runs.get(5)).status()).isEqualTo(ExecutionStatus.INITIATED);

    owner.stop(new StopExecution(INSTANCE, testCase, runs.get(0), null));
    assertThat(start(testCase)).as("a freed place in the queue takes a new Start").isNotBlank();
    runFor(INITIATED);
    assertThat(summary(testCase, runs.get(5)).status())
        .as("the oldest waiting run gets the freed slot").isEqualTo(ExecutionStatus.IN_PROGRESS);
    assertThat(summary(testCase, runs.get(6)).status()).isEqualTo(ExecutionStatus.INITIATED);
    assertThat(summary(testCase, runs.get(5)).startTime()).as("StartTime stays the Start call").isEqualTo(T0);
  }

  @Test
  void executionsNotYetFinalAreBoundedWhateverTheQuotas() {
    owner(Map.of("owners.maxLiveExecutions", "3"));
    String testCase = testCase("bounded", null);
    String first = start(testCase);
    start(testCase);
    start(testCase);
    assertFails(AwsErrorType.THROTTLING, () -> start(testCase));

    owner.stop(new StopExecution(INSTANCE, testCase, first, null));
    assertThat(start(testCase)).as("a run that ended frees its place").isNotBlank();
    assertFails(AwsErrorType.THROTTLING, () -> start(testCase));
    runFor(INITIATED + 3 * OBSERVATION);
    assertThat(start(testCase)).as("finished runs free theirs").isNotBlank();
  }

  @Test
  void raisingTheQuotaAtRuntimeStartsWaitingRuns() {
    owner(Map.of("quota.maxRunningPerInstance", "1", "quota.maxQueuedPerInstance", "0"));
    String testCase = testCase("raise", null);
    String first = start(testCase);
    String second = start(testCase);
    runFor(INITIATED);
    assertThat(summary(testCase, second).status()).isEqualTo(ExecutionStatus.INITIATED);
    controls.update(Map.of("quota.maxRunningPerInstance", "2"));
    owner.handle(new io.github.connectemulator.owner.protocol.AdminCommand.Nudge());
    runFor(INITIATED);
    assertThat(summary(testCase, first).status()).isEqualTo(ExecutionStatus.IN_PROGRESS);
    assertThat(summary(testCase, second).status()).isEqualTo(ExecutionStatus.IN_PROGRESS);
  }

  @Test
  void immediateModeEndsTheRunAtStart() {
    owner(Map.of("timing.mode", "immediate"));
    String testCase = testCase("instant", Map.of("emulator:outcome", "FAILED"));
    var started = owner.start(new StartExecution(INSTANCE, testCase, null));
    assertThat(started.status()).as("Start still reports the new run").isEqualTo(ExecutionStatus.INITIATED);
    ExecutionSummary done = summary(testCase, started.executionId());
    assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(done.endTime()).isEqualTo(T0);
    assertThat(done.observationsPassed()).isEqualTo(2);
  }

  @Test
  void manualModeMovesOneStepPerPollsPerStep() {
    owner(Map.of("timing.manualPollsPerStep", "2"));
    String testCase = testCase("manual", Map.of("emulator:mode", "manual"));
    String execution = start(testCase);
    runFor(10_000);
    assertThat(summary(testCase, execution).status()).as("first poll: no step yet").isEqualTo(ExecutionStatus.INITIATED);
    assertThat(summary(testCase, execution).status()).isEqualTo(ExecutionStatus.IN_PROGRESS);
    for (int i = 0; i < 5; i++) {
      summary(testCase, execution);
    }
    assertThat(summary(testCase, execution).status()).isEqualTo(ExecutionStatus.PASSED);
  }

  /**
   * A manual run finished by polls leaves no step behind: its time cap was in the schedule, and its slot serves the
   * next run, which the old cap must not step.
   */
  @Test
  void aManualRunsTimeCapDoesNotOutliveIt() {
    owner(Map.of("timing.manualPollsPerStep", "1", "timing.maxRunMillis", "5000"));
    String manual = testCase("manual", Map.of("emulator:mode", "manual"));
    String timed = testCase("timed", null);
    String first = start(manual);
    for (int i = 0; i < 4; i++) {
      summary(manual, first);
    }
    assertThat(summary(manual, first).status()).isEqualTo(ExecutionStatus.PASSED);
    clock.advance(1_000);
    String second = start(timed);
    runFor(5_000); // past the first run's cap, at T0 + 5 000
    ExecutionSummary done = summary(timed, second);
    assertThat(done.status()).isEqualTo(ExecutionStatus.PASSED);
    assertThat(done.endTime()).isEqualTo(T0 + 1_000 + INITIATED + 3 * OBSERVATION);
    assertThat(summary(manual, first).endTime()).isEqualTo(T0);
  }

  @Test
  void adminStepsMoveManualRuns() {
    owner(Map.of("timing.mode", "manual", "timing.manualPollsPerStep", "1000"));
    String testCase = testCase("stepped", null);
    String execution = start(testCase);
    var moved = owner.handle(new io.github.connectemulator.owner.protocol.AdminCommand.StepRuns(INSTANCE, null, 2));
    assertThat(moved).isEqualTo(new io.github.connectemulator.owner.protocol.AdminCommand.RunsStepped(1));
    assertThat(summary(testCase, execution).observationsPassed()).isEqualTo(1);
    owner.handle(new io.github.connectemulator.owner.protocol.AdminCommand.StepRuns(null, execution, 10));
    assertThat(summary(testCase, execution).status()).isEqualTo(ExecutionStatus.PASSED);
  }

  @Test
  void timeoutOutcomeFailsTheLastObservationAtTheCapEvenInManualMode() {
    owner(Map.of("timing.maxRunMillis", "300000"));
    String timed = testCase("timeout", Map.of("emulator:outcome", "TIMEOUT"));
    String execution = start(timed);
    runFor(INITIATED + 3 * OBSERVATION + 1_000);
    assertThat(summary(timed, execution).status()).isEqualTo(ExecutionStatus.IN_PROGRESS);
    clock.advance(300_000);
    owner.advance();
    ExecutionSummary done = summary(timed, execution);
    assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(done.endTime() - done.startTime()).as("ends at the cap, not when the clock got there")
        .isEqualTo(INITIATED + 300_000);
    List<RecordView> records = owner.records(
        new ListRecords(INSTANCE, timed, execution, null, new PageRequest(100, null))).items();
    assertThat(records).extracting(RecordView::status)
        .containsExactly(RecordStatus.PASSED, RecordStatus.PASSED, RecordStatus.FAILED);
    assertThat(records.get(2).record()).contains("time limit");

    String manual = testCase("manual-cap", Map.of("emulator:mode", "manual"));
    String stuck = start(manual);
    summary(manual, stuck);
    clock.advance(300_000);
    owner.advance();
    assertThat(summary(manual, stuck).status()).isEqualTo(ExecutionStatus.FAILED);
  }

  @Test
  void observationMillisTagSetsThePace() {
    owner(Map.of());
    String slow = testCase("slow", Map.of("emulator:observationMillis", "1000"));
    String execution = start(slow);
    runFor(INITIATED + 3 * OBSERVATION);
    assertThat(summary(slow, execution).observationsPassed()).isZero();
    runFor(3_000);
    assertThat(summary(slow, execution).status()).isEqualTo(ExecutionStatus.PASSED);
  }

  @Test
  void failureRatioIsReproducibleFromItsSeed() {
    List<ExecutionStatus> first = outcomesWithRatio("0.3", "7");
    List<ExecutionStatus> again = outcomesWithRatio("0.3", "7");
    assertThat(again).isEqualTo(first);
    long failed = first.stream().filter(s -> s == ExecutionStatus.FAILED).count();
    assertThat(failed).as("about 30 of 100 fail").isBetween(15L, 45L);
    assertThat(outcomesWithRatio("0.3", "8")).isNotEqualTo(first);
  }

  List<ExecutionStatus> outcomesWithRatio(String ratio, String seed) {
    clock = new ManualClock(T0);
    owner(Map.of("outcome.failureRatio", ratio, "outcome.seed", seed, "timing.mode", "immediate"));
    String testCase = owner.create(new io.github.connectemulator.owner.protocol.CreateTestCase(INSTANCE, "fixed", null, null,
        "ratio", THREE_OBSERVATIONS, null, null, null, null, null)).testCaseId();
    var statuses = new ArrayList<ExecutionStatus>();
    for (int i = 0; i < 100; i++) {
      statuses.add(summary(testCase, start(testCase)).status());
    }
    return statuses;
  }

  @Test
  void seededIdsRepeatAcrossRunsAndDifferPerInstance() {
    List<String> first = idsWithSeed("42");
    assertThat(idsWithSeed("42")).isEqualTo(first);
    assertThat(idsWithSeed("43")).isNotEqualTo(first);
    assertThat(first).allSatisfy(id -> assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
  }

  List<String> idsWithSeed(String seed) {
    owner(Map.of("ids.seed", seed));
    String testCase = testCase("seeded", null);
    return List.of(testCase, start(testCase), start(testCase));
  }

  @Test
  void throttlingRefusesBeyondTheBurstPerInstanceAndOperation() {
    owner(Map.of("throttle.requestsPerSecond", "1", "throttle.burst", "3"));
    String testCase = testCase("throttled", null);
    var start = new StartExecution(INSTANCE, testCase, null);
    int admitted = 0;
    for (int i = 0; i < 10; i++) {
      if (owner.admit(start) == null) {
        admitted++;
      }
    }
    assertThat(admitted).isEqualTo(3);
    AwsFailure refused = owner.admit(start);
    assertThat(refused.type()).isEqualTo(AwsErrorType.THROTTLING);
    var summary = new GetExecutionSummary(INSTANCE, testCase, "x");
    assertThat(owner.admit(summary)).as("another operation has its own bucket").isNull();
    assertThat(owner.admit(new StartExecution("99999999-2222-3333-4444-555555555555", testCase, null)))
        .as("another instance has its own bucket").isNull();
  }

  @Test
  void faultsHitTheConfiguredOperationsReproduciblyWithLatencyInBounds() {
    var keys = new HashMap<String, String>(Map.of(
        "faults.probability", "0.5", "faults.errorType", "ThrottlingException",
        "faults.operations", "StartTestCaseExecution", "faults.seed", "3",
        "faults.latencyMinMillis", "5", "faults.latencyMaxMillis", "15"));
    List<Boolean> first = faultPattern(keys);
    assertThat(faultPattern(keys)).isEqualTo(first);
    assertThat(first).contains(true, false);
    var summary = new GetExecutionSummary(INSTANCE, "t", "x");
    for (int i = 0; i < 20; i++) {
      assertThat(owner.admit(summary)).isNull();
      assertThat(owner.replyLatencyMillis(summary)).isZero();
      assertThat(owner.replyLatencyMillis(new StartExecution(INSTANCE, "t", null))).isBetween(5L, 15L);
    }
  }

  List<Boolean> faultPattern(Map<String, String> keys) {
    owner(keys);
    var start = new StartExecution(INSTANCE, "t", null);
    var pattern = new ArrayList<Boolean>();
    for (int i = 0; i < 40; i++) {
      AwsFailure failure = owner.admit(start);
      pattern.add(failure != null);
      if (failure != null) {
        assertThat(failure.type()).isEqualTo(AwsErrorType.THROTTLING);
      }
    }
    return pattern;
  }
}
