package io.github.connectemulator.owner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.connectemulator.operations.AwsErrorType;
import io.github.connectemulator.operations.AwsFailure;
import io.github.connectemulator.owner.protocol.CreateTestCase;
import io.github.connectemulator.owner.protocol.DescribeTestCase;
import io.github.connectemulator.owner.protocol.ExecutionStarted;
import io.github.connectemulator.owner.protocol.ExecutionSummary;
import io.github.connectemulator.owner.protocol.GetExecutionSummary;
import io.github.connectemulator.owner.protocol.StartExecution;
import io.github.connectemulator.config.EmulatorConfig;
import io.github.connectemulator.model.ExecutionStatus;
import io.github.connectemulator.model.TestCaseStatus;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The owner's rules and lifecycle, driven directly with a manual clock. */
class ExecutionOwnerTest {

  static final String INSTANCE = "11111111-2222-3333-4444-555555555555";
  static final long T0 = 1_700_000_000_000L;
  static final long INITIATED = 50;
  static final long OBSERVATION = 100;
  static final long MAX_RUN = 1_000;
  static final String THREE_OBSERVATIONS =
      """
      {"Version":"2025-06-21","Observations":[
        {"Identifier":"start","Event":{"Type":"TestInitiated"},"Actions":[],"Transitions":{"NextObservations":["greeting"]}},
        {"Identifier":"greeting","Event":{"Type":"MessageReceived"},"Actions":[],"Transitions":{"NextObservations":["end"]}},
        {"Identifier":"end","Event":{"Type":"TestCompleted"},"Actions":[{"Identifier":"a1","Type":"TestControl"}]}]}
      """;

  ManualClock clock;
  ExecutionOwner owner;

  @BeforeEach
  void newOwner() {
    clock = new ManualClock(T0);
    owner = ownerWith(config(MAX_RUN, 1_000, 3_600_000));
  }

  ExecutionOwner ownerWith(EmulatorConfig config) {
    return new ExecutionOwner(config, clock);
  }

  /** One owner, the test timings, and no quotas unless a test asks for them. */
  static EmulatorConfig config(long maxRunMillis, int maxFinished, long ttlMillis) {
    return config(Map.of(
        "timing.maxRunMillis", Long.toString(maxRunMillis),
        "retention.maxFinishedExecutions", Integer.toString(maxFinished),
        "retention.finishedTtlMillis", Long.toString(ttlMillis)));
  }

  static EmulatorConfig config(Map<String, String> keys) {
    var all = new java.util.HashMap<String, String>(Map.of(
        "owners.count", "1",
        "http.verticles", "1",
        "timing.initiatedMillis", Long.toString(INITIATED),
        "timing.observationMillis", Long.toString(OBSERVATION),
        "quota.maxRunningPerInstance", "0",
        "quota.maxQueuedPerInstance", "0"));
    all.putAll(keys);
    return EmulatorConfig.withKeys(all);
  }

  String createPublished(String name, Map<String, String> tags) {
    return owner.create(create(name, THREE_OBSERVATIONS, TestCaseStatus.PUBLISHED, tags)).testCaseId();
  }

  static CreateTestCase create(String name, String content, TestCaseStatus status, Map<String, String> tags) {
    return new CreateTestCase(INSTANCE, null, null, null, name, content, null, null, null, status, tags);
  }

  ExecutionSummary summary(String testCaseId, String executionId) {
    return owner.summary(new GetExecutionSummary(INSTANCE, testCaseId, executionId));
  }

  void runFor(long millis) {
    for (long step = 0; step < millis; step += 10) {
      clock.advance(10);
      owner.advance();
    }
  }

  @Test
  void runGoesFromInitiatedThroughInProgressToPassedWithOneRecordPerObservation() {
    String testCase = createPublished("happy", null);
    ExecutionStarted started = owner.start(new StartExecution(INSTANCE, testCase, "token-1"));
    assertThat(started.status()).isEqualTo(ExecutionStatus.INITIATED);
    assertThat(started.testCaseId()).isEqualTo(testCase);
    assertThat(summary(testCase, started.executionId()).endTime()).isEqualTo(-1);

    runFor(INITIATED);
    ExecutionSummary running = summary(testCase, started.executionId());
    assertThat(running.status()).isEqualTo(ExecutionStatus.IN_PROGRESS);
    assertThat(running.observationsPassed()).isZero();

    runFor(OBSERVATION);
    assertThat(summary(testCase, started.executionId()).observationsPassed()).isEqualTo(1);

    runFor(2 * OBSERVATION);
    ExecutionSummary done = summary(testCase, started.executionId());
    assertThat(done.status()).isEqualTo(ExecutionStatus.PASSED);
    assertThat(done.startTime()).isEqualTo(T0);
    assertThat(done.endTime()).isEqualTo(T0 + INITIATED + 3 * OBSERVATION);
    assertThat(done.totalObservations()).isEqualTo(3);
    assertThat(done.observationsPassed()).isEqualTo(3);
    assertThat(done.observationsFailed()).isZero();
  }

