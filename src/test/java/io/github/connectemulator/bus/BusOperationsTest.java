package io.github.connectemulator.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.connectemulator.Emulator;
import io.github.connectemulator.Fixtures;
import io.github.connectemulator.testing.EmulatorHttp;
import io.github.connectemulator.testing.Eventually;
import io.github.connectemulator.testing.HttpReply;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every operation over the event bus gives what the same call over HTTP gives: results and AWS error types. */
class BusOperationsTest {

  private static final long WAIT = BusEmulator.WAIT;

  private BusEmulator local;
  private Vertx vertx;
  private Emulator emulator;
  private HttpClientAgent http;
  private final String instance = UUID.randomUUID().toString();

  private void start(Map<String, String> keys) throws Exception {
    local = BusEmulator.start(keys);
    vertx = local.vertx;
    emulator = local.emulator;
    http = vertx.createHttpClient();
  }

  @AfterEach
  void close() throws Exception {
    local.close();
  }

  private JsonObject bus(String operation, JsonObject members) throws Exception {
    return local.call(operation, members);
  }

  private ReplyException busFailure(String operation, JsonObject members) {
    Future<?> call = vertx.eventBus().request(BusAddresses.operation(operation), members);
    try {
      call.await(WAIT, TimeUnit.SECONDS);
    } catch (ReplyException expected) {
      return expected;
    } catch (Exception e) {
      throw new AssertionError(operation + " failed otherwise: " + e, e);
    }
    throw new AssertionError(operation + " succeeded over the bus: " + call.result());
  }

  /** Status, error type and JSON body of an HTTP call. */
  private record HttpResult(int status, String errorType, JsonObject body) {}

  private HttpResult http(HttpMethod method, String uri, JsonObject body) throws Exception {
    var options = new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(emulator.port()).setURI(uri);
    HttpReply reply = EmulatorHttp.exchange(http, options, request -> {
      request.putHeader("Content-Type", "application/json");
      if (body == null) {
        request.end();
      } else {
        request.end(body.toBuffer());
      }
    }).await(WAIT, TimeUnit.SECONDS);
    return new HttpResult(reply.status(), reply.errorType(),
        reply.body().length() == 0 ? new JsonObject() : reply.body().toJsonObject());
  }

  private JsonObject createBody(String name) {
    return new JsonObject().put("InstanceId", instance).put("Name", name).put("Content", Fixtures.CONTENT)
        .put("Tags", new JsonObject().put("team", "flows"));
  }

  @Test
  void everyOperationAnswersOverTheBusAsOverHttp() throws Exception {
    start(Map.of());
    String testCase = bus("CreateTestCase", createBody("bus-one")).getString("TestCaseId");
    JsonObject ids = new JsonObject().put("InstanceId", instance).put("TestCaseId", testCase);

    JsonObject described = bus("DescribeTestCase", ids);
    assertThat(described).isEqualTo(http(HttpMethod.GET, "/test-cases/" + instance + "/" + testCase, null).body());
    assertThat(described.getJsonObject("TestCase").getString("Name")).isEqualTo("bus-one");

    bus("UpdateTestCase", ids.copy().put("Description", "changed on the bus"));
    assertThat(http(HttpMethod.GET, "/test-cases/" + instance + "/" + testCase, null).body()
        .getJsonObject("TestCase").getString("Description")).isEqualTo("changed on the bus");

    assertThat(bus("ListTestCases", new JsonObject().put("InstanceId", instance).put("MaxResults", 5)))
        .isEqualTo(http(HttpMethod.GET, "/test-cases-summary/" + instance + "?maxResults=5", null).body());
    JsonObject search = new JsonObject().put("InstanceId", instance);
    assertThat(bus("SearchTestCases", search))
        .isEqualTo(http(HttpMethod.POST, "/search-test-cases", search).body());

    JsonObject started = bus("StartTestCaseExecution", ids.copy().put("ClientToken", "bus-token"));
    String execution = started.getString("TestCaseExecutionId");
    assertThat(started.getString("Status")).isEqualTo("INITIATED");
    assertThat(http(HttpMethod.PUT, "/test-cases/" + instance + "/" + testCase + "/start-execution",
        new JsonObject().put("ClientToken", "bus-token")).body().getString("TestCaseExecutionId"))
        .as("the same ClientToken over HTTP replays the bus's run").isEqualTo(execution);

    JsonObject run = ids.copy().put("TestCaseExecutionId", execution);
    String runPath = "/test-cases/" + instance + "/" + testCase + "/" + execution;
    JsonObject summary = waitForStatus(run, "PASSED");
    assertThat(summary).isEqualTo(http(HttpMethod.GET, runPath + "/summary", null).body());
    assertThat(bus("ListTestCaseExecutionRecords", run.copy().put("Status", "PASSED")))
        .isEqualTo(http(HttpMethod.GET, runPath + "/records?status=PASSED", null).body());
    assertThat(bus("ListTestCaseExecutions", new JsonObject().put("InstanceId", instance).put("TestCaseId", testCase)))
        .isEqualTo(http(HttpMethod.GET, "/test-case-executions/" + instance + "?testCaseId=" + testCase, null).body());

    String second = bus("StartTestCaseExecution", ids).getString("TestCaseExecutionId");
    bus("StopTestCaseExecution", ids.copy().put("TestCaseExecutionId", second));
    assertThat(bus("GetTestCaseExecutionSummary", ids.copy().put("TestCaseExecutionId", second))
        .getString("Status")).isEqualTo("STOPPED");

    assertThat(bus("DeleteTestCase", ids)).isEqualTo(new JsonObject());
    assertThat(http(HttpMethod.GET, "/test-cases/" + instance + "/" + testCase, null).status()).isEqualTo(404);
  }

