package io.github.connectemulator.operations;

import io.github.connectemulator.owner.protocol.OwnerCommand;
import io.github.connectemulator.owner.protocol.OwnerRequest;
import io.github.connectemulator.owner.protocol.Requester;
import io.netty.util.collection.LongObjectHashMap;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.PromiseInternal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the requests one event loop sends to owners get their answers: a table of the requests not yet answered, by
 * number, that only this event loop touches. A request goes out over the event bus with {@code send}, as an
 * {@link OwnerRequest} that names this inbox; the owner hands its answer to {@link #answer}, which completes the
 * request on this event loop, in the requester's own context, as the bus's reply handler did.
 *
 * <p>Why not the event bus's own {@code request}: it registers a reply handler per request, under an address of its
 * own in the bus's shared map, with a timer, and with a close hook that takes the handler's identity hash while the
 * handler is locked, which makes the JVM inflate a monitor for it. Together about 5 % of the CPU of a Start at full
 * load (bench/cpu-profile.sh). And why the answer is not a message sent back: a local message costs a copy of the
 * message, a lookup in the bus's shared map, a queue, a lock and a duplicated context before its handler runs; all it
 * had to do was reach this event loop, which one task on it does. Here a request costs an entry in the table, and one
 * periodic timer fails the requests no owner answered in time. Local mode only: in a cluster an owner on another
 * node could not reach this object, and requests go through {@code request} as before.
 */
public final class ReplyInbox implements Requester {

  private static final String KEY = ReplyInbox.class.getName();

  private final EventBus bus;
  /** This inbox's event loop: every answer is taken there. */
  private final ContextInternal loop;
  private final long timeoutMillis;
  /** The requests not yet answered, by number; only this inbox's event loop touches it. */
  private final LongObjectHashMap<PromiseInternal<Object>> pending = new LongObjectHashMap<>();
  private long nextCorrelation;
  /**
   * At each sweep, its time and the next request number then: requests numbered below a mark at least the timeout
   * old have waited longer than the timeout.
   */
  private final ArrayDeque<long[]> marks = new ArrayDeque<>();

  private ReplyInbox(EventBus bus, ContextInternal loop, long timeoutMillis) {
    this.bus = bus;
    this.loop = loop;
    this.timeoutMillis = timeoutMillis;
  }

  /**
   * Opens an inbox on the current context, an event loop's (a verticle's start): requests sent from it, or from the
   * contexts it duplicates (each HTTP request's), come back through it. Its timer goes with the verticle.
   *
   * @param timeoutMillis how long an owner may take to answer before the request fails with a timeout
   */
  public static void open(Vertx vertx, long timeoutMillis) {
    ContextInternal context = (ContextInternal) vertx.getOrCreateContext();
    if (!context.isEventLoopContext()) {
      throw new IllegalStateException("a reply inbox belongs to an event loop");
    }
    var inbox = new ReplyInbox(vertx.eventBus(), context, timeoutMillis);
    long sweepMillis = Math.max(10, Math.min(1000, timeoutMillis / 4));
    vertx.setPeriodic(sweepMillis, id -> inbox.failOverdue(System.nanoTime() / 1_000_000));
    context.put(KEY, inbox);
  }

  /** The inbox of the caller's context, or null where none was opened (then requests go through the bus's request). */
  static ReplyInbox ofCurrentContext() {
    Context context = Vertx.currentContext();
    return context == null ? null : context.get(KEY);
  }

  /** Sends the command to the owner at {@code ownerAddress}; the future completes on the caller's context. */
  @SuppressWarnings("unchecked")
  <R> Future<R> request(String ownerAddress, OwnerCommand command) {
    PromiseInternal<Object> promise = ContextInternal.current().promise();
    long correlation = nextCorrelation++;
    pending.put(correlation, promise);
    bus.send(ownerAddress, new OwnerRequest(command, this, correlation));
    return (Future<R>) promise.future();
  }

  /**
   * Takes an owner's answer, on the owner's thread: at once when the owner shares this event loop; else with the
   * other answers of the owner's turn as one task on this loop ({@link AnswerBatches}), or as a task of its own when
   * the owner runs off any event loop.
   */
  @Override
  public void answer(long correlation, Object reply) {
    if (loop.inThread()) {
      answered(correlation, reply);
    } else if (!AnswerBatches.add(this, correlation, reply)) {
      loop.execute(() -> answered(correlation, reply));
    }
  }

  /** Takes one turn's answers of an owner's loop, as one task on this loop (waking it if it sleeps). */
  void answerAll(AnswerBatches.Batch batch) {
    loop.execute(() -> {
      for (int i = 0; i < batch.size(); i++) {
        answered(batch.correlation(i), batch.reply(i));
      }
    });
  }

  /** Requests sent and not yet answered: for tests. */
  int waiting() {
    return pending.size();
  }

  private void answered(long correlation, Object reply) {
    PromiseInternal<Object> promise = pending.remove(correlation);
    if (promise == null) {
      return; // it timed out meanwhile
    }
    // On the requester's own context, in place, as the bus's reply handler completes it.
    promise.context().dispatch(reply, body -> {
      if (body instanceof ReplyException failure) {
        promise.fail(failure);
      } else {
        promise.complete(body);
      }
    });
  }

  /** Fails the requests that have waited longer than the timeout (found at most one sweep late). */
  private void failOverdue(long nowMillis) {
    marks.addLast(new long[] {nowMillis, nextCorrelation});
    long overdueBelow = -1;
    while (!marks.isEmpty() && marks.peekFirst()[0] <= nowMillis - timeoutMillis) {
      overdueBelow = marks.pollFirst()[1];
    }
    if (overdueBelow < 0 || pending.isEmpty()) {
      return;
    }
    // Collected first: failing a request runs its listeners, which may send new ones into the table.
    List<PromiseInternal<Object>> overdue = new ArrayList<>();
    var entries = pending.entries().iterator();
    while (entries.hasNext()) {
      var entry = entries.next();
      if (entry.key() < overdueBelow) {
        overdue.add(entry.value());
        entries.remove();
      }
    }
    for (PromiseInternal<Object> promise : overdue) {
      promise.context().dispatch(new ReplyException(ReplyFailure.TIMEOUT,
          "The owner did not answer within " + timeoutMillis + " ms"), promise::fail);
    }
  }
}
