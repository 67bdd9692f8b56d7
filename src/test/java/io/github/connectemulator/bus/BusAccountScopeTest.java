package io.github.connectemulator.bus;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.connectemulator.Fixtures;
import io.github.connectemulator.bus.BusEmulator.Outcome;
import io.github.connectemulator.testing.EmulatorHttp;
import io.github.connectemulator.testing.Eventually;
import io.github.connectemulator.testing.SigV4Signer;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code InstanceId = "ACCOUNT/instance"} on the bus names the instance of that account, the one an HTTP caller whose
 * SigV4 key is configured with that account reaches: every operation acts on it, it is separate from the shared
 * instance of the same id and from other accounts', and its ARNs carry the account.
 */
class BusAccountScopeTest {

  private static final long WAIT = BusEmulator.WAIT;
  private static final String ACCOUNT = "123456789012";
  private static final String OTHER_ACCOUNT = "210987654321";
  /** The account of unscoped instances' ARNs, unlike either account above, so that ARNs tell them apart. */
  private static final String DEFAULT_ACCOUNT = "111122223333";

  private static final SigV4Signer TENANT = new SigV4Signer("AKIDTENANT", "tenant-secret", EmulatorHttp.REGION);
  private static final SigV4Signer SHARED = new SigV4Signer("AKIDSHARED", "shared-secret", EmulatorHttp.REGION);

  private BusEmulator local;
  private final String instance = UUID.randomUUID().toString();
  private final String scoped = ACCOUNT + "/" + instance;

  @BeforeEach
  void start() throws Exception {
    local = BusEmulator.start(Map.of("auth.sigv4", "true",
        "auth.credentials", "AKIDSHARED:shared-secret,AKIDTENANT:tenant-secret:" + ACCOUNT
            + ",AKIDOTHER:other-secret:" + OTHER_ACCOUNT,
        "aws.accountId", DEFAULT_ACCOUNT));
  }

  @AfterEach
  void close() throws Exception {
    local.close();
  }

  private Outcome bus(String operation, JsonObject members) throws Exception {
    return local.busOutcome(operation, members).await(WAIT, TimeUnit.SECONDS);
  }

  private JsonObject busOk(String operation, JsonObject members) throws Exception {
    Outcome outcome = bus(operation, members);
    assertThat(outcome.verdict()).as("%s over the bus: %s", operation, outcome.body()).isEqualTo("200");
    return outcome.body();
  }

  /** A call over HTTP signed with the account's key: what the bus must match. */
  private Outcome tenant(HttpMethod method, String uri, JsonObject body) throws Exception {
    return http(method, uri, body, TENANT);
  }

  private Outcome http(HttpMethod method, String uri, JsonObject body, SigV4Signer signer) throws Exception {
    Future<Outcome> call = local.httpOutcome(method, uri, body, signer);
    return call.await(WAIT, TimeUnit.SECONDS);
  }

  private static JsonObject createBody(String name) {
    return new JsonObject().put("Name", name).put("Content", Fixtures.CONTENT);
  }

  private static String testCaseArn(String account, String instanceId, String testCaseId) {
    return "arn:aws:connect:us-east-1:" + account + ":instance/" + instanceId + "/test-case/" + testCaseId;
  }

  @Test
  void theSigningCallersOfTheTestAreAcceptedAndTheUnsignedRefused() throws Exception {
    assertThat(tenant(HttpMethod.GET, "/test-cases-summary/" + instance, null).verdict()).isEqualTo("200");
    assertThat(http(HttpMethod.GET, "/test-cases-summary/" + instance, null, SHARED).verdict()).isEqualTo("200");
    assertThat(http(HttpMethod.GET, "/test-cases-summary/" + instance, null, null).verdict())
        .isEqualTo("403 MissingAuthenticationTokenException");
  }

