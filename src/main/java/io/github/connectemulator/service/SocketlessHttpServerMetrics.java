package io.github.connectemulator.service;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.metrics.HttpServerMetrics;
import io.vertx.core.spi.observability.HttpRequest;
import io.vertx.core.spi.observability.HttpResponse;

/**
 * An HTTP server's meters that leave out what belongs to a connection without a socket meter (one accepted before
 * the server's meters existed, see {@link GuardedVertxMetrics}) rather than fail on it: its bytes, its requests and
 * its WebSockets go unmeasured. Everything else goes to the server's meters as it is.
 */
final class SocketlessHttpServerMetrics<R, W, S> implements HttpServerMetrics<R, W, S> {

  private final HttpServerMetrics<R, W, S> metrics;

  private SocketlessHttpServerMetrics(HttpServerMetrics<R, W, S> metrics) {
    this.metrics = metrics;
  }

  static <R, W, S> HttpServerMetrics<R, W, S> guard(HttpServerMetrics<R, W, S> metrics) {
    return new SocketlessHttpServerMetrics<>(metrics);
  }

  @Override
  public S connected(SocketAddress remoteAddress, String remoteName) {
    return metrics.connected(remoteAddress, remoteName);
  }

  @Override
  public void disconnected(S socketMetric, SocketAddress remoteAddress) {
    if (socketMetric != null) {
      metrics.disconnected(socketMetric, remoteAddress);
    }
  }

  @Override
  public void bytesRead(S socketMetric, SocketAddress remoteAddress, long numberOfBytes) {
    if (socketMetric != null) {
      metrics.bytesRead(socketMetric, remoteAddress, numberOfBytes);
    }
  }

  @Override
  public void bytesWritten(S socketMetric, SocketAddress remoteAddress, long numberOfBytes) {
    if (socketMetric != null) {
      metrics.bytesWritten(socketMetric, remoteAddress, numberOfBytes);
    }
  }

  @Override
  public void exceptionOccurred(S socketMetric, SocketAddress remoteAddress, Throwable t) {
    if (socketMetric != null) {
      metrics.exceptionOccurred(socketMetric, remoteAddress, t);
    }
  }

  @Override
  public R requestBegin(S socketMetric, HttpRequest request) {
    return socketMetric == null ? null : metrics.requestBegin(socketMetric, request);
  }

  @Override
  public void requestEnd(R requestMetric, HttpRequest request, long bytesRead) {
    if (requestMetric != null) {
      metrics.requestEnd(requestMetric, request, bytesRead);
    }
  }

  @Override
  public void requestReset(R requestMetric) {
    if (requestMetric != null) {
      metrics.requestReset(requestMetric);
    }
  }

  @Override
  public void responseBegin(R requestMetric, HttpResponse response) {
    if (requestMetric != null) {
      metrics.responseBegin(requestMetric, response);
    }
  }

  @Override
  public R responsePushed(S socketMetric, HttpMethod method, String uri, HttpResponse response) {
    return socketMetric == null ? null : metrics.responsePushed(socketMetric, method, uri, response);
  }

  @Override
  public void responseEnd(R requestMetric, HttpResponse response, long bytesWritten) {
    if (requestMetric != null) {
      metrics.responseEnd(requestMetric, response, bytesWritten);
    }
  }

  @Override
  public W connected(S socketMetric, R requestMetric, ServerWebSocket serverWebSocket) {
    return socketMetric == null || requestMetric == null
        ? null
        : metrics.connected(socketMetric, requestMetric, serverWebSocket);
  }

  @Override
  public void disconnected(W serverWebSocketMetric) {
    if (serverWebSocketMetric != null) {
      metrics.disconnected(serverWebSocketMetric);
    }
  }

  @Override
  public void requestRouted(R requestMetric, String route) {
    if (requestMetric != null) {
      metrics.requestRouted(requestMetric, route);
    }
  }

  @Override
  public void close() {
    metrics.close();
  }
}
