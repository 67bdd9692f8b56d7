package io.github.connectemulator.http;

import static io.github.connectemulator.testing.EmulatorHttp.CONTENT;
import static io.github.connectemulator.testing.EmulatorHttp.createBody;
import static io.github.connectemulator.testing.EmulatorHttp.encodedInstanceArn;
import static io.github.connectemulator.testing.EmulatorHttp.newInstanceId;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.connectemulator.Emulator;
import io.github.connectemulator.testing.EmulatorHttp;
import io.github.connectemulator.testing.HttpReply;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The four operations over real HTTP against the whole emulator: what a caller gets back when the request is
 * right, and which sloppy-but-legal requests (no Content-Type, empty body, nulls, unknown members) are accepted.
 */
@ExtendWith(VertxExtension.class)
@io.vertx.junit5.Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
class RouterVerticleTest {

  private static final Set<String> TERMINAL = Set.of("PASSED", "FAILED", "STOPPED");

  private Vertx vertx;
  private EmulatorHttp http;
  private String instance;

  @BeforeEach
  void deployEmulator(Vertx vertx, VertxTestContext test) {
    this.vertx = vertx;
    this.instance = newInstanceId();
    Emulator.deploy(vertx, EmulatorHttp.localConfig())
        .onComplete(test.succeeding(emulator -> {
          http = new EmulatorHttp(vertx, emulator.port());
          test.completeNow();
        }));
  }

  // --- Create and Describe ------------------------------------------------------------------------------------

  @Test
  void createThenDescribeReturnsEveryMemberAsSent(VertxTestContext test) {
    JsonObject entryPoint = new JsonObject()
        .put("Type", "VOICE_CALL")
        .put("VoiceCallEntryPointParameters", new JsonObject()
            .put("SourcePhoneNumber", "+15550001111")
            .put("DestinationPhoneNumber", "+15550002222")
            .put("FlowId", "flow-1"));
    String content = "{\"Version\":\"2019-10-30\"}";
    JsonObject body = new JsonObject()
        .put("Name", "n1")
        .put("Content", content)
        .put("Description", "d")
        .put("EntryPoint", entryPoint)
        .put("InitializationData", "{\"a\":\"b\"}")
        .put("Status", "SAVED")
        .put("Tags", new JsonObject().put("k", "v").put("team", "qa"));
    MultiMap headers = MultiMap.caseInsensitiveMultiMap()
        .add("x-amz-resource-id", "tc-fixed")
        .add("x-amz-last-modified-time", "Tue, 14 Nov 2023 22:13:20 GMT")
        .add("x-amz-last-modified-region", "eu-west-2");
    String arn = "arn:aws:connect:us-east-1:123456789012:instance/" + instance + "/test-case/tc-fixed";

    http.putJson("/test-cases/" + instance, headers, body)
        .map(reply -> {
          JsonObject created = reply.assertOk();
          assertThat(created.getString("TestCaseId")).as("Create TestCaseId").isEqualTo("tc-fixed");
          assertThat(created.getString("TestCaseArn")).as("Create TestCaseArn").isEqualTo(arn);
          return created;
        })
        .compose(created -> http.describe(instance, "tc-fixed"))
        .onComplete(test.succeeding(reply -> test.verify(() -> {
          JsonObject testCase = reply.assertOk().getJsonObject("TestCase");
          assertThat(testCase.getString("Arn")).as("Describe Arn").isEqualTo(arn);
          assertThat(testCase.getString("Id")).as("Describe Id").isEqualTo("tc-fixed");
          assertThat(testCase.getString("Name")).as("Describe Name").isEqualTo("n1");
          assertThat(testCase.getString("Content")).as("Describe Content").isEqualTo(content);
          assertThat(testCase.getString("Description")).as("Describe Description").isEqualTo("d");
          assertThat(testCase.getJsonObject("EntryPoint")).as("Describe EntryPoint").isEqualTo(entryPoint);
          assertThat(testCase.getString("InitializationData")).as("Describe InitializationData")
              .isEqualTo("{\"a\":\"b\"}");
          assertThat(testCase.getString("Status")).as("Describe Status").isEqualTo("SAVED");
          assertThat(testCase.getJsonObject("Tags")).as("Describe Tags")
              .isEqualTo(new JsonObject().put("k", "v").put("team", "qa"));
          assertThat(testCase.getValue("LastModifiedTime")).as("Describe LastModifiedTime is a JSON number")
              .isInstanceOf(Number.class);
          assertThat(testCase.getDouble("LastModifiedTime")).as("Describe LastModifiedTime from the header")
              .isEqualTo(1_700_000_000d);
          assertThat(testCase.getString("LastModifiedRegion")).as("Describe LastModifiedRegion from the header")
              .isEqualTo("eu-west-2");
          assertThat(testCase.getString("TestCaseSha256")).as("Describe TestCaseSha256")
              .isEqualTo(sha256Hex(content))
              .matches("^[a-f0-9]{64}$");
          test.completeNow();
        })));
  }