  @Test
  void everyOperationOnAnAccountScopedIdActsOnTheAccountsInstanceAsItsSigningCallerSees() throws Exception {
    // CreateTestCase: the ARN carries the account, as for the account's HTTP caller.
    JsonObject created = busOk("CreateTestCase", createBody("scoped-on-bus").put("InstanceId", scoped));
    String testCase = created.getString("TestCaseId");
    assertThat(created.getString("TestCaseArn")).isEqualTo(testCaseArn(ACCOUNT, instance, testCase));
    Outcome createdOverHttp = tenant(HttpMethod.PUT, "/test-cases/" + instance, createBody("scoped-on-http"));
    String httpCase = createdOverHttp.body().getString("TestCaseId");
    assertThat(createdOverHttp.body().getString("TestCaseArn")).isEqualTo(testCaseArn(ACCOUNT, instance, httpCase));

    JsonObject ids = new JsonObject().put("InstanceId", scoped).put("TestCaseId", testCase);
    String casePath = "/test-cases/" + instance + "/" + testCase;

    // DescribeTestCase
    Outcome described = bus("DescribeTestCase", ids);
    assertThat(described).isEqualTo(tenant(HttpMethod.GET, casePath, null));
    assertThat(described.body().getJsonObject("TestCase").getString("Arn"))
        .isEqualTo(created.getString("TestCaseArn"));
    assertThat(bus("DescribeTestCase", ids.copy().put("TestCaseId", httpCase)))
        .as("the test case the account's HTTP caller created").isEqualTo(tenant(HttpMethod.GET,
            "/test-cases/" + instance + "/" + httpCase, null));

    // UpdateTestCase
    assertThat(busOk("UpdateTestCase", ids.copy().put("Description", "changed on the bus"))).isEmpty();
    assertThat(tenant(HttpMethod.GET, casePath, null).body().getJsonObject("TestCase").getString("Description"))
        .isEqualTo("changed on the bus");

    // ListTestCases and SearchTestCases (whose InstanceId is a body member)
    Outcome listed = bus("ListTestCases", new JsonObject().put("InstanceId", scoped));
    assertThat(listed).isEqualTo(tenant(HttpMethod.GET, "/test-cases-summary/" + instance, null));
    assertThat(listed.body().getJsonArray("TestCaseSummaryList")).hasSize(2);
    Outcome searched = bus("SearchTestCases", new JsonObject().put("InstanceId", scoped));
    assertThat(searched).isEqualTo(tenant(HttpMethod.POST, "/search-test-cases",
        new JsonObject().put("InstanceId", instance)));
    assertThat(searched.body().getInteger("ApproximateTotalCount")).isEqualTo(2);

    // StartTestCaseExecution: the account's HTTP caller replays the bus's run with the same ClientToken.
    JsonObject started = busOk("StartTestCaseExecution", ids.copy().put("ClientToken", "scoped-token"));
    String execution = started.getString("TestCaseExecutionId");
    assertThat(tenant(HttpMethod.PUT, casePath + "/start-execution", new JsonObject().put("ClientToken",
        "scoped-token")).body().getString("TestCaseExecutionId")).isEqualTo(execution);

    // GetTestCaseExecutionSummary, ListTestCaseExecutionRecords, ListTestCaseExecutions
    JsonObject run = ids.copy().put("TestCaseExecutionId", execution);
    String runPath = casePath + "/" + execution;
    Outcome summary = Eventually.poll(() -> bus("GetTestCaseExecutionSummary", run),
        outcome -> "PASSED".equals(outcome.body().getString("Status")), "the scoped run PASSED");
    assertThat(summary).isEqualTo(tenant(HttpMethod.GET, runPath + "/summary", null));
    Outcome records = bus("ListTestCaseExecutionRecords", run);
    assertThat(records).isEqualTo(tenant(HttpMethod.GET, runPath + "/records", null));
    assertThat(records.body().getJsonArray("ExecutionRecords")).hasSize(2);
    Outcome executions = bus("ListTestCaseExecutions", new JsonObject().put("InstanceId", scoped));
    assertThat(executions).isEqualTo(tenant(HttpMethod.GET, "/test-case-executions/" + instance, null));
    assertThat(executions.body().getJsonArray("TestCaseExecutions")).hasSize(1);

    // StopTestCaseExecution
    String second = busOk("StartTestCaseExecution", ids).getString("TestCaseExecutionId");
    assertThat(busOk("StopTestCaseExecution", ids.copy().put("TestCaseExecutionId", second))).isEmpty();
    assertThat(tenant(HttpMethod.GET, casePath + "/" + second + "/summary", null).body().getString("Status"))
        .isEqualTo("STOPPED");

    // The admin API holds them under the scoped key, and nothing under the bare id.
    JsonObject instances = local.stats().getJsonObject("instances");
    assertThat(instances.getJsonObject(scoped).getInteger("testCases")).isEqualTo(2);
    assertThat(instances.getJsonObject(scoped).getJsonObject("executions"))
        .isEqualTo(new JsonObject().put("PASSED", 1).put("STOPPED", 1));
    assertThat(instances.getJsonObject(instance)).as("the shared instance of the same id").isNull();

    // DeleteTestCase
    assertThat(busOk("DeleteTestCase", ids)).isEmpty();
    assertThat(tenant(HttpMethod.GET, casePath, null).verdict()).isEqualTo("404 ResourceNotFoundException");
  }

