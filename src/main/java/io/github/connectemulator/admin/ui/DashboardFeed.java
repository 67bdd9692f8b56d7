package io.github.connectemulator.admin.ui;

import io.github.connectemulator.http.AwsErrors;
import io.github.connectemulator.operations.AwsErrorType;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code GET /_emulator/ui/api/feed}: a text/event-stream of one router verticle's open pages, confined to that
 * router's event loop. A page gets the {@code history} event when it opens, then the sampler's {@code snapshot}
 * event once a second: never more, however busy the emulator, and a page that reads too slowly misses snapshots
 * instead of queueing them. The router listens for snapshots only while it has pages open.
 */
final class DashboardFeed {

  /** Open pages per router verticle: a bound, not a quota anyone should meet (one connection per page). */
  static final int MAX_PAGES = 50;

  private final FeedAddresses addresses;
  /** Open pages of every router of the emulator, which the sampler reads. */
  private final AtomicInteger openPagesEverywhere;
  private final Set<HttpServerResponse> pages = new LinkedHashSet<>();
  private MessageConsumer<String> snapshots;

  DashboardFeed(FeedAddresses addresses, AtomicInteger openPagesEverywhere) {
    this.addresses = addresses;
    this.openPagesEverywhere = openPagesEverywhere;
  }

  void open(RoutingContext ctx) {
    if (pages.size() >= MAX_PAGES) {
      AwsErrors.send(ctx, AwsErrorType.THROTTLING, "Too many open dashboard pages (" + MAX_PAGES + ")");
      return;
    }
    EventBus bus = ctx.vertx().eventBus();
    HttpServerResponse page = ctx.response();
    page.setChunked(true)
        .putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .putHeader("X-Content-Type-Options", "nosniff");
    page.closeHandler(closed -> close(page));
    page.exceptionHandler(failed -> close(page));
    // A graceful shutdown waits for requests in flight: a stream never ends by itself, so it ends here.
    ctx.request().connection().shutdownHandler(shuttingDown -> {
      close(page);
      page.end();
    });
    pages.add(page);
    openPagesEverywhere.incrementAndGet();
    if (snapshots == null) {
      snapshots = bus.localConsumer(addresses.snapshots(), message -> broadcast(message.body()));
    }
    page.write(": connected\n\n");
    bus.<String>request(addresses.history(), null, FeedAddresses.LOCAL).onSuccess(history -> {
      if (pages.contains(page)) {
        page.write(history.body());
      }
    });
  }

  private void broadcast(String event) {
    Buffer bytes = Buffer.buffer(event);
    for (HttpServerResponse page : pages) {
      if (!page.writeQueueFull()) {
        page.write(bytes);
      }
    }
  }

  private void close(HttpServerResponse page) {
    if (!pages.remove(page)) {
      return;
    }
    openPagesEverywhere.decrementAndGet();
    if (pages.isEmpty() && snapshots != null) {
      snapshots.unregister();
      snapshots = null;
    }
  }

  /** Pages open on this router: for tests. */
  int openPages() {
    return pages.size();
  }
}
