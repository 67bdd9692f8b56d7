package io.github.connectemulator.operations;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.FastThreadLocal;
import io.vertx.core.internal.ContextInternal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;

/**
 * The answers that owners on one event loop give, during one turn of that loop, to reply inboxes on other event
 * loops: each inbox gets them as one task when the turn's queued work is done, instead of one task per answer.
 *
 * <p>Why: a task handed to an event loop asleep in {@code epoll_wait} wakes it, with a write to its eventfd and the
 * kernel's wake-up of its thread, and a router's loop goes to sleep as soon as it has sent its requests. Answer by
 * answer, a wake-up could fall between any two answers; batched, an inbox is woken at most once per turn of the
 * owner's loop. The answers wait only for the rest of that turn's queued tasks.
 */
final class AnswerBatches {

  private static final FastThreadLocal<AnswerBatches> OF_LOOP = new FastThreadLocal<>();

  private final EventLoop loop;
  /** This turn's batches, one per inbox, in the order of their first answer; a handful at most (one per router). */
  private final List<Batch> open = new ArrayList<>(4);

  private AnswerBatches(EventLoop loop) {
    this.loop = loop;
  }

  /**
   * Adds an answer to this turn's batch for {@code inbox}, if the caller runs on an event loop; false otherwise (a
   * worker or a foreign thread), and the caller hands it over itself.
   */
  static boolean add(ReplyInbox inbox, long correlation, Object reply) {
    ContextInternal current = ContextInternal.current();
    if (current == null || !current.isEventLoopContext() || !current.nettyEventLoop().inEventLoop()) {
      return false;
    }
    AnswerBatches batches = OF_LOOP.get();
    if (batches == null) {
      batches = new AnswerBatches(current.nettyEventLoop());
      OF_LOOP.set(batches);
    }
    boolean first = batches.open.isEmpty();
    batches.batchFor(inbox).add(correlation, reply);
    if (first) {
      batches.scheduleHandOver();
    }
    return true;
  }

  private Batch batchFor(ReplyInbox inbox) {
    for (Batch batch : open) {
      if (batch.inbox == inbox) {
        return batch;
      }
    }
    Batch batch = new Batch(inbox);
    open.add(batch);
    return batch;
  }

  private void scheduleHandOver() {
    try {
      // Queued behind the tasks already waiting on this loop, so the answers they give join the batch. From the
      // loop itself this wakes nothing.
      loop.execute(this::handOver);
    } catch (RejectedExecutionException closing) {
      // The loop takes no more tasks (Vert.x is closing): the answers go now rather than never.
      handOver();
    }
  }

  private void handOver() {
    for (Batch batch : open) {
      batch.inbox.answerAll(batch);
    }
    open.clear();
  }

  /** One inbox's answers of one turn, in the order given; read on the inbox's loop once handed over. */
  static final class Batch {

    private final ReplyInbox inbox;
    private long[] correlations = new long[8];
    private Object[] replies = new Object[8];
    private int size;

    private Batch(ReplyInbox inbox) {
      this.inbox = inbox;
    }

    private void add(long correlation, Object reply) {
      if (size == correlations.length) {
        correlations = Arrays.copyOf(correlations, size * 2);
        replies = Arrays.copyOf(replies, size * 2);
      }
      correlations[size] = correlation;
      replies[size] = reply;
      size++;
    }

    int size() {
      return size;
    }

    long correlation(int i) {
      return correlations[i];
    }

    Object reply(int i) {
      return replies[i];
    }
  }
}