  private JsonObject waitForStatus(JsonObject run, String status) throws Exception {
    return Eventually.poll(() -> bus("GetTestCaseExecutionSummary", run),
        summary -> status.equals(summary.getString("Status")), "status " + status);
  }

  @Test
  void failuresCarryTheAwsErrorTypeAndStatusAsHttpDoes() throws Exception {
    start(Map.of());
    String missing = UUID.randomUUID().toString();
    ReplyException notFound = busFailure("DescribeTestCase",
        new JsonObject().put("InstanceId", instance).put("TestCaseId", missing));
    HttpResult notFoundOverHttp = http(HttpMethod.GET, "/test-cases/" + instance + "/" + missing, null);
    assertThat(notFound.failureCode()).isEqualTo(404).isEqualTo(notFoundOverHttp.status());
    assertThat(BusFailures.errorType(notFound))
        .isEqualTo("ResourceNotFoundException").isEqualTo(notFoundOverHttp.errorType());
    assertThat(BusFailures.details(notFound).getString("message"))
        .isEqualTo(notFoundOverHttp.body().getString("message"));

    ReplyException invalid = busFailure("CreateTestCase", new JsonObject().put("InstanceId", instance)
        .put("Name", 42).put("Content", Fixtures.CONTENT));
    assertThat(invalid.failureCode()).isEqualTo(400);
    assertThat(BusFailures.errorType(invalid)).isEqualTo("InvalidParameterException");

    ReplyException noPath = busFailure("GetTestCaseExecutionSummary", new JsonObject().put("InstanceId", instance));
    assertThat(noPath.failureCode()).isEqualTo(400);
    assertThat(BusFailures.details(noPath).getString("message")).contains("TestCaseId");

    ReplyException notJson = busFailure("ListTestCases", null);
    assertThat(BusFailures.errorType(notJson)).isEqualTo("InvalidParameterException");
  }

  /** {@code emulator_requests_seconds_count} of one operation, outcome and face; 0 when there is no such series. */
  private static double requestCount(String metrics, String operation, String outcome, String transport) {
    String series = "emulator_requests_seconds_count{operation=\"" + operation + "\",outcome=\"" + outcome
        + "\",transport=\"" + transport + "\"} ";
    for (String line : metrics.split("\n")) {
      if (line.startsWith(series)) {
        return Double.parseDouble(line.substring(series.length()).trim());
      }
    }
    return 0;
  }

  @Test
  void busCallsAreMeteredUnderTransportBusAndHttpCallsUnderHttp() throws Exception {
    start(Map.of());
    for (int i = 0; i < 3; i++) {
      bus("CreateTestCase", createBody("metered-" + i));
    }
    String testCase = bus("ListTestCases", new JsonObject().put("InstanceId", instance))
        .getJsonArray("TestCaseSummaryList").getJsonObject(0).getString("Id");
    bus("ListTestCases", new JsonObject().put("InstanceId", instance));
    busFailure("DescribeTestCase", new JsonObject().put("InstanceId", instance).put("TestCaseId", "missing"));
    busFailure("CreateTestCase", createBody("x").put("Name", 42));
    busFailure("ListTestCases", null);

    assertThat(http(HttpMethod.GET, "/test-cases-summary/" + instance, null).status()).isEqualTo(200);
    assertThat(http(HttpMethod.GET, "/test-cases/" + instance + "/" + testCase, null).status()).isEqualTo(200);
    assertThat(http(HttpMethod.GET, "/test-cases/" + instance + "/" + testCase, null).status()).isEqualTo(200);
    assertThat(http(HttpMethod.PUT, "/test-cases/" + instance, new JsonObject().put("Name", 42)).status())
        .isEqualTo(400);

    // operation, outcome, transport -> count; every other combination of these must be absent.
    Map<String, Double> expected = Map.of(
        "CreateTestCase success bus", 3.0,
        "ListTestCases success bus", 2.0,
        "DescribeTestCase ResourceNotFoundException bus", 1.0,
        "CreateTestCase InvalidParameterException bus", 1.0,
        "ListTestCases InvalidParameterException bus", 1.0,
        "ListTestCases success http", 1.0,
        "DescribeTestCase success http", 2.0,
        "CreateTestCase InvalidParameterException http", 1.0);
    String metrics = Eventually.poll(local::metrics, text -> expected.entrySet().stream().allMatch(entry -> {
      String[] key = entry.getKey().split(" ");
      return requestCount(text, key[0], key[1], key[2]) == entry.getValue();
    }), "request counts " + expected);
    for (String operation : List.of("CreateTestCase", "ListTestCases", "DescribeTestCase")) {
      for (String outcome : List.of("success", "InvalidParameterException", "ResourceNotFoundException")) {
        for (String transport : List.of("bus", "http")) {
          String key = operation + " " + outcome + " " + transport;
          assertThat(requestCount(metrics, operation, outcome, transport)).as(key)
              .isEqualTo(expected.getOrDefault(key, 0.0));
        }
      }
    }
  }

