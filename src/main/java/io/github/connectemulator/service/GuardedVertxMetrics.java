package io.github.connectemulator.service;

import io.vertx.core.Vertx;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.metrics.ClientMetrics;
import io.vertx.core.spi.metrics.DatagramSocketMetrics;
import io.vertx.core.spi.metrics.EventBusMetrics;
import io.vertx.core.spi.metrics.HttpClientMetrics;
import io.vertx.core.spi.metrics.HttpServerMetrics;
import io.vertx.core.spi.metrics.PoolMetrics;
import io.vertx.core.spi.metrics.TCPMetrics;
import io.vertx.core.spi.metrics.VertxMetrics;

/**
 * Vert.x's own meters (vertx-micrometer) with the HTTP server's wrapped in {@link SocketlessHttpServerMetrics}: a
 * connection accepted before its server's meters existed is served, unmeasured, instead of left unanswered.
 *
 * <p>Vert.x 5.0.7 makes a server's meters in a listener it attaches to the bind after starting it; when the binding
 * event loop is slow to attach it (a cold start under load), the bind completes first, the listener runs later, and
 * connections accepted in between get no socket meter. Their first request then finds the server's HTTP meters, and
 * vertx-micrometer's {@code requestBegin} throws a NullPointerException on the missing socket meter, and again while
 * the connection handles that exception: the request is never dispatched and the connection stays open until its
 * idle timeout ({@code http.idleTimeoutSeconds}). Only with {@code metrics.httpServer} on.
 */
final class GuardedVertxMetrics implements VertxMetrics {

  private final VertxMetrics metrics;

  GuardedVertxMetrics(VertxMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public HttpServerMetrics<?, ?, ?> createHttpServerMetrics(HttpServerOptions options, SocketAddress localAddress) {
    HttpServerMetrics<?, ?, ?> server = metrics.createHttpServerMetrics(options, localAddress);
    return server == null ? null : SocketlessHttpServerMetrics.guard(server);
  }

  @Override
  public EventBusMetrics createEventBusMetrics() {
    return metrics.createEventBusMetrics();
  }

  @Override
  public ClientMetrics<?, ?, ?> createClientMetrics(SocketAddress remoteAddress, String type, String namespace) {
    return metrics.createClientMetrics(remoteAddress, type, namespace);
  }

  @Override
  public HttpClientMetrics<?, ?, ?> createHttpClientMetrics(HttpClientOptions options) {
    return metrics.createHttpClientMetrics(options);
  }

  @Override
  public TCPMetrics<?> createNetServerMetrics(NetServerOptions options, SocketAddress localAddress) {
    return metrics.createNetServerMetrics(options, localAddress);
  }

  @Override
  public TCPMetrics<?> createNetClientMetrics(NetClientOptions options) {
    return metrics.createNetClientMetrics(options);
  }

  @Override
  public DatagramSocketMetrics createDatagramSocketMetrics(DatagramSocketOptions options) {
    return metrics.createDatagramSocketMetrics(options);
  }

  @Override
  public PoolMetrics<?, ?> createPoolMetrics(String type, String name, int maxSize) {
    return metrics.createPoolMetrics(type, name, maxSize);
  }

  @Override
  public void vertxCreated(Vertx vertx) {
    metrics.vertxCreated(vertx);
  }

  @Override
  public boolean isMetricsEnabled() {
    return metrics.isMetricsEnabled();
  }

  @Override
  public void close() {
    metrics.close();
  }
}
