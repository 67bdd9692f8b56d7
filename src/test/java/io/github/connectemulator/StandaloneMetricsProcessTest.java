package io.github.connectemulator;

import io.github.connectemulator.testing.Eventually;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
    int port;
    try (var socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path output = scratch.resolve("emulator.log");
    var builder = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        Main.class.getName());
    builder.environment().put("EMULATOR_HTTP_HOST", "127.0.0.1");
    builder.environment().put("HTTP_PORT", Integer.toString(port));
    builder.redirectErrorStream(true).redirectOutput(output.toFile());
    Process emulator = builder.start();
    try {
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      HttpRequest metrics = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
          .timeout(Duration.ofSeconds(2)).GET().build();
      Eventually.poll(() -> {
        if (!emulator.isAlive()) {
          throw new AssertionError("the emulator exited: " + Files.readString(output));
        }
        try {
          return client.send(metrics, HttpResponse.BodyHandlers.ofString()).body();
        } catch (java.io.IOException notListeningYet) {
          return "";
        }
      }, scrape -> scrape.contains("jvm_memory_used_bytes") && scrape.contains("jvm_gc_")
          && scrape.contains("process_cpu_usage") && scrape.contains("jvm_threads_live_threads"),
          "the JVM's meters in /metrics");
    } finally {
      emulator.destroyForcibly();
    }
  }
}