  @Test
  void aNextTokenIssuedOnOneFaceTurnsThePageOnTheOther() throws Exception {
    start(Map.of());
    for (int i = 0; i < 5; i++) {
      bus("CreateTestCase", createBody("paged-" + i));
    }
    JsonObject firstOverBus = bus("ListTestCases", new JsonObject().put("InstanceId", instance).put("MaxResults", 2));
    String busToken = firstOverBus.getString("NextToken");
    assertThat(busToken).isNotNull();
    String page = "/test-cases-summary/" + instance + "?maxResults=2&nextToken=";
    JsonObject secondOverHttp = http(HttpMethod.GET, page + urlEncoded(busToken), null).body();
    assertThat(bus("ListTestCases", new JsonObject().put("InstanceId", instance).put("MaxResults", 2)
        .put("NextToken", busToken))).isEqualTo(secondOverHttp);

    String httpToken = secondOverHttp.getString("NextToken");
    JsonObject lastOverBus = bus("ListTestCases", new JsonObject().put("InstanceId", instance).put("MaxResults", 2)
        .put("NextToken", httpToken));
    assertThat(lastOverBus).isEqualTo(http(HttpMethod.GET, page + urlEncoded(httpToken), null).body());
    assertThat(lastOverBus.getJsonArray("TestCaseSummaryList")).hasSize(1);
    assertThat(lastOverBus.getString("NextToken")).isNull();

    ReplyException otherInstance = busFailure("ListTestCases", new JsonObject()
        .put("InstanceId", UUID.randomUUID().toString()).put("MaxResults", 2).put("NextToken", busToken));
    HttpResult otherInstanceOverHttp = http(HttpMethod.GET,
        "/test-cases-summary/" + UUID.randomUUID() + "?maxResults=2&nextToken=" + urlEncoded(busToken), null);
    assertThat(otherInstance.failureCode()).as("a token of another instance").isEqualTo(otherInstanceOverHttp.status());
    assertThat(BusFailures.errorType(otherInstance)).isEqualTo(otherInstanceOverHttp.errorType());
  }

  private static String urlEncoded(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  @Test
  void throttlingReachesBusCallersAsThrottlingException() throws Exception {
    start(Map.of("throttle.requestsPerSecond", "1", "throttle.burst", "1"));
    // One request a second per instance and operation: the second List at once is throttled.
    String other = UUID.randomUUID().toString();
    bus("ListTestCases", new JsonObject().put("InstanceId", other));
    ReplyException throttled = busFailure("ListTestCases", new JsonObject().put("InstanceId", other));
    assertThat(throttled.failureCode()).isEqualTo(429);
    assertThat(BusFailures.errorType(throttled)).isEqualTo("ThrottlingException");
  }

  @Test
  void anInstanceArnInAPathMemberIsEncodedAsTheSdkEncodesIt() throws Exception {
    start(Map.of());
    String arn = "arn:aws:connect:us-east-1:123456789012:instance/" + instance;
    JsonObject created = bus("CreateTestCase", createBody("by-arn").put("InstanceId", arn));
    JsonArray listed = bus("ListTestCases", new JsonObject().put("InstanceId", instance))
        .getJsonArray("TestCaseSummaryList");
    assertThat(listed).hasSize(1);
    assertThat(listed.getJsonObject(0).getString("Id")).isEqualTo(created.getString("TestCaseId"));
  }

  @Test
  void operationsAreOffWhenDisabled() throws Exception {
    start(Map.of("bus.operations", "false"));
    assertThatThrownBy(() -> vertx.eventBus().request(BusAddresses.operation("ListTestCases"),
            new JsonObject().put("InstanceId", instance)).await(WAIT, TimeUnit.SECONDS))
        .isInstanceOfSatisfying(ReplyException.class,
            e -> assertThat(e.failureType()).isEqualTo(io.vertx.core.eventbus.ReplyFailure.NO_HANDLERS));
  }
}
