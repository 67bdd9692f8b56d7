package io.github.connectemulator.service;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGTERM (and SIGINT) end the process gracefully and with status 0, as container runtimes expect: the emulator's
 * own shutdown runs first (readiness DOWN, stop accepting, requests in flight finish), then Vert.x closes. A JVM
 * shutdown hook would exit 143 and race Vert.x's own threads, hence a signal handler.
 */
public final class GracefulShutdown {

  private static final Logger LOG = LoggerFactory.getLogger(GracefulShutdown.class);
  /** Beyond the emulator's own grace period, for undeploying owners and closing Vert.x. */
  private static final long MARGIN_MILLIS = 5_000;

  private GracefulShutdown() {}

  /**
   * @param shutdown the emulator's graceful shutdown
   * @param graceMillis the longest it may take (drain delay plus grace period)
   */
  public static void onSignals(Vertx vertx, Supplier<Future<Void>> shutdown, long graceMillis) {
    var started = new AtomicBoolean();
    for (String name : new String[] {"TERM", "INT"}) {
      Signal.handle(new Signal(name), signal -> {
        if (started.compareAndSet(false, true)) {
          new Thread(() -> run(vertx, shutdown, graceMillis, signal.getName()), "graceful-shutdown").start();
        }
      });
    }
  }

  private static void run(Vertx vertx, Supplier<Future<Void>> shutdown, long graceMillis, String signal) {
    LOG.info("SIG{} received: readiness DOWN, finishing requests in flight (grace {} ms)", signal, graceMillis);
    int status = 0;
    try {
      shutdown.get().await(graceMillis + MARGIN_MILLIS, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      LOG.warn("Graceful shutdown did not complete: {}", e.toString());
      status = 1;
    }
    try {
      // Awaited apart from the shutdown: a future of a closed context cannot be chained on.
      vertx.close().await(MARGIN_MILLIS, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      LOG.warn("Vert.x did not close cleanly: {}", e.toString());
    }
    LOG.info("Stopped");
    System.exit(status);
  }
}