  @Test
  void createWithOnlyRequiredMembersGetsGeneratedIdCurrentTimeAndEmulatorRegion(VertxTestContext test) {
    long before = System.currentTimeMillis();
    http.create(instance, createBody("minimal"))
        .map(reply -> {
          JsonObject created = reply.assertOk();
          assertThat(created.getString("TestCaseId")).as("generated TestCaseId")
              .matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
          assertThat(created.getString("TestCaseArn")).as("TestCaseArn")
              .isEqualTo("arn:aws:connect:us-east-1:123456789012:instance/" + instance + "/test-case/"
                  + created.getString("TestCaseId"));
          return created.getString("TestCaseId");
        })
        .compose(id -> http.describe(instance, id))
        .onComplete(test.succeeding(reply -> test.verify(() -> {
          JsonObject testCase = reply.assertOk().getJsonObject("TestCase");
          assertThat(testCase.fieldNames()).as("Describe members of a minimal test case")
              .containsExactlyInAnyOrder("Arn", "Id", "Name", "Content", "Status", "LastModifiedTime",
                  "LastModifiedRegion", "TestCaseSha256");
          assertThat(testCase.getString("Status")).as("default Status").isEqualTo("PUBLISHED");
          assertThat(testCase.getString("LastModifiedRegion")).as("LastModifiedRegion").isEqualTo("us-east-1");
          assertThat(testCase.getValue("LastModifiedTime")).as("LastModifiedTime is a JSON number")
              .isInstanceOf(Number.class);
          double seconds = testCase.getDouble("LastModifiedTime");
          assertThat(seconds * 1000).as("LastModifiedTime in epoch seconds, about now")
              .isBetween(before - 1000d, System.currentTimeMillis() + 1000d);
          assertThat(testCase.getString("TestCaseSha256")).as("TestCaseSha256").isEqualTo(sha256Hex(CONTENT));
          test.completeNow();
        })));
  }

  @Test
  void describeThroughPercentEncodedInstanceArnFindsTestCaseCreatedWithBareId(VertxTestContext test) {
    http.createdTestCase(instance, "by-arn")
        .compose(id -> http.describe(encodedInstanceArn(instance), id).map(reply -> {
          JsonObject testCase = reply.assertOk().getJsonObject("TestCase");
          assertThat(testCase.getString("Id")).as("Describe via instance ARN: Id").isEqualTo(id);
          assertThat(testCase.getString("Name")).as("Describe via instance ARN: Name").isEqualTo("by-arn");
          return reply;
        }))
        .onComplete(test.succeedingThenComplete());
  }

  @Test
  void createThroughInstanceArnStoresTheTestCaseUnderTheBareInstanceId(VertxTestContext test) {
    http.create(encodedInstanceArn(instance), createBody("created-by-arn"))
        .map(reply -> {
          JsonObject created = reply.assertOk();
          assertThat(created.getString("TestCaseArn")).as("TestCaseArn names the bare instance id")
              .startsWith("arn:aws:connect:us-east-1:123456789012:instance/" + instance + "/test-case/");
          return created.getString("TestCaseId");
        })
        .compose(id -> http.describe(instance, id))
        .onComplete(test.succeeding(reply -> test.verify(() -> {
          assertThat(reply.assertOk().getJsonObject("TestCase").getString("Name")).isEqualTo("created-by-arn");
          test.completeNow();
        })));
  }

