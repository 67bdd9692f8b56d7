package io.github.connectemulator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.connectemulator.Fixtures;
import io.github.connectemulator.Main;
import io.github.connectemulator.testing.Eventually;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cluster mode as processes: three emulators on loopback form one cluster (Vert.x clustered event bus on
 * Hazelcast, TCP/IP join), and any node answers for any instance with the one state its owner holds: reads,
 * ClientToken idempotency, the quotas and the status events hold across nodes. Then one node is killed (SIGKILL)
 * during a burst of writes, and a fourth joins during load: clients see only 429s, which they retry, and every
 * acknowledged write stays readable.
 *
 * <p>One cluster (a unique cluster name per run, so parallel runs never join each other) serves the ordered tests;
 * the failover and the join come last. Each JVM is kept light (-Xmx256m, serial GC, C1 only). Every process started
 * is killed by its handle afterwards, also on failure (and by a shutdown hook if the test JVM itself is stopped). On
 * a failure the nodes' logs are copied to {@code target/cluster-process-test/<cluster name>/} and their tails
 * printed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterProcessTest {

  private static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC",
      "-XX:TieredStopAtLevel=1", "-Dhazelcast.phone.home.enabled=false");
  /** Every request has this long to be answered; the owners' own timeout (10 s) answers before it. */
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
  /** A request answered 429 is retried (backoff below) for this long, then counts as failed for good. */
  private static final Duration RETRY_FOR = Duration.ofSeconds(20);
  private static final Duration READY_WITHIN = Duration.ofSeconds(60);
  private static final Duration CLUSTER_VIEW_WITHIN = Duration.ofSeconds(30);
  /** How soon after the kill every acknowledged write must be readable through the survivors. */
  private static final Duration READABLE_AFTER_KILL = Duration.ofSeconds(15);
  /** How soon after it is ready the joining node must own partitions, every member seeing it. */
  private static final Duration PARTITIONS_AFTER_JOIN = Duration.ofSeconds(30);
  /** How soon after its launch (JVM start included) the joining node must own partitions. */
  private static final Duration JOINED_WITHIN = Duration.ofSeconds(45);
  private static final Set<String> FINAL = Set.of("PASSED", "FAILED", "STOPPED");

  /** The nodes' logs, removed by JUnit afterwards (copied to target/ first when a test fails). */
  @TempDir static Path scratch;

  private final String clusterName = "test-" + UUID.randomUUID();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).build();
  private final List<Node> nodes = new CopyOnWriteArrayList<>();
  private final Thread killer = new Thread(this::killAll, "kill-cluster-nodes");
  /** 429s retried by the steady-state scenarios (1 to 6), which expect none but may see some. */
  private final AtomicLong steadyRetries = new AtomicLong();
  /** The writes of the failover scenario, read again through the node that joins afterwards. */
  private volatile Load failoverLoad;

  @RegisterExtension
  final TestWatcher keepLogsOnFailure = new TestWatcher() {
    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
      saveLogs(context.getDisplayName());
    }
  };

  /** One emulator process. Its ports are chosen once; {@code alive} is cleared just before it is killed. */
  private final class Node {
    final int number;
    final int httpPort = freePort();
    final int memberPort = freePort();
    final int bridgePort;
    final Path log;
    volatile Process process;
    volatile boolean alive;
    /** Whether load generators send it requests (a joining node only once it is ready). */
    volatile boolean routable;
    volatile String memberId;

    Node(int number, boolean bridge) {
      this.number = number;
      this.bridgePort = bridge ? freePort() : 0;
      this.log = scratch.resolve("node" + number + ".log");
    }

    String base() {
      return "http://127.0.0.1:" + httpPort;
    }

    String member() {
      return "127.0.0.1:" + memberPort;
    }

    void start(List<Node> members) throws IOException {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(JVM_OPTIONS);
      command.add("-Dlogback.configurationFile=" + logConfig());
      command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
      var builder = new ProcessBuilder(command);
      Map<String, String> env = builder.environment();
      env.put("EMULATOR_HTTP_HOST", "127.0.0.1");
      env.put("HTTP_PORT", Integer.toString(httpPort));
      env.put("EMULATOR_TIMING_INITIATED_MILLIS", "50");
      env.put("EMULATOR_TIMING_OBSERVATION_MILLIS", "100");
      env.put("EMULATOR_CLUSTER_ENABLED", "true");
      env.put("EMULATOR_CLUSTER_NAME", clusterName);
      env.put("EMULATOR_CLUSTER_HOST", "127.0.0.1");
      env.put("EMULATOR_CLUSTER_PORT", Integer.toString(memberPort));
      env.put("EMULATOR_CLUSTER_BUS_PORT", "0");
      env.put("EMULATOR_CLUSTER_MEMBERS", members.stream().map(Node::member).collect(Collectors.joining(",")));
      env.put("EMULATOR_CLUSTER_BACKUPS", "1");
      env.put("EMULATOR_LOG_REQUESTS", "true");
      if (bridgePort != 0) {
        env.put("EMULATOR_BUS_BRIDGE", "true");
        env.put("EMULATOR_BUS_BRIDGE_PORT", Integer.toString(bridgePort));
      }
      builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      process = builder.start();
      alive = true;
      System.out.printf("cluster: node %d started, pid %d, http %d, member %d%s%n", number, process.pid(),
          httpPort, memberPort, bridgePort == 0 ? "" : ", bridge " + bridgePort);
    }

    /** Polls /health/ready; fails with the log if the process exits or is not ready in time. */
    void awaitReady() throws Exception {
      long deadline = System.nanoTime() + READY_WITHIN.toNanos();
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new AssertionError("node " + number + " exited with " + process.exitValue() + ":\n" + tail(log, 60));
        }
        try {
          if (call(this, "GET", "/health/ready", null).status() == 200) {
            return;
          }
        } catch (IOException notYet) {
          // not listening yet
        }
        Thread.sleep(100);
      }
      throw new AssertionError("node " + number + " not ready within " + READY_WITHIN.toSeconds() + " s:\n"
          + tail(log, 60));
    }

    void kill() throws InterruptedException {
      alive = false;
      routable = false;
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public String toString() {
      return "node " + number;
    }
  }

  /**
   * The nodes' Logback configuration: the emulator's own lines (one per request: method, path, status, error type)
   * and Hazelcast's membership and migration lines, as evidence when a scenario fails; the rest at WARN.
   */
  private static Path logConfig() throws IOException {
    Path file = scratch.resolve("logback-node.xml");
    if (!Files.exists(file)) {
      Files.writeString(file, """
          <configuration>
            <appender name="text" class="ch.qos.logback.core.ConsoleAppender">
              <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg %X%n</pattern></encoder>
            </appender>
            <logger name="io.github.connectemulator" level="INFO"/>
            <logger name="com.hazelcast" level="INFO"/>
            <logger name="io.micrometer.core.instrument.MeterRegistry" level="ERROR"/>
            <root level="WARN"><appender-ref ref="text"/></root>
          </configuration>
          """);
    }
    return file;
  }

  private Node node(int number) {
    return nodes.get(number - 1);
  }

  @BeforeAll
  @Timeout(value = 150, unit = TimeUnit.SECONDS)
  void startThreeNodes() throws Exception {
    Runtime.getRuntime().addShutdownHook(killer);
    for (int number = 1; number <= 3; number++) {
      nodes.add(new Node(number, number == 3));
    }
    List<Node> initial = List.copyOf(nodes);
    long start = System.nanoTime();
    try {
      // The first alone, then the two others together: they join it, never form clusters of their own to merge.
      node(1).start(initial);
      node(1).awaitReady();
      long firstReady = System.nanoTime();
      node(2).start(initial);
      node(3).start(initial);
      node(2).awaitReady();
      node(3).awaitReady();
      for (Node node : initial) {
        node.routable = true;
        node.memberId = clusterView(node).getString("localMember");
      }
      System.out.printf("cluster: %s, node 1 ready in %d ms, all three in %d ms%n", clusterName,
          millisBetween(start, firstReady), millisSince(start));
    } catch (Throwable failure) {
      saveLogs("startThreeNodes");
      throw failure;
    }
  }

  @AfterAll
  void stopNodes() {
    killAll();
    System.out.printf("cluster: %d 429 retries in the steady-state scenarios%n", steadyRetries.get());
    try {
      Runtime.getRuntime().removeShutdownHook(killer);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs anyway
    }
  }

  private void killAll() {
    for (Node node : nodes) {
      Process process = node.process;
      if (process != null) {
        node.alive = false;
        process.destroyForcibly();
      }
    }
    for (Node node : nodes) {
      Process process = node.process;
      if (process != null) {
        try {
          process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  // ------------------------------------------------------------------------------------------------ scenarios

  /** 1. Three nodes, all ready; each one's view: the same cluster, three members, every partition owned. */
  @Test
  @Order(1)
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void threeNodesFormOneClusterAndOwnEveryPartition() throws Exception {
    long start = System.nanoTime();
    List<Node> live = List.of(node(1), node(2), node(3));
    Map<Node, JsonObject> views = awaitClusterViews(live, CLUSTER_VIEW_WITHIN);
    Set<String> ids = live.stream().map(node -> node.memberId).collect(Collectors.toSet());
    assertThat(ids).as("local member ids").hasSize(3).doesNotContainNull();
    for (Node node : live) {
      JsonObject view = views.get(node);
      assertThat(view.getString("clusterName")).as("%s clusterName", node).isEqualTo(clusterName);
      assertThat(memberIds(view)).as("%s members", node).isEqualTo(ids);
      for (JsonObject member : members(view)) {
        assertThat(member.getInteger("partitions")).as("%s: partitions of member %s", node, member).isPositive();
      }
    }
    JsonObject first = views.get(node(1));
    System.out.printf("cluster: 3 members, %d partitions (%s), views settled in %d ms%n",
        first.getInteger("partitionCount"), partitionShares(first), millisSince(start));
  }

  /** 2. A test case created through node 1 is described through nodes 2 and 3. */
  @Test
  @Order(2)
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void aTestCaseCreatedThroughOneNodeIsDescribedThroughTheOthers() throws Exception {
    String instance = UUID.randomUUID().toString();
    String name = "created-on-node-1";
    Reply created = send(node(1), "PUT", "/test-cases/" + instance, createBody(name));
    assertThat(created.status()).as("Create through node 1: %s", created).isEqualTo(200);
    String testCase = created.json().getString("TestCaseId");
    for (Node node : List.of(node(2), node(3))) {
      Reply described = send(node, "GET", "/test-cases/" + instance + "/" + testCase, null);
      assertThat(described.status()).as("Describe through %s: %s", node, described).isEqualTo(200);
      JsonObject view = described.json().getJsonObject("TestCase");
      assertThat(view.getString("Id")).isEqualTo(testCase);
      assertThat(view.getString("Name")).isEqualTo(name);
      assertThat(view.getString("Status")).isEqualTo("PUBLISHED");
    }
    // Name uniqueness is the owner's: the same name through node 3 is a duplicate.
    Reply again = send(node(3), "PUT", "/test-cases/" + instance, createBody(name));
    assertThat(again.status()).as("the same name through node 3: %s", again).isEqualTo(409);
    assertThat(again.errorType()).isEqualTo("DuplicateResourceException");
    System.out.printf("cluster: created through node 1, described through nodes 2 and 3; the same name through"
        + " node 3 is 409 DuplicateResourceException%n");
  }

  /** 3. An execution started through node 2 is polled to PASSED through node 3. */
  @Test
  @Order(3)
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void anExecutionStartedThroughNodeTwoPassesSeenThroughNodeThree() throws Exception {
    String instance = UUID.randomUUID().toString();
    String testCase = create(node(1), instance, "run-across-nodes");
    long start = System.nanoTime();
    Reply started = send(node(2), "PUT", startPath(instance, testCase),
        new JsonObject().put("ClientToken", UUID.randomUUID().toString()));
    assertThat(started.status()).as("Start through node 2: %s", started).isEqualTo(200);
    String execution = started.json().getString("TestCaseExecutionId");
    List<String> seen = new ArrayList<>();
    JsonObject summary = waitFor(Duration.ofSeconds(15), () -> {
      Reply reply = send(node(3), "GET", summaryPath(instance, testCase, execution), null);
      assertThat(reply.status()).as("Summary through node 3: %s", reply).isEqualTo(200);
      JsonObject json = reply.json();
      if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(json.getString("Status"))) {
        seen.add(json.getString("Status"));
      }
      return json;
    }, json -> "PASSED".equals(json.getString("Status")), "the run PASSED, polled through node 3");
    assertThat(summary.getJsonObject("ObservationSummary").getInteger("ObservationsPassed")).isEqualTo(2);
    System.out.printf("cluster: started through node 2, PASSED through node 3 after %d ms (statuses seen %s)%n",
        millisSince(start), seen);
  }

  /** 4. The same ClientToken through two nodes, and through three at once, starts one execution. */
  @Test
  @Order(4)
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void theSameClientTokenThroughSeveralNodesStartsOneExecution() throws Exception {
    String instance = UUID.randomUUID().toString();
    String testCase = create(node(1), instance, "idempotent");
    JsonObject token = new JsonObject().put("ClientToken", UUID.randomUUID().toString());
    Reply first = send(node(1), "PUT", startPath(instance, testCase), token);
    Reply second = send(node(2), "PUT", startPath(instance, testCase), token);
    assertThat(first.status()).as("through node 1: %s", first).isEqualTo(200);
    assertThat(second.status()).as("through node 2: %s", second).isEqualTo(200);
    assertThat(second.json().getString("TestCaseExecutionId")).as("the execution of the replayed token")
        .isEqualTo(first.json().getString("TestCaseExecutionId"));

    // A new token sent through the three nodes at the same moment.
    JsonObject racing = new JsonObject().put("ClientToken", UUID.randomUUID().toString());
    ExecutorService pool = Executors.newFixedThreadPool(3);
    List<Reply> replies = new ArrayList<>();
    try {
      List<Future<Reply>> pending = new ArrayList<>();
      for (Node node : List.of(node(1), node(2), node(3))) {
        pending.add(pool.submit(() -> send(node, "PUT", startPath(instance, testCase), racing)));
      }
      for (Future<Reply> reply : pending) {
        replies.add(reply.get(20, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(replies).allSatisfy(reply -> assertThat(reply.status()).as("%s", reply).isEqualTo(200));
    assertThat(replies.stream().map(reply -> reply.json().getString("TestCaseExecutionId")).distinct())
        .as("execution ids of one token sent through three nodes at once").hasSize(1);
    Map<String, JsonObject> stats = waitFor(Duration.ofSeconds(10), () -> instanceStats(instance),
        found -> !found.isEmpty(), "stats of the instance");
    for (Map.Entry<String, JsonObject> entry : stats.entrySet()) {
      assertThat(executionTotal(entry.getValue())).as("executions in %s", entry.getKey()).isEqualTo(2);
    }
    System.out.printf("cluster: one token through nodes 1 and 2 -> one execution; another through nodes 1, 2, 3"
        + " at once -> one execution; stats count 2%n");
  }

  /**
   * 5. The per-instance quota with Starts spread over the three nodes: 110 Starts from 5 threads, round-robin over
   * the nodes, runs that do not finish (10-minute observations): exactly 100 accepted (5 running, 95 waiting: "at
   * most 100 queued counting the running ones"), 10 answered 402 ServiceQuotaExceededException, and the stats agree.
   */
  @Test
  @Order(5)
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void thePerInstanceQuotaHoldsWithStartsSpreadOverAllNodes() throws Exception {
    String instance = UUID.randomUUID().toString();
    Reply created = send(node(1), "PUT", "/test-cases/" + instance, createBody("slow")
        .put("Tags", new JsonObject().put("emulator:observationMillis", "600000")));
    assertThat(created.status()).as("Create: %s", created).isEqualTo(200);
    String testCase = created.json().getString("TestCaseId");
    int starts = 110;
    var counter = new AtomicInteger();
    var replies = new ConcurrentLinkedQueue<Reply>();
    long start = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(5);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < 5; t++) {
        workers.add(pool.submit(() -> {
          for (int i = counter.getAndIncrement(); i < starts; i = counter.getAndIncrement()) {
            replies.add(send(node(i % 3 + 1), "PUT", startPath(instance, testCase),
                new JsonObject().put("ClientToken", UUID.randomUUID().toString())));
          }
          return null;
        }));
      }
      for (Future<?> worker : workers) {
        worker.get(45, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    long elapsed = millisSince(start);
    Map<String, Long> outcomes = replies.stream().collect(Collectors.groupingBy(
        reply -> reply.status() + (reply.errorType() == null ? "" : " " + reply.errorType()), TreeMap::new,
        Collectors.counting()));
    assertThat(outcomes).as("answers to %d Starts", starts)
        .isEqualTo(Map.of("200", 100L, "402 ServiceQuotaExceededException", 10L));

    Map<String, JsonObject> stats = waitFor(Duration.ofSeconds(10), () -> instanceStats(instance),
        found -> !found.isEmpty() && found.values().stream().allMatch(entry -> entry.getInteger("running") == 5
            && entry.getInteger("queued") == 95 && executionTotal(entry) == 100
            && entry.getJsonObject("executions").getInteger("IN_PROGRESS", 0) == 5),
        "stats: 5 running, 95 queued, 100 executions (5 IN_PROGRESS, 95 INITIATED)");
    for (Node node : List.of(node(1), node(2), node(3))) {
      Reply refused = send(node, "PUT", startPath(instance, testCase),
          new JsonObject().put("ClientToken", UUID.randomUUID().toString()));
      assertThat(refused.status()).as("one more Start through %s: %s", node, refused).isEqualTo(402);
    }
    System.out.printf("cluster: quota: %d Starts round-robin over 3 nodes in %d ms -> %s; stats %s%n", starts,
        elapsed, outcomes, stats.values().iterator().next().encode());
  }

  /**
   * 6. A TCP bridge client on node 3 registered for nine instances receives the PASSED event of every execution
   * started on them through nodes 1 and 2. Instances are placed by hash, so most of them are owned by nodes 1 and
   * 2 (the chance that node 3 owns all nine is 3^-9), whose owners publish the events on the clustered bus.
   */
  @Test
  @Order(6)
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void theBridgeOfNodeThreeReceivesTheStatusEventsOfExecutionsOwnedElsewhere() throws Exception {
    List<String> instances = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      instances.add(UUID.randomUUID().toString());
    }
    try (var bridge = new BridgeClient(node(3).bridgePort)) {
      for (String instance : instances) {
        bridge.write(new JsonObject().put("type", "register").put("address", events(instance)));
      }
      bridge.write(new JsonObject().put("type", "ping"));
      bridge.next(frame -> "pong".equals(frame.getString("type")), Duration.ofSeconds(10));

      // executionId -> instance
      Map<String, String> expected = new HashMap<>();
      for (int i = 0; i < instances.size(); i++) {
        Node through = node(i % 2 + 1);
        String instance = instances.get(i);
        String testCase = create(through, instance, "evented");
        for (int run = 0; run < 2; run++) {
          Reply started = send(through, "PUT", startPath(instance, testCase),
              new JsonObject().put("ClientToken", UUID.randomUUID().toString()));
          assertThat(started.status()).as("Start through %s: %s", through, started).isEqualTo(200);
          expected.put(started.json().getString("TestCaseExecutionId"), instance);
        }
      }
      long start = System.nanoTime();
      Map<String, List<String>> statuses = new HashMap<>();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (!passedAll(statuses, expected.keySet()) && System.nanoTime() < deadline) {
        JsonObject frame = bridge.frames.poll(100, TimeUnit.MILLISECONDS);
        if (frame == null || !"message".equals(frame.getString("type"))) {
          continue;
        }
        JsonObject body = frame.getJsonObject("body");
        if (!"STATUS".equals(body.getString("type"))) {
          continue;
        }
        String execution = body.getString("executionId");
        assertThat(expected).as("event %s", frame).containsKey(execution);
        assertThat(body.getString("instanceId")).as("event %s", frame).isEqualTo(expected.get(execution));
        assertThat(frame.getString("address")).isEqualTo(events(expected.get(execution)));
        statuses.computeIfAbsent(execution, id -> new ArrayList<>()).add(body.getString("status"));
      }
      Set<String> missing = new HashSet<>(expected.keySet());
      missing.removeIf(execution -> statuses.getOrDefault(execution, List.of()).contains("PASSED"));
      assertThat(missing).as("executions whose PASSED event did not reach node 3's bridge (statuses seen: %s)",
          statuses).isEmpty();
      long complete = statuses.values().stream()
          .filter(seen -> seen.equals(List.of("INITIATED", "IN_PROGRESS", "PASSED"))).count();
      System.out.printf("cluster: bridge on node 3: PASSED of all %d executions (9 instances, started through"
          + " nodes 1 and 2) within %d ms; %d with every STATUS in order%n", expected.size(), millisSince(start),
          complete);
    }
  }

  /**
   * 7. Failover: six clients write (Create, then Start with a ClientToken) through the live nodes, retrying 429;
   * node 1 (the oldest member) is killed with SIGKILL once writes are acknowledged. The clients saw no error but
   * 429 (a request the killed node refused went to a survivor; one it cut off in flight is no error either: its
   * Start is retried through a survivor with its token, its Create abandoned as unknown); every acknowledged test
   * case and execution is readable through both survivors within 15 s of the kill; every execution reaches a final
   * status; a replayed ClientToken still names its execution; the survivors own every partition between them.
   * Every check runs even if an earlier one failed, and the failures are reported together.
   */
  @Test
  @Order(7)
  @Timeout(value = 150, unit = TimeUnit.SECONDS)
  void killingANodeDuringWritesLosesNoAcknowledgedWrite() throws Exception {
    Node victim = node(1);
    List<Node> survivors = List.of(node(2), node(3));
    var load = new Load();
    failoverLoad = load;
    var stop = new AtomicBoolean();
    long start = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(6);
    List<Future<?>> writers = new ArrayList<>();
    for (int t = 0; t < 6; t++) {
      writers.add(pool.submit(() -> {
        load.write(stop, false);
        return null;
      }));
    }
    long killedAt;
    int startsBeforeKill;
    int createsBeforeKill;
    Future<Long> preKillReadable;
    long burstStopped;
    ExecutorService verifier = Executors.newSingleThreadExecutor();
    try {
      waitFor(Duration.ofSeconds(30), () -> load.executions.size(), acked -> acked >= 30,
          "30 executions acknowledged before the kill");
      List<Created> testCasesBeforeKill = List.copyOf(load.testCases);
      List<Started> executionsBeforeKill = List.copyOf(load.executions);
      createsBeforeKill = testCasesBeforeKill.size();
      startsBeforeKill = executionsBeforeKill.size();
      killedAt = System.nanoTime();
      victim.kill();
      System.out.printf("cluster: failover: SIGKILL %s (pid %d) at %s, %d ms into the burst, %d test cases and %d"
          + " executions acknowledged%n", victim, victim.process.pid(), LocalTime.now(), millisBetween(start,
          killedAt), createsBeforeKill, startsBeforeKill);
      // From the kill on, while the burst goes on: how soon is every write acknowledged before it readable?
      preKillReadable = verifier.submit(() -> awaitReadable(testCasesBeforeKill, executionsBeforeKill, survivors,
          killedAt + READABLE_AFTER_KILL.toNanos()));
      // Writes go on through the survivors while the victim's partitions are taken over.
      waitFor(Duration.ofSeconds(25), () -> load.executions.size(),
          acked -> acked >= startsBeforeKill + 30 && millisSince(killedAt) >= 3_000,
          "30 executions acknowledged after the kill");
    } finally {
      stop.set(true);
      burstStopped = System.nanoTime();
      for (Future<?> writer : writers) {
        writer.get(RETRY_FOR.toSeconds() + REQUEST_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
      }
    }
    long writersDone = System.nanoTime();
    var findings = new Findings();
    findings.check("errors seen by the clients (429 aside)", () -> load.assertNoErrors());

    // Every write acknowledged before the kill, read through each survivor from the kill on.
    var readableMillis = new AtomicLong(-1);
    findings.check("writes acknowledged before the kill readable through the survivors within "
        + READABLE_AFTER_KILL.toSeconds() + " s", () -> {
          try {
            readableMillis.set(millisBetween(killedAt, preKillReadable.get(60, TimeUnit.SECONDS)));
          } catch (java.util.concurrent.ExecutionException failed) {
            throw failed.getCause() instanceof Exception cause ? cause : failed;
          }
        });
    pool.shutdownNow();
    verifier.shutdownNow();
    // Then every write, those acknowledged after the kill too.
    var allReadableMillis = new AtomicLong(-1);
    findings.check("all acknowledged writes readable through the survivors", () -> allReadableMillis.set(
        millisBetween(killedAt, awaitReadable(load, survivors, System.nanoTime() + READABLE_AFTER_KILL.toNanos()))));

    // Every execution reaches a final status.
    var finalStatuses = new ConcurrentHashMap<String, Integer>();
    var finalMillis = new AtomicLong(-1);
    findings.check("executions final", () -> {
      finalStatuses.putAll(awaitFinal(load, survivors, Duration.ofSeconds(30)));
      finalMillis.set(millisSince(killedAt));
    });

    // The idempotency record of each execution survived too: its token still names it.
    var replayed = new AtomicInteger();
    findings.check("tokens replayed after the kill", () -> {
      List<String> wrong = new ArrayList<>();
      for (Started run : load.executions) {
        Node through = survivors.get(replayed.getAndIncrement() % 2);
        Reply again = send(through, "PUT", startPath(run.instance(), run.testCase()),
            new JsonObject().put("ClientToken", run.token()));
        if (again.status() != 200 || !run.execution().equals(again.json().getString("TestCaseExecutionId"))) {
          wrong.add(run + " replayed through " + through + " at " + LocalTime.now() + ": " + again);
        }
      }
      assertThat(wrong).as("replayed tokens that did not name their execution").isEmpty();
    });

    var shares = new StringBuilder();
    findings.check("cluster view of the survivors", () -> {
      Map<Node, JsonObject> views = awaitClusterViews(survivors, CLUSTER_VIEW_WITHIN);
      shares.append(partitionShares(views.get(node(2))));
    });
    System.out.printf("cluster: failover: %d test cases and %d executions acknowledged (%d and %d after the kill);"
            + " those acknowledged before the kill readable through both survivors %d ms after it; burst stopped"
            + " %d ms after the kill, writers done at %d ms, every write readable through both survivors at %d ms;"
            + " all final at %d ms %s;"
            + " %d 429 retries; %d requests refused by and %d cut off by the killed node (%d Starts retried with"
            + " their token, %d Creates abandoned, %d Creates applied by the dying owner without an answer); %d errors;"
            + " %d tokens replayed; partitions now %s%n",
        load.testCases.size(), load.executions.size(), load.testCases.size() - createsBeforeKill,
        load.executions.size() - startsBeforeKill, readableMillis.get(), millisBetween(killedAt, burstStopped),
        millisBetween(killedAt, writersDone), allReadableMillis.get(), finalMillis.get(), finalStatuses,
        load.throttled.get(), load.refused.get(), load.cutOff.get(), load.startsRetried.get(),
        load.createsAbandoned.get(), load.createsAnsweredByNoOne.get(), load.errorCount.get(), replayed.get(), shares);
    findings.assertNone();
  }

  /**
   * 8. A fourth node joins while four clients write and read through the live nodes: it is ready, then owns
   * partitions (every view shows it with partitions > 0, nothing migrating) within 30 s of being ready and 45 s of
   * its launch; no request failed for good (429s only, each retried until it succeeded); everything written during
   * the join and in the failover scenario is readable through it, and the runs of the join reach a final status.
   */
  @Test
  @Order(8)
  @Timeout(value = 150, unit = TimeUnit.SECONDS)
  void aFourthNodeJoinsDuringLoadAndTakesPartitions() throws Exception {
    List<Node> before = nodes.stream().filter(node -> node.alive).toList();
    assertThat(before).as("live nodes before the join").isNotEmpty();
    Node joining = new Node(nodes.size() + 1, false);
    nodes.add(joining);
    var load = new Load();
    var stop = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<?>> clients = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      clients.add(pool.submit(() -> {
        load.write(stop, true);
        return null;
      }));
    }
    long launched;
    long ready;
    long owning;
    JsonObject ownView;
    int ackedBeforeJoin;
    try {
      waitFor(Duration.ofSeconds(30), () -> load.executions.size(), acked -> acked >= 20,
          "20 executions acknowledged before the join");
      ackedBeforeJoin = load.executions.size();
      launched = System.nanoTime();
      joining.start(nodes.stream().filter(node -> node.process == null || node.alive).toList());
      joining.awaitReady();
      ready = System.nanoTime();
      joining.memberId = clusterView(joining).getString("localMember");
      joining.routable = true;
      System.out.printf("cluster: join: %s ready at %s%n", joining, LocalTime.now());
      List<Node> live = nodes.stream().filter(node -> node.alive).toList();
      Map<Node, JsonObject> views = awaitClusterViews(live, PARTITIONS_AFTER_JOIN);
      owning = System.nanoTime();
      ownView = views.get(joining);
      System.out.printf("cluster: join: views settled at %s: %s%n", LocalTime.now(), partitionShares(ownView));
      // A little more load through all nodes, the new one included.
      long more = load.executions.size() + 20;
      waitFor(Duration.ofSeconds(20), () -> load.executions.size(), acked -> acked >= more,
          "20 executions acknowledged after the join");
    } finally {
      stop.set(true);
      for (Future<?> client : clients) {
        client.get(RETRY_FOR.toSeconds() + REQUEST_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
      }
      pool.shutdownNow();
    }
    var findings = new Findings();
    findings.check("requests that failed for good during the join", () -> load.assertNoErrors());
    JsonObject own = members(ownView).stream().filter(member -> member.getBoolean("local", false)).findFirst()
        .orElseThrow();
    findings.check("the new node's partitions", () -> {
      assertThat(own.getString("id")).isEqualTo(joining.memberId);
      assertThat(own.getInteger("partitions")).as("partitions of the new node").isPositive();
      assertThat(millisBetween(launched, owning)).as("launch to owning partitions")
          .isLessThanOrEqualTo(JOINED_WITHIN.toMillis());
    });

    // Everything is readable through the new node, which now owns part of it: what was written during the join,
    // and what the failover scenario wrote; and the runs of the join reach a final status.
    long check = System.nanoTime();
    findings.check("writes of the join load readable through the new node",
        () -> awaitReadable(load, List.of(joining), check + TimeUnit.SECONDS.toNanos(15)));
    if (failoverLoad != null) {
      findings.check("writes of the failover scenario readable through the new node", () -> awaitReadable(
          failoverLoad, List.of(joining), System.nanoTime() + TimeUnit.SECONDS.toNanos(15)));
    }
    var finalStatuses = new ConcurrentHashMap<String, Integer>();
    findings.check("executions of the join load final",
        () -> finalStatuses.putAll(awaitFinal(load, List.of(joining), Duration.ofSeconds(30))));
    System.out.printf("cluster: join: node %d ready %d ms after its launch, owning %d partitions %d ms after it"
            + " (shares %s); %d test cases and %d executions acknowledged under load (%d executions before the"
            + " launch), %d 429 retries, %d errors; reads through the new node (the join's and the %d + %d of the"
            + " failover) %d ms; final %s%n", joining.number,
        millisBetween(launched, ready), own.getInteger("partitions"), millisBetween(launched, owning),
        partitionShares(ownView), load.testCases.size(), load.executions.size(), ackedBeforeJoin,
        load.throttled.get(), load.errorCount.get(), failoverLoad == null ? 0 : failoverLoad.testCases.size(),
        failoverLoad == null ? 0 : failoverLoad.executions.size(), millisSince(check), finalStatuses);
    findings.assertNone();
  }

  /** Checks that all run, whatever fails; their failures are thrown together at the end. */
  private static final class Findings {
    private final List<String> failures = new ArrayList<>();

    interface Check {
      void run() throws Exception;
    }

    void check(String what, Check check) {
      try {
        check.run();
      } catch (Throwable failed) {
        failures.add(what + ": " + failed.getMessage());
        System.out.printf("cluster: FAILED %s: %s%n", what, failed.getMessage());
      }
    }

    void assertNone() {
      if (!failures.isEmpty()) {
        throw new AssertionError(failures.size() + " check(s) failed:\n" + String.join("\n", failures));
      }
    }
  }

  // ------------------------------------------------------------------------------------------------ load

  /** An acknowledged Create: through which node, at what time of day (to find it in the nodes' logs). */
  private record Created(String instance, String testCase, String name, String via, LocalTime at) {}

  /** An acknowledged Start. */
  private record Started(String instance, String testCase, String execution, String token, String via,
      LocalTime at) {}

  /**
   * Clients of the live nodes: each request goes to the next routable live node; a 429 is retried after a short
   * backoff; a request the killed node refused is sent again to a survivor; one it cut off in flight is retried
   * only if it is idempotent (a Start with its ClientToken, a read), else abandoned as unknown. Anything else that
   * is not a 200 is an error.
   */
  private final class Load {
    final ConcurrentLinkedQueue<Created> testCases = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Started> executions = new ConcurrentLinkedQueue<>();
    /** The first 30 errors (all are counted). */
    final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
    final AtomicLong errorCount = new AtomicLong();
    final AtomicLong throttled = new AtomicLong();
    final AtomicLong refused = new AtomicLong();
    final AtomicLong cutOff = new AtomicLong();
    final AtomicLong startsRetried = new AtomicLong();
    final AtomicLong createsAbandoned = new AtomicLong();
    /** Creates applied by an owner that died before it answered (see {@link #exchange}). */
    final AtomicLong createsAnsweredByNoOne = new AtomicLong();
    final AtomicInteger turn = new AtomicInteger();

    /** Create, Start (and, if {@code read}, Describe and Summary) again and again, a new instance every 5 runs. */
    void write(AtomicBoolean stop, boolean read) {
      String instance = null;
      for (int i = 0; !stop.get(); i++) {
        if (i % 5 == 0) {
          instance = UUID.randomUUID().toString();
        }
        String name = "load-" + UUID.randomUUID();
        Reply created = exchange("PUT", "/test-cases/" + instance, createBody(name), false);
        if (created == null) {
          createsAbandoned.incrementAndGet();
          continue;
        } else if (created.status() != 200) {
          continue;
        }
        String testCase = created.json().getString("TestCaseId");
        testCases.add(new Created(instance, testCase, name, created.via(), LocalTime.now()));
        String token = UUID.randomUUID().toString();
        Reply started = exchange("PUT", startPath(instance, testCase), new JsonObject().put("ClientToken", token),
            true);
        if (started == null || started.status() != 200) {
          continue;
        }
        String execution = started.json().getString("TestCaseExecutionId");
        executions.add(new Started(instance, testCase, execution, token, started.via(), LocalTime.now()));
        if (read) {
          exchange("GET", "/test-cases/" + instance + "/" + testCase, null, true);
          exchange("GET", summaryPath(instance, testCase, execution), null, true);
        }
      }
    }

    void error(String what) {
      if (errorCount.incrementAndGet() <= 30) {
        errors.add(LocalTime.now() + " " + what);
      }
    }

    void assertNoErrors() {
      if (errorCount.get() > 0) {
        throw new AssertionError(errorCount.get() + " errors, the first " + errors.size() + ":\n  "
            + String.join("\n  ", errors));
      }
    }

    /** The answer (200 or an error, recorded), or null if the outcome is unknown or the retries ran out. */
    Reply exchange(String method, String path, JsonObject body, boolean idempotent) {
      long deadline = System.nanoTime() + RETRY_FOR.toNanos();
      long backoff = 10;
      // Every attempt, for the error message: when, through which node, and what came of it.
      List<String> trail = new ArrayList<>();
      String request = method + " " + path + (body == null || !body.containsKey("ClientToken") ? ""
          : " token " + body.getString("ClientToken")) + (body == null || !body.containsKey("Name") ? ""
          : " name " + body.getString("Name"));
      while (System.nanoTime() < deadline) {
        Node node = nextNode();
        if (node == null) {
          error("no live node for " + request + "; attempts " + trail);
          return null;
        }
        Reply reply;
        String sentAt = LocalTime.now().toString();
        try {
          reply = call(node, method, path, body);
        } catch (ConnectException refusedConnection) {
          trail.add(sentAt + " " + node + ": refused");
          if (!node.alive) {
            refused.incrementAndGet();
            continue; // never sent: a survivor takes it
          }
          error(node + " (alive) refused " + request + "; attempts " + trail);
          return null;
        } catch (IOException failed) {
          trail.add(sentAt + " " + node + ": " + failed);
          if (!node.alive) {
            cutOff.incrementAndGet();
            if (idempotent) {
              if (method.equals("PUT")) {
                startsRetried.incrementAndGet();
              }
              continue;
            }
            return null;
          }
          error(node + " (alive) failed " + request + "; attempts " + trail);
          return null;
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          error("interrupted: " + request);
          return null;
        }
        trail.add(sentAt + " " + node + ": " + reply.status() + (reply.errorType() == null ? ""
            : " " + reply.errorType()));
        if (reply.status() == 429) {
          throttled.incrementAndGet();
          sleep(backoff);
          backoff = Math.min(backoff * 2, 200);
          continue;
        }
        if (reply.status() == 409 && !idempotent && trail.stream().anyMatch(attempt -> attempt.endsWith(" 429"
            + " ThrottlingException")) && !duplicateOf(path, body, reply).contains("has no test case")) {
          // A Create in flight to an owner that died: applied and backed up, but its answer was lost, so the caller
          // got 429 after the owner's timeout and its retry meets its own test case. Like a Create cut off by the
          // killed node itself, its outcome was unknown to the caller: abandoned, not an error (Create has no token).
          createsAnsweredByNoOne.incrementAndGet();
          return null;
        }
        if (reply.status() != 200) {
          error(request + " -> " + reply + "; attempts " + trail + duplicateOf(path, body, reply));
        }
        return reply.via(node);
      }
      error(request + ": still 429 after " + RETRY_FOR.toSeconds() + " s of retries; attempts " + trail);
      return null;
    }

    /**
     * For a Create refused as a duplicate of a name only this request used: the test case of that name, with its
     * creation time, which tells which attempt created it.
     */
    private String duplicateOf(String path, JsonObject body, Reply reply) {
      if (reply.status() != 409 || body == null || !body.containsKey("Name")) {
        return "";
      }
      Node node = nextNode();
      try {
        Reply list = call(node, "GET", path.replace("/test-cases/", "/test-cases-summary/"), null);
        if (list.status() != 200) {
          return "; ListTestCases through " + node + ": " + list;
        }
        JsonArray summaries = list.json().getJsonArray("TestCaseSummaryList", new JsonArray());
        for (int i = 0; i < summaries.size(); i++) {
          JsonObject summary = summaries.getJsonObject(i);
          if (body.getString("Name").equals(summary.getString("Name"))) {
            return "; the test case of that name (ListTestCases through " + node + "): " + summary.getString("Id")
                + ", LastModifiedTime " + timeOfDay(summary.getValue("LastModifiedTime"));
          }
        }
        return "; ListTestCases through " + node + " has no test case of that name: " + list;
      } catch (Exception e) {
        return "; ListTestCases through " + node + ": " + e;
      }
    }

    private Node nextNode() {
      List<Node> live = nodes.stream().filter(node -> node.alive && node.routable).toList();
      return live.isEmpty() ? null : live.get(Math.floorMod(turn.getAndIncrement(), live.size()));
    }
  }

  /**
   * Reads every acknowledged test case (Describe: its id and name) and execution (Summary) through each of
   * {@code through}, retrying 429s and anything else until {@code deadline}; returns when the last was readable.
   */
  private long awaitReadable(Load load, List<Node> through, long deadline) throws Exception {
    return awaitReadable(List.copyOf(load.testCases), List.copyOf(load.executions), through, deadline);
  }

  private long awaitReadable(Collection<Created> testCases, Collection<Started> executions, List<Node> through,
      long deadline) throws Exception {
    Map<String, Callable<Reply>> reads = new LinkedHashMap<>();
    Map<String, Predicate<Reply>> good = new HashMap<>();
    for (Node node : through) {
      for (Created item : testCases) {
        String key = node + " test case " + item;
        reads.put(key, () -> call(node, "GET", "/test-cases/" + item.instance() + "/" + item.testCase(), null));
        good.put(key, reply -> reply.status() == 200
            && item.testCase().equals(reply.json().getJsonObject("TestCase").getString("Id"))
            && item.name().equals(reply.json().getJsonObject("TestCase").getString("Name")));
      }
      for (Started item : executions) {
        String key = node + " execution " + item;
        reads.put(key, () -> call(node, "GET", summaryPath(item.instance(), item.testCase(), item.execution()),
            null));
        good.put(key, reply -> reply.status() == 200);
      }
    }
    Map<String, String> unreadable = new ConcurrentHashMap<>();
    reads.keySet().forEach(key -> unreadable.put(key, "not read yet"));
    var retries = new AtomicLong();
    var firstFailures = new ConcurrentLinkedQueue<String>();
    var slowest = new AtomicLong();
    int passes = 0;
    long begin = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      while (!unreadable.isEmpty() && System.nanoTime() < deadline) {
        passes++;
        List<Future<?>> pass = new ArrayList<>();
        for (String key : List.copyOf(unreadable.keySet())) {
          pass.add(pool.submit(() -> {
            long sent = System.nanoTime();
            String failure;
            try {
              Reply reply = reads.get(key).call();
              if (good.get(key).test(reply)) {
                unreadable.remove(key);
                failure = null;
              } else {
                failure = reply.toString();
              }
            } catch (Exception failed) {
              failure = failed.toString();
            }
            long took = millisSince(sent);
            slowest.accumulateAndGet(took, Math::max);
            if (failure != null) {
              unreadable.put(key, failure);
              if (retries.incrementAndGet() <= 5) {
                firstFailures.add(LocalTime.now() + " " + key.substring(0, key.indexOf('[')) + " after " + took
                    + " ms: " + (failure.length() > 120 ? failure.substring(0, 120) + "…" : failure));
              }
            }
            return null;
          }));
        }
        for (Future<?> read : pass) {
          read.get(REQUEST_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
        }
        if (!unreadable.isEmpty()) {
          Thread.sleep(50);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    if (!unreadable.isEmpty()) {
      throw new AssertionError(unreadable.size() + " reads of acknowledged writes (of " + reads.size()
          + ") still failing at " + LocalTime.now() + " (" + retries.get() + " reads retried); the first of them,"
          + " with a read of each through every live node now:\n" + diagnose(unreadable));
    }
    System.out.printf("cluster: %d reads of acknowledged writes through %s in %d ms: %d passes, slowest read %d ms,"
        + " %d reads retried%s%n", reads.size(), through, millisSince(begin), passes, slowest.get(), retries.get(),
        firstFailures.isEmpty() ? "" : " (first: " + String.join("; ", firstFailures) + ")");
    return System.nanoTime();
  }

  /** Up to 20 failing reads, each with what every live node answers for the same item now. */
  private String diagnose(Map<String, String> unreadable) {
    StringBuilder text = new StringBuilder();
    unreadable.entrySet().stream().sorted(Map.Entry.comparingByKey()).limit(20).forEach(entry -> {
      text.append("  ").append(entry.getKey()).append(" -> ").append(entry.getValue()).append('\n');
      String path = pathOf(entry.getKey());
      for (Node node : nodes) {
        if (node.alive && path != null) {
          String answer;
          try {
            answer = call(node, "GET", path, null).toString();
          } catch (Exception e) {
            answer = e.toString();
          }
          text.append("      through ").append(node).append(": ").append(answer).append('\n');
        }
      }
    });
    return text.toString();
  }

  /** The GET path of a read named by {@link #awaitReadable}'s keys. */
  private static String pathOf(String key) {
    var created = java.util.regex.Pattern.compile("Created\\[instance=([^,]+), testCase=([^,]+),").matcher(key);
    if (created.find()) {
      return "/test-cases/" + created.group(1) + "/" + created.group(2);
    }
    var started = java.util.regex.Pattern.compile(
        "Started\\[instance=([^,]+), testCase=([^,]+), execution=([^,]+),").matcher(key);
    return started.find() ? summaryPath(started.group(1), started.group(2), started.group(3)) : null;
  }

  /** Polls every acknowledged execution until its status is final; returns the count of each final status. */
  private Map<String, Integer> awaitFinal(Load load, List<Node> through, Duration within) throws Exception {
    Map<Started, String> last = new ConcurrentHashMap<>();
    load.executions.forEach(run -> last.put(run, "not read yet"));
    long deadline = System.nanoTime() + within.toNanos();
    int turn = 0;
    while (System.nanoTime() < deadline && last.values().stream().anyMatch(status -> !FINAL.contains(status))) {
      for (Map.Entry<Started, String> entry : last.entrySet()) {
        if (FINAL.contains(entry.getValue())) {
          continue;
        }
        Started run = entry.getKey();
        Reply reply = call(through.get(turn++ % through.size()), "GET",
            summaryPath(run.instance(), run.testCase(), run.execution()), null);
        entry.setValue(reply.status() == 200 ? reply.json().getString("Status") : reply.toString());
      }
      Thread.sleep(100);
    }
    Map<String, String> unfinished = new TreeMap<>();
    last.forEach((run, status) -> {
      if (!FINAL.contains(status)) {
        unfinished.put(run.toString(), status);
      }
    });
    assertThat(unfinished).as("executions not final within %d s", within.toSeconds()).isEmpty();
    Map<String, Integer> counts = new TreeMap<>();
    last.values().forEach(status -> counts.merge(status, 1, Integer::sum));
    return counts;
  }

  // ------------------------------------------------------------------------------------------------ cluster views

  private JsonObject clusterView(Node node) throws Exception {
    Reply reply = call(node, "GET", "/_emulator/cluster", null);
    if (reply.status() != 200) {
      throw new AssertionError(node + ": GET /_emulator/cluster -> " + reply);
    }
    return reply.json();
  }

  /**
   * Waits until every node in {@code live} sees exactly those nodes (by member id) as the members, with every
   * partition owned (the members' partitions add up to partitionCount), each member owning some, nothing
   * migrating, and each member's http address, where shown, the node's own.
   */
  private Map<Node, JsonObject> awaitClusterViews(List<Node> live, Duration within) throws Exception {
    Set<String> ids = live.stream().map(node -> node.memberId).collect(Collectors.toSet());
    Map<String, String> httpOf = live.stream().collect(Collectors.toMap(node -> node.memberId, Node::base));
    Map<Node, JsonObject> views = new LinkedHashMap<>();
    return waitFor(within, () -> {
      views.clear();
      for (Node node : live) {
        views.put(node, clusterView(node));
      }
      return views;
    }, all -> all.entrySet().stream().allMatch(entry -> {
      JsonObject view = entry.getValue();
      List<JsonObject> members = members(view);
      return memberIds(view).equals(ids) && members.size() == ids.size()
          && !view.getBoolean("migrating", true)
          && entry.getKey().memberId.equals(view.getString("localMember"))
          && members.stream().mapToInt(member -> member.getInteger("partitions", 0)).sum()
              == view.getInteger("partitionCount", -1)
          && members.stream().allMatch(member -> member.getInteger("partitions", 0) > 0
              && (member.getString("http") == null
                  || member.getString("http").equals(httpOf.get(member.getString("id"))))
              && member.getBoolean("local", false) == member.getString("id").equals(view.getString("localMember")));
    }), live.size() + " members, every partition owned, nothing migrating, seen by " + live);
  }

  private static List<JsonObject> members(JsonObject view) {
    JsonArray members = view.getJsonArray("members", new JsonArray());
    List<JsonObject> list = new ArrayList<>();
    for (int i = 0; i < members.size(); i++) {
      list.add(members.getJsonObject(i));
    }
    return list;
  }

  private static Set<String> memberIds(JsonObject view) {
    return members(view).stream().map(member -> member.getString("id")).collect(Collectors.toSet());
  }

  /** Partitions (and instances) per node, e.g. {@code node 2: 136 (4 instances)}. */
  private String partitionShares(JsonObject view) {
    return members(view).stream().map(member -> {
      String who = nodes.stream().filter(node -> member.getString("id").equals(node.memberId))
          .map(Node::toString).findFirst().orElse(member.getString("id"));
      return who + ": " + member.getInteger("partitions") + " (" + member.getValue("instances") + " instances)";
    }).sorted().collect(Collectors.joining(", ", "[", "]"));
  }

  /**
   * The stats entries of {@code instance} from every live node, by node: one per node if stats are
   * cluster-wide, only its owner's if they are local. The test expects each of them to agree.
   */
  private Map<String, JsonObject> instanceStats(String instance) throws Exception {
    Map<String, JsonObject> found = new LinkedHashMap<>();
    for (Node node : nodes) {
      if (!node.alive) {
        continue;
      }
      Reply reply = send(node, "GET", "/_emulator/stats", null);
      assertThat(reply.status()).as("%s stats: %s", node, reply).isEqualTo(200);
      JsonObject instances = reply.json().getJsonObject("instances", new JsonObject());
      for (String key : instances.fieldNames()) {
        if (key.equals(instance) || key.endsWith("/" + instance)) {
          found.put(node + " " + key, instances.getJsonObject(key));
        }
      }
    }
    return found;
  }

  private static int executionTotal(JsonObject instanceStats) {
    JsonObject executions = instanceStats.getJsonObject("executions", new JsonObject());
    return executions.fieldNames().stream().mapToInt(executions::getInteger).sum();
  }

  // ------------------------------------------------------------------------------------------------ HTTP

  private record Reply(int status, String errorType, String body, String via) {
    JsonObject json() {
      return new JsonObject(body);
    }

    Reply via(Node node) {
      return new Reply(status, errorType, body, node.toString());
    }

    @Override
    public String toString() {
      return status + (errorType == null ? "" : " " + errorType) + " "
          + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
    }
  }

  private Reply call(Node node, String method, String path, JsonObject body)
      throws IOException, InterruptedException {
    var request = HttpRequest.newBuilder(URI.create(node.base() + path)).timeout(REQUEST_TIMEOUT);
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body.encode()));
    }
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    String errorType = response.headers().firstValue("x-amzn-ErrorType").map(type -> type.split(":", 2)[0])
        .orElse(null);
    return new Reply(response.statusCode(), errorType, response.body(), node.toString());
  }

  /** A request to one node in steady state: 429s (allowed at any time) retried with a backoff, then the answer. */
  private Reply send(Node node, String method, String path, JsonObject body) throws Exception {
    long deadline = System.nanoTime() + RETRY_FOR.toNanos();
    long backoff = 10;
    while (true) {
      Reply reply = call(node, method, path, body);
      if (reply.status() != 429 || System.nanoTime() > deadline) {
        return reply;
      }
      steadyRetries.incrementAndGet();
      Thread.sleep(backoff);
      backoff = Math.min(backoff * 2, 200);
    }
  }

  private String create(Node node, String instance, String name) throws Exception {
    Reply created = send(node, "PUT", "/test-cases/" + instance, createBody(name));
    assertThat(created.status()).as("Create through %s: %s", node, created).isEqualTo(200);
    return created.json().getString("TestCaseId");
  }

  private static JsonObject createBody(String name) {
    return new JsonObject().put("Name", name).put("Content", Fixtures.CONTENT);
  }

  private static String startPath(String instance, String testCase) {
    return "/test-cases/" + instance + "/" + testCase + "/start-execution";
  }

  private static String summaryPath(String instance, String testCase, String execution) {
    return "/test-cases/" + instance + "/" + testCase + "/" + execution + "/summary";
  }

  private static String events(String instance) {
    return "connect-emulator.events." + instance;
  }

  // ------------------------------------------------------------------------------------------------ TCP bridge

  /** A TCP event-bus-bridge client: 4-byte big-endian length, then a JSON object; frames read by a thread. */
  private static final class BridgeClient implements AutoCloseable {
    final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
    private final Socket socket;
    private final DataOutputStream out;

    BridgeClient(int port) throws IOException {
      socket = new Socket("127.0.0.1", port);
      out = new DataOutputStream(socket.getOutputStream());
      var in = new DataInputStream(socket.getInputStream());
      Thread reader = new Thread(() -> {
        try {
          while (true) {
            byte[] frame = new byte[in.readInt()];
            in.readFully(frame);
            frames.add(new JsonObject(new String(frame, StandardCharsets.UTF_8)));
          }
        } catch (IOException closed) {
          // the socket was closed
        }
      }, "bridge-reader");
      reader.setDaemon(true);
      reader.start();
    }

    synchronized void write(JsonObject frame) throws IOException {
      byte[] json = frame.encode().getBytes(StandardCharsets.UTF_8);
      out.writeInt(json.length);
      out.write(json);
      out.flush();
    }

    JsonObject next(Predicate<JsonObject> wanted, Duration within) throws InterruptedException {
      return Eventually.take(frames, wanted, within);
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  private static boolean passedAll(Map<String, List<String>> statuses, Collection<String> executions) {
    return executions.stream().allMatch(execution -> statuses.getOrDefault(execution, List.of()).contains("PASSED"));
  }

  // ------------------------------------------------------------------------------------------------ helpers

  /** Calls {@code probe} until {@code done} holds for its value (or the time is up: fails naming the last value). */
  private static <T> T waitFor(Duration within, Callable<T> probe, Predicate<? super T> done, String what)
      throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    T last = probe.call();
    while (!done.test(last)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(what + ": not within " + within.toSeconds() + " s; last seen: " + last);
      }
      Thread.sleep(50);
      last = probe.call();
    }
    return last;
  }

  /** An AWS timestamp (epoch seconds, with milliseconds) as a time of day, as the nodes' logs show it. */
  private static String timeOfDay(Object epochSeconds) {
    if (!(epochSeconds instanceof Number seconds)) {
      return String.valueOf(epochSeconds);
    }
    return java.time.Instant.ofEpochMilli(Math.round(seconds.doubleValue() * 1000))
        .atZone(java.time.ZoneId.systemDefault()).toLocalTime().toString();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long millisSince(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }

  private static long millisBetween(long fromNanos, long toNanos) {
    return TimeUnit.NANOSECONDS.toMillis(toNanos - fromNanos);
  }

  /** Copies every node's log to target/cluster-process-test/<cluster name>/ and prints the tails. */
  private void saveLogs(String failed) {
    Path kept = Path.of("target", "cluster-process-test", clusterName);
    try {
      Files.createDirectories(kept);
      for (Node node : nodes) {
        if (Files.exists(node.log)) {
          Files.copy(node.log, kept.resolve(node.log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
          System.out.printf("cluster: %s failed; tail of %s (full log in %s):%n%s%n", failed, node,
              kept.toAbsolutePath().resolve(node.log.getFileName()), tail(node.log, 20));
        }
      }
    } catch (IOException e) {
      System.out.println("cluster: could not keep the logs: " + e);
    }
  }

  private static String tail(Path log, int lines) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }
}
