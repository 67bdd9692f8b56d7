package io.github.connectemulator.http;

import static io.github.connectemulator.testing.EmulatorHttp.createBody;
import static io.github.connectemulator.testing.EmulatorHttp.newInstanceId;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.connectemulator.Emulator;
import io.github.connectemulator.testing.EmulatorHttp;
import io.github.connectemulator.testing.HttpReply;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every way a request can be wrong, over real HTTP: each must come back as the AWS error a client expects
 * (status, {@code x-amzn-ErrorType}, JSON {@code message}, request id), never as a 500, and the server must keep
 * serving afterwards.
 */
@ExtendWith(VertxExtension.class)
@io.vertx.junit5.Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
class HttpErrorMappingTest {

  private static final long ONE_MIB = 1024 * 1024;

  private EmulatorHttp http;
  private String instance;

  @BeforeEach
  void deployEmulator(Vertx vertx, VertxTestContext test) {
    instance = newInstanceId();
    Emulator.deploy(vertx, EmulatorHttp.localConfig())
        .onComplete(test.succeeding(emulator -> {
          http = new EmulatorHttp(vertx, emulator.port());
          test.completeNow();
        }));
  }

  // --- Body that is not the JSON the operation takes ----------------------------------------------------------

  @ParameterizedTest(name = "Create with body {0} is InvalidParameterException")
  @ValueSource(strings = {"{\"Name\":", "not json", "{\"Name\":\"a\",}", "[]", "\"a string\"", "42", "null"})
  void malformedOrNonObjectJsonBodyIsInvalidParameter(String body, VertxTestContext test) {
    http.send(HttpMethod.PUT, "/test-cases/" + instance, json(), body)
        .onComplete(test.succeeding(reply -> test.verify(() -> {
          reply.assertInvalidParameter();
          test.completeNow();
        })));
  }

  @Test
  void malformedJsonOnStartIsInvalidParameter(VertxTestContext test) {
    http.createdTestCase(instance, "bad-start")
        .compose(id -> http.send(HttpMethod.PUT, "/test-cases/" + instance + "/" + id + "/start-execution",
            json(), "{\"ClientToken\":"))
        .onComplete(test.succeeding(reply -> test.verify(() -> {
          reply.assertInvalidParameter();
          test.completeNow();
        })));
  }

  @Test
  void aPathLabelThatIsNotPercentEncodingIsInvalidParameter(VertxTestContext test) {
    http.send(HttpMethod.GET, "/test-cases/" + instance + "/tc/%ZZ/summary", json(), "")
        .onComplete(test.succeeding(reply -> test.verify(() -> {
          assertThat(reply.assertInvalidParameter()).contains("percent-encoding");
          test.completeNow();
        })));
  }

  static Stream<Named<JsonObject>> wrongJsonTypes() {
    return Stream.of(
        Named.of("Name as a number", createBody("x").put("Name", 5)),
        Named.of("Content as a boolean", createBody("x").put("Content", true)),
        Named.of("Content as an object", createBody("x").put("Content", new JsonObject().put("Version", "1"))),
        Named.of("Description as an array", createBody("x").put("Description", new JsonArray().add("d"))),
        Named.of("Tags as a string", createBody("x").put("Tags", "k=v")),
        Named.of("a tag value as a number", createBody("x").put("Tags", new JsonObject().put("k", 5))),
        Named.of("EntryPoint as an array", createBody("x").put("EntryPoint", new JsonArray())),
        Named.of("Status as a number", createBody("x").put("Status", 1)));
  }

  @ParameterizedTest(name = "Create with {0} is InvalidParameterException")
  @MethodSource("wrongJsonTypes")
  void wrongJsonTypeIsInvalidParameter(JsonObject body, VertxTestContext test) {
    http.create(instance, body)
        .onComplete(test.succeeding(reply -> test.verify(() -> {
          reply.assertInvalidParameter();
          test.completeNow();
        })));
  }

