package io.github.connectemulator.admin.ui;

import static io.github.connectemulator.testing.EmulatorHttp.HOST;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.connectemulator.Emulator;
import io.github.connectemulator.config.EmulatorConfig;
import io.github.connectemulator.testing.EmulatorHttp;
import io.github.connectemulator.testing.Eventually;
import io.github.connectemulator.testing.HttpReply;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The dashboard's server side: the page's files, the token, the feed and its rate bound, the reads it makes. */
class DashboardRoutesTest {

  private static final String UI = DashboardRoutes.ROOT;
  private static final Pattern ANY_URL = Pattern.compile("https?://", Pattern.CASE_INSENSITIVE);

  private Vertx vertx;
  private Emulator emulator;
  private EmulatorHttp http;
  private FeedStream feed;
  private final String instance = EmulatorHttp.newInstanceId();

  private void start(Map<String, String> keys) throws Exception {
    vertx = Vertx.vertx();
    var all = new HashMap<>(Map.of("http.host", HOST, "http.port", "0",
        "timing.initiatedMillis", "10", "timing.observationMillis", "20"));
    all.putAll(keys);
    emulator = Emulator.deploy(vertx, EmulatorConfig.withKeys(all)).await(20, TimeUnit.SECONDS);
    http = new EmulatorHttp(vertx, emulator.port());
  }

  @AfterEach
  void close() throws Exception {
    if (vertx != null) {
      vertx.close().await(20, TimeUnit.SECONDS);
    }
  }

  private HttpReply get(String uri, String... headers) throws Exception {
    MultiMap map = MultiMap.caseInsensitiveMultiMap();
    for (int i = 0; i < headers.length; i += 2) {
      map.add(headers[i], headers[i + 1]);
    }
    return http.send(HttpMethod.GET, uri, map, (Buffer) null).await(10, TimeUnit.SECONDS);
  }

  private FeedStream openFeed(String... headers) throws Exception {
    MultiMap map = MultiMap.caseInsensitiveMultiMap();
    for (int i = 0; i < headers.length; i += 2) {
      map.add(headers[i], headers[i + 1]);
    }
    feed = new FeedStream(vertx).open(emulator.port(), map);
    assertThat(feed.response.statusCode()).isEqualTo(200);
    assertThat(feed.response.getHeader("Content-Type")).startsWith("text/event-stream");
    Eventually.poll(() -> feed.named("history").size(), count -> count == 1, "the history event");
    return feed;
  }

  /** The PASSED count of a snapshot; -1 before the owners' first answer. */
  private static int passed(FeedStream.Event snapshot) {
    JsonObject now = snapshot == null ? null : snapshot.data().getJsonObject("now");
    return now == null ? -1 : now.getJsonObject("executions").getInteger("PASSED", 0);
  }

  /** Starts {@code count} runs of one new test case, {@code parallel} at a time; returns the test case id. */
  private String startRuns(int count) throws Exception {
    String testCase = http.createdTestCase(instance, "dashboard-" + count).await(10, TimeUnit.SECONDS);
    EmulatorHttp.sequentially(count, i -> http.start(instance, testCase).map(HttpReply::assertOk))
        .await(60, TimeUnit.SECONDS);
    return testCase;
  }

  @Test
  void thePageAndItsLibrariesAreServedFromTheJarWithTheirContentTypes() throws Exception {
    start(Map.of());
    Map<String, String> expected = Map.of(
        UI + "/", "text/html; charset=utf-8",
        UI + "/dashboard.js", "text/javascript; charset=utf-8",
        UI + "/dashboard.css", "text/css; charset=utf-8",
        UI + "/vendor/uPlot.iife.min.js", "text/javascript; charset=utf-8",
        UI + "/vendor/uPlot.min.css", "text/css; charset=utf-8");
    for (Map.Entry<String, String> file : expected.entrySet()) {
      HttpReply reply = get(file.getKey());
      assertThat(reply.status()).as(file.getKey()).isEqualTo(200);
      assertThat(reply.header("Content-Type")).as(file.getKey()).isEqualTo(file.getValue());
      assertThat(reply.header("X-Content-Type-Options")).isEqualTo("nosniff");
      assertThat(reply.body().length()).as(file.getKey()).isGreaterThan(500);
      String etag = reply.header("ETag");
      assertThat(get(file.getKey(), "If-None-Match", etag).status()).as("%s revalidated", file.getKey()).isEqualTo(304);
    }
    HttpReply page = get(UI + "/");
    assertThat(page.header("Content-Security-Policy")).contains("default-src 'none'", "script-src 'self'",
        "connect-src 'self'");
    assertThat(page.body().toString()).contains("data-testid=\"load-chart\"", "data-testid=\"count-PASSED\"",
        "data-testid=\"instances\"", "data-testid=\"executions\"", "data-testid=\"timeline\"",
        "data-testid=\"controls\"");
  }

