package io.github.connectemulator;

import io.github.connectemulator.admin.ui.Dashboard;
import io.github.connectemulator.owner.protocol.CreateTestCase;
import io.github.connectemulator.owner.protocol.DeliverOnContext;
import io.github.connectemulator.owner.protocol.LocalCodec;
import io.github.connectemulator.bus.BusOperationsVerticle;
import io.github.connectemulator.cluster.ClusterNode;
import io.github.connectemulator.cluster.ClusterPlacement;
import io.github.connectemulator.cluster.ClusterView;
import io.github.connectemulator.cluster.PartitionOwners;
import io.github.connectemulator.bus.StatusEvents;
import io.github.connectemulator.bus.TcpBridge;
import io.github.connectemulator.config.BusSettings;
import io.github.connectemulator.config.ConfigException;
import io.github.connectemulator.config.Controls;
import io.github.connectemulator.config.EmulatorConfig;
import io.github.connectemulator.config.SeedFile;
import io.github.connectemulator.owner.AdjustableClock;
import io.github.connectemulator.owner.ExecutionVerticle;
import io.github.connectemulator.owner.RunListener;
import io.github.connectemulator.operations.AwsErrorType;
import io.github.connectemulator.operations.AwsFailure;
import io.github.connectemulator.operations.LocalPlacement;
import io.github.connectemulator.operations.OperationCatalog;
import io.github.connectemulator.operations.OwnerClient;
import io.github.connectemulator.operations.OwnerRef;
import io.github.connectemulator.operations.PageTokens;
import io.github.connectemulator.operations.Placement;
import io.github.connectemulator.http.RouterServices;
import io.github.connectemulator.http.RouterVerticle;
import io.github.connectemulator.service.EmulatorMetrics;
import io.github.connectemulator.service.Readiness;
import io.github.connectemulator.service.ServiceMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.eventbus.bridge.tcp.TcpEventBusBridge;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Deploys the emulator into a {@link Vertx}: the execution owners first, so that no request can reach an address
 * with nobody behind it, then the seeded test cases, then the router verticles that share the HTTP port. Readiness
 * turns UP when all are deployed, and DOWN as soon as {@link #shutdown()} begins.
 */
public final class Emulator {

  private final Vertx vertx;
  private final EmulatorConfig config;
  private final Controls controls;
  private final AdjustableClock clock = new AdjustableClock();
  private final Readiness readiness = new Readiness();
  private final EmulatorMetrics metrics;
  private final List<String> deployments = new ArrayList<>();
  private TcpEventBusBridge bridge;
  private int port = -1;
  private int adminPort = -1;
  private final Placement placement;
  private final OwnerClient owners;
  private final OperationCatalog operations;
  /** Cluster mode: this node, and the owners of the partitions it holds; null on a single node. */
  private final ClusterNode node;
  private PartitionOwners partitionOwners;

  private Emulator(Vertx vertx, EmulatorConfig config, PrometheusMeterRegistry registry, ClusterNode node) {
    this.vertx = vertx;
    this.config = config;
    this.node = node;
    this.controls = new Controls(config);
    this.metrics = registry == null ? null : EmulatorMetrics.in(registry);
    this.placement = node == null ? new LocalPlacement(config.ownerCount()) : new ClusterPlacement(node);
    this.owners = new OwnerClient(vertx.eventBus(), placement, config.maxInFlightPerOwner(),
        config.ownerRequestTimeoutMillis(), node != null);
    this.operations = new OperationCatalog(owners, new PageTokens(Clock.systemUTC()));
  }

  /**
   * Deploys with the given configuration; the future completes once the HTTP port is listening. With metrics on,
   * the emulator's meters go to a registry of its own (the Vert.x and JVM meters need {@link #deploy(Vertx,
   * EmulatorConfig, PrometheusMeterRegistry)} with the registry the {@code Vertx} was built with).
   */
  public static Future<Emulator> deploy(Vertx vertx, EmulatorConfig config) {
    return deploy(vertx, config, config.service().metricsEnabled() ? ServiceMetrics.newRegistry() : null);
  }

  /** @param registry where the metrics go and {@code /metrics} reads from; null: no metrics */
  public static Future<Emulator> deploy(Vertx vertx, EmulatorConfig config, PrometheusMeterRegistry registry) {
    return deploy(new Emulator(vertx, config, registry, null));
  }

  /**
   * One node of a cluster (cluster mode): the owners of the partitions Hazelcast gives this node, and the faces,
   * which reach every instance's owner wherever it runs. Readiness waits until this node serves its share.
   */
  public static Future<Emulator> deploy(ClusterNode node, EmulatorConfig config, PrometheusMeterRegistry registry) {
    return deploy(new Emulator(node.vertx(), config, registry, node))
        .onSuccess(emulator -> emulator.node.publishEndpoint(emulator.clusterEndpoint()));
  }

  private static Future<Emulator> deploy(Emulator emulator) {
    LocalCodec.registerAll(emulator.vertx.eventBus());
    DeliverOnContext.installOn(emulator.vertx.eventBus());
    return emulator.deployOwners()
        .compose(v -> emulator.seedTestCases())
        .compose(v -> emulator.deployRouters())
        .compose(v -> emulator.deployBusFace())
        .onSuccess(v -> emulator.readiness.markReady())
        .map(emulator);
  }

  /** Where an SDK reaches this emulator: {@code http://host:port}, with 127.0.0.1 for a wildcard host. */
  public String endpoint() {
    return "http://" + loopbackHost() + ":" + port;
  }

  /** Where other nodes and their users reach this node: cluster.host when HTTP listens on every interface. */
  private String clusterEndpoint() {
    String host = config.httpHost().equals("0.0.0.0") ? config.cluster().host() : config.httpHost();
    return "http://" + host + ":" + port;
  }

  /** The admin API's own port when {@code admin.port} is set, else -1 (it is on {@link #port()}). */
  public int adminPort() {
    return adminPort;
  }

  /** The host to reach the HTTP port at from this machine: 127.0.0.1 for a wildcard host. */
  private String loopbackHost() {
    return config.httpHost().equals("0.0.0.0") ? "127.0.0.1" : config.httpHost();
  }

  /** The HTTP port in use (the chosen one when the configuration asked for port 0). */
  public int port() {
    return port;
  }

  /** The Vertx the emulator runs in (clustered in cluster mode): its event bus carries the bus face and events. */
  public Vertx vertx() {
    return vertx;
  }

  public EmulatorConfig config() {
    return config;
  }

  /** The runtime controls in force, which the admin API can change. */
  public Controls controls() {
    return controls;
  }

  public Readiness readiness() {
    return readiness;
  }

  /**
   * The graceful way out: readiness DOWN at once; after {@code shutdown.drainDelayMillis} the routers stop accepting
   * and requests in flight get {@code shutdown.gracePeriodMillis} to finish; then the owners go.
   */
  public Future<Void> shutdown() {
    readiness.markStopping();
    long delay = config.service().shutdownDrainDelayMillis();
    Future<Void> drained = delay > 0 ? vertx.timer(delay).mapEmpty() : Future.succeededFuture();
    return drained.compose(v -> undeploy());
  }

  /**
   * Undeploys in the reverse order of deployment: the bridge and the bus gateway, the routers (each with the grace
   * period for requests in flight), then the owners.
   */
  public Future<Void> undeploy() {
    readiness.markStopping();
    Future<Void> chain = bridge == null ? Future.succeededFuture() : bridge.close();
    bridge = null;
    for (int i = deployments.size() - 1; i >= 0; i--) {
      String id = deployments.get(i);
      chain = chain.compose(v -> vertx.undeploy(id));
    }
    if (partitionOwners != null) {
      PartitionOwners partitions = partitionOwners;
      chain = chain.compose(v -> partitions.stop());
    }
    return chain.onComplete(done -> deployments.clear());
  }

  private Future<Void> deployOwners() {
    if (node != null) {
      partitionOwners = new PartitionOwners(node, (ClusterPlacement) placement, config, controls, clock,
          runListener());
      readiness.requireAlso(partitionOwners::settled);
      return partitionOwners.start();
    }
    List<Future<String>> owners = new ArrayList<>();
    for (OwnerRef owner : placement.owners()) {
      owners.add(vertx.deployVerticle(
          new ExecutionVerticle(owner.slot(), owner.address(), config, controls, clock, runListener())));
    }
    return Future.all(owners).onSuccess(all -> owners.forEach(f -> deployments.add(f.result()))).mapEmpty();
  }

  /** What the owners tell of their runs: the metrics and the status events, each if on. */
  private RunListener runListener() {
    List<RunListener> listeners = new ArrayList<>();
    if (metrics != null) {
      listeners.add(metrics.executions());
    }
    if (config.bus().events()) {
      listeners.add(new StatusEvents(vertx.eventBus()));
    }
    return RunListener.all(listeners);
  }

  /** The operations at their bus addresses, on as many event loops as the HTTP face; then the TCP bridge. */
  private Future<Void> deployBusFace() {
    BusSettings bus = config.bus();
    Future<Void> gateway = Future.succeededFuture();
    if (bus.operations()) {
      gateway = vertx.deployVerticle(
              () -> new BusOperationsVerticle(operations, owners, metrics == null ? null : metrics.operations()),
              new DeploymentOptions().setInstances(config.httpVerticles()))
          .onSuccess(deployments::add)
          .mapEmpty();
    }
    if (!bus.bridge()) {
      return gateway;
    }
    return gateway
        .compose(v -> TcpBridge.listen(vertx, bus.bridgeHost(), bus.bridgePort()))
        .onSuccess(listening -> bridge = listening)
        .mapEmpty();
  }

  /** Creates the test cases of {@code seed.file} one after another, so that seeded ids come out in file order. */
  private Future<Void> seedTestCases() {
    if (config.seedFile() == null) {
      return Future.succeededFuture();
    }
    return vertx.fileSystem().readFile(config.seedFile().toString())
        .recover(failure -> Future.failedFuture(
            new ConfigException("cannot read seed.file " + config.seedFile() + ": " + failure.getMessage())))
        .compose(buffer -> {
          Future<Void> chain = Future.succeededFuture();
          for (CreateTestCase command : SeedFile.parse(buffer.toString())) {
            chain = chain.compose(v -> seed(command, 0)
                .recover(failure -> Future.failedFuture(new ConfigException(
                    "seed.file test case '" + command.name() + "': " + failure.getMessage())))
                .mapEmpty());
          }
          return chain;
        });
  }

  /**
   * One seeded test case. In cluster mode every node reads the same seed file: a test case another node seeded is
   * already there, and a partition still moving answers ThrottlingException, so the seed is tried again.
   */
  private Future<Object> seed(CreateTestCase command, int attempt) {
    return owners.send(command).recover(failure -> {
      if (node == null || !(failure instanceof AwsFailure aws)) {
        return Future.failedFuture(failure);
      }
      if (aws.type() == AwsErrorType.DUPLICATE_RESOURCE) {
        return Future.succeededFuture();
      }
      if (aws.type() == AwsErrorType.THROTTLING && attempt < 100) {
        return vertx.timer(200).compose(t -> seed(command, attempt + 1));
      }
      return Future.failedFuture(failure);
    });
  }

  /**
   * All routers listen on one port. For port 0 they ask for -1 instead: Vert.x then picks one free port and shares
   * it between the instances, where port 0 would give each instance a port of its own. The first router is deployed
   * alone, and the others once it listens: on a machine with few cores the first request is then served by a router
   * that did not share the cores with the others' start.
   */
  private Future<Void> deployRouters() {
    EmulatorConfig listening = config.httpPort() == 0 ? config.withHttpPort(-1) : config;
    Dashboard dashboard = config.admin().enabled()
        ? new Dashboard(owners, controls, metrics == null ? null : metrics.registry(), clock)
        : null;
    var services = new RouterServices(operations, owners, controls, clock, readiness, metrics,
        node == null ? null : new ClusterView(node, owners), dashboard);
    Future<Void> sampling = dashboard == null
        ? Future.succeededFuture()
        : dashboard.deploy(vertx).onSuccess(deployments::add).mapEmpty();
    return sampling
        .compose(v -> deployRouterInstances(listening, services, 1))
        .compose(first -> {
          port = first.actualPort();
          adminPort = first.adminPort();
          int others = config.httpVerticles() - 1;
          return others == 0
              ? Future.succeededFuture()
              : deployRouterInstances(listening, services, others).mapEmpty();
        });
  }

  /** Deploys {@code instances} routers at once; the future gives one of them, for the port they share. */
  private Future<RouterVerticle> deployRouterInstances(
      EmulatorConfig listening, RouterServices services, int instances) {
    List<RouterVerticle> routers = Collections.synchronizedList(new ArrayList<>());
    return vertx.deployVerticle(
            () -> {
              var router = new RouterVerticle(listening, services);
              routers.add(router);
              return router;
            },
            new DeploymentOptions().setInstances(instances))
        .onSuccess(deployments::add)
        .map(id -> routers.get(0));
  }
}
