package io.github.connectemulator.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.connectemulator.config.ConfigLoader;
import io.github.connectemulator.config.Controls;
import io.github.connectemulator.config.EmulatorConfig;
import io.github.connectemulator.model.ExecutionStatus;
import io.github.connectemulator.model.TestCaseStatus;
import io.github.connectemulator.owner.ExecutionVerticle;
import io.github.connectemulator.owner.RunListener;
import io.github.connectemulator.owner.protocol.CreateTestCase;
import io.github.connectemulator.owner.protocol.DescribeTestCase;
import io.github.connectemulator.owner.protocol.ExecutionStarted;
import io.github.connectemulator.owner.protocol.LocalCodec;
import io.github.connectemulator.owner.protocol.OwnerCommand;
import io.github.connectemulator.owner.protocol.OwnerRequest;
import io.github.connectemulator.owner.protocol.StartExecution;
import io.github.connectemulator.owner.protocol.TestCaseCreated;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Requests to a real owner verticle through a reply inbox: answers, failures, and owners that never answer. */
@ExtendWith(VertxExtension.class)
class ReplyInboxTest {

  private static final String OWNER = "test.inbox.owner";
  private static final String SILENT = "test.inbox.silent";
  private static final String INSTANCE = "11111111-2222-3333-4444-555555555555";
  private static final long TIMEOUT_MILLIS = 200;

  private Requester requester;

  /** A verticle with an inbox on its event loop, sending for the test from that loop. */
  static final class Requester extends VerticleBase {

    /** The context each request was sent from, to compare with where its answer arrives. */
    final AtomicReference<Context> sentFrom = new AtomicReference<>();

    @Override
    public Future<?> start() {
      ReplyInbox.open(vertx, TIMEOUT_MILLIS);
      return Future.succeededFuture();
    }

    <R> Future<R> request(String address, OwnerCommand command) {
      Promise<R> result = Promise.promise();
      context.runOnContext(v -> {
        sentFrom.set(Vertx.currentContext());
        ReplyInbox.ofCurrentContext().<R>request(address, command).onComplete(answer -> {
          assertThat(Vertx.currentContext()).isSameAs(sentFrom.get());
          result.handle(answer);
        });
      });
      return result.future();
    }

    Future<Integer> waiting() {
      Promise<Integer> result = Promise.promise();
      context.runOnContext(v -> result.complete(ReplyInbox.ofCurrentContext().waiting()));
      return result.future();
    }
  }

  @BeforeEach
  void deploy(Vertx vertx, VertxTestContext context) {
    LocalCodec.registerAll(vertx.eventBus());
    EmulatorConfig config = ConfigLoader.load(Map.of(), null);
    vertx.eventBus().<OwnerRequest>consumer(SILENT, message -> {
      // Takes every request and never answers: an owner that hangs.
    });
    requester = new Requester();
    vertx.deployVerticle(new ExecutionVerticle(0, OWNER, config, new Controls(config), Clock.systemUTC(),
            RunListener.NONE))
        .compose(owner -> vertx.deployVerticle(requester))
        .onComplete(context.succeedingThenComplete());
  }

  @Test
  void answersComeBackOnTheSendersContextAndLeaveNothingWaiting(VertxTestContext context) {
    var create = new CreateTestCase(INSTANCE, null, null, null, "inbox",
        "{\"Observations\":[{\"Identifier\":\"a\"}]}", null, null, null, TestCaseStatus.PUBLISHED, Map.of());
    requester.<TestCaseCreated>request(OWNER, create)
        .compose(created -> requester.<ExecutionStarted>request(OWNER,
            new StartExecution(INSTANCE, created.testCaseId(), "token-1")))
        .compose(started -> requester.waiting().map(waiting -> {
          assertThat(started.status()).isEqualTo(ExecutionStatus.INITIATED);
          assertThat(waiting).isZero();
          return started;
        }))
        .onComplete(context.succeedingThenComplete());
  }

  @Test
  void theOwnersAwsFailureFailsTheRequestWithItsType(VertxTestContext context) {
    requester.request(OWNER, new DescribeTestCase(INSTANCE, "no-such-test-case", null))
        .onComplete(context.failing(failure -> context.verify(() -> {
          assertThat(failure).isInstanceOf(AwsFailure.class);
          assertThat(((AwsFailure) failure).type()).isEqualTo(AwsErrorType.RESOURCE_NOT_FOUND);
          context.completeNow();
        })));
  }

  @Test
  void aRequestNoOwnerAnswersFailsWithATimeoutAndIsForgotten(VertxTestContext context) {
    long sent = System.nanoTime();
    requester.request(SILENT, new DescribeTestCase(INSTANCE, "any", null))
        .onComplete(context.failing(failure -> context.verify(() -> {
          long waitedMillis = (System.nanoTime() - sent) / 1_000_000;
          assertThat(failure).isInstanceOf(ReplyException.class);
          assertThat(((ReplyException) failure).failureType()).isEqualTo(ReplyFailure.TIMEOUT);
          // Found by the sweep after the timeout: at most one sweep period (a quarter of it here) late.
          assertThat(waitedMillis).isBetween(TIMEOUT_MILLIS, TIMEOUT_MILLIS * 2 + 100);
          requester.waiting().onComplete(context.succeeding(waiting -> context.verify(() -> {
            assertThat(waiting).isZero();
            context.completeNow();
          })));
        })));
  }
}
