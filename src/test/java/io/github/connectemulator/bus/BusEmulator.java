package io.github.connectemulator.bus;

import io.github.connectemulator.Emulator;
import io.github.connectemulator.config.EmulatorConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** An emulator in a Vertx of its own, with fast runs, called over the event bus: what the bus tests share. */
final class BusEmulator implements AutoCloseable {

  static final long WAIT = 10;

  final Vertx vertx;
  final Emulator emulator;

  private BusEmulator(Vertx vertx, Emulator emulator) {
    this.vertx = vertx;
    this.emulator = emulator;
  }

  /** Local-only on a free port, runs of tens of milliseconds, and {@code keys} over that. */
  static BusEmulator start(Map<String, String> keys) throws Exception {
    Vertx vertx = Vertx.vertx();
    var all = new HashMap<>(Map.of("http.host", "127.0.0.1", "http.port", "0",
        "timing.initiatedMillis", "10", "timing.observationMillis", "20"));
    all.putAll(keys);
    return new BusEmulator(vertx, Emulator.deploy(vertx, EmulatorConfig.withKeys(all)).await(WAIT, TimeUnit.SECONDS));
  }

  /** An operation over the bus that must succeed; its reply. */
  JsonObject call(String operation, JsonObject members) throws Exception {
    return vertx.eventBus().<JsonObject>request(BusAddresses.operation(operation), members)
        .map(reply -> reply.body())
        .await(WAIT, TimeUnit.SECONDS);
  }

  /**
   * The emulator first, in its order (bridge, bus gateway, routers, owners), so that no connection of the gateway is
   * left for the routers' graceful shutdown to wait on; then the Vertx.
   */
  @Override
  public void close() throws Exception {
    emulator.undeploy().await(WAIT * 2, TimeUnit.SECONDS);
    vertx.close().await(WAIT, TimeUnit.SECONDS);
  }
}