  @Test
  void theScopedInstanceIsSeparateFromTheSharedOneOfTheSameIdAndFromOtherAccounts() throws Exception {
    String inAccount = busOk("CreateTestCase", createBody("same-name").put("InstanceId", scoped))
        .getString("TestCaseId");
    JsonObject shared = busOk("CreateTestCase", createBody("same-name").put("InstanceId", instance));
    String inShared = shared.getString("TestCaseId");
    assertThat(shared.getString("TestCaseArn")).as("an unscoped instance's ARN carries aws.accountId")
        .isEqualTo(testCaseArn(DEFAULT_ACCOUNT, instance, inShared));
    String otherScoped = OTHER_ACCOUNT + "/" + instance;
    String inOther = busOk("CreateTestCase", createBody("same-name").put("InstanceId", otherScoped))
        .getString("TestCaseId");
    assertThat(bus("CreateTestCase", createBody("same-name").put("InstanceId", scoped)).verdict())
        .as("the name is taken within the account's instance").isEqualTo("409 DuplicateResourceException");

    // Each id sees its own test case only, over the bus and over HTTP with the matching key.
    assertThat(listedIds(scoped)).containsExactly(inAccount);
    assertThat(listedIds(instance)).containsExactly(inShared);
    assertThat(listedIds(otherScoped)).containsExactly(inOther);
    assertThat(tenant(HttpMethod.GET, "/test-cases-summary/" + instance, null))
        .isEqualTo(bus("ListTestCases", new JsonObject().put("InstanceId", scoped)));
    assertThat(http(HttpMethod.GET, "/test-cases-summary/" + instance, null, SHARED))
        .isEqualTo(bus("ListTestCases", new JsonObject().put("InstanceId", instance)));

    assertThat(bus("DescribeTestCase", new JsonObject().put("InstanceId", instance).put("TestCaseId", inAccount))
        .verdict()).as("the account's test case under the bare id").isEqualTo("404 ResourceNotFoundException");
    assertThat(bus("DescribeTestCase", new JsonObject().put("InstanceId", scoped).put("TestCaseId", inShared))
        .verdict()).as("the shared test case under the scoped id").isEqualTo("404 ResourceNotFoundException");
    assertThat(bus("DescribeTestCase", new JsonObject().put("InstanceId", otherScoped).put("TestCaseId", inAccount))
        .verdict()).as("one account's test case under another's").isEqualTo("404 ResourceNotFoundException");

    // A run started in the account is not found from the shared instance, and vice versa.
    String run = busOk("StartTestCaseExecution", new JsonObject().put("InstanceId", scoped)
        .put("TestCaseId", inAccount)).getString("TestCaseExecutionId");
    assertThat(bus("GetTestCaseExecutionSummary", new JsonObject().put("InstanceId", instance)
        .put("TestCaseId", inAccount).put("TestCaseExecutionId", run)).verdict())
        .isEqualTo("404 ResourceNotFoundException");
    assertThat(bus("ListTestCaseExecutions", new JsonObject().put("InstanceId", instance)).body()
        .getJsonArray("TestCaseExecutions")).isEmpty();
    assertThat(http(HttpMethod.GET, "/test-case-executions/" + instance, null, SHARED).body()
        .getJsonArray("TestCaseExecutions")).isEmpty();

    JsonObject instances = local.stats().getJsonObject("instances");
    assertThat(instances.getJsonObject(scoped).getInteger("testCases")).isEqualTo(1);
    assertThat(instances.getJsonObject(instance).getInteger("testCases")).isEqualTo(1);
    assertThat(instances.getJsonObject(otherScoped).getInteger("testCases")).isEqualTo(1);
  }

