package io.github.connectemulator.admin.ui;

import io.github.connectemulator.http.AwsErrors;
import io.github.connectemulator.operations.AwsErrorType;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
  /** Each open page with the connection it streams on. */
  private final Map<HttpServerResponse, HttpConnection> pages = new LinkedHashMap<>();
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
    // A graceful shutdown waits for requests in flight: a stream never ends by itself, so it ends here (every page
    // of the connection: one HTTP/2 connection may carry several).
    HttpConnection connection = ctx.request().connection();
    connection.shutdownHandler(shuttingDown -> endPagesOf(connection));
    pages.put(page, connection);
    openPagesEverywhere.incrementAndGet();
    if (snapshots == null) {
      snapshots = bus.localConsumer(addresses.snapshots(), message -> broadcast(message.body()));
    }
    page.write(": connected\n\n");
    bus.<String>request(addresses.history(), null, FeedAddresses.LOCAL).onSuccess(history -> {
      if (pages.containsKey(page)) {
        page.write(history.body());
      }
    });
  }

  private void broadcast(String event) {
    Buffer bytes = Buffer.buffer(event);
    for (HttpServerResponse page : pages.keySet()) {
      if (!page.writeQueueFull()) {
        page.write(bytes);
      }
    }
  }

  private void close(HttpServerResponse page) {
    if (pages.remove(page) == null) {
      return;
    }
    openPagesEverywhere.decrementAndGet();
    if (pages.isEmpty() && snapshots != null) {
      snapshots.unregister();
      snapshots = null;
    }
  }

  private void endPagesOf(HttpConnection connection) {
    for (var page : List.copyOf(pages.entrySet())) {
      if (page.getValue() == connection) {
        close(page.getKey());
        page.getKey().end();
      }
    }
  }
}
