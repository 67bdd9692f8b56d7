package io.github.connectemulator.execution;

import io.github.connectemulator.api.AwsErrorType;
import io.github.connectemulator.api.AwsFailure;
import io.github.connectemulator.api.CreateTestCase;
import io.github.connectemulator.api.DescribeTestCase;
import io.github.connectemulator.api.ExecutionStarted;
import io.github.connectemulator.api.ExecutionSummary;
import io.github.connectemulator.api.GetExecutionSummary;
import io.github.connectemulator.api.StartExecution;
import io.github.connectemulator.api.TestCaseCreated;
import io.github.connectemulator.api.TestCaseView;
import io.github.connectemulator.config.EmulatorConfig;
import io.github.connectemulator.model.ContentDocument;
import io.github.connectemulator.model.Execution;
import io.github.connectemulator.model.ExecutionStatus;
import io.github.connectemulator.model.Ids;
import io.github.connectemulator.model.TestCase;
import io.github.connectemulator.model.TestCaseStatus;
import io.github.connectemulator.model.TestCaseVersion;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * The state and rules of the instances one owner holds: test cases, executions, idempotency tokens, and the
 * progress of runs over time. Plain single-threaded code with no Vert.x in it: {@link ExecutionVerticle} calls it
 * from its event loop, and tests call it directly with a manual clock.
 *
 * <p>Each operation returns its reply or throws {@link AwsFailure}. Time moves only through {@link #advance}.
 */
public final class ExecutionOwner {

  private final EmulatorConfig config;
  private final Clock clock;
  private final Map<String, InstanceState> instances = new HashMap<>();
  private final RunSchedule schedule = new RunSchedule();
  private final FinishedRetention retention;

  public ExecutionOwner(EmulatorConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.retention = new FinishedRetention(config.maxFinishedPerOwner(), config.finishedTtlMillis());
  }

  public TestCaseCreated create(CreateTestCase command) {
    InstanceState instance = instance(command.instanceId());
    String id = command.testCaseId() != null ? command.testCaseId() : Ids.randomUuid();
    if (instance.testCases.containsKey(id)) {
      throw new AwsFailure(AwsErrorType.DUPLICATE_RESOURCE, "A test case with id " + id + " already exists");
    }
    if (instance.testCasesByName.containsKey(command.name())) {
      throw new AwsFailure(
          AwsErrorType.DUPLICATE_RESOURCE, "A test case named '" + command.name() + "' already exists");
    }
    TestCaseStatus status = command.status() != null ? command.status() : config.defaultTestCaseStatus();
    ContentDocument document = status == TestCaseStatus.PUBLISHED ? publishable(command.content()) : null;
    long modified = command.lastModifiedTime() != null ? command.lastModifiedTime() : clock.millis();
    String region = command.lastModifiedRegion() != null ? command.lastModifiedRegion() : config.region();
    var version =
        new TestCaseVersion(
            command.name(),
            command.content(),
            command.description(),
            command.entryPoint(),
            command.initializationData(),
            status,
            modified,
            region,
            sha256(command.content()),
            document);
    var testCase = new TestCase(id, testCaseArn(command.instanceId(), id), command.tags(), version);
    instance.testCases.put(id, testCase);
    instance.testCasesByName.put(command.name(), testCase);
    return new TestCaseCreated(id, testCase.arn());
  }

  public TestCaseView describe(DescribeTestCase command) {
    TestCase testCase = existingTestCase(command.instanceId(), command.testCaseId());
    TestCaseVersion version = testCase.version(command.status());
    if (version == null) {
      throw AwsFailure.notFound("Test case " + command.testCaseId() + " has no " + command.status() + " version");
    }
    return new TestCaseView(testCase.id(), testCase.arn(), testCase.tags(), version);
  }

  /** Spec §11.5: a token replay wins over every later check, even if the test case has since gone. */
  public ExecutionStarted start(StartExecution command) {
    InstanceState instance = instance(command.instanceId());
    String tokenKey =
        command.clientToken() == null ? null : InstanceState.tokenKey(command.testCaseId(), command.clientToken());
    if (tokenKey != null) {
      Execution replayed = instance.executionsByToken.get(tokenKey);
      if (replayed != null) {
        return new ExecutionStarted(replayed.id(), replayed.testCaseId(), replayed.status());
      }
    }
    TestCase testCase = existingTestCase(command.instanceId(), command.testCaseId());
    TestCaseVersion published = testCase.published();
    if (published == null) {
      throw new AwsFailure(
          AwsErrorType.INVALID_REQUEST,
          "Test case " + testCase.id() + " has no PUBLISHED version; only published test cases can run");
    }
    long now = clock.millis();
    var execution =
        new Execution(
            Ids.randomUuid(),
            command.instanceId(),
            testCase.id(),
            published,
            testCase.tags(),
            command.clientToken(),
            OutcomePlan.failingObservation(testCase.tags(), published.document().observations()),
            now);
    instance.executions.put(execution.id(), execution);
    if (tokenKey != null) {
      instance.executionsByToken.put(tokenKey, execution);
    }
    schedule.at(now + config.initiatedMillis(), execution);
    return new ExecutionStarted(execution.id(), execution.testCaseId(), execution.status());
  }

  public ExecutionSummary summary(GetExecutionSummary command) {
    Execution execution = existingExecution(command.instanceId(), command.testCaseId(), command.executionId());
    return new ExecutionSummary(
        execution.status(),
        execution.startTime(),
        execution.endTime(),
        execution.totalObservations(),
        execution.observationsPassed(),
        execution.observationsFailed());
  }

  /** Moves every run whose next step is due at the clock's time, and evicts finished runs past retention. */
  public void advance() {
    long now = clock.millis();
    Execution due;
    while ((due = schedule.pollDue(now)) != null) {
      step(due, now);
    }
    retention.evictExpired(now, this::forget);
  }

  /** When {@link #advance} next has work, epoch milliseconds; {@link Long#MAX_VALUE} when nothing is scheduled. */
  public long nextDeadline() {
    return schedule.nextDeadline();
  }

  /** Finished runs retained: for tests and metrics. */
  public int retainedFinished() {
    return retention.size();
  }

  private void step(Execution execution, long now) {
    switch (execution.status()) {
      case INITIATED -> {
        execution.begin(now);
        scheduleObservation(execution, now);
      }
      case IN_PROGRESS -> {
        if (now - execution.runStartedAt() >= config.maxRunMillis()) {
          execution.end(ExecutionStatus.FAILED, now);
        } else {
          execution.completeObservation(now);
        }
        if (execution.status().isTerminal()) {
          retention.add(execution, this::forget);
        } else {
          scheduleObservation(execution, now);
        }
      }
      default -> {
        // Terminal runs have nothing left to do.
      }
    }
  }

  /** The next observation completes after the configured time, or the run hits its cap first. */
  private void scheduleObservation(Execution execution, long now) {
    long cap = execution.runStartedAt() + config.maxRunMillis();
    schedule.at(Math.min(now + config.observationMillis(), cap), execution);
  }

  private void forget(Execution execution) {
    InstanceState instance = instances.get(execution.instanceId());
    instance.executions.remove(execution.id());
    if (execution.clientToken() != null) {
      instance.executionsByToken.remove(
          InstanceState.tokenKey(execution.testCaseId(), execution.clientToken()), execution);
    }
  }

  private InstanceState instance(String instanceId) {
    return instances.computeIfAbsent(instanceId, id -> new InstanceState());
  }

  private TestCase existingTestCase(String instanceId, String testCaseId) {
    InstanceState instance = instances.get(instanceId);
    TestCase testCase = instance == null ? null : instance.testCases.get(testCaseId);
    if (testCase == null) {
      throw AwsFailure.notFound("Test case " + testCaseId + " not found in instance " + instanceId);
    }
    return testCase;
  }

  private Execution existingExecution(String instanceId, String testCaseId, String executionId) {
    InstanceState instance = instances.get(instanceId);
    Execution execution = instance == null ? null : instance.executions.get(executionId);
    if (execution == null || !execution.testCaseId().equals(testCaseId)) {
      throw AwsFailure.notFound("Test case execution " + executionId + " of test case " + testCaseId + " not found");
    }
    return execution;
  }

  private static ContentDocument publishable(String content) {
    ContentDocument.Parsed parsed = ContentDocument.parse(content);
    if (!parsed.isValid()) {
      throw new AwsFailure(AwsErrorType.INVALID_TEST_CASE, "Test case content is invalid", parsed.problems());
    }
    return parsed.document();
  }

  private String testCaseArn(String instanceId, String testCaseId) {
    return "arn:" + config.partition() + ":connect:" + config.region() + ":" + config.accountId()
        + ":instance/" + instanceId + "/test-case/" + testCaseId;
  }

  private static String sha256(String content) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(content.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
