package io.github.connectemulator.service;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.eventbus.EventBus;

/** The emulator's meters in one registry, and the route that serves them. */
public record EmulatorMetrics(
    PrometheusMeterRegistry registry, OperationMetrics operations, ExecutionMetrics executions) {

  public static EmulatorMetrics in(PrometheusMeterRegistry registry) {
    return new EmulatorMetrics(registry, new OperationMetrics(registry), new ExecutionMetrics(registry));
  }

  public MetricsRoute route(EventBus bus, int ownerCount) {
    return new MetricsRoute(bus, ownerCount, registry, executions);
  }
}
