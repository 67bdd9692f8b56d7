package io.github.connectemulator.owner;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.connectemulator.Emulator;
import io.github.connectemulator.config.EmulatorConfig;
import io.github.connectemulator.testing.EmulatorHttp;
import io.github.connectemulator.testing.Eventually;
import io.github.connectemulator.testing.HttpReply;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * data.dir and the admin clock: a restart goes on from the time the journal reached. The offset comes back, even
 * when the clock was moved after the last change, so replayed runs keep their times and new runs start later.
 */
class ClockOffsetRestartTest {

  static final long HOUR = 3_600_000;

  @TempDir Path data;

  final String instance = EmulatorHttp.newInstanceId();

  /** What the first life showed, to compare with after the restart. */
  record Seen(String testCase, String slowTestCase, JsonObject finished, String finishedId, JsonObject running,
      String runningId, long clockNow, long offset) {}

  @Test
  void theClockOffsetSurvivesARestartAndTimesNeverGoBack() throws Exception {
    Map<String, String> keys = Map.of("http.host", EmulatorHttp.HOST, "http.port", "0",
        "data.dir", data.toString(), "timing.initiatedMillis", "10", "timing.observationMillis", "20",
        "timing.maxRunMillis", Long.toString(24 * HOUR), "retention.finishedTtlMillis", Long.toString(24 * HOUR));
    Seen before;
    Vertx first = Vertx.vertx();
    try {
      Emulator emulator = Emulator.deploy(first, EmulatorConfig.withKeys(keys)).await(10, TimeUnit.SECONDS);
      var http = new EmulatorHttp(first, emulator.port());
      String testCase = await(http.createdTestCase(instance, "quick"));
      String slow = await(http.create(instance, EmulatorHttp.createBody("slow")
          .put("Tags", new JsonObject().put("emulator:observationMillis", Long.toString(2 * HOUR)))))
          .assertOk().getString("TestCaseId");

      advanceClock(http, HOUR);
      String finishedId = startedRun(http, testCase);
      JsonObject finished = Eventually.poll(() -> summary(http, testCase, finishedId),
          summary -> summary.getString("Status").equals("PASSED"), "the quick run PASSED");
      String runningId = startedRun(http, slow);
      JsonObject running = summary(http, slow, runningId);
      assertThat(millis(finished, "StartTime")).as("started after the clock moved")
          .isGreaterThan(System.currentTimeMillis() + HOUR - 60_000);

      // The last thing before the restart is a move of the clock, with no change after it.
      JsonObject clock = advanceClock(http, HOUR);
      before = new Seen(testCase, slow, finished, finishedId, running, runningId, clock.getLong("now"),
          clock.getLong("offsetMillis"));
      emulator.undeploy().await(20, TimeUnit.SECONDS);
    } finally {
      first.close().await(20, TimeUnit.SECONDS);
    }

    Vertx second = Vertx.vertx();
    try {
      Emulator emulator = Emulator.deploy(second, EmulatorConfig.withKeys(keys)).await(10, TimeUnit.SECONDS);
      var http = new EmulatorHttp(second, emulator.port());
      JsonObject clock = admin(http, HttpMethod.GET, "/clock", null).assertOk();
      System.out.printf("clock before the restart: now %d offset %d; after: now %d offset %d%n",
          before.clockNow(), before.offset(), clock.getLong("now"), clock.getLong("offsetMillis"));
      assertThat(clock.getLong("offsetMillis")).as("the offset after the restart").isEqualTo(2 * HOUR);
      assertThat(clock.getLong("now")).as("the clock after the restart").isGreaterThanOrEqualTo(before.clockNow());

      JsonObject finished = summary(http, before.testCase(), before.finishedId());
      assertThat(finished.getString("Status")).isEqualTo("PASSED");
      assertThat(millis(finished, "StartTime")).isEqualTo(millis(before.finished(), "StartTime"));
      assertThat(millis(finished, "EndTime")).isEqualTo(millis(before.finished(), "EndTime"));
      JsonObject running = summary(http, before.slowTestCase(), before.runningId());
      assertThat(running.getString("Status")).as("the replayed run an hour into its two-hour observation")
          .isEqualTo("IN_PROGRESS");
      assertThat(millis(running, "StartTime")).isEqualTo(millis(before.running(), "StartTime"));

      String laterId = startedRun(http, before.testCase());
      JsonObject later = Eventually.poll(() -> summary(http, before.testCase(), laterId),
          summary -> summary.getString("Status").equals("PASSED"), "the run started after the restart PASSED");
      assertThat(millis(later, "StartTime")).as("a run started after the restart")
          .isGreaterThanOrEqualTo(before.clockNow())
          .isGreaterThan(millis(before.finished(), "EndTime"))
          .isGreaterThan(millis(before.running(), "StartTime"));
      assertThat(millis(later, "EndTime")).isGreaterThan(millis(later, "StartTime"));

      // The replayed run goes on from its own times: its observation ends two hours after it began.
      advanceClock(http, 2 * HOUR);
      JsonObject caughtUp = summary(http, before.slowTestCase(), before.runningId());
      assertThat(caughtUp.getJsonObject("ObservationSummary").getInteger("ObservationsPassed"))
          .as("observations of the replayed run after the clock moved two hours").isGreaterThanOrEqualTo(1);
    } finally {
      second.close().await(20, TimeUnit.SECONDS);
    }
  }

