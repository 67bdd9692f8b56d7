package io.github.connectemulator.bus;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.connectemulator.Fixtures;
import io.github.connectemulator.bus.BusEmulator.Outcome;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same members over the bus and over HTTP meet the same rules: the bus answers 400 InvalidParameterException
 * exactly when HTTP does, and lets through what HTTP lets through. Each row gives the members once, as the bus takes
 * them (under their AWS names, at the top of the message) and as HTTP carries them (path, query, header, body).
 */
class BusValidationParityTest {

  private static final long WAIT = BusEmulator.WAIT;
  /** Every row's instance: an existing test case and a finished run in it, so that valid rows succeed. */
  private static final String INSTANCE = "0f0e0d0c-0b0a-4908-8706-050403020100";
  private static final String INVALID = "400 InvalidParameterException";
  private static final String OK = "200";

  private static BusEmulator local;
  private static String testCase;
  private static String execution;

  /**
   * One call: its operation, its bus message, its HTTP request, and the verdict both faces must give. Path and
   * message are built from the fixture ids, known only once the emulator runs.
   */
  record Row(String label, String expected, String operation, Function<Ids, JsonObject> message,
      HttpMethod method, Function<Ids, String> uri, Map<String, String> headers, Function<Ids, JsonObject> httpBody) {

    @Override
    public String toString() {
      return label + " -> " + expected;
    }
  }

  /** The fixture ids a row refers to. */
  record Ids(String instance, String testCase, String execution) {
    JsonObject members() {
      return new JsonObject().put("InstanceId", instance).put("TestCaseId", testCase);
    }

    JsonObject run() {
      return members().put("TestCaseExecutionId", execution);
    }

    String casePath() {
      return "/test-cases/" + instance + "/" + testCase;
    }

    String runPath() {
      return casePath() + "/" + execution;
    }
  }

  @BeforeAll
  static void start() throws Exception {
    local = BusEmulator.start(Map.of());
    testCase = local.call("CreateTestCase", new JsonObject().put("InstanceId", INSTANCE).put("Name", "fixture")
        .put("Content", Fixtures.CONTENT)).getString("TestCaseId");
    execution = local.call("StartTestCaseExecution", new JsonObject().put("InstanceId", INSTANCE)
        .put("TestCaseId", testCase)).getString("TestCaseExecutionId");
  }

  @AfterAll
  static void close() throws Exception {
    local.close();
  }

  private static Row row(String label, String expected, String operation, Function<Ids, JsonObject> message,
      HttpMethod method, Function<Ids, String> uri, Function<Ids, JsonObject> httpBody) {
    return new Row(label, expected, operation, message, method, uri, Map.of(), httpBody);
  }

  /** A row whose HTTP request carries some members in headers. */
  private static Row row(String label, String expected, String operation, Function<Ids, JsonObject> message,
      HttpMethod method, Function<Ids, String> uri, Map<String, String> headers, Function<Ids, JsonObject> httpBody) {
    return new Row(label, expected, operation, message, method, uri, headers, httpBody);
  }

  private static JsonObject create(String name) {
    return new JsonObject().put("Name", name).put("Content", Fixtures.CONTENT);
  }

