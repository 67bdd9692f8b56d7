package io.github.connectemulator.owner;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.connectemulator.Emulator;
import io.github.connectemulator.config.EmulatorConfig;
import io.github.connectemulator.model.TestCaseStatus;
import io.github.connectemulator.operations.AwsErrorType;
import io.github.connectemulator.operations.AwsFailure;
import io.github.connectemulator.owner.protocol.AdminCommand;
import io.github.connectemulator.owner.protocol.CreateTestCase;
import io.github.connectemulator.owner.protocol.DeleteTestCase;
import io.github.connectemulator.owner.protocol.DescribeTestCase;
import io.github.connectemulator.owner.protocol.GetExecutionSummary;
import io.github.connectemulator.owner.protocol.ListExecutions;
import io.github.connectemulator.owner.protocol.ListRecords;
import io.github.connectemulator.owner.protocol.ListTestCases;
import io.github.connectemulator.owner.protocol.OwnerCommand;
import io.github.connectemulator.owner.protocol.Page;
import io.github.connectemulator.owner.protocol.PageRequest;
import io.github.connectemulator.owner.protocol.SearchTestCases;
import io.github.connectemulator.owner.protocol.StartExecution;
import io.github.connectemulator.owner.protocol.StopExecution;
import io.github.connectemulator.owner.protocol.UpdateTestCase;
import io.github.connectemulator.testing.EmulatorHttp;
import io.github.connectemulator.testing.HttpReply;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests naming instances that hold nothing (random ids, typos, probes) are answered as before, 404 or an empty
 * list, and leave nothing behind: no instance, no admission state beyond a small bound, no journal line.
 */
class UnknownInstancesTest {

  static final int COMMANDS = 100_000;
  /** Retained heap allowed to grow over {@link #COMMANDS} requests: nothing per request survives them. */
  static final long HEAP_BOUND_BYTES = 4L * 1024 * 1024;

  @TempDir Path data;

  /** Every kind of request for an instance that holds nothing, and the answer it gets (a 404, or no items). */
  static final List<Function<String, OwnerCommand>> KINDS = List.of(
      instance -> new StartExecution(instance, UUID.randomUUID().toString(), null),
      instance -> new StartExecution(instance, "t", "token"),
      instance -> new StopExecution(instance, "t", UUID.randomUUID().toString(), null),
      instance -> new DescribeTestCase(instance, "t", null),
      instance -> new UpdateTestCase(instance, "t", null, null, "renamed", null, null, null, null, null),
      instance -> new DeleteTestCase(instance, "t"),
      instance -> new GetExecutionSummary(instance, "t", "e"),
      instance -> new ListRecords(instance, "t", "e", null, new PageRequest(10, null)),
      instance -> new ListTestCases(instance, new PageRequest(10, null)),
      instance -> new SearchTestCases(instance, null, null, new PageRequest(10, null)),
      instance -> new ListExecutions(instance, null, null, null, null, null, new PageRequest(10, null)),
      // A Create that is refused stores nothing either.
      instance -> new CreateTestCase(instance, null, null, null, "broken", "{\"Observations\":[]}", null, null, null,
          TestCaseStatus.PUBLISHED, null));

  @Test
  void hundredThousandRequestsForUnknownInstancesLeaveNoInstanceAndNoHeap() {
    ExecutionOwner owner = new ExecutionOwner(ExecutionOwnerTest.config(1_000, 1_000, 60_000),
        new ManualClock(ExecutionOwnerTest.T0));
    String known = ExecutionOwnerTest.INSTANCE;
    owner.create(ExecutionOwnerTest.create("kept", ExecutionOwnerTest.THREE_OBSERVATIONS, TestCaseStatus.PUBLISHED,
        null));

    sendToUnknownInstances(owner, 2_000); // warm: classes loaded, code compiled
    long before = reachableHeapBytes();
    sendToUnknownInstances(owner, COMMANDS);
    long grown = reachableHeapBytes() - before;

    System.out.printf("unknown instances: %d requests, %d instances held, retained heap grew by %d KiB%n",
        COMMANDS, owner.instanceCount(), grown / 1024);
    assertThat(stats(owner).instances().keySet()).as("instances in the stats").containsExactly(known);
    assertThat(owner.instanceCount()).isEqualTo(1);
    assertThat(owner.admissionStateCount()).isZero();
    assertThat(grown).as("retained heap growth, bytes").isLessThan(HEAP_BOUND_BYTES);
  }

  @Test
  void throttlingAndFaultsKeepBoundedStateForUnknownInstances() {
    EmulatorConfig config = ExecutionOwnerTest.config(Map.of(
        "throttle.requestsPerSecond", "1000000", "throttle.burst", "1000000",
        "faults.probability", "0.000001", "faults.latencyMinMillis", "0", "faults.latencyMaxMillis", "1"));
    ExecutionOwner owner = new ExecutionOwner(config, new ManualClock(ExecutionOwnerTest.T0));

    sendToUnknownInstances(owner, 2_000);
    long before = reachableHeapBytes();
    sendToUnknownInstances(owner, COMMANDS);
    long grown = reachableHeapBytes() - before;

    System.out.printf("unknown instances, throttled and faulted: %d admission states, retained heap grew by %d KiB%n",
        owner.admissionStateCount(), grown / 1024);
    assertThat(owner.instanceCount()).isZero();
    assertThat(owner.admissionStateCount()).isLessThanOrEqualTo(Admission.MAX_UNKNOWN_INSTANCES);
    assertThat(grown).as("retained heap growth, bytes").isLessThan(HEAP_BOUND_BYTES);
  }