  @Test
  void createOfATakenNameIsDuplicateResource(VertxTestContext test) {
    http.createdTestCase(instance, "taken")
        .compose(id -> http.create(instance, createBody("taken")))
        .onComplete(test.succeeding(reply -> test.verify(() -> {
          reply.assertError(409, "DuplicateResourceException");
          test.completeNow();
        })));
  }

  @Test
  void describeOfUnknownTestCaseOrMissingVersionIsResourceNotFound(VertxTestContext test) {
    http.describe(instance, "no-such-test-case")
        .map(reply -> reply.assertError(404, "ResourceNotFoundException"))
        .compose(v -> http.createdTestCase(instance, "published-only"))
        .compose(id -> http.get("/test-cases/" + instance + "/" + id + "?status=SAVED"))
        .onComplete(test.succeeding(reply -> test.verify(() -> {
          reply.assertError(404, "ResourceNotFoundException");
          test.completeNow();
        })));
  }

  @Test
  void describeWithStatusQueryReturnsThatVersion(VertxTestContext test) {
    http.createdTestCase(instance, "versioned")
        .compose(id -> http.get("/test-cases/" + instance + "/" + id + "?status=PUBLISHED"))
        .onComplete(test.succeeding(reply -> test.verify(() -> {
          assertThat(reply.assertOk().getJsonObject("TestCase").getString("Status")).isEqualTo("PUBLISHED");
          test.completeNow();
        })));
  }

  // --- Start and Summary --------------------------------------------------------------------------------------

  @Test
  void startedRunIsSummarisedUntilItPasses(VertxTestContext test) {
    long before = System.currentTimeMillis();
    http.createdTestCase(instance, "passing")
        .compose(id -> http.start(instance, id).map(reply -> {
          JsonObject started = reply.assertOk();
          assertThat(started.getString("TestCaseId")).as("Start echoes TestCaseId").isEqualTo(id);
          assertThat(started.getString("Status")).as("Start Status of a new run").isEqualTo("INITIATED");
          assertThat(started.getString("TestCaseExecutionId")).as("Start TestCaseExecutionId").isNotBlank();
          return "/test-cases/" + instance + "/" + id + "/" + started.getString("TestCaseExecutionId") + "/summary";
        }))
        .compose(summaryUri -> pollUntilTerminal(summaryUri, new ArrayList<>(), 400))
        .onComplete(test.succeeding(summaries -> test.verify(() -> {
          for (JsonObject summary : summaries) {
            assertThat(summary.getValue("StartTime")).as("Summary StartTime is a JSON number in %s", summary)
                .isInstanceOf(Number.class);
            assertThat(summary.getDouble("StartTime") * 1000).as("Summary StartTime is about now")
                .isBetween(before - 1000d, System.currentTimeMillis() + 1000d);
            boolean terminal = TERMINAL.contains(summary.getString("Status"));
            assertThat(summary.containsKey("EndTime")).as("Summary EndTime present only when terminal: %s", summary)
                .isEqualTo(terminal);
            assertThat(summary.getJsonObject("ObservationSummary").getInteger("TotalObservations"))
                .as("Summary TotalObservations in %s", summary).isEqualTo(2);
          }
          JsonObject last = summaries.get(summaries.size() - 1);
          assertThat(last.getString("Status")).as("final Summary Status").isEqualTo("PASSED");
          assertThat(last.getValue("EndTime")).as("final Summary EndTime is a JSON number").isInstanceOf(Number.class);
          assertThat(last.getDouble("EndTime")).as("EndTime not before StartTime")
              .isGreaterThanOrEqualTo(last.getDouble("StartTime"));
          assertThat(last.getJsonObject("ObservationSummary")).as("final ObservationSummary")
              .isEqualTo(new JsonObject()
                  .put("TotalObservations", 2).put("ObservationsPassed", 2).put("ObservationsFailed", 0));
          test.completeNow();
        })));
  }

