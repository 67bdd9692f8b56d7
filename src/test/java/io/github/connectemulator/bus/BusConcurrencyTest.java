package io.github.connectemulator.bus;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.connectemulator.Fixtures;
import io.github.connectemulator.bus.BusEmulator.Outcome;
import io.github.connectemulator.testing.Eventually;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Many bus calls at once answer as the same calls over HTTP: the same results, the same quotas, the same admission
 * bound on requests in flight to an owner.
 */
class BusConcurrencyTest {

  private static final long WAIT = BusEmulator.WAIT;
  private static final int CALLS = 50;
  /** The default profile's quotas (conf/emulator.properties). */
  private static final int MAX_RUNNING = 5;
  private static final int MAX_QUEUED = 100;
  /** Runs that hold their slot for the whole test (a tag of the test case sets its observations' time). */
  private static final JsonObject SLOW_TAGS = new JsonObject().put("emulator:observationMillis", "60000");

  private BusEmulator local;

  @AfterEach
  void close() throws Exception {
    local.close();
  }

  /** Starts {@code count} calls at once and waits for every one of them, in call order. */
  private static List<Outcome> concurrently(int count, IntFunction<Future<Outcome>> call) throws Exception {
    List<Future<Outcome>> calls = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      calls.add(call.apply(i));
    }
    Future.join(calls).await(WAIT * 3, TimeUnit.SECONDS);
    return calls.stream().map(Future::result).toList();
  }

  private Future<Outcome> bus(String operation, JsonObject members) {
    return local.busOutcome(operation, members);
  }

  private Future<Outcome> http(HttpMethod method, String uri, JsonObject body) {
    return local.httpOutcome(method, uri, body);
  }

  private static Outcome await(Future<Outcome> call) throws Exception {
    return call.await(WAIT, TimeUnit.SECONDS);
  }

  /** How many calls answered each verdict ("200", "402 ServiceQuotaExceededException", ...). */
  private static Map<String, Long> verdicts(List<Outcome> outcomes) {
    return outcomes.stream().collect(Collectors.groupingBy(Outcome::verdict, TreeMap::new, Collectors.counting()));
  }

  private static JsonObject createBody(String instance, String name) {
    return new JsonObject().put("InstanceId", instance).put("Name", name).put("Content", Fixtures.CONTENT);
  }

  @Test
  void concurrentCreatesDescribesListsAndSearchesAnswerAsOverHttp() throws Exception {
    local = BusEmulator.start(Map.of());
    String instance = UUID.randomUUID().toString();

    List<Outcome> created = concurrently(CALLS, i -> bus("CreateTestCase", createBody(instance, "concurrent-" + i)));
    assertThat(verdicts(created)).containsExactly(Map.entry("200", (long) CALLS));
    List<String> ids = created.stream().map(outcome -> outcome.body().getString("TestCaseId")).toList();
    assertThat(ids).doesNotHaveDuplicates();
    for (Outcome outcome : created) {
      assertThat(outcome.body().fieldNames()).containsExactlyInAnyOrder("TestCaseId", "TestCaseArn");
      assertThat(outcome.body().getString("TestCaseArn")).isEqualTo("arn:aws:connect:us-east-1:123456789012:instance/"
          + instance + "/test-case/" + outcome.body().getString("TestCaseId"));
    }

    List<Outcome> described = concurrently(CALLS, i -> bus("DescribeTestCase",
        new JsonObject().put("InstanceId", instance).put("TestCaseId", ids.get(i))));
    for (int i = 0; i < CALLS; i++) {
      assertThat(described.get(i))
          .isEqualTo(await(http(HttpMethod.GET, "/test-cases/" + instance + "/" + ids.get(i), null)));
      assertThat(described.get(i).body().getJsonObject("TestCase").getString("Name")).isEqualTo("concurrent-" + i);
    }

    Outcome listedOverHttp = await(http(HttpMethod.GET, "/test-cases-summary/" + instance, null));
    assertThat(listedOverHttp.body().getJsonArray("TestCaseSummaryList")).hasSize(CALLS);
    assertThat(concurrently(CALLS, i -> bus("ListTestCases", new JsonObject().put("InstanceId", instance))))
        .containsOnly(listedOverHttp);

    JsonObject search = new JsonObject().put("InstanceId", instance).put("MaxResults", 100);
    Outcome searchedOverHttp = await(http(HttpMethod.POST, "/search-test-cases", search));
    assertThat(searchedOverHttp.body().getInteger("ApproximateTotalCount")).isEqualTo(CALLS);
    assertThat(concurrently(CALLS, i -> bus("SearchTestCases", search))).containsOnly(searchedOverHttp);
  }

  @Test
  void concurrentCreatesOfOneNameAdmitOneAsOverHttp() throws Exception {
    local = BusEmulator.start(Map.of());
    String overBus = UUID.randomUUID().toString();
    String overHttp = UUID.randomUUID().toString();

    List<Outcome> bus = concurrently(CALLS, i -> bus("CreateTestCase", createBody(overBus, "taken")));
    List<Outcome> http = concurrently(CALLS,
        i -> http(HttpMethod.PUT, "/test-cases/" + overHttp, new JsonObject().put("Name", "taken")
            .put("Content", Fixtures.CONTENT)));

    assertThat(verdicts(bus))
        .containsExactly(Map.entry("200", 1L), Map.entry("409 DuplicateResourceException", (long) CALLS - 1))
        .isEqualTo(verdicts(http));
  }

  /**
   * 120 Starts at once on one instance: 100 accepted (the queue quota, running ones included), 20 refused with
   * ServiceQuotaExceededException; of the accepted, 5 go IN_PROGRESS and the rest wait INITIATED. The same over HTTP.
   */
  @Test
  void concurrentStartsBeyondTheQuotaAreRefusedAsOverHttp() throws Exception {
    local = BusEmulator.start(Map.of());
    String overBus = UUID.randomUUID().toString();
    String overHttp = UUID.randomUUID().toString();
    String busCase = local.call("CreateTestCase", createBody(overBus, "slow").put("Tags", SLOW_TAGS))
        .getString("TestCaseId");
    String httpCase = local.call("CreateTestCase", createBody(overHttp, "slow").put("Tags", SLOW_TAGS))
        .getString("TestCaseId");
    int starts = MAX_QUEUED + 20;

    List<Outcome> bus = concurrently(starts, i -> bus("StartTestCaseExecution",
        new JsonObject().put("InstanceId", overBus).put("TestCaseId", busCase)));
    List<Outcome> http = concurrently(starts, i -> http(HttpMethod.PUT,
        "/test-cases/" + overHttp + "/" + httpCase + "/start-execution", new JsonObject()));

    assertThat(verdicts(bus))
        .containsExactly(Map.entry("200", (long) MAX_QUEUED), Map.entry("402 ServiceQuotaExceededException", 20L))
        .isEqualTo(verdicts(http));
    for (Outcome accepted : bus.stream().filter(Outcome::ok).toList()) {
      assertThat(accepted.body().fieldNames())
          .containsExactlyInAnyOrder("TestCaseExecutionId", "TestCaseId", "Status");
      assertThat(accepted.body().getString("Status")).isEqualTo("INITIATED");
    }
    Outcome refusedOverBus = bus.stream().filter(outcome -> !outcome.ok()).findFirst().orElseThrow();
    Outcome refusedOverHttp = http.stream().filter(outcome -> !outcome.ok()).findFirst().orElseThrow();
    assertThat(refusedOverBus.body().getString("message")).isEqualTo(refusedOverHttp.body().getString("message"));

    // Either face refuses the next Start on the instance the other filled.
    assertThat(await(http(HttpMethod.PUT, "/test-cases/" + overBus + "/" + busCase + "/start-execution",
        new JsonObject())).verdict()).isEqualTo("402 ServiceQuotaExceededException");
    assertThat(await(bus("StartTestCaseExecution", new JsonObject().put("InstanceId", overHttp)
        .put("TestCaseId", httpCase))).verdict()).isEqualTo("402 ServiceQuotaExceededException");

    Map<String, Integer> expected = Map.of("IN_PROGRESS", MAX_RUNNING, "INITIATED", MAX_QUEUED - MAX_RUNNING);
    assertThat(Eventually.poll(() -> statusCounts(overBus), expected::equals, "5 runs IN_PROGRESS over the bus"))
        .isEqualTo(Eventually.poll(() -> statusCounts(overHttp), expected::equals, "5 runs IN_PROGRESS over HTTP"));
    JsonObject stats = local.stats().getJsonObject("instances");
    assertThat(stats.getJsonObject(overBus).getInteger("running")).isEqualTo(MAX_RUNNING);
    assertThat(stats.getJsonObject(overBus)).isEqualTo(stats.getJsonObject(overHttp));
  }

  /** The statuses of an instance's executions, counted, as ListTestCaseExecutions over the bus lists them. */
  private Map<String, Integer> statusCounts(String instance) throws Exception {
    JsonObject page = local.call("ListTestCaseExecutions",
        new JsonObject().put("InstanceId", instance).put("MaxResults", 100));
    assertThat(page.getString("NextToken")).isNull();
    Map<String, Integer> counts = new TreeMap<>();
    JsonArray executions = page.getJsonArray("TestCaseExecutions");
    for (int i = 0; i < executions.size(); i++) {
      counts.merge(executions.getJsonObject(i).getString("TestCaseExecutionStatus"), 1, Integer::sum);
    }
    return counts;
  }

  @Test
  void concurrentStartsSummariesAndListsOfRunsAnswerAsOverHttp() throws Exception {
    local = BusEmulator.start(Map.of("quota.maxRunningPerInstance", "0", "quota.maxQueuedPerInstance", "0"));
    String instance = UUID.randomUUID().toString();
    String testCase = local.call("CreateTestCase", createBody(instance, "runs")).getString("TestCaseId");
    JsonObject ids = new JsonObject().put("InstanceId", instance).put("TestCaseId", testCase);

    List<Outcome> started = concurrently(CALLS, i -> bus("StartTestCaseExecution", ids));
    assertThat(verdicts(started)).containsExactly(Map.entry("200", (long) CALLS));
    List<String> executions = started.stream().map(o -> o.body().getString("TestCaseExecutionId")).toList();
    assertThat(executions).doesNotHaveDuplicates();

    Eventually.poll(() -> statusCounts(instance), Map.of("PASSED", CALLS)::equals, "every run PASSED");
    List<Outcome> summaries = concurrently(CALLS, i -> bus("GetTestCaseExecutionSummary",
        ids.copy().put("TestCaseExecutionId", executions.get(i))));
    for (int i = 0; i < CALLS; i++) {
      assertThat(summaries.get(i)).isEqualTo(await(http(HttpMethod.GET,
          "/test-cases/" + instance + "/" + testCase + "/" + executions.get(i) + "/summary", null)));
    }
    Outcome listedOverHttp = await(http(HttpMethod.GET, "/test-case-executions/" + instance + "?maxResults=100", null));
    assertThat(listedOverHttp.body().getJsonArray("TestCaseExecutions")).hasSize(CALLS);
    assertThat(concurrently(CALLS, i -> bus("ListTestCaseExecutions",
        new JsonObject().put("InstanceId", instance).put("MaxResults", 100)))).containsOnly(listedOverHttp);
  }

  /**
   * With at most 2 requests in flight to an owner and 300 ms of latency on ListTestCases, 10 bus calls at once: 2
   * are admitted and succeed, 8 are refused at once (before either admitted one answers) with ThrottlingException,
   * as HTTP callers are. The bound is shared: while bus calls hold it, an HTTP call is refused too.
   */
  @Test
  void admissionRefusesBusCallsBeyondTheInFlightBoundAsItRefusesHttpCalls() throws Exception {
    local = BusEmulator.start(Map.of("owners.maxInFlightRequests", "2", "faults.operations", "ListTestCases",
        "faults.latencyMinMillis", "300", "faults.latencyMaxMillis", "300"));
    String instance = UUID.randomUUID().toString();
    JsonObject list = new JsonObject().put("InstanceId", instance);
    int calls = 10;

    AtomicInteger answered = new AtomicInteger();
    List<Integer> answerOrder = new ArrayList<>(Collections.nCopies(calls, 0));
    List<Outcome> bus = concurrently(calls, i -> bus("ListTestCases", list).onSuccess(outcome -> {
      synchronized (answerOrder) {
        answerOrder.set(i, answered.incrementAndGet());
      }
    }));

    assertThat(verdicts(bus)).containsExactly(Map.entry("200", 2L), Map.entry("429 ThrottlingException", 8L));
    int firstSuccess = Integer.MAX_VALUE;
    int lastRefusal = 0;
    for (int i = 0; i < calls; i++) {
      if (bus.get(i).ok()) {
        firstSuccess = Math.min(firstSuccess, answerOrder.get(i));
      } else {
        lastRefusal = Math.max(lastRefusal, answerOrder.get(i));
      }
    }
    assertThat(lastRefusal).as("every refusal answered before the first admitted call").isLessThan(firstSuccess);
    Outcome refused = bus.stream().filter(outcome -> !outcome.ok()).findFirst().orElseThrow();
    assertThat(refused.body().getInteger("httpStatus")).isEqualTo(429);

    List<Outcome> http = concurrently(calls, i -> http(HttpMethod.GET, "/test-cases-summary/" + instance, null));
    assertThat(verdicts(http)).isEqualTo(verdicts(bus));
    assertThat(http.stream().filter(outcome -> !outcome.ok()).findFirst().orElseThrow().body().getString("message"))
        .isEqualTo(refused.body().getString("message"));

    // Three bus calls at once: two are admitted and hold the bound for 300 ms; once the third is refused, an HTTP
    // call meets the same bound.
    List<Future<Outcome>> three = List.of(bus("ListTestCases", list), bus("ListTestCases", list),
        bus("ListTestCases", list));
    Promise<Void> oneRefused = Promise.promise();
    three.forEach(call -> call.onSuccess(outcome -> {
      if (!outcome.ok()) {
        oneRefused.tryComplete();
      }
    }));
    oneRefused.future().await(WAIT, TimeUnit.SECONDS);
    assertThat(await(http(HttpMethod.GET, "/test-cases-summary/" + instance, null)).verdict())
        .as("HTTP while two bus calls hold the bound").isEqualTo("429 ThrottlingException");
    Future.join(three).await(WAIT, TimeUnit.SECONDS);
    assertThat(verdicts(three.stream().map(Future::result).toList()))
        .containsExactly(Map.entry("200", 2L), Map.entry("429 ThrottlingException", 1L));
  }
}
