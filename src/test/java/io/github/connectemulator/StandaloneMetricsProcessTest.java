package io.github.connectemulator;

import io.github.connectemulator.testing.EmulatorProcess;
import io.github.connectemulator.testing.Eventually;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standalone emulator's /metrics: the JVM's meters, which {@code Main} binds once the emulator serves rather than
 * while the first request waits ({@code JvmMeters}), are there soon after it answers.
 */
class StandaloneMetricsProcessTest {

  @TempDir Path scratch;

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void theJvmMetersShowSoonAfterTheFirstAnswer() throws Exception {
    int port = EmulatorProcess.freePort();
    Path output = scratch.resolve("emulator.log");
    Process emulator = EmulatorProcess.start(port, Map.of(), output);
    try {
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      String base = "http://127.0.0.1:" + port;
      EmulatorProcess.waitUntilReady(client, base, emulator, output);
      HttpRequest metrics = HttpRequest.newBuilder(URI.create(base + "/metrics"))
          .timeout(Duration.ofSeconds(2)).GET().build();
      Eventually.poll(() -> client.send(metrics, HttpResponse.BodyHandlers.ofString()).body(),
          scrape -> scrape.contains("jvm_memory_used_bytes") && scrape.contains("jvm_gc_")
              && scrape.contains("process_cpu_usage") && scrape.contains("jvm_threads_live_threads"),
          "the JVM's meters in /metrics");
    } finally {
      emulator.destroyForcibly();
    }
  }
}
