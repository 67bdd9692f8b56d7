package io.github.connectemulator.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.connectemulator.owner.protocol.DescribeTestCase;
import io.github.connectemulator.owner.protocol.LocalCodec;
import io.github.connectemulator.owner.protocol.OwnerRequest;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Answers given on an owner's event loop to an inbox on another loop travel in batches ({@link AnswerBatches}): every
 * answer still arrives, once, in the order given, on the requester's own context, whether the owner answers many in
 * one turn of its loop, one per turn, or from a thread that is no event loop.
 */
@ExtendWith(VertxExtension.class)
class AnswerBatchesTest {

  private static final String OWNER = "test.batches.owner";
  private static final String INSTANCE = "11111111-2222-3333-4444-555555555555";

  /** Sends from its own event loop, through its inbox. */
  static final class Requester extends VerticleBase {

    @Override
    public Future<?> start() {
      ReplyInbox.open(vertx, 10_000);
      return Future.succeededFuture();
    }

    Context loop() {
      return context;
    }

    /** Sends {@code count} requests in one turn; the answers, in the order they complete. */
    Future<List<Object>> sendAll(int count) {
      Promise<List<Object>> all = Promise.promise();
      context.runOnContext(v -> {
        Context sentFrom = vertx.getOrCreateContext();
        List<Object> answers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
          ReplyInbox.ofCurrentContext().request(OWNER, new DescribeTestCase(INSTANCE, "tc-" + i, null))
              .onComplete(answer -> {
                assertThat(vertx.getOrCreateContext().owner()).isSameAs(sentFrom.owner());
                answers.add(answer.result());
                if (answers.size() == count) {
                  all.complete(answers);
                }
              });
        }
      });
      return all.future();
    }
  }

  /** An owner that collects requests and lets {@code answerer} answer them, given the owner's context. */
  static final class Owner extends VerticleBase {

    final List<OwnerRequest> taken = new CopyOnWriteArrayList<>();
    private final int answerWhen;
    private final BiConsumer<Context, List<OwnerRequest>> answerer;

    Owner(int answerWhen, BiConsumer<Context, List<OwnerRequest>> answerer) {
      this.answerWhen = answerWhen;
      this.answerer = answerer;
    }

    Context loop() {
      return context;
    }

    @Override
    public Future<?> start() {
      return vertx.eventBus().<OwnerRequest>consumer(OWNER, message -> {
        taken.add(message.body());
        if (taken.size() == answerWhen) {
          answerer.accept(context, List.copyOf(taken));
        }
      }).completion();
    }
  }

  private static Object answerTo(OwnerRequest request) {
    return "answer to " + ((DescribeTestCase) request.command()).testCaseId();
  }

  private static List<Object> expected(int count) {
    List<Object> answers = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      answers.add("answer to tc-" + i);
    }
    return answers;
  }

  private void check(Vertx vertx, VertxTestContext context, int count, Owner owner) {
    LocalCodec.registerAll(vertx.eventBus());
    var requester = new Requester();
    vertx.deployVerticle(owner)
        .compose(v -> vertx.deployVerticle(requester))
        .compose(v -> {
          // The case batches are for: the owner answers from another event loop than the inbox's.
          assertThat(((ContextInternal) owner.loop()).nettyEventLoop())
              .isNotSameAs(((ContextInternal) requester.loop()).nettyEventLoop());
          return requester.sendAll(count);
        })
        .onComplete(context.succeeding(answers -> context.verify(() -> {
          assertThat(answers).containsExactlyElementsOf(expected(count));
          context.completeNow();
        })));
  }

  @Test
  void manyAnswersInOneTurnOfTheOwnersLoopAllArriveInOrder(Vertx vertx, VertxTestContext context) {
    // More than a batch's first capacity, answered in one timer task on the owner's loop: one batch that grows.
    int count = 100;
    check(vertx, context, count, new Owner(count, (loop, taken) -> loop.owner().setTimer(1, id -> taken.forEach(
        request -> request.answer(answerTo(request))))));
  }

  @Test
  void answersOfSuccessiveTurnsArriveInOrder(Vertx vertx, VertxTestContext context) {
    // Each answer in a task of its own on the owner's loop: a batch per turn, the next opened after the last went.
    int count = 20;
    check(vertx, context, count, new Owner(count, (loop, taken) -> taken.forEach(
        request -> loop.runOnContext(v -> request.answer(answerTo(request))))));
  }

  @Test
  void answersFromAThreadThatIsNoEventLoopArriveToo(Vertx vertx, VertxTestContext context) {
    int count = 10;
    check(vertx, context, count, new Owner(count, (loop, taken) -> new Thread(() -> taken.forEach(
        request -> request.answer(answerTo(request)))).start()));
  }
}
