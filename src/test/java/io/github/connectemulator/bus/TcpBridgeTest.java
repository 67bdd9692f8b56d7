package io.github.connectemulator.bus;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.connectemulator.Emulator;
import io.github.connectemulator.Fixtures;
import io.github.connectemulator.config.EmulatorConfig;
import io.github.connectemulator.testing.Eventually;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A client outside the event bus, speaking the TCP bridge's frames (4-byte length, JSON): it calls operations,
 * receives status events, and is refused every other address.
 */
class TcpBridgeTest {

  private static final long WAIT = 10;

  private Vertx vertx;
  private Emulator emulator;
  private Vertx clientSide;
  private NetSocket socket;
  private final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
  private final String instance = UUID.randomUUID().toString();

  /** An emulator with its bridge on a free port, and {@code keys} over the test's configuration; a client on it. */
  private void connect(Map<String, String> keys) throws Exception {
    int port;
    try (var free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    vertx = Vertx.vertx();
    var config = new HashMap<>(Map.of("http.host", "127.0.0.1", "http.port", "0",
        "timing.initiatedMillis", "10", "timing.observationMillis", "20",
        "bus.bridge", "true", "bus.bridgePort", Integer.toString(port)));
    config.putAll(keys);
    emulator = Emulator.deploy(vertx, EmulatorConfig.withKeys(config)).await(WAIT, TimeUnit.SECONDS);
    // The client has a Vertx of its own: it shares nothing with the emulator but the TCP connection.
    clientSide = Vertx.vertx();
    socket = clientSide.createNetClient().connect(port, "127.0.0.1").await(WAIT, TimeUnit.SECONDS);
    RecordParser parser = RecordParser.newFixed(4);
    parser.handler(new io.vertx.core.Handler<Buffer>() {
      private int expected = -1;

      @Override
      public void handle(Buffer buffer) {
        if (expected < 0) {
          expected = buffer.getInt(0);
          parser.fixedSizeMode(expected);
        } else {
          expected = -1;
          parser.fixedSizeMode(4);
          frames.add(buffer.toJsonObject());
        }
      }
    });
    socket.handler(parser);
  }

  @AfterEach
  void close() throws Exception {
    if (vertx == null) {
      return;
    }
    // The socket first: closing a Vertx shuts its connections down gracefully, and waits for them to end.
    socket.close().await(WAIT, TimeUnit.SECONDS);
    clientSide.close().await(WAIT, TimeUnit.SECONDS);
    // The emulator first, in its order (bridge, bus gateway, routers, owners), so that no connection of the
    // gateway is left for the routers' graceful shutdown to wait on.
    if (emulator != null) {
      emulator.undeploy().await(WAIT * 2, TimeUnit.SECONDS);
    }
    vertx.close().await(WAIT, TimeUnit.SECONDS);
  }

  private void write(JsonObject frame) throws Exception {
    Buffer json = frame.toBuffer();
    socket.write(Buffer.buffer().appendInt(json.length()).appendBuffer(json)).await(WAIT, TimeUnit.SECONDS);
  }

  private JsonObject next(Predicate<JsonObject> wanted) throws Exception {
    return Eventually.take(frames, wanted, java.time.Duration.ofSeconds(WAIT));
  }


  private JsonObject request(String operation, JsonObject body) throws Exception {
    String replyAddress = "reply-" + UUID.randomUUID();
    write(new JsonObject().put("type", "send").put("address", BusAddresses.operation(operation))
        .put("replyAddress", replyAddress).put("body", body));
    return next(frame -> replyAddress.equals(frame.getString("address")));
  }

  @Test
  void aClientCallsOperationsAndReceivesTheStatusEventsOfItsInstance() throws Exception {
    connect(Map.of());
    write(new JsonObject().put("type", "register").put("address", BusAddresses.events(instance)));
    write(new JsonObject().put("type", "ping"));
    next(frame -> "pong".equals(frame.getString("type")));

    JsonObject created = request("CreateTestCase", new JsonObject().put("InstanceId", instance)
        .put("Name", "over-tcp").put("Content", Fixtures.CONTENT));
    assertThat(created.getString("type")).isEqualTo("message");
    String testCase = created.getJsonObject("body").getString("TestCaseId");
    String execution = request("StartTestCaseExecution",
        new JsonObject().put("InstanceId", instance).put("TestCaseId", testCase))
        .getJsonObject("body").getString("TestCaseExecutionId");

    JsonObject passed = next(frame -> BusAddresses.events(instance).equals(frame.getString("address"))
        && "PASSED".equals(frame.getJsonObject("body").getString("status"))
        && "STATUS".equals(frame.getJsonObject("body").getString("type")));
    assertThat(passed.getJsonObject("body").getString("executionId")).isEqualTo(execution);

    JsonObject failure = request("DescribeTestCase",
        new JsonObject().put("InstanceId", instance).put("TestCaseId", UUID.randomUUID().toString()));
    assertThat(failure.getString("type")).isEqualTo("err");
    assertThat(failure.getInteger("failureCode")).isEqualTo(404);
    assertThat(new JsonObject(failure.getString("message")).getString("errorType"))
        .isEqualTo("ResourceNotFoundException");
  }

  @Test
  void everyOtherAddressIsRefused() throws Exception {
    connect(Map.of());
    write(new JsonObject().put("type", "send").put("address", "connect-emulator.owner.0")
        .put("replyAddress", "r1").put("body", new JsonObject()));
    assertThat(next(frame -> "err".equals(frame.getString("type"))).getString("message")).isEqualTo("access_denied");

    write(new JsonObject().put("type", "register").put("address", "connect-emulator.owner.0"));
    assertThat(next(frame -> "err".equals(frame.getString("type"))).getString("message")).isEqualTo("access_denied");

    write(new JsonObject().put("type", "publish").put("address", BusAddresses.EVENTS).put("body", "forged"));
    assertThat(next(frame -> "err".equals(frame.getString("type"))).getString("message")).isEqualTo("access_denied");

    write(new JsonObject().put("type", "register").put("address", BusAddresses.operation("StartTestCaseExecution")));
    assertThat(next(frame -> "err".equals(frame.getString("type"))).getString("message")).isEqualTo("access_denied");

    write(new JsonObject().put("type", "ping"));
    assertThat(next(frame -> true).getString("type")).as("the connection still works").isEqualTo("pong");
  }

  /**
   * 50 ListTestCases requests written on one connection at once, each held 200 ms by injected latency: all succeed,
   * and they are answered together, not one after the other (which would take 50 x 200 ms = 10 s). Prints the elapsed
   * time; the bound asserted is only that the calls overlapped.
   */
  @Test
  void concurrentRequestsThroughTheBridgeAreAnsweredTogether() throws Exception {
    int calls = 50;
    long latencyMillis = 200;
    connect(Map.of("faults.operations", "ListTestCases", "faults.latencyMinMillis", Long.toString(latencyMillis),
        "faults.latencyMaxMillis", Long.toString(latencyMillis)));
    String testCase = request("CreateTestCase", new JsonObject().put("InstanceId", instance)
        .put("Name", "listed").put("Content", Fixtures.CONTENT)).getJsonObject("body").getString("TestCaseId");

    Set<String> pending = new HashSet<>();
    Buffer requests = Buffer.buffer();
    for (int i = 0; i < calls; i++) {
      String replyAddress = "reply-" + i + "-" + UUID.randomUUID();
      pending.add(replyAddress);
      Buffer frame = new JsonObject().put("type", "send").put("address", BusAddresses.operation("ListTestCases"))
          .put("replyAddress", replyAddress).put("body", new JsonObject().put("InstanceId", instance)).toBuffer();
      requests.appendInt(frame.length()).appendBuffer(frame);
    }
    long start = System.nanoTime();
    socket.write(requests).await(WAIT, TimeUnit.SECONDS);
    List<JsonObject> replies = new ArrayList<>();
    while (!pending.isEmpty()) {
      JsonObject reply = next(frame -> pending.contains(frame.getString("address")));
      pending.remove(reply.getString("address"));
      replies.add(reply);
    }
    long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    System.out.printf("bridge: %d concurrent ListTestCases with %d ms latency answered in %d ms%n",
        calls, latencyMillis, elapsedMillis);

    assertThat(replies).hasSize(calls).allSatisfy(reply -> {
      assertThat(reply.getString("type")).as("reply %s", reply).isEqualTo("message");
      assertThat(reply.getJsonObject("body").getJsonArray("TestCaseSummaryList")).hasSize(1);
      assertThat(reply.getJsonObject("body").getJsonArray("TestCaseSummaryList").getJsonObject(0).getString("Id"))
          .isEqualTo(testCase);
    });
    assertThat(elapsedMillis).as("each call is held %d ms: answered one after the other they would take %d ms",
        latencyMillis, calls * latencyMillis).isGreaterThanOrEqualTo(latencyMillis).isLessThan(5_000);
  }
}