  @Test
  void thePageReachesForNothingOutsideTheEmulator() throws Exception {
    start(Map.of());
    for (String path : DashboardAssets.FILES.keySet()) {
      String text = get(UI + "/" + path).body().toString();
      if (path.startsWith("vendor/")) {
        // uPlot's one URL is in its licence banner, a comment; the code names no URL at all.
        text = text.replaceFirst("^/\\*!?[^*]*\\*/", "");
      }
      assertThat(ANY_URL.matcher(text).find()).as("a URL in %s", path).isFalse();
      assertThat(text).as("a protocol-relative URL in %s", path).doesNotContain("src=\"//", "href=\"//", "url(//");
    }
  }

  @Test
  void theShortPathRedirectsAndUnknownPathsAreAwsErrors() throws Exception {
    start(Map.of());
    HttpReply redirect = get(UI);
    assertThat(redirect.status()).isEqualTo(302);
    assertThat(redirect.header("Location")).isEqualTo(UI + "/");
    get(UI + "/no-such-file.js").assertError(404, "UnknownOperationException");
    get(UI + "/api/no-such-call").assertError(404, "UnknownOperationException");
    http.send(HttpMethod.POST, UI + "/", null, "{}").await(10, TimeUnit.SECONDS)
        .assertError(404, "UnknownOperationException");
  }

  @Test
  void theTokenGuardsEveryDataRouteButNotThePageShell() throws Exception {
    start(Map.of("admin.token", "s3cret"));
    String testCase = startRuns(1);
    for (String path : List.of(UI + "/api/feed", UI + "/api/executions", UI + "/api/executions?instanceId=" + instance,
        UI + "/api/records?instanceId=" + instance + "&testCaseId=" + testCase + "&executionId=x",
        UI + "/api/nothing", UI + "/nothing.js")) {
      HttpReply without = get(path);
      without.assertError(403, "AccessDeniedException");
      assertThat(without.body().toString()).doesNotContain(instance);
      get(path, "Authorization", "Bearer wrong").assertError(403, "AccessDeniedException");
    }
    for (String path : DashboardAssets.FILES.keySet()) {
      HttpReply shell = get(UI + "/" + path);
      assertThat(shell.status()).as(path).isEqualTo(200);
      assertThat(shell.body().toString()).doesNotContain(instance, testCase, "s3cret");
    }
    assertThat(get(UI + "/access").assertOk())
        .isEqualTo(new JsonObject().put("tokenRequired", true).put("tokenAccepted", false));
    assertThat(get(UI + "/access", "Authorization", "Bearer s3cret").assertOk().getBoolean("tokenAccepted")).isTrue();
    assertThat(get(UI + "/api/executions?instanceId=" + instance, "Authorization", "Bearer s3cret").assertOk()
        .getJsonArray("executions")).hasSize(1);
    openFeed("x-emulator-admin-token", "s3cret");
  }

  @Test
  void onItsOwnPortTheDashboardIsNotOnTheAwsPort() throws Exception {
    start(Map.of("admin.port", "0"));
    var adminHttp = new EmulatorHttp(vertx, emulator.adminPort());
    assertThat(adminHttp.get(UI + "/").await(10, TimeUnit.SECONDS).status()).isEqualTo(200);
    get(UI + "/").assertError(404, "UnknownOperationException");
  }

  @Test
  void withTheAdminApiOffThereIsNoDashboard() throws Exception {
    start(Map.of("admin.enabled", "false"));
    get(UI + "/").assertError(404, "UnknownOperationException");
    get(UI + "/api/feed").assertError(404, "UnknownOperationException");
  }