  @Test
  void runScriptedToFailEndsFailedWithItsLastObservationFailed(VertxTestContext test) {
    JsonObject body = createBody("failing").put("Tags", new JsonObject().put("emulator:outcome", "FAILED"));
    http.create(instance, body)
        .map(reply -> reply.assertOk().getString("TestCaseId"))
        .compose(id -> http.start(instance, id).map(reply ->
            "/test-cases/" + instance + "/" + id + "/" + reply.assertOk().getString("TestCaseExecutionId")
                + "/summary"))
        .compose(summaryUri -> pollUntilTerminal(summaryUri, new ArrayList<>(), 400))
        .onComplete(test.succeeding(summaries -> test.verify(() -> {
          JsonObject last = summaries.get(summaries.size() - 1);
          assertThat(last.getString("Status")).as("final Summary Status").isEqualTo("FAILED");
          assertThat(last.containsKey("EndTime")).as("EndTime of a FAILED run").isTrue();
          assertThat(last.getJsonObject("ObservationSummary")).as("ObservationSummary of the failed run")
              .isEqualTo(new JsonObject()
                  .put("TotalObservations", 2).put("ObservationsPassed", 1).put("ObservationsFailed", 1));
          test.completeNow();
        })));
  }

  @Test
  void startWithEmptyBodyAndNoContentTypeIsAcceptedLikeAnEmptyObject(VertxTestContext test) {
    http.createdTestCase(instance, "empty-start")
        .compose(id -> http.send(HttpMethod.PUT, "/test-cases/" + instance + "/" + id + "/start-execution",
            null, (String) null))
        .onComplete(test.succeeding(reply -> test.verify(() -> {
          assertThat(reply.assertOk().getString("Status")).as("Start with empty body").isEqualTo("INITIATED");
          test.completeNow();
        })));
  }

  @Test
  void startWithClientTokenNullOrUnknownMembersIsAccepted(VertxTestContext test) {
    http.createdTestCase(instance, "null-token")
        .compose(id -> http.putJson("/test-cases/" + instance + "/" + id + "/start-execution",
            new JsonObject().put("ClientToken", (Object) null).put("SomethingNew", 1)))
        .onComplete(test.succeeding(reply -> test.verify(() -> {
          assertThat(reply.assertOk().getString("Status")).isEqualTo("INITIATED");
          test.completeNow();
        })));
  }

  @Test
  void startReplayedWithTheSameClientTokenReturnsTheSameRun(VertxTestContext test) {
    JsonObject token = new JsonObject().put("ClientToken", "7030d270-333f-4a9e-8717-c7e721cfb626");
    http.createdTestCase(instance, "idempotent")
        .compose(id -> {
          String uri = "/test-cases/" + instance + "/" + id + "/start-execution";
          return http.putJson(uri, token).compose(first -> http.putJson(uri, token)
              .compose(replay -> http.putJson(uri, new JsonObject().put("ClientToken", "another-token"))
                  .map(other -> List.of(first.assertOk(), replay.assertOk(), other.assertOk()))));
        })
        .onComplete(test.succeeding(starts -> test.verify(() -> {
          String firstRun = starts.get(0).getString("TestCaseExecutionId");
          assertThat(starts.get(1).getString("TestCaseExecutionId")).as("Start replayed with the same ClientToken")
              .isEqualTo(firstRun);
          assertThat(starts.get(2).getString("TestCaseExecutionId")).as("Start with another ClientToken")
              .isNotEqualTo(firstRun);
          test.completeNow();
        })));
  }

