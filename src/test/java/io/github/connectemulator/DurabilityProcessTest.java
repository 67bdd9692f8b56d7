package io.github.connectemulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.connectemulator.testing.EmulatorProcess;
import io.github.connectemulator.testing.Eventually;
import io.vertx.core.json.JsonObject;
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
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * data.dir: the process is killed (SIGKILL) in the middle of a burst of writes; after a restart on the same
 * directory, every test case and every execution whose creation was answered 200 is there.
 */
class DurabilityProcessTest {

  private static final int WRITERS = 16;
  /** Acknowledged test cases and executions each, before the kill. */
  private static final int MIN_ACKNOWLEDGED = 20;

  private record Started(String testCase, String execution) {}

  /** The emulator's data.dir and its output, removed by JUnit afterwards. */
  @TempDir Path scratch;

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void everyAcknowledgedWriteSurvivesAKill() throws Exception {
    Path data = Files.createDirectory(scratch.resolve("data"));
    Path output = scratch.resolve("emulator.log");
    String instance = UUID.randomUUID().toString();
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    int port = EmulatorProcess.freePort();
    String base = "http://127.0.0.1:" + port;

    Process first = start(port, data, output);
    var testCases = new ConcurrentLinkedQueue<String>();
    var executions = new ConcurrentLinkedQueue<Started>();
    try {
      EmulatorProcess.waitUntilReady(client, base, first, output);
      // Writers go on until their connection dies with the process (or a safety deadline).
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
      List<Future<?>> writers = new ArrayList<>();
      for (int i = 0; i < WRITERS; i++) {
        writers.add(pool.submit(() -> write(client, base, instance, until, testCases, executions)));
      }
      // Kill once the burst is under way, whatever the machine's speed: writes acknowledged, more in flight.
      Eventually.poll(() -> testCases.size() >= MIN_ACKNOWLEDGED && executions.size() >= MIN_ACKNOWLEDGED,
          enough -> enough, MIN_ACKNOWLEDGED + " test cases and executions acknowledged");
      first.destroyForcibly(); // SIGKILL, writes still under way
      first.waitFor(10, TimeUnit.SECONDS);
      for (Future<?> writer : writers) {
        writer.get(20, TimeUnit.SECONDS);
      }
      pool.shutdown();
    } finally {
      first.destroyForcibly();
    }
    assertThat(testCases).as("test cases acknowledged before the kill").isNotEmpty();
    assertThat(executions).as("executions acknowledged before the kill").isNotEmpty();

    Process second = start(port, data, output);
    try {
      EmulatorProcess.waitUntilReady(client, base, second, output);
      for (String testCase : testCases) {
        assertThat(get(client, base + "/test-cases/" + instance + "/" + testCase).statusCode())
            .as("test case %s after the restart", testCase).isEqualTo(200);
      }
      for (Started run : executions) {
        HttpResponse<String> summary = get(client,
            base + "/test-cases/" + instance + "/" + run.testCase() + "/" + run.execution() + "/summary");
        assertThat(summary.statusCode()).as("execution %s after the restart", run.execution()).isEqualTo(200);
      }
      System.out.printf("durability: %d test cases and %d executions acknowledged before SIGKILL, all there after"
          + " the restart%n", testCases.size(), executions.size());
    } finally {
      second.destroyForcibly();
    }
  }

  /** One writer: create a test case, start a run of it, again and again until the deadline or the kill. */
  private static void write(HttpClient client, String base, String instance, long until,
      ConcurrentLinkedQueue<String> testCases, ConcurrentLinkedQueue<Started> executions) {
    while (System.nanoTime() < until) {
      try {
        HttpResponse<String> created = send(client, "PUT", base + "/test-cases/" + instance,
            new JsonObject().put("Name", "durable " + UUID.randomUUID()).put("Content", Fixtures.CONTENT));
        if (created.statusCode() != 200) {
          return;
        }
        String testCase = new JsonObject(created.body()).getString("TestCaseId");
        testCases.add(testCase);
        HttpResponse<String> started = send(client, "PUT",
            base + "/test-cases/" + instance + "/" + testCase + "/start-execution", new JsonObject());
        if (started.statusCode() != 200) {
          return;
        }
        executions.add(new Started(testCase, new JsonObject(started.body()).getString("TestCaseExecutionId")));
      } catch (Exception killed) {
        return; // the connection died with the process: that write was never acknowledged
      }
    }
  }

  private static HttpResponse<String> send(HttpClient client, String method, String uri, JsonObject body)
      throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(5))
        .header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(body.encode())).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(HttpClient client, String uri) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(5)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static Process start(int port, Path data, Path output) throws Exception {
    return EmulatorProcess.start(port, Map.of("EMULATOR_DATA_DIR", data.toString(),
        "EMULATOR_QUOTA_MAX_QUEUED_PER_INSTANCE", "0", "EMULATOR_QUOTA_MAX_RUNNING_PER_INSTANCE", "0"), output);
  }
}
