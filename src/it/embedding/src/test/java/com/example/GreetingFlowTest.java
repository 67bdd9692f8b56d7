package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.connectemulator.bus.BusAddresses;
import io.github.connectemulator.junit.WithConnectEmulator;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One emulator for the class, on 127.0.0.1 and a free port; tests take its Vertx, its endpoint (URI) or the Emulator. */
@WithConnectEmulator({"timing.mode=immediate"}) // any key of emulator.properties, as key=value
class GreetingFlowTest {

  private static final String CONTENT = """
      {"Version": "2025-06-21", "Observations": [
        {"Identifier": "start", "Event": {"Type": "TestInitiated"}, "Actions": [],
         "Transitions": {"NextObservations": ["greeting"]}},
        {"Identifier": "greeting", "Event": {"Type": "MessageReceived", "Properties": {"Text": "Welcome"}},
         "Actions": []}]}""";

  @Test
  void runsATestCaseToPassed(Vertx vertx, URI endpoint) throws Exception {
    String instanceId = UUID.randomUUID().toString(); // any UUID: instances are implicit

    // The status events of this instance's executions, published as each transition happens.
    List<String> statuses = new CopyOnWriteArrayList<>();
    CompletableFuture<String> finished = new CompletableFuture<>();
    MessageConsumer<JsonObject> events = vertx.eventBus().consumer(BusAddresses.events(instanceId), message -> {
      JsonObject event = message.body();
      if (event.getString("type").equals("STATUS")) {
        statuses.add(event.getString("status"));
        if (List.of("PASSED", "FAILED", "STOPPED").contains(event.getString("status"))) {
          finished.complete(event.getString("status"));
        }
      }
    });
    events.completion().await(10, TimeUnit.SECONDS);

    // The operations on the event bus: AWS names, AWS members as JSON, the HTTP response's body as the reply.
    String testCaseId = call(vertx, "CreateTestCase", new JsonObject()
        .put("InstanceId", instanceId).put("Name", "greeting").put("Content", CONTENT))
        .getString("TestCaseId");
    String executionId = call(vertx, "StartTestCaseExecution", new JsonObject()
        .put("InstanceId", instanceId).put("TestCaseId", testCaseId))
        .getString("TestCaseExecutionId");

    assertEquals("PASSED", finished.get(10, TimeUnit.SECONDS));
    assertEquals(List.of("INITIATED", "IN_PROGRESS", "PASSED"), statuses);
    events.unregister();

    // The same emulator over HTTP, where an AWS SDK reaches it (endpointOverride(endpoint)).
    HttpResponse<String> summary = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(endpoint.resolve(
            "/test-cases/" + instanceId + "/" + testCaseId + "/" + executionId + "/summary")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, summary.statusCode());
    assertEquals("PASSED", new JsonObject(summary.body()).getString("Status"));
  }

  @Test
  void answersAwsErrorsAsReplyExceptions(Vertx vertx) {
    ReplyException failure = assertThrows(ReplyException.class, () -> call(vertx, "DescribeTestCase",
        new JsonObject().put("InstanceId", UUID.randomUUID().toString()).put("TestCaseId", "no-such-test-case")));
    assertEquals(404, failure.failureCode()); // the HTTP status
    assertEquals("ResourceNotFoundException", new JsonObject(failure.getMessage()).getString("errorType"));
  }

  private static JsonObject call(Vertx vertx, String operation, JsonObject request) throws Exception {
    return vertx.eventBus().<JsonObject>request(BusAddresses.operation(operation), request)
        .await(10, TimeUnit.SECONDS).body();
  }
}
