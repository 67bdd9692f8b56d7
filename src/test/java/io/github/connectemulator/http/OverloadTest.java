package io.github.connectemulator.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.connectemulator.Emulator;
import io.github.connectemulator.config.EmulatorConfig;
import io.github.connectemulator.testing.EmulatorHttp;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Twice the emulator's capacity: requests beyond the bound on requests in flight are answered ThrottlingException at
 * once, the accepted ones keep their latency, nothing of the load stays on the heap, and the service is back the
 * moment the load ends.
 */
class OverloadTest {

  /** Each request holds its owner this long (injected latency), so capacity is IN_FLIGHT / LATENCY per second. */
  private static final int LATENCY_MILLIS = 100;
  private static final int IN_FLIGHT = 20;
  /** Twice as many concurrent callers as the owner may hold. */
  private static final int CALLERS = 2 * IN_FLIGHT;
  private static final long LOAD_MILLIS = 3_000;
  /**
   * Heap still reachable after the load, beyond what was reachable before it. Some 20 000 requests pass in 3 s, so
   * keeping even a few hundred bytes of each (a queued request, a leaked context) would exceed it.
   */
  private static final long RETAINED_HEAP_BOUND_BYTES = 4L << 20;

  private record Outcome(int status, String errorType, long nanos) {}

  @Test
  void beyondCapacityRequestsAreThrottledFastAndAcceptedOnesKeepTheirLatency() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Emulator emulator = Emulator.deploy(vertx, EmulatorConfig.withKeys(Map.of(
              "http.host", "127.0.0.1", "http.port", "0",
              "owners.maxInFlightRequests", Integer.toString(IN_FLIGHT),
              "faults.operations", "ListTestCases",
              "faults.latencyMinMillis", Integer.toString(LATENCY_MILLIS),
              "faults.latencyMaxMillis", Integer.toString(LATENCY_MILLIS))))
          .await(10, TimeUnit.SECONDS);
      HttpClientAgent client = vertx.createHttpClient(new HttpClientOptions(),
          new PoolOptions().setHttp1MaxSize(CALLERS));
      String uri = "/test-cases-summary/" + UUID.randomUUID();
      var outcomes = new ConcurrentLinkedQueue<Outcome>();
      // Warm the path first, so that classes, pools and meters created once are in the "before" figure.
      EmulatorHttp.get(client, emulator.port(), uri).await(5, TimeUnit.SECONDS).assertOk();
      long heapBefore = reachableHeapBytes();

      long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LOAD_MILLIS);
      List<Future<Void>> callers = new ArrayList<>();
      for (int i = 0; i < CALLERS; i++) {
        callers.add(loop(client, emulator.port(), uri, until, outcomes));
      }
      Future.all(callers).await(LOAD_MILLIS + 10_000, TimeUnit.MILLISECONDS);
      Load load = Load.of(outcomes);
      outcomes.clear(); // the test's own record of the load must not count as heap the emulator kept
      long heapAfter = reachableHeapBytes();
      System.out.printf("overload: %d requests, %d accepted (p50 %d ms, p99 %d ms), %d throttled (p50 %d ms, "
              + "p99 %d ms), reachable heap %.1f -> %.1f MB%n", load.requests(), load.accepted().count(),
          load.accepted().p50Millis(), load.accepted().p99Millis(), load.throttled().count(),
          load.throttled().p50Millis(), load.throttled().p99Millis(), heapBefore / 1048576.0, heapAfter / 1048576.0);

      assertThat(load.accepted().count() + load.throttled().count()).as("only answers and throttles")
          .isEqualTo(load.requests());
      assertThat(load.throttled().count()).as("some were throttled").isPositive();
      assertThat(load.throttledTypes()).containsExactly("ThrottlingException");
      // At most IN_FLIGHT at once, each holding LATENCY_MILLIS: the accepted rate cannot pass capacity.
      double capacity = IN_FLIGHT * (LOAD_MILLIS / (double) LATENCY_MILLIS);
      assertThat((double) load.accepted().count()).isBetween(capacity * 0.5, capacity * 1.1);
      // Medians, not tails: on a busy CI machine a few requests of either kind wait for a core, which says nothing
      // about the emulator. A throttled request must not wait for a slot; an accepted one must not queue for one.
      assertThat(load.throttled().p50Millis()).as("throttled answered at once").isLessThan(LATENCY_MILLIS / 2);
      assertThat(load.accepted().p50Millis()).as("accepted latency").isLessThan(LATENCY_MILLIS * 2);
      assertThat(heapAfter - heapBefore).as("heap kept after the load (bytes)").isLessThan(RETAINED_HEAP_BOUND_BYTES);

      long recovery = System.nanoTime();
      EmulatorHttp.get(client, emulator.port(), uri).await(5, TimeUnit.SECONDS).assertOk();
      assertThat(System.nanoTime() - recovery).as("no backlog left to wait behind")
          .isLessThan(TimeUnit.MILLISECONDS.toNanos(LATENCY_MILLIS * 10));
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  /** One caller: requests back to back until the deadline. */
  private static Future<Void> loop(HttpClientAgent client, int port, String uri, long until,
      ConcurrentLinkedQueue<Outcome> outcomes) {
    Promise<Void> done = Promise.promise();
    next(client, port, uri, until, outcomes, done);
    return done.future();
  }

  private static void next(HttpClientAgent client, int port, String uri, long until,
      ConcurrentLinkedQueue<Outcome> outcomes, Promise<Void> done) {
    if (System.nanoTime() >= until) {
      done.complete();
      return;
    }
    long start = System.nanoTime();
    EmulatorHttp.get(client, port, uri)
        .map(reply -> new Outcome(reply.status(), reply.errorType(), System.nanoTime() - start))
        .onSuccess(outcome -> {
          outcomes.add(outcome);
          next(client, port, uri, until, outcomes, done);
        })
        .onFailure(done::fail);
  }

  /** Heap in use after full collections: what the test's JVM still reaches, garbage excluded. */
  private static long reachableHeapBytes() {
    var heap = ManagementFactory.getMemoryMXBean();
    heap.gc();
    heap.gc();
    return heap.getHeapMemoryUsage().getUsed();
  }

  /** What the callers saw, reduced to figures. */
  private record Load(int requests, Latencies accepted, Latencies throttled, Set<String> throttledTypes) {

    static Load of(Collection<Outcome> outcomes) {
      List<Outcome> throttled = outcomes.stream().filter(o -> o.status() == 429).toList();
      return new Load(outcomes.size(), Latencies.of(outcomes.stream().filter(o -> o.status() == 200).toList()),
          Latencies.of(throttled), throttled.stream().map(Outcome::errorType).collect(Collectors.toSet()));
    }
  }

  private record Latencies(int count, long p50Millis, long p99Millis) {

    static Latencies of(List<Outcome> outcomes) {
      long[] sorted = outcomes.stream().mapToLong(Outcome::nanos).sorted().toArray();
      return new Latencies(sorted.length, percentileMillis(sorted, 0.5), percentileMillis(sorted, 0.99));
    }

    private static long percentileMillis(long[] sorted, double fraction) {
      return sorted.length == 0 ? 0
          : TimeUnit.NANOSECONDS.toMillis(sorted[(int) Math.ceil(sorted.length * fraction) - 1]);
    }
  }
}
