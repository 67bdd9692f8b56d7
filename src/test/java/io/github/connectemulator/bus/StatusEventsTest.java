package io.github.connectemulator.bus;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.connectemulator.Fixtures;
import io.github.connectemulator.testing.Eventually;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A consumer verticle sees every transition of an execution, in order, on its instance's address. */
class StatusEventsTest {

  private static final long WAIT = BusEmulator.WAIT;

  private BusEmulator local;
  private Vertx vertx;
  private final String instance = UUID.randomUUID().toString();

  /** Collects the events of one instance, as an application's verticle would. */
  static final class Collector extends VerticleBase {
    final List<JsonObject> events = new CopyOnWriteArrayList<>();
    final List<JsonObject> everyInstance = new CopyOnWriteArrayList<>();
    private final String instance;

    Collector(String instance) {
      this.instance = instance;
    }

    @Override
    public Future<?> start() {
      return Future.all(
          vertx.eventBus().<JsonObject>consumer(BusAddresses.events(instance), m -> events.add(m.body())).completion(),
          vertx.eventBus().<JsonObject>consumer(BusAddresses.EVENTS, m -> everyInstance.add(m.body())).completion());
    }
  }

  private Collector startWith(Map<String, String> keys) throws Exception {
    local = BusEmulator.start(keys);
    vertx = local.vertx;
    var collector = new Collector(instance);
    vertx.deployVerticle(collector).await(WAIT, TimeUnit.SECONDS);
    return collector;
  }

  @AfterEach
  void close() throws Exception {
    local.close();
  }

  private JsonObject bus(String operation, JsonObject members) throws Exception {
    return local.call(operation, members);
  }

  private String startRun(JsonObject tags) throws Exception {
    JsonObject create = new JsonObject().put("InstanceId", instance).put("Name", "events")
        .put("Content", Fixtures.CONTENT);
    if (tags != null) {
      create.put("Tags", tags);
    }
    String testCase = bus("CreateTestCase", create).getString("TestCaseId");
    return bus("StartTestCaseExecution", new JsonObject().put("InstanceId", instance).put("TestCaseId", testCase))
        .getString("TestCaseExecutionId");
  }

  private static List<String> waitForFinal(Collector collector, String execution) throws Exception {
    return Eventually.poll(() -> describe(collector.events, execution),
        seen -> !seen.isEmpty() && seen.get(seen.size() - 1).matches("STATUS (PASSED|FAILED|STOPPED)"),
        "a final status event of " + execution);
  }

  /** "STATUS X" or "RECORD observation recordStatus" per event of one execution, in arrival order. */
  private static List<String> describe(List<JsonObject> events, String execution) {
    List<String> seen = new ArrayList<>();
    for (JsonObject event : events) {
      if (execution.equals(event.getString("executionId"))) {
        seen.add(event.getString("type").equals("STATUS")
            ? "STATUS " + event.getString("status")
            : "RECORD " + event.getString("observationId") + " " + event.getString("recordStatus"));
      }
    }
    return seen;
  }

  @Test
  void aPassingRunPublishesEveryTransitionInOrder() throws Exception {
    Collector collector = startWith(Map.of());
    String execution = startRun(null);
    assertThat(waitForFinal(collector, execution)).containsExactly(
        "STATUS INITIATED", "STATUS IN_PROGRESS", "RECORD start PASSED", "RECORD greeting PASSED", "STATUS PASSED");
    JsonObject first = collector.events.get(0);
    assertThat(first.getString("instanceId")).isEqualTo(instance);
    assertThat(first.getString("testCaseId")).isNotBlank();
    assertThat(first.getString("timestamp")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    assertThat(describe(collector.everyInstance, execution)).as("the all-instances address too")
        .isEqualTo(describe(collector.events, execution));
  }

  @Test
  void failedAndStoppedRunsEndTheirOpenRecordFirst() throws Exception {
    Collector collector = startWith(Map.of());
    String failed = startRun(new JsonObject().put("emulator:outcome", "FAILED"));
    assertThat(waitForFinal(collector, failed)).containsExactly(
        "STATUS INITIATED", "STATUS IN_PROGRESS", "RECORD start PASSED", "RECORD greeting FAILED", "STATUS FAILED");

    String testCase = collector.events.get(0).getString("testCaseId");
    JsonObject run = new JsonObject().put("InstanceId", instance).put("TestCaseId", testCase);
    String stopped = bus("StartTestCaseExecution", run).getString("TestCaseExecutionId");
    bus("StopTestCaseExecution", run.copy().put("TestCaseExecutionId", stopped));
    List<String> seen = waitForFinal(collector, stopped);
    assertThat(seen.get(0)).isEqualTo("STATUS INITIATED");
    assertThat(seen.get(seen.size() - 1)).isEqualTo("STATUS STOPPED");
    if (seen.contains("STATUS IN_PROGRESS")) {
      assertThat(seen.get(seen.size() - 2)).as("the open record ends STOPPED").endsWith(" STOPPED");
    }
  }

  @Test
  void nothingIsPublishedWhenEventsAreOff() throws Exception {
    Collector collector = startWith(Map.of("bus.events", "false"));
    String execution = startRun(null);
    JsonObject run = new JsonObject().put("InstanceId", instance)
        .put("TestCaseId", bus("ListTestCaseExecutions", new JsonObject().put("InstanceId", instance))
            .getJsonArray("TestCaseExecutions").getJsonObject(0).getString("TestCaseId"))
        .put("TestCaseExecutionId", execution);
    Eventually.poll(() -> bus("GetTestCaseExecutionSummary", run).getString("Status"), "PASSED"::equals,
        "the run to pass");
    assertThat(collector.events).isEmpty();
    assertThat(collector.everyInstance).isEmpty();
  }
}