  @Test
  void snapshotsCountRunsByStatusAndRequestsByOperation() throws Exception {
    start(Map.of("timing.mode", "immediate"));
    openFeed();
    startRuns(20);

    JsonObject snapshot = Eventually.poll(() -> feed.latest("snapshot"),
        event -> passed(event) == 20, "20 PASSED in a snapshot").data();
    JsonObject now = snapshot.getJsonObject("now");
    assertThat(now.getInteger("testCases")).isEqualTo(1);
    assertThat(now.getInteger("running")).isZero();
    assertThat(now.getInteger("instanceCount")).isEqualTo(1);
    JsonObject listed = now.getJsonArray("instances").getJsonObject(0);
    assertThat(listed.getString("instanceId")).isEqualTo(instance);
    assertThat(snapshot.getJsonObject("controls").getString("quota.maxRunningPerInstance")).isEqualTo("5");

    // A request is counted when its response ends, so its second may be the next snapshot's.
    Eventually.poll(() -> feed.named("snapshot").stream().mapToDouble(event -> event.data().getJsonObject("sample")
        .getJsonObject("requests").getDouble("StartTestCaseExecution", 0.0)).sum(),
        starts -> starts > 0, "Starts per second, added over the snapshots");
    Eventually.poll(() -> feed.latest("snapshot").data().getJsonObject("p99"),
        p99 -> p99.getDouble("StartTestCaseExecution", 0.0) > 0, "the p99 of StartTestCaseExecution");
  }

  /**
   * The rate bound: however many Starts arrive, an open page gets the history once, then at most one snapshot per
   * second (the sampler's tick), never one message per Start or per status change.
   */
  @Test
  void aPageGetsOneSnapshotASecondHoweverManyStartsArrive() throws Exception {
    start(Map.of("timing.mode", "immediate", "quota.maxRunningPerInstance", "0", "quota.maxQueuedPerInstance", "0"));
    openFeed();
    String testCase = http.createdTestCase(instance, "load").await(10, TimeUnit.SECONDS);
    int before = feed.named("snapshot").size();

    long from = System.nanoTime();
    long seconds = 4;
    var starts = new AtomicInteger();
    List<Future<Void>> clients = new ArrayList<>();
    for (int client = 0; client < 16; client++) {
      // A client each: one client's pool (5 connections) would be the bottleneck, not the emulator.
      clients.add(startUntil(new EmulatorHttp(vertx, emulator.port()), testCase,
          from + TimeUnit.SECONDS.toNanos(seconds), starts));
    }
    Future.all(clients).await(60, TimeUnit.SECONDS);
    double elapsed = (System.nanoTime() - from) / 1e9;
    Thread.sleep(300); // a snapshot on its way when the load ended
    List<FeedStream.Event> during = feed.named("snapshot").subList(before, feed.named("snapshot").size());

    int bytes = during.stream().mapToInt(FeedStream.Event::bytes).sum();
    System.out.printf("dashboard feed: %d Starts in %.1f s (%.0f/s) -> %d snapshots (%.2f/s, %d bytes/s)%n",
        starts.get(), elapsed, starts.get() / elapsed, during.size(), during.size() / elapsed, (long) (bytes / elapsed));
    // Each run is also 3 status events on the bus (bus.events is on): none of them reaches the page on its own.
    // (Ten Starts a snapshot at least even on a busy machine; a quiet one drives a few thousand a second here.)
    assertThat(starts.get()).as("Starts driven, against %d snapshots", during.size())
        .isGreaterThan(10 * Math.max(1, during.size()));
    assertThat(during.size()).as("snapshots while %d Starts arrived in %.1f s", starts.get(), elapsed)
        .isLessThanOrEqualTo((int) Math.ceil(elapsed) + 1)
        .isGreaterThanOrEqualTo(1);
    assertThat(feed.named("history")).hasSize(1);
    assertThat(feed.events.size()).isEqualTo(feed.named("history").size() + feed.named("snapshot").size());
  }

  private Future<Void> startUntil(EmulatorHttp client, String testCase, long deadline, AtomicInteger starts) {
    if (System.nanoTime() >= deadline) {
      return Future.succeededFuture();
    }
    return client.start(instance, testCase).compose(reply -> {
      reply.assertOk();
      starts.incrementAndGet();
      return startUntil(client, testCase, deadline, starts);
    });
  }