  @Test
  void startAndSummaryThroughInstanceArnReachTheInstanceOfTheBareId(VertxTestContext test) {
    String arn = encodedInstanceArn(instance);
    http.createdTestCase(instance, "run-by-arn")
        .compose(id -> http.start(arn, id).map(reply -> {
          String execution = reply.assertOk().getString("TestCaseExecutionId");
          return List.of(id, execution);
        }))
        .compose(ids -> http.summary(arn, ids.get(0), ids.get(1))
            .map(reply -> reply.assertOk())
            .compose(v -> http.summary(instance, ids.get(0), ids.get(1))))
        .onComplete(test.succeeding(reply -> test.verify(() -> {
          assertThat(reply.assertOk().getString("Status")).as("Summary via bare id of a run started via ARN")
              .isIn("INITIATED", "IN_PROGRESS", "PASSED");
          test.completeNow();
        })));
  }

  @Test
  void startAndSummaryAcceptAnyInstanceIdOfUpTo100Characters(VertxTestContext test) {
    String hundred = "i".repeat(100);
    Future.all(
            http.start("my-instance", "tc-1"),
            http.start(hundred, "tc-1"),
            http.start("my%20instance", "tc-1"),
            http.summary("my-instance", "tc-1", "run-1"),
            http.summary(hundred, "tc-1", "run-1"))
        .onComplete(test.succeeding(all -> test.verify(() -> {
          for (int i = 0; i < all.size(); i++) {
            HttpReply reply = all.resultAt(i);
            reply.assertError(404, "ResourceNotFoundException");
          }
          test.completeNow();
        })));
  }

  @Test
  void startOfTestCaseWithOnlyASavedVersionIsInvalidRequest(VertxTestContext test) {
    http.create(instance, createBody("draft").put("Status", "SAVED"))
        .map(reply -> reply.assertOk().getString("TestCaseId"))
        .compose(id -> http.start(instance, id))
        .onComplete(test.succeeding(reply -> test.verify(() -> {
          reply.assertError(400, "InvalidRequestException");
          test.completeNow();
        })));
  }

  @Test
  void summaryOfUnknownExecutionIsResourceNotFound(VertxTestContext test) {
    http.createdTestCase(instance, "never-run")
        .compose(id -> http.summary(instance, id, "no-such-run"))
        .onComplete(test.succeeding(reply -> test.verify(() -> {
          reply.assertError(404, "ResourceNotFoundException");
          test.completeNow();
        })));
  }

  // --- Lenient input ------------------------------------------------------------------------------------------

  @Test
  void createWithJsonBodyButNoContentTypeIsValidatedAsJson(VertxTestContext test) {
    String uri = "/test-cases/" + instance;
    http.send(HttpMethod.PUT, uri, null, new JsonObject().put("Content", CONTENT).encode())
        .map(reply -> {
          String message = reply.assertInvalidParameter();
          assertThat(message).as("message for a missing Name").contains("Name");
          return reply;
        })
        .compose(v -> http.send(HttpMethod.PUT, uri, null, createBody("no-content-type").encode()))
        .onComplete(test.succeeding(reply -> test.verify(() -> {
          assertThat(reply.assertOk().getString("TestCaseId")).isNotBlank();
          test.completeNow();
        })));
  }

  @Test
  void unknownJsonMembersAreIgnored(VertxTestContext test) {
    JsonObject body = createBody("with-extras")
        .put("NotAMember", "x")
        .put("Nested", new JsonObject().put("a", 1))
        .put("EntryPoint", new JsonObject().put("Type", "CHAT").put("Extra", true)
            .put("ChatEntryPointParameters", new JsonObject().put("FlowId", "f").put("Other", 2)));
    http.create(instance, body)
        .map(reply -> reply.assertOk().getString("TestCaseId"))
        .compose(id -> http.describe(instance, id))
        .onComplete(test.succeeding(reply -> test.verify(() -> {
          JsonObject testCase = reply.assertOk().getJsonObject("TestCase");
          assertThat(testCase.containsKey("NotAMember")).as("unknown member echoed").isFalse();
          assertThat(testCase.getJsonObject("EntryPoint")).as("EntryPoint without unknown members")
              .isEqualTo(new JsonObject().put("Type", "CHAT")
                  .put("ChatEntryPointParameters", new JsonObject().put("FlowId", "f")));
          test.completeNow();
        })));
  }