  static List<Row> rows() {
    String name126 = "n".repeat(126);
    String name128 = "n".repeat(128);
    String id100 = "i".repeat(100);
    String id101 = "i".repeat(101);
    String id500 = "t".repeat(500);
    String id501 = "t".repeat(501);
    return List.of(
        // Name: 1 to 127 characters, not blank.
        row("Create, Name of 128 characters", INVALID, "CreateTestCase",
            ids -> create(name128).put("InstanceId", ids.instance()),
            HttpMethod.PUT, ids -> "/test-cases/" + ids.instance(), ids -> create(name128)),
        // (Two names of 127 characters: the first face to create one would take it from the other.)
        row("Create, Name of 127 characters", OK, "CreateTestCase",
            ids -> create("b" + name126).put("InstanceId", ids.instance()),
            HttpMethod.PUT, ids -> "/test-cases/" + ids.instance(), ids -> create("h" + name126)),
        row("Update, Name of 128 characters", INVALID, "UpdateTestCase",
            ids -> ids.members().put("Name", name128),
            HttpMethod.POST, Ids::casePath, ids -> new JsonObject().put("Name", name128)),
        row("Create, blank Description", INVALID, "CreateTestCase",
            ids -> create("blank-description").put("Description", "   ").put("InstanceId", ids.instance()),
            HttpMethod.PUT, ids -> "/test-cases/" + ids.instance(),
            ids -> create("blank-description").put("Description", "   ")),
        row("Create, no Content", INVALID, "CreateTestCase",
            ids -> new JsonObject().put("Name", "no-content").put("InstanceId", ids.instance()),
            HttpMethod.PUT, ids -> "/test-cases/" + ids.instance(), ids -> new JsonObject().put("Name", "no-content")),
        row("Create, empty Tags", INVALID, "CreateTestCase",
            ids -> create("empty-tags").put("Tags", new JsonObject()).put("InstanceId", ids.instance()),
            HttpMethod.PUT, ids -> "/test-cases/" + ids.instance(),
            ids -> create("empty-tags").put("Tags", new JsonObject())),
        row("Create, bad Status enum", INVALID, "CreateTestCase",
            ids -> create("bad-status").put("Status", "DRAFT").put("InstanceId", ids.instance()),
            HttpMethod.PUT, ids -> "/test-cases/" + ids.instance(), ids -> create("bad-status").put("Status", "DRAFT")),
        // Wrong JSON types, in the body (the same JSON on both faces).
        row("Create, Name a number", INVALID, "CreateTestCase",
            ids -> create("x").put("Name", 42).put("InstanceId", ids.instance()),
            HttpMethod.PUT, ids -> "/test-cases/" + ids.instance(), ids -> create("x").put("Name", 42)),
        row("Create, a tag value a number", INVALID, "CreateTestCase",
            ids -> create("tag-type").put("Tags", new JsonObject().put("team", 7)).put("InstanceId", ids.instance()),
            HttpMethod.PUT, ids -> "/test-cases/" + ids.instance(),
            ids -> create("tag-type").put("Tags", new JsonObject().put("team", 7))),
        row("Start, ClientToken a number", INVALID, "StartTestCaseExecution",
            ids -> ids.members().put("ClientToken", 42),
            HttpMethod.PUT, ids -> ids.casePath() + "/start-execution", ids -> new JsonObject().put("ClientToken", 42)),
        row("Search, MaxResults a string", INVALID, "SearchTestCases",
            ids -> new JsonObject().put("InstanceId", ids.instance()).put("MaxResults", "5"),
            HttpMethod.POST, ids -> "/search-test-cases",
            ids -> new JsonObject().put("InstanceId", ids.instance()).put("MaxResults", "5")),
        row("Search, SearchCriteria an array", INVALID, "SearchTestCases",
            ids -> new JsonObject().put("InstanceId", ids.instance()).put("SearchCriteria", new JsonArray()),
            HttpMethod.POST, ids -> "/search-test-cases",
            ids -> new JsonObject().put("InstanceId", ids.instance()).put("SearchCriteria", new JsonArray())),
        row("Search, no InstanceId", INVALID, "SearchTestCases",
            ids -> new JsonObject(), HttpMethod.POST, ids -> "/search-test-cases", ids -> new JsonObject()),
        // Status enums of the query.
        row("ListExecutions, bad Status enum", INVALID, "ListTestCaseExecutions",
            ids -> new JsonObject().put("InstanceId", ids.instance()).put("Status", "RUNNING"),
            HttpMethod.GET, ids -> "/test-case-executions/" + ids.instance() + "?status=RUNNING", ids -> null),
        row("ListExecutions, Status PASSED", OK, "ListTestCaseExecutions",
            ids -> new JsonObject().put("InstanceId", ids.instance()).put("Status", "PASSED"),
            HttpMethod.GET, ids -> "/test-case-executions/" + ids.instance() + "?status=PASSED", ids -> null),
        row("Records, bad Status enum", INVALID, "ListTestCaseExecutionRecords",
            ids -> ids.run().put("Status", "passed"),
            HttpMethod.GET, ids -> ids.runPath() + "/records?status=passed", ids -> null),
        row("Describe, bad Status enum", INVALID, "DescribeTestCase",
            ids -> ids.members().put("Status", "DRAFT"),
            HttpMethod.GET, ids -> ids.casePath() + "?status=DRAFT", ids -> null),
        row("Describe, Status PUBLISHED", OK, "DescribeTestCase",
            ids -> ids.members().put("Status", "PUBLISHED"),
            HttpMethod.GET, ids -> ids.casePath() + "?status=PUBLISHED", ids -> null),
        // MaxResults bounds.
        row("ListTestCases, MaxResults 0", INVALID, "ListTestCases",
            ids -> new JsonObject().put("InstanceId", ids.instance()).put("MaxResults", 0),
            HttpMethod.GET, ids -> "/test-cases-summary/" + ids.instance() + "?maxResults=0", ids -> null),
        row("ListTestCases, MaxResults 1001", INVALID, "ListTestCases",
            ids -> new JsonObject().put("InstanceId", ids.instance()).put("MaxResults", 1001),
            HttpMethod.GET, ids -> "/test-cases-summary/" + ids.instance() + "?maxResults=1001", ids -> null),
        row("ListTestCases, MaxResults 1000", OK, "ListTestCases",
            ids -> new JsonObject().put("InstanceId", ids.instance()).put("MaxResults", 1000),
            HttpMethod.GET, ids -> "/test-cases-summary/" + ids.instance() + "?maxResults=1000", ids -> null),
        row("ListExecutions, MaxResults 0", INVALID, "ListTestCaseExecutions",
            ids -> new JsonObject().put("InstanceId", ids.instance()).put("MaxResults", 0),
            HttpMethod.GET, ids -> "/test-case-executions/" + ids.instance() + "?maxResults=0", ids -> null),
        row("ListExecutions, MaxResults 101", INVALID, "ListTestCaseExecutions",
            ids -> new JsonObject().put("InstanceId", ids.instance()).put("MaxResults", 101),
            HttpMethod.GET, ids -> "/test-case-executions/" + ids.instance() + "?maxResults=101", ids -> null),
        row("Records, MaxResults 0", INVALID, "ListTestCaseExecutionRecords",
            ids -> ids.run().put("MaxResults", 0),
            HttpMethod.GET, ids -> ids.runPath() + "/records?maxResults=0", ids -> null),
        row("Search, MaxResults 0", INVALID, "SearchTestCases",
            ids -> new JsonObject().put("InstanceId", ids.instance()).put("MaxResults", 0),
            HttpMethod.POST, ids -> "/search-test-cases",
            ids -> new JsonObject().put("InstanceId", ids.instance()).put("MaxResults", 0)),
        // Other query members.
        row("ListExecutions, StartTime -1", INVALID, "ListTestCaseExecutions",
            ids -> new JsonObject().put("InstanceId", ids.instance()).put("StartTime", -1),
            HttpMethod.GET, ids -> "/test-case-executions/" + ids.instance() + "?startTime=-1", ids -> null),
        row("ListTestCases, empty NextToken", INVALID, "ListTestCases",
            ids -> new JsonObject().put("InstanceId", ids.instance()).put("NextToken", ""),
            HttpMethod.GET, ids -> "/test-cases-summary/" + ids.instance() + "?nextToken=", ids -> null),
        row("ListExecutions, empty TestCaseName", INVALID, "ListTestCaseExecutions",
            ids -> new JsonObject().put("InstanceId", ids.instance()).put("TestCaseName", ""),
            HttpMethod.GET, ids -> "/test-case-executions/" + ids.instance() + "?testCaseName=", ids -> null),
        row("ListExecutions, empty TestCaseId (the model bounds it above only)", OK, "ListTestCaseExecutions",
            ids -> new JsonObject().put("InstanceId", ids.instance()).put("TestCaseId", ""),
            HttpMethod.GET, ids -> "/test-case-executions/" + ids.instance() + "?testCaseId=", ids -> null),
        row("ListExecutions, TestCaseId of 500 characters", OK, "ListTestCaseExecutions",
            ids -> new JsonObject().put("InstanceId", ids.instance()).put("TestCaseId", id500),
            HttpMethod.GET, ids -> "/test-case-executions/" + ids.instance() + "?testCaseId=" + id500, ids -> null),
        row("ListExecutions, TestCaseId of 501 characters", INVALID, "ListTestCaseExecutions",
            ids -> new JsonObject().put("InstanceId", ids.instance()).put("TestCaseId", id501),
            HttpMethod.GET, ids -> "/test-case-executions/" + ids.instance() + "?testCaseId=" + id501, ids -> null),
        // Header members of Create.
        row("Create, TestCaseId with a space", INVALID, "CreateTestCase",
            ids -> create("bad-id").put("TestCaseId", "bad id").put("InstanceId", ids.instance()),
            HttpMethod.PUT, ids -> "/test-cases/" + ids.instance(), Map.of("x-amz-resource-id", "bad id"),
            ids -> create("bad-id")),
        row("Create, LastModifiedRegion not a region", INVALID, "CreateTestCase",
            ids -> create("bad-region").put("LastModifiedRegion", "Mars").put("InstanceId", ids.instance()),
            HttpMethod.PUT, ids -> "/test-cases/" + ids.instance(), Map.of("x-amz-last-modified-region", "Mars"),
            ids -> create("bad-region")),
        row("Create, LastModifiedTime not an HTTP-date", INVALID, "CreateTestCase",
            ids -> create("bad-time").put("LastModifiedTime", "yesterday").put("InstanceId", ids.instance()),
            HttpMethod.PUT, ids -> "/test-cases/" + ids.instance(), Map.of("x-amz-last-modified-time", "yesterday"),
            ids -> create("bad-time")),
        // InstanceId: 1 to 100 characters for most operations, a UUID or an instance ARN for the others.
        row("ListTestCases, InstanceId of 101 characters", INVALID, "ListTestCases",
            ids -> new JsonObject().put("InstanceId", id101),
            HttpMethod.GET, ids -> "/test-cases-summary/" + id101, ids -> null),
        row("ListTestCases, InstanceId of 100 characters", OK, "ListTestCases",
            ids -> new JsonObject().put("InstanceId", id100),
            HttpMethod.GET, ids -> "/test-cases-summary/" + id100, ids -> null),
        row("Start, InstanceId of 101 characters", INVALID, "StartTestCaseExecution",
            ids -> ids.members().put("InstanceId", id101),
            HttpMethod.PUT, ids -> "/test-cases/" + id101 + "/" + ids.testCase() + "/start-execution",
            ids -> new JsonObject()),
        row("Describe, InstanceId not a UUID", INVALID, "DescribeTestCase",
            ids -> ids.members().put("InstanceId", id100),
            HttpMethod.GET, ids -> "/test-cases/" + id100 + "/" + ids.testCase(), ids -> null),
        // Path members.
        row("Summary, TestCaseId of 501 characters", INVALID, "GetTestCaseExecutionSummary",
            ids -> ids.run().put("TestCaseId", id501),
            HttpMethod.GET, ids -> "/test-cases/" + ids.instance() + "/" + id501 + "/" + ids.execution() + "/summary",
            ids -> null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void theBusValidatesTheMembersAsHttpDoes(Row row) throws Exception {
    Ids ids = new Ids(INSTANCE, testCase, execution);
    Outcome overBus = local.busOutcome(row.operation(), row.message().apply(ids)).await(WAIT, TimeUnit.SECONDS);
    Outcome overHttp = http(row, ids);
    assertThat(overHttp.verdict()).as("over HTTP (%s)", overHttp.body()).isEqualTo(row.expected());
    assertThat(overBus.verdict()).as("over the bus (%s)", overBus.body()).isEqualTo(overHttp.verdict());
  }

  private static Outcome http(Row row, Ids ids) throws Exception {
    var headers = MultiMap.caseInsensitiveMultiMap().addAll(row.headers());
    return local.httpOutcome(row.method(), row.uri().apply(ids), headers, row.httpBody().apply(ids), null)
        .await(WAIT, TimeUnit.SECONDS);
  }

  @Test
  void anEmptyTestCaseIdFilterOfListTestCaseExecutionsIsAcceptedOnBothFaces() throws Exception {
    Outcome overBus = local.busOutcome("ListTestCaseExecutions",
        new JsonObject().put("InstanceId", INSTANCE).put("TestCaseId", "")).await(WAIT, TimeUnit.SECONDS);
    Outcome overHttp = local.httpOutcome(HttpMethod.GET, "/test-case-executions/" + INSTANCE + "?testCaseId=", null)
        .await(WAIT, TimeUnit.SECONDS);
    assertThat(overHttp.verdict()).isEqualTo(OK);
    assertThat(overBus).isEqualTo(overHttp);
  }

  /**
   * A path member cannot be missing over HTTP (an empty label matches no operation, and SDKs refuse to send one); on
   * the bus a missing required member is InvalidParameterException naming it.
   */
  @Test
  void aMissingPathMemberIsInvalidOnTheBusAndNoOperationOverHttp() throws Exception {
    Ids ids = new Ids(INSTANCE, testCase, execution);
    for (String member : List.of("InstanceId", "TestCaseId", "TestCaseExecutionId")) {
      JsonObject run = ids.run();
      run.remove(member);
      Outcome overBus = local.busOutcome("GetTestCaseExecutionSummary", run).await(WAIT, TimeUnit.SECONDS);
      assertThat(overBus.verdict()).isEqualTo(INVALID);
      assertThat(overBus.body().getString("message")).isEqualTo("Missing required member " + member);
    }
    Outcome overHttp = local.httpOutcome(HttpMethod.GET, "/test-cases/" + INSTANCE + "//" + execution + "/summary",
        null).await(WAIT, TimeUnit.SECONDS);
    assertThat(overHttp.verdict()).isEqualTo("404 UnknownOperationException");
  }

  /**
   * HTTP reads path, query and header members from text, so they have no JSON type there; a bus message carries JSON
   * values, and each member must have its model type: a number for MaxResults, a string for an id.
   */
  @Test
  void membersHttpCarriesOutsideTheBodyMustHaveTheirJsonTypeOnTheBus() throws Exception {
    Ids ids = new Ids(INSTANCE, testCase, execution);
    assertThat(local.busOutcome("GetTestCaseExecutionSummary", ids.run().put("TestCaseId", 42))
        .await(WAIT, TimeUnit.SECONDS).verdict()).isEqualTo(INVALID);
    assertThat(local.busOutcome("ListTestCases", new JsonObject().put("InstanceId", INSTANCE).put("MaxResults", "5"))
        .await(WAIT, TimeUnit.SECONDS).verdict()).isEqualTo(INVALID);
    assertThat(local.busOutcome("ListTestCaseExecutions", new JsonObject().put("InstanceId", INSTANCE)
        .put("StartTime", "0")).await(WAIT, TimeUnit.SECONDS).verdict()).isEqualTo(INVALID);
    assertThat(local.busOutcome("ListTestCases", new JsonObject().put("InstanceId", INSTANCE).put("MaxResults", 5))
        .await(WAIT, TimeUnit.SECONDS).verdict()).isEqualTo(OK);
  }
}
