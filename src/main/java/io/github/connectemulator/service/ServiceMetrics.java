package io.github.connectemulator.service;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.metrics.MetricsOptions;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.core.spi.metrics.VertxMetrics;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;

/**
 * The Prometheus registry and the Vert.x metrics options the standalone emulator starts with: HTTP server metrics
 * labelled by route template (never by path, which holds ids), event-bus metrics without addresses (reply addresses
 * are unbounded), JVM metrics ({@link JvmMeters}). The emulator's own meters ({@link OperationMetrics},
 * {@link ExecutionMetrics}) join the same registry.
 */
public final class ServiceMetrics {

  private ServiceMetrics() {}

  public static PrometheusMeterRegistry newRegistry() {
    return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  }

  /**
   * Vert.x's meters in {@code registry}, with the HTTP server's guarded ({@link GuardedVertxMetrics}): a connection
   * accepted before the server's meters exist is answered, not left until its idle timeout.
   */
  public static VertxMetricsFactory metricsFactory(PrometheusMeterRegistry registry) {
    var micrometer = new MicrometerMetricsFactory(registry);
    return new VertxMetricsFactory() {
      @Override
      public VertxMetrics metrics(VertxOptions options) {
        return new GuardedVertxMetrics(micrometer.metrics(options));
      }

      @Override
      public MetricsOptions newOptions(MetricsOptions options) {
        return micrometer.newOptions(options);
      }

      @Override
      public MetricsOptions newOptions(JsonObject json) {
        return micrometer.newOptions(json);
      }

      @Override
      public MetricsOptions newOptions() {
        return micrometer.newOptions();
      }
    };
  }

  /**
   * Options for a {@code Vertx} whose built-in metrics go to {@code registryName}'s registry.
   *
   * @param eventBus whether to count every event-bus message ({@code metrics.eventBus})
   * @param httpServer whether to measure every HTTP request with Vert.x's meters ({@code metrics.httpServer})
   */
  public static VertxOptions vertxOptions(String registryName, boolean eventBus, boolean httpServer) {
    var options = new MicrometerMetricsOptions()
        .setEnabled(true)
        .setRegistryName(registryName)
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))
        // The JVM's meters are bound once the emulator serves (JvmMeters), not while the first request waits.
        .setJvmMetricsEnabled(false)
        .addLabels(Label.HTTP_ROUTE)
        .addDisabledMetricsCategory(MetricsDomain.DATAGRAM_SOCKET);
    if (!eventBus) {
      options.addDisabledMetricsCategory(MetricsDomain.EVENT_BUS);
    }
    if (!httpServer) {
      options.addDisabledMetricsCategory(MetricsDomain.HTTP_SERVER);
    }
    return new VertxOptions().setMetricsOptions(options);
  }
}
