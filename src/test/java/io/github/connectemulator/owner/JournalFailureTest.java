package io.github.connectemulator.owner;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.connectemulator.config.Controls;
import io.github.connectemulator.config.EmulatorConfig;
import io.github.connectemulator.model.TestCaseStatus;
import io.github.connectemulator.operations.AwsErrorType;
import io.github.connectemulator.operations.AwsFailure;
import io.github.connectemulator.owner.journal.JournalFaults;
import io.github.connectemulator.owner.protocol.AdminCommand;
import io.github.connectemulator.owner.protocol.CreateTestCase;
import io.github.connectemulator.owner.protocol.ExecutionStarted;
import io.github.connectemulator.owner.protocol.ExecutionView;
import io.github.connectemulator.owner.protocol.ListExecutions;
import io.github.connectemulator.owner.protocol.ListTestCases;
import io.github.connectemulator.owner.protocol.LocalCodec;
import io.github.connectemulator.owner.protocol.Page;
import io.github.connectemulator.owner.protocol.PageRequest;
import io.github.connectemulator.owner.protocol.StartExecution;
import io.github.connectemulator.owner.protocol.TestCaseCreated;
import io.github.connectemulator.owner.protocol.TestCaseView;
import io.github.connectemulator.owner.protocol.UpdateTestCase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * data.dir: a change whose journal write fails leaves no trace. Its caller gets InternalServiceException, memory
 * is as if it never came (so are the changes queued behind it), a retry succeeds exactly once, and a restart
 * brings back exactly what was acknowledged.
 */
class JournalFailureTest {

  private static final String ADDRESS = "test.owner";

  static final String INSTANCE = ExecutionOwnerTest.INSTANCE;

  @TempDir Path data;
  Vertx vertx;
  ExecutionVerticle owner;
  String deployment;

  @BeforeEach
  void deploy() throws Exception {
    vertx = Vertx.vertx();
    LocalCodec.registerAll(vertx.eventBus());
    restart();
  }

  @AfterEach
  void close() throws Exception {
    vertx.close().await(20, TimeUnit.SECONDS);
  }

  /** A new owner on the same data.dir, as after a restart of the emulator. */
  void restart() throws Exception {
    if (deployment != null) {
      vertx.undeploy(deployment).await(10, TimeUnit.SECONDS);
    }
    EmulatorConfig config = ExecutionOwnerTest.config(Map.of("data.dir", data.toString()));
    owner = new ExecutionVerticle(0, ADDRESS, config, new Controls(config), Clock.systemUTC(), RunListener.NONE);
    deployment = vertx.deployVerticle(owner).await(10, TimeUnit.SECONDS);
  }

  <T> Future<T> send(Object command) {
    return vertx.eventBus().<T>request(ADDRESS, command).map(message -> message.body());
  }

  <T> T request(Object command) throws Exception {
    return this.<T>send(command).await(10, TimeUnit.SECONDS);
  }

  static AwsFailure failureOf(Future<?> reply) {
    try {
      reply.await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      assertThat(e).isInstanceOf(AwsFailure.class);
      return (AwsFailure) e;
    }
    throw new AssertionError("expected a failure, got " + reply.result());
  }

  void failNextJournalWrite() {
    JournalFaults.failNextWrite(owner.journal());
  }

  static CreateTestCase create(String testCaseId, String name) {
    return new CreateTestCase(INSTANCE, testCaseId, null, null, name, ExecutionOwnerTest.THREE_OBSERVATIONS, null,
        null, null, TestCaseStatus.PUBLISHED, null);
  }

  Page<TestCaseView> testCases() throws Exception {
    return request(new ListTestCases(INSTANCE, new PageRequest(100, null)));
  }

  Page<ExecutionView> executions() throws Exception {
    return request(new ListExecutions(INSTANCE, null, null, null, null, null, new PageRequest(100, null)));
  }

  AdminCommand.OwnerStats stats() throws Exception {
    return request(new AdminCommand.ReadStats());
  }

  @Test
  void aCreateWhoseWriteFailsLeavesNothingAndItsRetryCreatesItOnce() throws Exception {
    failNextJournalWrite();
    AwsFailure failed = failureOf(send(create(null, "retried")));
    assertThat(failed.type()).isEqualTo(AwsErrorType.INTERNAL_SERVICE);
    assertThat(testCases().items()).as("test cases after the failed write").isEmpty();
    assertThat(stats().instances()).as("instances after the failed write").isEmpty();

    TestCaseCreated created = request(create(null, "retried"));
    assertThat(testCases().items()).extracting(TestCaseView::id).containsExactly(created.testCaseId());

    restart();
    assertThat(testCases().items()).as("after a restart: what was acknowledged, nothing else")
        .extracting(TestCaseView::id).containsExactly(created.testCaseId());
  }

  @Test
  void aStartWhoseWriteFailsStartsNothingAndItsRetryWithTheTokenStartsOneRun() throws Exception {
    TestCaseCreated testCase = request(create(null, "runs"));
    var start = new StartExecution(INSTANCE, testCase.testCaseId(), "token-1");

    failNextJournalWrite();
    assertThat(failureOf(send(start)).type()).isEqualTo(AwsErrorType.INTERNAL_SERVICE);
    assertThat(executions().items()).as("runs after the failed write").isEmpty();

    ExecutionStarted started = request(start);
    ExecutionStarted again = request(start);
    assertThat(again.executionId()).as("the token's run").isEqualTo(started.executionId());
    assertThat(executions().items()).extracting(ExecutionView::executionId).containsExactly(started.executionId());

    restart();
    assertThat(executions().items()).as("after a restart").extracting(ExecutionView::executionId)
        .containsExactly(started.executionId());
  }

  /** Changes sent right behind one whose write fails meet the state without it, as if it had never come. */
  @Test
  void changesQueuedBehindAFailedWriteMeetTheStateWithoutIt() throws Exception {
    failNextJournalWrite();
    Future<Object> create = send(create("tc-1", "queued"));
    Future<Object> startRightBehind = send(new StartExecution(INSTANCE, "tc-1", "token-1"));
    Future<Object> updateRightBehind = send(new UpdateTestCase(INSTANCE, "tc-1", null, null, null, null,
        "described", null, null, null));
    assertThat(failureOf(create).type()).isEqualTo(AwsErrorType.INTERNAL_SERVICE);
    assertThat(failureOf(startRightBehind).type()).isEqualTo(AwsErrorType.RESOURCE_NOT_FOUND);
    assertThat(failureOf(updateRightBehind).type()).isEqualTo(AwsErrorType.RESOURCE_NOT_FOUND);
    assertThat(testCases().items()).isEmpty();
    assertThat(executions().items()).isEmpty();

    TestCaseCreated created = request(create("tc-1", "queued"));
    ExecutionStarted started = request(new StartExecution(INSTANCE, "tc-1", "token-1"));
    assertThat(created.testCaseId()).isEqualTo("tc-1");

    restart();
    assertThat(testCases().items()).extracting(TestCaseView::id).containsExactly("tc-1");
    assertThat(executions().items()).extracting(ExecutionView::executionId).containsExactly(started.executionId());
  }
}