  @Test
  void nullOptionalMembersAreTreatedAsAbsent(VertxTestContext test) {
    JsonObject body = createBody("with-nulls")
        .put("Description", (Object) null)
        .put("EntryPoint", (Object) null)
        .put("InitializationData", (Object) null)
        .put("Status", (Object) null)
        .put("Tags", (Object) null);
    http.create(instance, body)
        .map(reply -> reply.assertOk().getString("TestCaseId"))
        .compose(id -> http.describe(instance, id))
        .onComplete(test.succeeding(reply -> test.verify(() -> {
          JsonObject testCase = reply.assertOk().getJsonObject("TestCase");
          assertThat(testCase.fieldNames()).as("Describe members after null optional members")
              .doesNotContain("Description", "EntryPoint", "InitializationData", "Tags");
          assertThat(testCase.getString("Status")).as("null Status means the default").isEqualTo("PUBLISHED");
          test.completeNow();
        })));
  }

  @Test
  void nullMembersInsideEntryPointAreTreatedAsAbsent(VertxTestContext test) {
    JsonObject body = createBody("entry-nulls").put("EntryPoint", new JsonObject()
        .put("Type", (Object) null)
        .put("VoiceCallEntryPointParameters", new JsonObject()
            .put("SourcePhoneNumber", (Object) null)
            .put("DestinationPhoneNumber", "+15550002222")
            .put("FlowId", (Object) null))
        .put("ChatEntryPointParameters", (Object) null));
    http.create(instance, body)
        .map(reply -> reply.assertOk().getString("TestCaseId"))
        .compose(id -> http.describe(instance, id))
        .onComplete(test.succeeding(reply -> test.verify(() -> {
          assertThat(reply.assertOk().getJsonObject("TestCase").getJsonObject("EntryPoint"))
              .isEqualTo(new JsonObject().put("VoiceCallEntryPointParameters",
                  new JsonObject().put("DestinationPhoneNumber", "+15550002222")));
          test.completeNow();
        })));
  }

  @Test
  void valuesAtTheirLimitsAreAccepted(VertxTestContext test) {
    JsonObject tags = new JsonObject();
    for (int i = 0; i < 49; i++) {
      tags.put("key-" + i, "value");
    }
    tags.put("k".repeat(128), "v".repeat(256));
    JsonObject body = new JsonObject()
        .put("Name", "n".repeat(127))
        .put("Description", "d".repeat(500))
        .put("Content", "c".repeat(256_000))
        .put("InitializationData", "i".repeat(256_000))
        .put("Status", "SAVED")
        .put("Tags", tags);
    MultiMap headers = MultiMap.caseInsensitiveMultiMap()
        .add("x-amz-resource-id", "Ab-0".repeat(125))
        .add("x-amz-last-modified-region", "us-gov-west-1");
    http.putJson("/test-cases/" + instance, headers, body)
        .onComplete(test.succeeding(reply -> test.verify(() -> {
          assertThat(reply.assertOk().getString("TestCaseId")).hasSize(500);
          test.completeNow();
        })));
  }

  // --- helpers ------------------------------------------------------------------------------------------------

  /** Reads the summary every few milliseconds until the run is terminal; yields every summary seen, in order. */
  private Future<List<JsonObject>> pollUntilTerminal(String uri, List<JsonObject> seen, int attemptsLeft) {
    return http.get(uri).compose(reply -> {
      JsonObject summary = reply.assertOk();
      seen.add(summary);
      if (TERMINAL.contains(summary.getString("Status"))) {
        return Future.succeededFuture(seen);
      }
      if (attemptsLeft == 0) {
        return Future.failedFuture(new AssertionError("run never finished; summaries seen: " + seen));
      }
      return vertx.timer(5).compose(t -> pollUntilTerminal(uri, seen, attemptsLeft - 1));
    });
  }

  private static String sha256Hex(String text) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
