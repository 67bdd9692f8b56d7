package io.github.connectemulator.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Waits for asynchronous progress (a run reaching a status, a metric or log line appearing) by polling until a
 * deadline. The deadline is generous because it is only reached when the test fails: a passing test returns as soon
 * as the condition holds, so a loaded CI machine makes it slower, never red.
 */
public final class Eventually {

  public static final Duration WITHIN = Duration.ofSeconds(10);
  private static final long POLL_MILLIS = 10;

  private Eventually() {}

  /**
   * Takes items from {@code queue} until one satisfies {@code wanted}, within {@code within}; returns it, or fails
   * listing the items passed over (the frames a bus bridge client received, say).
   */
  public static <T> T take(BlockingQueue<T> queue, Predicate<? super T> wanted, Duration within)
      throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    List<T> skipped = new ArrayList<>();
    while (System.nanoTime() < deadline) {
      T item = queue.poll(POLL_MILLIS * 10, TimeUnit.MILLISECONDS);
      if (item != null && wanted.test(item)) {
        return item;
      } else if (item != null) {
        skipped.add(item);
      }
    }
    throw new AssertionError("no such item within " + within.toSeconds() + " s; other items: " + skipped);
  }

  /** Calls {@code probe} until its value satisfies {@code done}; returns that value, or fails naming the last one. */
  public static <T> T poll(Callable<T> probe, Predicate<? super T> done, String what) throws Exception {
    long deadline = System.nanoTime() + WITHIN.toNanos();
    T last = probe.call();
    while (!done.test(last)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(what + ": not within " + WITHIN.toSeconds() + " s; last seen: " + last);
      }
      Thread.sleep(POLL_MILLIS);
      last = probe.call();
    }
    return last;
  }
}
