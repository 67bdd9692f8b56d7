package io.github.connectemulator.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code emulator_requests_seconds{operation, outcome, transport}}: a latency histogram per AWS operation, outcome
 * ({@code success} or the AWS error type answered) and face ({@code http} or {@code bus}). Every label comes from a
 * fixed set (eleven operations, the error types the emulator knows, two faces), so the series stay bounded whatever
 * the callers send.
 */
public final class OperationMetrics {

  static final String NAME = "emulator.requests";
  public static final String SUCCESS = "success";
  public static final String HTTP = "http";
  public static final String BUS = "bus";
  private static final String ERROR_TYPE_HEADER = "x-amzn-ErrorType";
  private static final Duration[] BUCKETS = {
    Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
    Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
    Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)
  };

  private final MeterRegistry registry;
  /** operation + transport → outcome → timer. */
  private final Map<String, Map<String, Timer>> timers = new ConcurrentHashMap<>();

  public OperationMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Times one operation's HTTP requests. */
  public final class HttpTiming {
    private final String operation;
    private final Map<String, Timer> byOutcome;
    /** The success timer, once made: the outcome of most requests, found without a map lookup. */
    private volatile Timer success;

    private HttpTiming(String operation) {
      this.operation = operation;
      this.byOutcome = byOutcome(operation, HTTP);
    }

    /**
     * Records a request the route has just answered with success; {@code startNanos} is {@code System.nanoTime()}
     * when it was routed. Recorded as the answer is written rather than from a response end handler, which cost every
     * request a handler list, a registration and a header lookup.
     */
    public void succeeded(long startNanos) {
      Timer timer = success;
      if (timer == null) {
        timer = success = byOutcome.computeIfAbsent(SUCCESS, o -> timer(operation, HTTP, o));
      }
      timer.record(System.nanoTime() - startNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /** Records a request answered otherwise, by the outcome its response names, once that response has ended. */
    public void answered(RoutingContext ctx, long startNanos) {
      if (ctx.response().ended()) {
        recordOutcome(ctx, startNanos);
      } else {
        ctx.addEndHandler(ended -> recordOutcome(ctx, startNanos));
      }
    }

    private void recordOutcome(RoutingContext ctx, long startNanos) {
      String errorType = ctx.response().headers().get(ERROR_TYPE_HEADER);
      record(byOutcome, operation, HTTP, errorType == null ? SUCCESS : errorType, System.nanoTime() - startNanos);
    }
  }

  /** The timing of {@code operation}'s HTTP requests. */
  public HttpTiming httpTiming(String operation) {
    return new HttpTiming(operation);
  }

  /** Records one call that took {@code nanos}; {@code outcome} is {@link #SUCCESS} or the AWS error type. */
  public void record(String operation, String transport, String outcome, long nanos) {
    record(byOutcome(operation, transport), operation, transport, outcome, nanos);
  }

  private Map<String, Timer> byOutcome(String operation, String transport) {
    return timers.computeIfAbsent(operation + "|" + transport, key -> new ConcurrentHashMap<>());
  }

  private void record(Map<String, Timer> byOutcome, String operation, String transport, String outcome, long nanos) {
    byOutcome.computeIfAbsent(outcome, o -> timer(operation, transport, o))
        .record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
  }

  private Timer timer(String operation, String transport, String outcome) {
    return Timer.builder(NAME)
        .description("AWS operations answered, by operation, outcome (success or the AWS error type) and face")
        .tags("operation", operation, "outcome", outcome, "transport", transport)
        .serviceLevelObjectives(BUCKETS)
        .register(registry);
  }
}