  @Test
  void anInstanceThatComesToHoldSomethingKeepsItsThrottleBucket() {
    EmulatorConfig config = ExecutionOwnerTest.config(Map.of("throttle.requestsPerSecond", "1", "throttle.burst",
        "2"));
    ExecutionOwner owner = new ExecutionOwner(config, new ManualClock(ExecutionOwnerTest.T0));
    var list = new ListTestCases(ExecutionOwnerTest.INSTANCE, new PageRequest(10, null));
    assertThat(owner.admit(list)).isNull();
    owner.create(ExecutionOwnerTest.create("held", ExecutionOwnerTest.THREE_OBSERVATIONS, TestCaseStatus.SAVED,
        null));
    for (int i = 0; i < 2 * Admission.MAX_UNKNOWN_INSTANCES; i++) {
      owner.admit(new ListTestCases(UUID.randomUUID().toString(), new PageRequest(10, null)));
    }
    assertThat(owner.admit(list)).as("the bucket's second token").isNull();
    assertThat(owner.admit(list).type()).as("then the rate").isEqualTo(AwsErrorType.THROTTLING);
  }

  /** Through HTTP, with a journal: the answers AWS gives, no instance in the stats, and no journal line. */
  @Test
  void unknownInstancesOverHttpAnswerAsBeforeAndLeaveNoTrace() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Emulator emulator = Emulator.deploy(vertx, EmulatorConfig.withKeys(Map.of("http.host", EmulatorHttp.HOST,
          "http.port", "0", "data.dir", data.toString()))).await(10, TimeUnit.SECONDS);
      var http = new EmulatorHttp(vertx, emulator.port());
      for (int i = 0; i < 30; i++) {
        String instance = EmulatorHttp.newInstanceId();
        String testCase = UUID.randomUUID().toString();
        String execution = UUID.randomUUID().toString();
        String base = "/test-cases/" + instance + "/" + testCase;
        await(http.start(instance, testCase)).assertError(404, "ResourceNotFoundException");
        await(http.describe(instance, testCase)).assertError(404, "ResourceNotFoundException");
        await(http.send(HttpMethod.POST, base, null, new JsonObject().put("Description", "d").encode()))
            .assertError(404, "ResourceNotFoundException");
        await(http.send(HttpMethod.DELETE, base, null, (String) null)).assertError(404, "ResourceNotFoundException");
        await(http.send(HttpMethod.POST, base + "/" + execution + "/stop-execution", null, "{}"))
            .assertError(404, "ResourceNotFoundException");
        await(http.summary(instance, testCase, execution)).assertError(404, "ResourceNotFoundException");
        await(http.get(base + "/" + execution + "/records")).assertError(404, "ResourceNotFoundException");
        assertThat(await(http.get("/test-cases-summary/" + instance)).assertOk()
            .getJsonArray("TestCaseSummaryList")).isEmpty();
        assertThat(await(http.get("/test-case-executions/" + instance)).assertOk()
            .getJsonArray("TestCaseExecutions")).isEmpty();
      }
      JsonObject stats = await(http.get("/_emulator/stats")).assertOk();
      assertThat(stats.getJsonObject("instances").fieldNames()).as("instances in /_emulator/stats").isEmpty();
      try (var files = Files.list(data)) {
        for (Path journal : files.toList()) {
          assertThat(Files.size(journal)).as("journal %s", journal.getFileName()).isZero();
        }
      }
    } finally {
      vertx.close().await(20, TimeUnit.SECONDS);
    }
  }

  static HttpReply await(io.vertx.core.Future<HttpReply> reply) throws Exception {
    return reply.await(10, TimeUnit.SECONDS);
  }

  /** As the verticle does: admission, the injected latency, then the command; every answer as it was before. */
  static void sendToUnknownInstances(ExecutionOwner owner, int count) {
    for (int i = 0; i < count; i++) {
      String instance = UUID.randomUUID().toString();
      OwnerCommand command = KINDS.get(i % KINDS.size()).apply(instance);
      owner.replyLatencyMillis(command);
      if (owner.admit(command) != null) {
        continue;
      }
      try {
        Object reply = owner.handle(command);
        assertThat(reply).as("%s", command).isInstanceOf(Page.class);
        assertThat(((Page<?>) reply).items()).isEmpty();
      } catch (AwsFailure failure) {
        AwsErrorType expected = command instanceof CreateTestCase
            ? AwsErrorType.INVALID_TEST_CASE : AwsErrorType.RESOURCE_NOT_FOUND;
        assertThat(failure.type()).as("%s", command).isEqualTo(expected);
      }
    }
  }

  static AdminCommand.OwnerStats stats(ExecutionOwner owner) {
    return (AdminCommand.OwnerStats) owner.handle(new AdminCommand.ReadStats());
  }

  /** Heap in use after full collections: what the JVM still reaches, garbage excluded. */
  static long reachableHeapBytes() {
    var heap = ManagementFactory.getMemoryMXBean();
    heap.gc();
    heap.gc();
    return heap.getHeapMemoryUsage().getUsed();
  }
}