  /** A journal from before offsets were recorded: the clock is brought up to its latest line rather than go back. */
  @Test
  void aJournalWithoutOffsetsStillNeverMakesTimeGoBack() throws Exception {
    long latest = System.currentTimeMillis() + HOUR;
    java.nio.file.Files.writeString(data.resolve("owner-0.journal"),
        new JsonObject().put("at", latest).put("reset", true).encode() + "\n");
    Vertx vertx = Vertx.vertx();
    try {
      Emulator emulator = Emulator.deploy(vertx, EmulatorConfig.withKeys(Map.of("http.host", EmulatorHttp.HOST,
          "http.port", "0", "owners.count", "1", "data.dir", data.toString()))).await(10, TimeUnit.SECONDS);
      var http = new EmulatorHttp(vertx, emulator.port());
      assertThat(admin(http, HttpMethod.GET, "/clock", null).assertOk().getLong("now"))
          .as("the clock after the restart").isGreaterThanOrEqualTo(latest);
      String testCase = await(http.createdTestCase(instance, "later"));
      JsonObject described = await(http.describe(instance, testCase)).assertOk();
      assertThat(millis(described.getJsonObject("TestCase"), "LastModifiedTime")).isGreaterThanOrEqualTo(latest);
    } finally {
      vertx.close().await(20, TimeUnit.SECONDS);
    }
  }

  static <T> T await(Future<T> future) throws Exception {
    return future.await(10, TimeUnit.SECONDS);
  }

  static HttpReply admin(EmulatorHttp http, HttpMethod method, String path, JsonObject body) throws Exception {
    var headers = MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/json");
    return await(http.send(method, "/_emulator" + path, headers, body == null ? null : body.encode()));
  }

  static JsonObject advanceClock(EmulatorHttp http, long millis) throws Exception {
    return admin(http, HttpMethod.POST, "/clock/advance", new JsonObject().put("millis", millis)).assertOk();
  }

  String startedRun(EmulatorHttp http, String testCase) throws Exception {
    return await(http.start(instance, testCase)).assertOk().getString("TestCaseExecutionId");
  }

  JsonObject summary(EmulatorHttp http, String testCase, String execution) throws Exception {
    return await(http.summary(instance, testCase, execution)).assertOk();
  }

  /** Epoch milliseconds of a timestamp member (seconds with a fraction on the wire). */
  static long millis(JsonObject json, String member) {
    return new java.math.BigDecimal(json.getValue(member).toString()).movePointRight(3).longValueExact();
  }
}
