package io.github.connectemulator.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.metrics.HttpServerMetrics;
import io.vertx.core.spi.metrics.VertxMetrics;
import io.vertx.core.spi.observability.HttpRequest;
import io.vertx.micrometer.MicrometerMetricsFactory;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A request on a connection that has no socket meter, as Vert.x 5.0.7 leaves one accepted before its server's meters
 * existed: vertx-micrometer alone throws (and the request then waited for the idle timeout); guarded, it passes
 * unmeasured, and every other request is measured as before.
 */
class GuardedVertxMetricsTest {

  private static final SocketAddress LOCAL = SocketAddress.inetSocketAddress(8080, "127.0.0.1");
  private static final SocketAddress REMOTE = SocketAddress.inetSocketAddress(40000, "127.0.0.1");

  @Test
  void aRequestWithoutSocketMeterPassesUnmeasured() {
    PrometheusMeterRegistry registry = ServiceMetrics.newRegistry();
    HttpServerMetrics<Object, Object, Object> server = serverMetrics(
        ServiceMetrics.metricsFactory(registry).metrics(options()));

    Object request = server.requestBegin(null, new Request());
    server.requestEnd(request, new Request(), 10);
    server.requestRouted(request, "/test-cases-summary/:InstanceId");
    server.requestReset(request);
    server.bytesRead(null, REMOTE, 10);
    server.bytesWritten(null, REMOTE, 10);
    server.exceptionOccurred(null, REMOTE, new IllegalStateException("closed"));
    server.disconnected(null, REMOTE);

    assertThat(request).isNull();
    assertThat(registry.scrape()).doesNotContain("vertx_http_server_requests_total");
  }

  @Test
  void aRequestOnAConnectionWithItsSocketMeterIsMeasuredAsBefore() {
    PrometheusMeterRegistry registry = ServiceMetrics.newRegistry();
    HttpServerMetrics<Object, Object, Object> server = serverMetrics(
        ServiceMetrics.metricsFactory(registry).metrics(options()));

    Object socket = server.connected(REMOTE, "127.0.0.1");
    Object request = server.requestBegin(socket, new Request());
    server.requestEnd(request, new Request(), 0);
    server.requestRouted(request, "/test-cases-summary/:InstanceId");

    assertThat(socket).isNotNull();
    assertThat(request).isNotNull();
    assertThat(registry.scrape()).contains("vertx_http_server_active_requests");
  }

  @Test
  void vertxMicrometerAloneFailsOnTheMissingSocketMeter() {
    // What the guard is for: if a later vertx-micrometer stops failing here, the guard can go.
    HttpServerMetrics<Object, Object, Object> server = serverMetrics(
        new MicrometerMetricsFactory(ServiceMetrics.newRegistry()).metrics(options()));

    assertThatThrownBy(() -> server.requestBegin(null, new Request())).isInstanceOf(NullPointerException.class);
  }

  private static io.vertx.core.VertxOptions options() {
    return ServiceMetrics.vertxOptions("guarded-" + UUID.randomUUID(), false, true);
  }

  @SuppressWarnings("unchecked")
  private static HttpServerMetrics<Object, Object, Object> serverMetrics(VertxMetrics metrics) {
    return (HttpServerMetrics<Object, Object, Object>) metrics.createHttpServerMetrics(new HttpServerOptions(), LOCAL);
  }

  /** A GET as Vert.x reports it to the meters. */
  private static final class Request implements HttpRequest {
    @Override
    public int id() {
      return 1;
    }

    @Override
    public String uri() {
      return "/test-cases-summary/x";
    }

    @Override
    public String absoluteURI() {
      return "http://127.0.0.1:8080/test-cases-summary/x";
    }

    @Override
    public HttpMethod method() {
      return HttpMethod.GET;
    }

    @Override
    public MultiMap headers() {
      return MultiMap.caseInsensitiveMultiMap();
    }

    @Override
    public SocketAddress remoteAddress() {
      return REMOTE;
    }
  }
}
