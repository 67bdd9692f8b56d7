package io.github.connectemulator.admin.ui;

import io.github.connectemulator.config.Controls;
import io.github.connectemulator.operations.OwnerClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The dashboard of one emulator at {@code /_emulator/ui/}: a page served from the jar, fed live by a
 * {@link DashboardSampler} that reads the meters and the owners' statistics once a second, and streamed to each open
 * page by the {@link DashboardRoutes} of the router verticle that serves it. It keeps no state of its own beyond the
 * sampler's last five minutes of per-second samples.
 */
public final class Dashboard {

  private final FeedAddresses addresses;
  private final OwnerClient owners;
  private final Controls controls;
  private final MeterRegistry registry;
  private final Clock clock;
  /** Pages open on every router of this emulator: the owners are asked for statistics only while one is. */
  private final AtomicInteger openPages = new AtomicInteger();

  /**
   * @param registry where the emulator's meters are, or null when metrics are off (the load chart stays empty)
   * @param clock the emulator's clock, which runs' start times follow
   */
  public Dashboard(OwnerClient owners, Controls controls, MeterRegistry registry, Clock clock) {
    this.clock = clock;
    // Unique per emulator: two emulators embedded in one Vertx must not hear each other's samples.
    this.addresses = FeedAddresses.of("connect-emulator.dashboard." + UUID.randomUUID());
    this.owners = owners;
    this.controls = controls;
    this.registry = registry;
  }

  /** Deploys the sampler; its deployment id, for the emulator to undeploy with the rest. */
  public Future<String> deploy(Vertx vertx) {
    return vertx.deployVerticle(new DashboardSampler(addresses, openPages, owners, controls,
        registry == null ? null : new LoadMeter(registry)));
  }

  /** The routes of one router verticle; each router streams to the pages it serves, on its own event loop. */
  public DashboardRoutes routes() {
    return new DashboardRoutes(new DashboardFeed(addresses, openPages), owners, clock);
  }
}