  @Test
  void wrongJsonTypeOfClientTokenOnStartIsInvalidParameter(VertxTestContext test) {
    http.createdTestCase(instance, "typed-token")
        .compose(id -> http.putJson("/test-cases/" + instance + "/" + id + "/start-execution",
            new JsonObject().put("ClientToken", 7)))
        .onComplete(test.succeeding(reply -> test.verify(() -> {
          assertThat(reply.assertInvalidParameter()).as("message names the member").contains("ClientToken");
          test.completeNow();
        })));
  }

  static Stream<Named<String>> bodiesMissingARequiredMember() {
    return Stream.of(
        Named.of("no Name", new JsonObject().put("Content", EmulatorHttp.CONTENT).encode()),
        Named.of("no Content", new JsonObject().put("Name", "n").encode()),
        Named.of("null Name", createBody("n").put("Name", (Object) null).encode()),
        Named.of("an empty object", "{}"),
        Named.of("an empty body", ""));
  }

  @ParameterizedTest(name = "Create with {0} is InvalidParameterException")
  @MethodSource("bodiesMissingARequiredMember")
  void missingRequiredMemberIsInvalidParameter(String body, VertxTestContext test) {
    http.send(HttpMethod.PUT, "/test-cases/" + instance, json(), body)
        .onComplete(test.succeeding(reply -> test.verify(() -> {
          reply.assertInvalidParameter();
          test.completeNow();
        })));
  }

  @Test
  void bodyOfAnotherContentTypeIsInvalidParameter(VertxTestContext test) {
    http.send(HttpMethod.PUT, "/test-cases/" + instance,
            MultiMap.caseInsensitiveMultiMap().add("Content-Type", "text/plain"), createBody("text").encode())
        .onComplete(test.succeeding(reply -> test.verify(() -> {
          reply.assertInvalidParameter();
          test.completeNow();
        })));
  }

  // --- Constraints of spec §3.1 and §11 -----------------------------------------------------------------------

  /** One CreateTestCase that breaks one constraint: a body, and optionally one header. */
  record BadCreate(JsonObject body, String header, String headerValue, String named) {
    static BadCreate body(JsonObject body, String named) {
      return new BadCreate(body, null, null, named);
    }

    static BadCreate header(String header, String value) {
      return new BadCreate(createBody("ok"), header, value, header);
    }
  }

  static Stream<Named<BadCreate>> createConstraintViolations() {
    JsonObject fiftyOneTags = new JsonObject();
    for (int i = 0; i < 51; i++) {
      fiftyOneTags.put("key-" + i, "v");
    }
    return Stream.of(
        Named.of("Name of 128 characters", BadCreate.body(createBody("n".repeat(128)), "Name")),
        Named.of("blank Name", BadCreate.body(createBody("   "), "Name")),
        Named.of("empty Name", BadCreate.body(createBody(""), "Name")),
        Named.of("Description of 501 characters",
            BadCreate.body(createBody("n").put("Description", "d".repeat(501)), "Description")),
        Named.of("blank Description", BadCreate.body(createBody("n").put("Description", " \t "), "Description")),
        Named.of("Content of 256001 characters",
            BadCreate.body(createBody("n").put("Content", "c".repeat(256_001)).put("Status", "SAVED"), "Content")),
        Named.of("empty Content", BadCreate.body(createBody("n").put("Content", "").put("Status", "SAVED"),
            "Content")),
        Named.of("InitializationData of 256001 characters",
            BadCreate.body(createBody("n").put("InitializationData", "i".repeat(256_001)), "InitializationData")),
        Named.of("tag key aws:x",
            BadCreate.body(createBody("n").put("Tags", new JsonObject().put("aws:x", "v")), "Tags")),
        Named.of("tag key of 129 characters",
            BadCreate.body(createBody("n").put("Tags", new JsonObject().put("k".repeat(129), "v")), "Tags")),
        Named.of("tag value of 257 characters",
            BadCreate.body(createBody("n").put("Tags", new JsonObject().put("k", "v".repeat(257))), "Tags")),
        Named.of("empty Tags {}", BadCreate.body(createBody("n").put("Tags", new JsonObject()), "Tags")),
        Named.of("51 tags", BadCreate.body(createBody("n").put("Tags", fiftyOneTags), "Tags")),
        Named.of("Status BOGUS", BadCreate.body(createBody("n").put("Status", "BOGUS"), "Status")),
        Named.of("Status in lower case", BadCreate.body(createBody("n").put("Status", "published"), "Status")),
        Named.of("EntryPoint Type BOGUS",
            BadCreate.body(createBody("n").put("EntryPoint", new JsonObject().put("Type", "BOGUS")), "EntryPoint")),
        Named.of("SourcePhoneNumber not E.164", BadCreate.body(createBody("n").put("EntryPoint", new JsonObject()
            .put("Type", "VOICE_CALL")
            .put("VoiceCallEntryPointParameters", new JsonObject().put("SourcePhoneNumber", "555-0001"))),
            "SourcePhoneNumber")),
        Named.of("DestinationPhoneNumber with trailing text", BadCreate.body(createBody("n").put("EntryPoint",
            new JsonObject().put("VoiceCallEntryPointParameters",
                new JsonObject().put("DestinationPhoneNumber", "+15550002222 ext 1"))),
            "DestinationPhoneNumber")),
        Named.of("x-amz-resource-id 'bad id!'", BadCreate.header("x-amz-resource-id", "bad id!")),
        Named.of("x-amz-resource-id of 501 characters", BadCreate.header("x-amz-resource-id", "a".repeat(501))),
        Named.of("x-amz-last-modified-region Mars", BadCreate.header("x-amz-last-modified-region", "Mars")),
        Named.of("x-amz-last-modified-time yesterday", BadCreate.header("x-amz-last-modified-time", "yesterday")));
  }

