package io.github.connectemulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.connectemulator.testing.EmulatorProcess;
import io.github.connectemulator.testing.Eventually;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emulator as a process: SIGTERM in the middle of a burst of requests that are still being served. Every
 * request accepted before the signal gets its answer, and the process exits 0.
 */
class GracefulShutdownProcessTest {

  private static final int BURST = 40;
  /** Long enough that every request of the burst is still in flight when the signal comes. */
  private static final long REQUEST_MILLIS = 1500;

  /** The emulator's output, removed by JUnit afterwards. */
  @TempDir Path scratch;

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void sigtermDuringABurstAnswersEveryAcceptedRequestAndExitsZero() throws Exception {
    int port = EmulatorProcess.freePort();
    Path output = scratch.resolve("emulator.log");
    Process emulator = EmulatorProcess.start(port, Map.of(
        "EMULATOR_FAULTS_OPERATIONS", "ListTestCases",
        "EMULATOR_FAULTS_LATENCY_MIN_MILLIS", Long.toString(REQUEST_MILLIS),
        "EMULATOR_FAULTS_LATENCY_MAX_MILLIS", Long.toString(REQUEST_MILLIS),
        "EMULATOR_SHUTDOWN_GRACE_PERIOD_MILLIS", "10000"), output);
    try {
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2)).build();
      String base = "http://127.0.0.1:" + port;
      EmulatorProcess.waitUntilReady(client, base, emulator, output);

      List<CompletableFuture<HttpResponse<String>>> burst = new ArrayList<>();
      for (int i = 0; i < BURST; i++) {
        HttpRequest list = HttpRequest.newBuilder(URI.create(base + "/test-cases-summary/" + UUID.randomUUID()))
            .timeout(Duration.ofSeconds(20)).GET().build();
        burst.add(client.sendAsync(list, HttpResponse.BodyHandlers.ofString()));
      }
      // SIGTERM once every request of the burst has reached the server, however long that took: each is either
      // in flight there (the metrics request itself is one more) or already answered.
      Eventually.poll(() -> activeRequests(client, base) - 1 + burst.stream().filter(CompletableFuture::isDone).count(),
          arrived -> arrived >= BURST, "the whole burst at the server");
      emulator.destroy(); // SIGTERM

      for (CompletableFuture<HttpResponse<String>> pending : burst) {
        HttpResponse<String> response = pending.get(20, TimeUnit.SECONDS);
        assertThat(response.statusCode()).as("answer to a request accepted before SIGTERM").isEqualTo(200);
        assertThat(response.body()).contains("TestCaseSummaryList");
      }
      assertThat(emulator.waitFor(20, TimeUnit.SECONDS)).as("process ended").isTrue();
      assertThat(emulator.exitValue()).as("exit status; output:%n%s", Files.readString(output)).isZero();
    } finally {
      emulator.destroyForcibly();
    }
  }

  /** The server's own count of requests it is processing, from its Prometheus metrics. */
  private static double activeRequests(HttpClient client, String base) throws Exception {
    String metrics = client.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).GET().build(),
        HttpResponse.BodyHandlers.ofString()).body();
    return metrics.lines().filter(line -> line.startsWith("vertx_http_server_active_requests{"))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
  }
}