  /**
   * KNOWN PRODUCT BUG (fails at the time of writing): the scoped key {@code ACCOUNT/instance} the bus names on purpose
   * is also reachable over HTTP by a caller whose key has no account, with the slash percent-encoded in the path of
   * the operations whose InstanceId is free-form (1 to 100 characters): {@code /test-cases-summary/123456789012%2F<id>}
   * lists the account's test cases, and a Start at {@code /test-cases/123456789012%2F<id>/...} starts a run in the
   * account's instance. Callers of one account must not reach another account's instances (sdk-tests/sigv4: "a key
   * configured with an account sees only its account's instances"; "keys without one share the state").
   */
  @Test
  void anHttpCallerWithoutAnAccountCannotReachAnAccountsInstanceThroughAnEncodedSlash() throws Exception {
    String testCase = tenant(HttpMethod.PUT, "/test-cases/" + instance, createBody("the account's"))
        .body().getString("TestCaseId");
    String encodedScoped = ACCOUNT + "%2F" + instance;

    Outcome listed = http(HttpMethod.GET, "/test-cases-summary/" + encodedScoped, null, SHARED);
    assertThat(listed.toString()).as("a key without an account listing %s", encodedScoped).doesNotContain(testCase);

    http(HttpMethod.PUT, "/test-cases/" + encodedScoped + "/" + testCase + "/start-execution", new JsonObject(),
        SHARED);
    assertThat(tenant(HttpMethod.GET, "/test-case-executions/" + instance, null).body()
        .getJsonArray("TestCaseExecutions")).as("runs of the account's instance after a Start by a key without one")
        .isEmpty();
  }

  private List<String> listedIds(String instanceId) throws Exception {
    var list = busOk("ListTestCases", new JsonObject().put("InstanceId", instanceId))
        .getJsonArray("TestCaseSummaryList");
    var ids = new ArrayList<String>();
    for (int i = 0; i < list.size(); i++) {
      ids.add(list.getJsonObject(i).getString("Id"));
    }
    return ids;
  }

  @Test
  void anInstanceArnWithinAnAccountScopedIdNamesTheSameInstance() throws Exception {
    String arn = "arn:aws:connect:us-east-1:" + ACCOUNT + ":instance/" + instance;
    String testCase = busOk("CreateTestCase", createBody("by-arn").put("InstanceId", ACCOUNT + "/" + arn))
        .getString("TestCaseId");
    assertThat(listedIds(scoped)).containsExactly(testCase);
    assertThat(tenant(HttpMethod.GET, "/test-cases/" + EmulatorHttp.encodedInstanceArn(instance) + "/" + testCase,
        null).verdict()).isEqualTo("200");
  }
}