  @Test
  void outcomeTagFailsTheLastObservation() {
    String testCase = createPublished("fails", Map.of("emulator:outcome", "FAILED"));
    String execution = owner.start(new StartExecution(INSTANCE, testCase, null)).executionId();
    runFor(INITIATED + 3 * OBSERVATION);
    ExecutionSummary done = summary(testCase, execution);
    assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(done.observationsPassed()).isEqualTo(2);
    assertThat(done.observationsFailed()).isEqualTo(1);
  }

  @Test
  void failObservationTagEndsTheRunAtThatObservation() {
    String testCase = createPublished("fails-early", Map.of("emulator:failObservation", "greeting"));
    String execution = owner.start(new StartExecution(INSTANCE, testCase, null)).executionId();
    runFor(INITIATED + 2 * OBSERVATION);
    ExecutionSummary done = summary(testCase, execution);
    assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(done.endTime()).isEqualTo(T0 + INITIATED + 2 * OBSERVATION);
    assertThat(done.observationsPassed()).isEqualTo(1);
    assertThat(done.observationsFailed()).isEqualTo(1);
  }

  @Test
  void runThatHitsTheTimeCapEndsFailedAtTheCap() {
    owner = ownerWith(config(250, 1_000, 3_600_000));
    String testCase = createPublished("slow", null);
    String execution = owner.start(new StartExecution(INSTANCE, testCase, null)).executionId();
    runFor(INITIATED + 3 * OBSERVATION);
    ExecutionSummary done = summary(testCase, execution);
    assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(done.endTime()).isEqualTo(T0 + INITIATED + 250);
    assertThat(done.observationsPassed()).isEqualTo(2);
    assertThat(done.observationsFailed()).isEqualTo(1);
  }

  @Test
  void sameClientTokenOnSameTestCaseReturnsTheSameRunAndStartsNothingNew() {
    String testCase = createPublished("idem", null);
    ExecutionStarted first = owner.start(new StartExecution(INSTANCE, testCase, "t"));
    runFor(INITIATED);
    ExecutionStarted replay = owner.start(new StartExecution(INSTANCE, testCase, "t"));
    assertThat(replay.executionId()).isEqualTo(first.executionId());
    assertThat(replay.status()).isEqualTo(ExecutionStatus.IN_PROGRESS);
    assertThat(owner.start(new StartExecution(INSTANCE, testCase, "other")).executionId())
        .isNotEqualTo(first.executionId());
    assertThat(owner.start(new StartExecution(INSTANCE, testCase, null)).executionId())
        .isNotEqualTo(owner.start(new StartExecution(INSTANCE, testCase, null)).executionId());
  }

  @Test
  void sameClientTokenOnAnotherTestCaseStartsAnotherRun() {
    String one = createPublished("one", null);
    String two = createPublished("two", null);
    ExecutionStarted first = owner.start(new StartExecution(INSTANCE, one, "t"));
    ExecutionStarted second = owner.start(new StartExecution(INSTANCE, two, "t"));
    assertThat(second.executionId()).isNotEqualTo(first.executionId());
    assertThat(second.testCaseId()).isEqualTo(two);
  }

  @Test
  void startOfADraftOnlyTestCaseIsInvalidRequest() {
    String draft = owner.create(create("draft", "not even json", TestCaseStatus.SAVED, null)).testCaseId();
    assertThatThrownBy(() -> owner.start(new StartExecution(INSTANCE, draft, null)))
        .isInstanceOfSatisfying(AwsFailure.class,
            f -> assertThat(f.type()).isEqualTo(AwsErrorType.INVALID_REQUEST));
  }

  @Test
  void unknownTestCaseAndExecutionAreNotFound() {
    String testCase = createPublished("known", null);
    String other = createPublished("other", null);
    String execution = owner.start(new StartExecution(INSTANCE, testCase, null)).executionId();
    assertThatThrownBy(() -> owner.start(new StartExecution(INSTANCE, "nope", null)))
        .isInstanceOfSatisfying(AwsFailure.class,
            f -> assertThat(f.type()).isEqualTo(AwsErrorType.RESOURCE_NOT_FOUND));
    assertThatThrownBy(() -> summary(testCase, "nope"))
        .isInstanceOfSatisfying(AwsFailure.class,
            f -> assertThat(f.type()).isEqualTo(AwsErrorType.RESOURCE_NOT_FOUND));
    assertThatThrownBy(() -> summary(other, execution))
        .as("an execution is found only under its own test case")
        .isInstanceOfSatisfying(AwsFailure.class,
            f -> assertThat(f.type()).isEqualTo(AwsErrorType.RESOURCE_NOT_FOUND));
  }

