package io.github.connectemulator.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code emulator_requests_seconds{operation, outcome}}: a latency histogram per AWS operation and outcome, where the
 * outcome is {@code success} or the AWS error type answered. Both labels come from fixed sets (eleven operations, the
 * error types the emulator knows), so the series stay bounded whatever the callers send.
 */
public final class OperationMetrics {

  static final String NAME = "emulator.requests";
  static final String SUCCESS = "success";
  private static final String ERROR_TYPE_HEADER = "x-amzn-ErrorType";
  private static final Duration[] BUCKETS = {
    Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
    Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
    Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)
  };

  private final MeterRegistry registry;
  private final Map<String, Map<String, Timer>> timers = new ConcurrentHashMap<>();

  public OperationMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** A route handler that times the rest of the route and records it under {@code operation} when it ends. */
  public Handler<RoutingContext> measure(String operation) {
    Map<String, Timer> byOutcome = timers.computeIfAbsent(operation, name -> new ConcurrentHashMap<>());
    return ctx -> {
      long start = System.nanoTime();
      ctx.addEndHandler(ended -> {
        String errorType = ctx.response().headers().get(ERROR_TYPE_HEADER);
        String outcome = errorType == null ? SUCCESS : errorType;
        byOutcome.computeIfAbsent(outcome, o -> timer(operation, o)).record(System.nanoTime() - start,
            java.util.concurrent.TimeUnit.NANOSECONDS);
      });
      ctx.next();
    };
  }

  private Timer timer(String operation, String outcome) {
    return Timer.builder(NAME)
        .description("AWS operations answered, by operation and outcome (success or the AWS error type)")
        .tags("operation", operation, "outcome", outcome)
        .serviceLevelObjectives(BUCKETS)
        .register(registry);
  }
}
