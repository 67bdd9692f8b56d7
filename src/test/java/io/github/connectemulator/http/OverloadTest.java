package io.github.connectemulator.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.connectemulator.Emulator;
import io.github.connectemulator.config.EmulatorConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Twice the emulator's capacity: requests beyond the bound on requests in flight are answered ThrottlingException at
 * once, the accepted ones keep their latency, the heap stays bounded, and the service is back the moment the load
 * ends.
 */
class OverloadTest {

  /** Each request holds its owner this long (injected latency), so capacity is IN_FLIGHT / LATENCY per second. */
  private static final int LATENCY_MILLIS = 100;
  private static final int IN_FLIGHT = 20;
  /** Twice as many concurrent callers as the owner may hold. */
  private static final int CALLERS = 2 * IN_FLIGHT;
  private static final long LOAD_MILLIS = 3_000;

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
      var heap = ManagementFactory.getMemoryMXBean();
      long heapBefore = heap.getHeapMemoryUsage().getUsed();

      long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LOAD_MILLIS);
      List<Future<Void>> callers = new ArrayList<>();
      for (int i = 0; i < CALLERS; i++) {
        callers.add(loop(client, emulator.port(), uri, until, outcomes));
      }
      Future.all(callers).await(LOAD_MILLIS + 10_000, TimeUnit.MILLISECONDS);
      long heapAfter = heap.getHeapMemoryUsage().getUsed();

      List<Outcome> accepted = outcomes.stream().filter(o -> o.status() == 200).toList();
      List<Outcome> throttled = outcomes.stream().filter(o -> o.status() == 429).toList();
      assertThat(accepted.size() + throttled.size()).as("only answers and throttles").isEqualTo(outcomes.size());
      assertThat(throttled).as("some were throttled").isNotEmpty()
          .allSatisfy(o -> assertThat(o.errorType()).isEqualTo("ThrottlingException"));
      // At most IN_FLIGHT at once, each holding LATENCY_MILLIS: the accepted rate cannot pass capacity.
      double capacity = IN_FLIGHT * (LOAD_MILLIS / (double) LATENCY_MILLIS);
      assertThat((double) accepted.size()).isBetween(capacity * 0.5, capacity * 1.1);
      assertThat(p99Millis(accepted)).as("accepted latency").isLessThan(LATENCY_MILLIS * 3);
      assertThat(p99Millis(throttled)).as("throttled answered fast").isLessThan(LATENCY_MILLIS);
      System.out.printf("overload: %d requests, %d accepted (p99 %d ms), %d throttled (p99 %d ms), heap used %d -> %d MB%n",
          outcomes.size(), accepted.size(), p99Millis(accepted), throttled.size(), p99Millis(throttled),
          heapBefore >> 20, heapAfter >> 20);

      long recovery = System.nanoTime();
      int status = client.request(HttpMethod.GET, emulator.port(), "127.0.0.1", uri)
          .compose(HttpClientRequest::send).map(r -> r.statusCode()).await(5, TimeUnit.SECONDS);
      assertThat(status).as("served right after").isEqualTo(200);
      assertThat(System.nanoTime() - recovery).isLessThan(TimeUnit.MILLISECONDS.toNanos(LATENCY_MILLIS * 3));
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
    client.request(HttpMethod.GET, port, "127.0.0.1", uri)
        .compose(HttpClientRequest::send)
        .compose(response -> response.body().map(body -> new Outcome(response.statusCode(),
            response.getHeader("x-amzn-ErrorType"), System.nanoTime() - start)))
        .onSuccess(outcome -> {
          outcomes.add(outcome);
          next(client, port, uri, until, outcomes, done);
        })
        .onFailure(done::fail);
  }

  private static long p99Millis(List<Outcome> outcomes) {
    long[] sorted = outcomes.stream().mapToLong(Outcome::nanos).sorted().toArray();
    return sorted.length == 0 ? 0 : TimeUnit.NANOSECONDS.toMillis(sorted[(int) Math.ceil(sorted.length * 0.99) - 1]);
  }
}
