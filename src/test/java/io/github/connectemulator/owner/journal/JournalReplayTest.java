package io.github.connectemulator.owner.journal;

import static io.github.connectemulator.testing.EmulatorHttp.HOST;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.connectemulator.Emulator;
import io.github.connectemulator.config.EmulatorConfig;
import io.github.connectemulator.testing.EmulatorHttp;
import io.github.connectemulator.testing.HttpReply;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** data.dir in one process: what a journal replays after the admin API's reset; injected latency still applies. */
class JournalReplayTest {

  /** data.dir of each test, removed by JUnit afterwards. */
  @TempDir Path data;

  @Test
  void journaledWritesStillMeetTheInjectedLatency() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Emulator emulator = Emulator.deploy(vertx, EmulatorConfig.withKeys(Map.of("http.host", HOST, "http.port", "0",
          "data.dir", data.toString(), "faults.operations", "CreateTestCase",
          "faults.latencyMinMillis", "800", "faults.latencyMaxMillis", "800"))).await(10, TimeUnit.SECONDS);
      var http = new EmulatorHttp(vertx, emulator.port());
      String instance = EmulatorHttp.newInstanceId();
      http.get("/test-cases-summary/" + instance).await(10, TimeUnit.SECONDS).assertOk(); // warm, without latency
      long start = System.nanoTime();
      http.createdTestCase(instance, "slow").await(10, TimeUnit.SECONDS);
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(800);
    } finally {
      vertx.close().await(20, TimeUnit.SECONDS);
    }
  }

  @Test
  void testCasesCreatedAfterAResetComeBackWithTheirIds() throws Exception {
    Map<String, String> keys = Map.of("http.host", HOST, "http.port", "0", "data.dir", data.toString());
    String instance = EmulatorHttp.newInstanceId();

    Vertx first = Vertx.vertx();
    String kept;
    try {
      Emulator emulator = Emulator.deploy(first, EmulatorConfig.withKeys(keys)).await(10, TimeUnit.SECONDS);
      var http = new EmulatorHttp(first, emulator.port());
      String forgotten = http.createdTestCase(instance, "before reset").await(10, TimeUnit.SECONDS);
      assertThat(http.send(HttpMethod.POST, "/_emulator/reset", null, (String) null).await(10, TimeUnit.SECONDS)
          .status()).isEqualTo(200);
      kept = http.createdTestCase(instance, "after reset").await(10, TimeUnit.SECONDS);
      assertThat(kept).isNotEqualTo(forgotten);
      emulator.undeploy().await(20, TimeUnit.SECONDS);
    } finally {
      first.close().await(10, TimeUnit.SECONDS);
    }

    Vertx second = Vertx.vertx();
    try {
      Emulator emulator = Emulator.deploy(second, EmulatorConfig.withKeys(keys)).await(10, TimeUnit.SECONDS);
      var http = new EmulatorHttp(second, emulator.port());
      HttpReply listed = http.get("/test-cases-summary/" + instance).await(10, TimeUnit.SECONDS);
      assertThat(listed.assertOk().getJsonArray("TestCaseSummaryList")).hasSize(1);
      assertThat(listed.json().getJsonArray("TestCaseSummaryList").getJsonObject(0).getString("Id"))
          .as("the id it was acknowledged with").isEqualTo(kept);
    } finally {
      second.close().await(10, TimeUnit.SECONDS);
    }
  }
}
