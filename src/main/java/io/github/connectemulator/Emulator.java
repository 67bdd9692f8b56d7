package io.github.connectemulator;

import io.github.connectemulator.api.LocalCodec;
import io.github.connectemulator.config.EmulatorConfig;
import io.github.connectemulator.execution.ExecutionVerticle;
import io.github.connectemulator.http.RouterVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Deploys the emulator into a {@link Vertx}: the execution owners first, so that no request can reach an address
 * with nobody behind it, then the router verticles that share the HTTP port.
 */
public final class Emulator {

  private final Vertx vertx;
  private final EmulatorConfig config;
  private final List<String> deployments = new ArrayList<>();
  private int port = -1;

  private Emulator(Vertx vertx, EmulatorConfig config) {
    this.vertx = vertx;
    this.config = config;
  }

  /** Deploys with the given configuration; the future completes once the HTTP port is listening. */
  public static Future<Emulator> deploy(Vertx vertx, EmulatorConfig config) {
    LocalCodec.registerAll(vertx.eventBus());
    var emulator = new Emulator(vertx, config);
    return emulator.deployOwners().compose(v -> emulator.deployRouters()).map(emulator);
  }

  /** The HTTP port in use (the chosen one when the configuration asked for port 0). */
  public int port() {
    return port;
  }

  public EmulatorConfig config() {
    return config;
  }

  /** Undeploys the routers, then the owners. */
  public Future<Void> undeploy() {
    Future<Void> chain = Future.succeededFuture();
    for (int i = deployments.size() - 1; i >= 0; i--) {
      String id = deployments.get(i);
      chain = chain.compose(v -> vertx.undeploy(id));
    }
    return chain.onComplete(done -> deployments.clear());
  }

  private Future<Void> deployOwners() {
    List<Future<String>> owners = new ArrayList<>();
    for (int i = 0; i < config.ownerCount(); i++) {
      owners.add(vertx.deployVerticle(new ExecutionVerticle(i, config, Clock.systemUTC())));
    }
    return Future.all(owners).onSuccess(all -> owners.forEach(f -> deployments.add(f.result()))).mapEmpty();
  }

  /**
   * Port 0 is resolved by the first router, and the rest share the port it got, so that all instances serve one
   * port.
   */
  private Future<Void> deployRouters() {
    var first = new RouterVerticle(config);
    return vertx.deployVerticle(first)
        .compose(id -> {
          deployments.add(id);
          port = first.actualPort();
          EmulatorConfig shared = config.withHttpPort(port);
          int others = config.httpVerticles() - 1;
          if (others == 0) {
            return Future.succeededFuture();
          }
          return vertx.deployVerticle(() -> new RouterVerticle(shared), new DeploymentOptions().setInstances(others))
              .onSuccess(deployments::add)
              .mapEmpty();
        });
  }
}
