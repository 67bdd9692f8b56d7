package io.github.connectemulator.testing;

import io.github.connectemulator.Main;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The emulator as a process of its own, as the process tests start it: {@code Main} on this test's classpath. */
public final class EmulatorProcess {

  private EmulatorProcess() {}

  /** A port free now, for a process to listen on. */
  public static int freePort() throws Exception {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /**
   * Starts {@code Main} listening on 127.0.0.1:{@code port} with {@code environment} added, its output appended to
   * {@code output} (a restarted process appends to its predecessor's).
   */
  public static Process start(int port, Map<String, String> environment, Path output) throws Exception {
    var builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName());
    builder.environment().put("EMULATOR_HTTP_HOST", "127.0.0.1");
    builder.environment().put("HTTP_PORT", Integer.toString(port));
    builder.environment().putAll(environment);
    builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
    return builder.start();
  }

  /** Waits up to 30 s for {@code /health/ready} to answer 200; fails with the output if the process exits first. */
  public static void waitUntilReady(HttpClient client, String base, Process emulator, Path output) throws Exception {
    HttpRequest ready = HttpRequest.newBuilder(URI.create(base + "/health/ready"))
        .timeout(Duration.ofSeconds(2)).GET().build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (!emulator.isAlive()) {
        throw new AssertionError("the emulator exited: " + Files.readString(output));
      }
      try {
        if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (java.io.IOException notListeningYet) {
        // keep waiting
      }
      Thread.sleep(50);
    }
    throw new AssertionError("not ready in 30 s: " + Files.readString(output));
  }
}
