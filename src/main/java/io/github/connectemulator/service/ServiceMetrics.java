package io.github.connectemulator.service;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;

/**
 * The Prometheus registry and the Vert.x metrics options the standalone emulator starts with: HTTP server metrics
 * labelled by route template (never by path, which holds ids), event-bus metrics without addresses (reply addresses
 * are unbounded), JVM metrics. The emulator's own meters ({@link OperationMetrics}, {@link ExecutionMetrics}) join
 * the same registry.
 */
public final class ServiceMetrics {

  private ServiceMetrics() {}

  public static PrometheusMeterRegistry newRegistry() {
    return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  }

  /**
   * Options for a {@code Vertx} whose built-in metrics go to {@code registryName}'s registry.
   *
   * @param eventBus whether to count every event-bus message ({@code metrics.eventBus})
   */
  public static VertxOptions vertxOptions(String registryName, boolean eventBus) {
    var options = new MicrometerMetricsOptions()
        .setEnabled(true)
        .setRegistryName(registryName)
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))
        .setJvmMetricsEnabled(true)
        .addLabels(Label.HTTP_ROUTE)
        .addDisabledMetricsCategory(MetricsDomain.DATAGRAM_SOCKET);
    if (!eventBus) {
      options.addDisabledMetricsCategory(MetricsDomain.EVENT_BUS);
    }
    return new VertxOptions().setMetricsOptions(options);
  }
}
