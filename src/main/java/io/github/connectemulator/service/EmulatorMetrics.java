package io.github.connectemulator.service;

import io.github.connectemulator.operations.OwnerClient;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** The emulator's meters in one registry, and the route that serves them. */
public record EmulatorMetrics(
    PrometheusMeterRegistry registry, OperationMetrics operations, ExecutionMetrics executions) {

  public static EmulatorMetrics in(PrometheusMeterRegistry registry) {
    return new EmulatorMetrics(registry, new OperationMetrics(registry), new ExecutionMetrics(registry));
  }

  public MetricsRoute route(OwnerClient owners) {
    return new MetricsRoute(owners, registry, executions);
  }
}