  @ParameterizedTest(name = "Create with {0} is InvalidParameterException")
  @MethodSource("createConstraintViolations")
  void createConstraintViolationIsInvalidParameterNamingTheMember(BadCreate bad, VertxTestContext test) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    if (bad.header() != null) {
      headers.add(bad.header(), bad.headerValue());
    }
    http.putJson("/test-cases/" + instance, headers, bad.body())
        .onComplete(test.succeeding(reply -> test.verify(() -> {
          assertThat(reply.assertInvalidParameter()).as("message names what is wrong").contains(bad.named());
          test.completeNow();
        })));
  }

  @Test
  void constraintViolationCreatesNothing(VertxTestContext test) {
    http.create(instance, createBody("once").put("Status", "BOGUS"))
        .map(HttpReply::assertInvalidParameter)
        .compose(v -> http.create(instance, createBody("once")))
        .onComplete(test.succeeding(reply -> test.verify(() -> {
          reply.assertOk();
          test.completeNow();
        })));
  }

  @Test
  void describeStatusQueryOutsideTheEnumIsInvalidParameter(VertxTestContext test) {
    http.createdTestCase(instance, "query")
        .compose(id -> http.get("/test-cases/" + instance + "/" + id + "?status=BOGUS"))
        .onComplete(test.succeeding(reply -> test.verify(() -> {
          assertThat(reply.assertInvalidParameter()).contains("status");
          test.completeNow();
        })));
  }

  // --- Instance ids -------------------------------------------------------------------------------------------

  @ParameterizedTest(name = "InstanceId {0} on Create and Describe is InvalidParameterException")
  @ValueSource(strings = {
      "not-a-uuid",
      "11111111-2222-3333-4444-55555555555G",
      "11111111-2222-3333-4444-5555555555AA",
      "11111111-2222-3333-4444-5555555555555",
      "arn%3Aaws%3Aconnect%3Aus-east-1%3A123456789012%3Ainstance%2Fnot-a-uuid",
      "arn%3Aaws%3Asqs%3Aus-east-1%3A123456789012%3Ainstance%2F11111111-2222-3333-4444-555555555555"})
  void instanceIdThatIsNeitherUuidNorInstanceArnIsRejectedOnCreateAndDescribe(String id, VertxTestContext test) {
    Future.all(http.create(id, createBody("n")), http.describe(id, "tc-1"))
        .onComplete(test.succeeding(all -> test.verify(() -> {
          assertThat(all.<HttpReply>resultAt(0).assertInvalidParameter()).as("Create message").contains("InstanceId");
          assertThat(all.<HttpReply>resultAt(1).assertInvalidParameter()).as("Describe message")
              .contains("InstanceId");
          test.completeNow();
        })));
  }

  @Test
  void instanceIdOf101CharactersIsRejectedOnStartAndSummary(VertxTestContext test) {
    String tooLong = "i".repeat(101);
    Future.all(http.start(tooLong, "tc-1"), http.summary(tooLong, "tc-1", "run-1"))
        .onComplete(test.succeeding(all -> test.verify(() -> {
          assertThat(all.<HttpReply>resultAt(0).assertInvalidParameter()).as("Start message").contains("InstanceId");
          assertThat(all.<HttpReply>resultAt(1).assertInvalidParameter()).as("Summary message")
              .contains("InstanceId");
          test.completeNow();
        })));
  }

  @Test
  void testCaseIdOf501CharactersIsInvalidParameter(VertxTestContext test) {
    String tooLong = "t".repeat(501);
    Future.all(http.describe(instance, tooLong), http.start(instance, tooLong),
            http.summary(instance, tooLong, "run-1"), http.summary(instance, "tc-1", tooLong))
        .onComplete(test.succeeding(all -> test.verify(() -> {
          for (int i = 0; i < all.size(); i++) {
            all.<HttpReply>resultAt(i).assertInvalidParameter();
          }
          test.completeNow();
        })));
  }

  // --- Routing ------------------------------------------------------------------------------------------------

  @ParameterizedTest(name = "GET {0} is UnknownOperationException")
  @ValueSource(strings = {
      "/",
      "/nope",
      "/test-cases",
      "/test-cases/",
      "/test-cases/11111111-2222-3333-4444-555555555555/tc-1/run-1/bogus",
      "/test-cases/11111111-2222-3333-4444-555555555555/tc-1/start",
      "/test-cases/11111111-2222-3333-4444-555555555555/tc-1/run-1/summary/more"})
  void unknownPathIsUnknownOperation(String path, VertxTestContext test) {
    http.get(path)
        .onComplete(test.succeeding(reply -> test.verify(() -> {
          reply.assertError(404, "UnknownOperationException");
          test.completeNow();
        })));
  }

  static Stream<Named<HttpMethod>> methodsCreateDoesNotTake() {
    return Stream.of(HttpMethod.PATCH, HttpMethod.DELETE, HttpMethod.GET, HttpMethod.POST)
        .map(method -> Named.of(method.name(), method));
  }

  @ParameterizedTest(name = "{0} /test-cases/<uuid> is UnknownOperationException")
  @MethodSource("methodsCreateDoesNotTake")
  void wrongMethodOnCreatePathIsUnknownOperation(HttpMethod method, VertxTestContext test) {
    http.send(method, "/test-cases/" + instance, json(), method == HttpMethod.GET ? null : "{}")
        .onComplete(test.succeeding(reply -> test.verify(() -> {
          reply.assertError(404, "UnknownOperationException");
          test.completeNow();
        })));
  }

  @Test
  void wrongMethodOnStartAndSummaryPathsIsUnknownOperation(VertxTestContext test) {
    Future.all(
            http.get("/test-cases/" + instance + "/tc-1/start-execution"),
            http.send(HttpMethod.PATCH, "/test-cases/" + instance + "/tc-1/start-execution", json(), "{}"),
            http.send(HttpMethod.PUT, "/test-cases/" + instance + "/tc-1/run-1/summary", json(), "{}"),
            http.send(HttpMethod.PATCH, "/test-cases/" + instance + "/tc-1", json(), "{}"))
        .onComplete(test.succeeding(all -> test.verify(() -> {
          for (int i = 0; i < all.size(); i++) {
            all.<HttpReply>resultAt(i).assertError(404, "UnknownOperationException");
          }
          test.completeNow();
        })));
  }

  // --- Body size ----------------------------------------------------------------------------------------------

  @Test
  void bodyAnnouncedOverOneMebibyteIsRefusedWith413BeforeItIsSentAndTheServerStillServes(VertxTestContext test) {
    Buffer overLimit = Buffer.buffer(oversizedCreate(ONE_MIB + 1));
    http.sendAfterContinue(HttpMethod.PUT, "/test-cases/" + instance, json(), overLimit)
        .map(reply -> reply.assertError(413, "RequestEntityTooLargeException"))
        .compose(v -> http.create(instance, createBody("after-413")))
        .onComplete(test.succeeding(reply -> test.verify(() -> {
          reply.assertOk();
          test.completeNow();
        })));
  }

  /**
   * What every SDK does: write the whole body, then read the answer. Each of these sends must be answered 413,
   * not with a closed connection.
   */
  @Test
  void bodyOverOneMebibyteSentWholeIsAlwaysAnswered413(VertxTestContext test) {
    String justOver = oversizedCreate(ONE_MIB + 1);
    String fourTimes = oversizedCreate(4 * ONE_MIB);
    String uri = "/test-cases/" + instance;
    EmulatorHttp.sequentially(20, i -> http.send(HttpMethod.PUT, uri, json(), i % 2 == 0 ? justOver : fourTimes)
            .map(reply -> reply.assertError(413, "RequestEntityTooLargeException")))
        .compose(v -> http.create(instance, createBody("after-413s")))
        .onComplete(test.succeeding(reply -> test.verify(() -> {
          reply.assertOk();
          test.completeNow();
        })));
  }

  @Test
  void chunkedBodyOverOneMebibyteIsAlwaysAnswered413(VertxTestContext test) {
    Buffer overLimit = Buffer.buffer(oversizedCreate(4 * ONE_MIB));
    EmulatorHttp.sequentially(10, i -> http.sendChunked(HttpMethod.PUT, "/test-cases/" + instance, json(), overLimit)
            .map(reply -> reply.assertError(413, "RequestEntityTooLargeException")))
        .compose(v -> http.create(instance, createBody("after-chunked-413")))
        .onComplete(test.succeeding(reply -> test.verify(() -> {
          reply.assertOk();
          test.completeNow();
        })));
  }

  @Test
  void bodyOfExactlyOneMebibyteIsNotTooLarge(VertxTestContext test) {
    http.send(HttpMethod.PUT, "/test-cases/" + instance, json(), oversizedCreate(ONE_MIB))
        .onComplete(test.succeeding(reply -> test.verify(() -> {
          // Within the byte limit, so the CFN length limit on Content decides.
          assertThat(reply.assertInvalidParameter()).contains("Content");
          test.completeNow();
        })));
  }

  // --- InvalidTestCaseException -------------------------------------------------------------------------------

  static Stream<Named<String>> unpublishableContents() {
    return Stream.of(
        Named.of("Content that is not JSON", "not json"),
        Named.of("Content that is a JSON array", "[]"),
        Named.of("Content without Observations", "{\"Version\":\"2025-06-21\"}"),
        Named.of("Content with empty Observations", "{\"Observations\":[]}"),
        Named.of("Content with duplicate identifiers and a dangling transition",
            "{\"Observations\":[{\"Identifier\":\"a\",\"Transitions\":{\"NextObservations\":[\"zzz\"]}},"
                + "{\"Identifier\":\"a\",\"Actions\":[{\"Identifier\":\"x\"}]}]}"));
  }

  @ParameterizedTest(name = "PUBLISHED {0} is InvalidTestCaseException with Problems")
  @MethodSource("unpublishableContents")
  void unpublishableContentIsInvalidTestCaseWithProblems(String content, VertxTestContext test) {
    http.create(instance, createBody("bad-content").put("Content", content).put("Status", "PUBLISHED"))
        .onComplete(test.succeeding(reply -> test.verify(() -> {
          JsonObject error = reply.assertError(400, "InvalidTestCaseException");
          assertThat(error.fieldNames()).as("InvalidTestCaseException members").containsExactlyInAnyOrder(
              "message", "Problems");
          JsonArray problems = HttpReply.problems(error);
          assertThat(problems).as("Problems").isNotNull();
          assertThat(problems.size()).as("number of Problems").isBetween(1, 50);
          for (Object problem : problems) {
            assertThat(problem).as("each Problem is an object").isInstanceOf(JsonObject.class);
            JsonObject detail = (JsonObject) problem;
            assertThat(detail.fieldNames()).as("ProblemDetail members").containsExactly("message");
            assertThat(detail.getString("message")).as("ProblemDetail message").isNotBlank();
            assertThat(detail.getString("message").length()).as("ProblemDetail message length")
                .isLessThanOrEqualTo(256);
          }
          test.completeNow();
        })));
  }

  @Test
  void unpublishableContentIsAcceptedAsSaved(VertxTestContext test) {
    http.create(instance, createBody("draft").put("Content", "not json").put("Status", "SAVED"))
        .onComplete(test.succeeding(reply -> test.verify(() -> {
          reply.assertOk();
          test.completeNow();
        })));
  }

  // --- Resilience ---------------------------------------------------------------------------------------------

  @Test
  void burstOfBadRequestsOfEveryKindLeavesTheServerServing(VertxTestContext test) {
    List<Supplier<Future<HttpReply>>> bad = new ArrayList<>();
    String create = "/test-cases/" + instance;
    String tooLong = "x".repeat(600);
    for (int round = 0; round < 3; round++) {
      bad.add(() -> http.send(HttpMethod.PUT, create, json(), "{\"Name\":"));
      bad.add(() -> http.send(HttpMethod.PUT, create, json(), "not json at all"));
      bad.add(() -> http.send(HttpMethod.PUT, create, json(), ""));
      bad.add(() -> http.send(HttpMethod.PUT, create, null, "[1,2,3]"));
      bad.add(() -> http.create(instance, createBody("n").put("Name", 5)));
      bad.add(() -> http.create(instance, createBody("n".repeat(128))));
      bad.add(() -> http.create(instance, createBody("n").put("Tags", new JsonObject())));
      bad.add(() -> http.create(instance, createBody("n").put("Status", "BOGUS")));
      bad.add(() -> http.create(instance, createBody("n").put("Content", "{}")));
      bad.add(() -> http.putJson(create, MultiMap.caseInsensitiveMultiMap().add("x-amz-resource-id", "bad id!"),
          createBody("n")));
      bad.add(() -> http.putJson(create,
          MultiMap.caseInsensitiveMultiMap().add("x-amz-last-modified-time", "yesterday"), createBody("n")));
      bad.add(() -> http.create("not-a-uuid", createBody("n")));
      bad.add(() -> http.describe(instance, tooLong));
      bad.add(() -> http.start("i".repeat(101), "tc"));
      bad.add(() -> http.summary(instance, "tc", "run"));
      bad.add(() -> http.get("/nope/" + tooLong));
      bad.add(() -> http.send(HttpMethod.DELETE, create, null, (String) null));
      bad.add(() -> http.send(HttpMethod.PUT, create, MultiMap.caseInsensitiveMultiMap()
          .add("Content-Type", "application/xml"), "<a/>"));
    }
    Buffer oversized = Buffer.buffer(oversizedCreate(ONE_MIB + 10));
    bad.add(() -> http.sendAfterContinue(HttpMethod.PUT, create, json(), oversized));
    bad.add(() -> http.sendAfterContinue(HttpMethod.PUT, create, json(), oversized));

    Checkpoint rejected = test.checkpoint(bad.size());
    Checkpoint served = test.checkpoint();
    List<Future<HttpReply>> replies = new ArrayList<>();
    for (Supplier<Future<HttpReply>> request : bad) {
      replies.add(request.get().map(reply -> {
        reply.assertClientError();
        rejected.flag();
        return reply;
      }));
    }
    Future.all(replies)
        .compose(all -> http.create(instance, createBody("still-serving")))
        .onComplete(test.succeeding(reply -> test.verify(() -> {
          reply.assertOk();
          served.flag();
        })));
  }

  // --- helpers ------------------------------------------------------------------------------------------------

  private static MultiMap json() {
    return MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/json");
  }

  /** A syntactically valid CreateTestCase body of exactly {@code bytes} bytes (ASCII), padded in Content. */
  private static String oversizedCreate(long bytes) {
    String empty = new JsonObject().put("Name", "big").put("Content", "").encode();
    return new JsonObject().put("Name", "big").put("Content", "c".repeat((int) (bytes - empty.length()))).encode();
  }
}
