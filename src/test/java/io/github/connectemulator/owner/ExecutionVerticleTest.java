package io.github.connectemulator.owner;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.connectemulator.operations.AwsErrorType;
import io.github.connectemulator.operations.AwsFailure;
import io.github.connectemulator.owner.protocol.CreateTestCase;
import io.github.connectemulator.owner.protocol.ExecutionStarted;
import io.github.connectemulator.owner.protocol.ExecutionSummary;
import io.github.connectemulator.owner.protocol.GetExecutionSummary;
import io.github.connectemulator.owner.protocol.LocalCodec;
import io.github.connectemulator.owner.protocol.StartExecution;
import io.github.connectemulator.owner.protocol.TestCaseCreated;
import io.github.connectemulator.config.Controls;
import io.github.connectemulator.config.EmulatorConfig;
import io.github.connectemulator.model.ExecutionStatus;
import io.github.connectemulator.model.TestCaseStatus;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** One owner deployed on a real event bus, with real timers: what the router verticle talks to. */
@ExtendWith(VertxExtension.class)
class ExecutionVerticleTest {

  private static final String ADDRESS = "test.owner";

  static final String INSTANCE = ExecutionOwnerTest.INSTANCE;

  Vertx vertx;

  @BeforeEach
  void deployOwner(Vertx vertx, VertxTestContext context) {
    this.vertx = vertx;
    LocalCodec.registerAll(vertx.eventBus());
    EmulatorConfig config = ExecutionOwnerTest.config(60_000, 1_000, 60_000);
    vertx.deployVerticle(new ExecutionVerticle(0, ADDRESS, config, new Controls(config), Clock.systemUTC(),
        RunListener.NONE)).onComplete(context.succeedingThenComplete());
  }

  <T> Future<T> request(Object command) {
    return vertx.eventBus().<T>request(ADDRESS, command).map(message -> message.body());
  }

  @Test
  void runAdvancesOnItsOwnTimersToPassedAndEveryStatusIsSeenInOrder(VertxTestContext context) {
    List<ExecutionStatus> seen = new ArrayList<>();
    var create = ExecutionOwnerTest.create("bus", ExecutionOwnerTest.THREE_OBSERVATIONS, TestCaseStatus.PUBLISHED,
        null);
    this.<TestCaseCreated>request(create)
        .compose(created -> this.<ExecutionStarted>request(
            new StartExecution(INSTANCE, created.testCaseId(), null)))
        .compose(started -> {
          seen.add(started.status());
          return pollUntilTerminal(new GetExecutionSummary(INSTANCE, started.testCaseId(), started.executionId()),
              seen);
        })
        .onComplete(context.succeeding(summary -> context.verify(() -> {
          assertThat(summary.status()).isEqualTo(ExecutionStatus.PASSED);
          assertThat(summary.observationsPassed()).isEqualTo(3);
          assertThat(summary.endTime()).isGreaterThanOrEqualTo(
              summary.startTime() + ExecutionOwnerTest.INITIATED + 3 * ExecutionOwnerTest.OBSERVATION);
          assertThat(seen.stream().distinct().toList())
              .containsExactly(ExecutionStatus.INITIATED, ExecutionStatus.IN_PROGRESS, ExecutionStatus.PASSED);
          context.completeNow();
        })));
  }

  @Test
  void awsFailureArrivesWithItsTypeCodeAndProblems(VertxTestContext context) {
    var invalid = ExecutionOwnerTest.create("invalid", "{\"Observations\":[]}", TestCaseStatus.PUBLISHED, null);
    request(invalid).onComplete(context.failing(failure -> context.verify(() -> {
      assertThat(failure).isInstanceOf(AwsFailure.class);
      AwsFailure aws = (AwsFailure) failure;
      assertThat(aws.type()).isEqualTo(AwsErrorType.INVALID_TEST_CASE);
      assertThat(aws.failureCode()).isEqualTo(AwsErrorType.INVALID_TEST_CASE.failureCode());
      assertThat(aws.problems()).containsExactly("Observations must be a non-empty array");
      assertThat(((ReplyException) failure).getStackTrace()).as("cheap to create: no stack trace").isEmpty();
      context.completeNow();
    })));
  }

  private Future<ExecutionSummary> pollUntilTerminal(GetExecutionSummary query, List<ExecutionStatus> seen) {
    Promise<ExecutionSummary> done = Promise.promise();
    vertx.setPeriodic(5, timer -> this.<ExecutionSummary>request(query).onSuccess(summary -> {
      seen.add(summary.status());
      if (summary.status().isTerminal()) {
        vertx.cancelTimer(timer);
        done.tryComplete(summary);
      }
    }));
    return done.future();
  }
}