  @Test
  void executionsAndRecordsAreReadOutsideInjectedFaults() throws Exception {
    start(Map.of("faults.probability", "1",
        "faults.operations", "ListTestCaseExecutions,ListTestCaseExecutionRecords"));
    String testCase = startRuns(3);
    http.get("/test-case-executions/" + instance).await(10, TimeUnit.SECONDS)
        .assertError(500, "InternalServiceException");

    JsonArray runs = Eventually.poll(() -> get(UI + "/api/executions?instanceId=" + instance).assertOk()
        .getJsonArray("executions"), list -> list.size() == 3
            && list.stream().allMatch(run -> "PASSED".equals(((JsonObject) run).getString("status"))), "3 PASSED runs");
    JsonObject newest = runs.getJsonObject(0);
    assertThat(newest.getString("instanceId")).isEqualTo(instance);
    assertThat(newest.getString("testCaseId")).isEqualTo(testCase);
    assertThat(newest.getLong("endTime")).isGreaterThanOrEqualTo(newest.getLong("startTime"));
    assertThat(get(UI + "/api/executions").assertOk().getJsonArray("executions"))
        .as("without an instance: the busiest instances' runs").hasSize(3);
    assertThat(get(UI + "/api/executions?instanceId=" + instance + "&status=FAILED&maxResults=5").assertOk()
        .getJsonArray("executions")).isEmpty();

    JsonObject records = get(UI + "/api/records?instanceId=" + instance + "&testCaseId=" + testCase
        + "&executionId=" + newest.getString("executionId")).assertOk();
    assertThat(records.getBoolean("truncated")).isFalse();
    JsonArray list = records.getJsonArray("records");
    assertThat(list).hasSize(2);
    assertThat(list.getJsonObject(0).getString("observationId")).isEqualTo("start");
    assertThat(list.getJsonObject(0).getString("status")).isEqualTo("PASSED");
    assertThat(list.getJsonObject(0).getJsonObject("detail").getString("message")).startsWith("Observed event");
  }

  /** The latest runs are looked for in widening windows of StartTime; runs older than every window are found too. */
  @Test
  void theLatestRunsAreFoundWhateverTheirAge() throws Exception {
    start(Map.of("timing.mode", "immediate"));
    startRuns(3);
    http.send(HttpMethod.POST, "/_emulator/clock/advance", null, "{\"millis\": 400000}").await(10, TimeUnit.SECONDS)
        .assertOk();
    String recent = http.createdTestCase(instance, "recent").await(10, TimeUnit.SECONDS);
    String newest = http.start(instance, recent).await(10, TimeUnit.SECONDS).assertOk()
        .getString("TestCaseExecutionId");

    JsonArray runs = get(UI + "/api/executions?instanceId=" + instance).assertOk().getJsonArray("executions");
    assertThat(runs).hasSize(4);
    assertThat(runs.getJsonObject(0).getString("executionId")).as("newest first").isEqualTo(newest);
    assertThat(get(UI + "/api/executions?instanceId=" + instance + "&maxResults=1").assertOk()
        .getJsonArray("executions").getJsonObject(0).getString("executionId")).isEqualTo(newest);
  }

  @Test
  void badQueriesGetAwsErrors() throws Exception {
    start(Map.of());
    String testCase = startRuns(1);
    for (String query : List.of("status=NOPE", "maxResults=0", "maxResults=101", "maxResults=many",
        "instanceId=" + "x".repeat(501))) {
      assertThat(get(UI + "/api/executions?" + query).assertInvalidParameter()).as(query).isNotBlank();
    }
    assertThat(get(UI + "/api/records?instanceId=" + instance + "&testCaseId=" + testCase).assertInvalidParameter())
        .contains("executionId");
    get(UI + "/api/records?instanceId=" + instance + "&testCaseId=" + testCase + "&executionId=nope")
        .assertError(404, "ResourceNotFoundException");
    assertThat(get(UI + "/api/executions?instanceId=" + EmulatorHttp.newInstanceId()).assertOk()
        .getJsonArray("executions")).isEmpty();
  }

  @Test
  void withoutMetricsThePageStillGetsItsCounts() throws Exception {
    start(Map.of("metrics.enabled", "false", "timing.mode", "immediate"));
    openFeed();
    startRuns(2);
    JsonObject snapshot = Eventually.poll(() -> feed.latest("snapshot"),
        event -> passed(event) == 2, "2 PASSED in a snapshot").data();
    assertThat(snapshot.getBoolean("metrics")).isFalse();
    assertThat(snapshot.getJsonObject("p99")).isEmpty();
    assertThat(feed.latest("history").data().getBoolean("metrics")).isFalse();
  }

  @Test
  void anOpenPageDoesNotHoldUpAGracefulShutdown() throws Exception {
    start(Map.of());
    openFeed();
    long from = System.nanoTime();
    emulator.shutdown().await(20, TimeUnit.SECONDS);
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - from);
    assertThat(millis).as("shutdown with a page open (grace period 10 s)").isLessThan(5_000);
  }
}