  @Test
  void namesAndIdsAreUniquePerInstance() {
    createPublished("taken", null);
    assertThatThrownBy(() -> createPublished("taken", null))
        .isInstanceOfSatisfying(AwsFailure.class,
            f -> assertThat(f.type()).isEqualTo(AwsErrorType.DUPLICATE_RESOURCE));
    var withId = new CreateTestCase(INSTANCE, "fixed-id", null, null, "a", THREE_OBSERVATIONS, null, null, null,
        null, null);
    owner.create(withId);
    var sameId = new CreateTestCase(INSTANCE, "fixed-id", null, null, "b", THREE_OBSERVATIONS, null, null, null,
        null, null);
    assertThatThrownBy(() -> owner.create(sameId))
        .isInstanceOfSatisfying(AwsFailure.class,
            f -> assertThat(f.type()).isEqualTo(AwsErrorType.DUPLICATE_RESOURCE));
    var otherInstance = new CreateTestCase("99999999-2222-3333-4444-555555555555", null, null, null, "taken",
        THREE_OBSERVATIONS, null, null, null, null, null);
    assertThat(owner.create(otherInstance).testCaseId()).isNotBlank();
  }

  @Test
  void publishedContentIsValidatedWithProblemsAndDraftsAreNot() {
    String invalid = "{\"Observations\":[{\"Identifier\":\"a\"},{\"Identifier\":\"a\"}]}";
    assertThatThrownBy(() -> owner.create(create("bad", invalid, TestCaseStatus.PUBLISHED, null)))
        .isInstanceOfSatisfying(AwsFailure.class, f -> {
          assertThat(f.type()).isEqualTo(AwsErrorType.INVALID_TEST_CASE);
          assertThat(f.problems()).containsExactly("Observation Identifier 'a' is not unique");
        });
    assertThat(owner.create(create("bad", invalid, TestCaseStatus.SAVED, null)).testCaseId()).isNotBlank();
  }

  @Test
  void createWithoutStatusUsesTheConfiguredDefaultAndDescribeFindsVersionsByStatus() {
    String id = owner.create(create("default", THREE_OBSERVATIONS, null, Map.of("k", "v"))).testCaseId();
    var view = owner.describe(new DescribeTestCase(INSTANCE, id, null));
    assertThat(view.version().status()).isEqualTo(TestCaseStatus.PUBLISHED);
    assertThat(view.version().lastModifiedTime()).isEqualTo(T0);
    assertThat(view.version().sha256()).hasSize(64);
    assertThat(view.tags()).containsEntry("k", "v");
    assertThat(view.arn()).isEqualTo(
        "arn:aws:connect:us-east-1:123456789012:instance/" + INSTANCE + "/test-case/" + id);
    assertThatThrownBy(() -> owner.describe(new DescribeTestCase(INSTANCE, id, TestCaseStatus.SAVED)))
        .isInstanceOfSatisfying(AwsFailure.class,
            f -> assertThat(f.type()).isEqualTo(AwsErrorType.RESOURCE_NOT_FOUND));
  }

  @Test
  void finishedRunsBeyondTheCountAreEvictedOldestFirstAndActiveRunsStay() {
    owner = ownerWith(config(MAX_RUN, 2, 3_600_000));
    String testCase = createPublished("retained", null);
    String oldest = owner.start(new StartExecution(INSTANCE, testCase, "oldest")).executionId();
    runFor(10);
    String middle = owner.start(new StartExecution(INSTANCE, testCase, null)).executionId();
    runFor(10);
    String newest = owner.start(new StartExecution(INSTANCE, testCase, null)).executionId();
    runFor(INITIATED + 3 * OBSERVATION - 30);
    String active = owner.start(new StartExecution(INSTANCE, testCase, null)).executionId();
    runFor(30);

    assertThat(owner.retainedFinished()).isEqualTo(2);
    assertThatThrownBy(() -> summary(testCase, oldest)).isInstanceOf(AwsFailure.class);
    assertThat(summary(testCase, middle).status()).isEqualTo(ExecutionStatus.PASSED);
    assertThat(summary(testCase, newest).status()).isEqualTo(ExecutionStatus.PASSED);
    assertThat(summary(testCase, active).status()).isEqualTo(ExecutionStatus.INITIATED);
    assertThat(owner.start(new StartExecution(INSTANCE, testCase, "oldest")).executionId())
        .as("the evicted run's token is forgotten with it")
        .isNotEqualTo(oldest);
  }

  @Test
  void finishedRunsPastTheirAgeAreEvicted() {
    owner = ownerWith(config(MAX_RUN, 1_000, 500));
    String testCase = createPublished("aging", null);
    String execution = owner.start(new StartExecution(INSTANCE, testCase, null)).executionId();
    runFor(INITIATED + 3 * OBSERVATION);
    assertThat(summary(testCase, execution).status()).isEqualTo(ExecutionStatus.PASSED);
    runFor(490);
    assertThat(summary(testCase, execution).status()).isEqualTo(ExecutionStatus.PASSED);
    runFor(10);
    assertThatThrownBy(() -> summary(testCase, execution)).isInstanceOf(AwsFailure.class);
    assertThat(owner.retainedFinished()).isZero();
  }

  @Test
  void runUsesThePublishedVersionAsItStoodAtStart() {
    String testCase = createPublished("snapshot", null);
    String execution = owner.start(new StartExecution(INSTANCE, testCase, null)).executionId();
    assertThat(summary(testCase, execution).totalObservations()).isEqualTo(3);
    assertThat(owner.nextDeadline()).isEqualTo(T0 + INITIATED);
  }
}
