package io.github.connectemulator.service;

import io.github.connectemulator.owner.protocol.AdminCommand;
import io.github.connectemulator.admin.EveryOwner;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** {@code GET /metrics}: asks every owner for its load, then answers the registry in Prometheus text format. */
public final class MetricsRoute {

  public static final String PATH = "/metrics";
  private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final EventBus bus;
  private final int ownerCount;
  private final PrometheusMeterRegistry registry;
  private final ExecutionMetrics executions;

  public MetricsRoute(EventBus bus, int ownerCount, PrometheusMeterRegistry registry, ExecutionMetrics executions) {
    this.bus = bus;
    this.ownerCount = ownerCount;
    this.registry = registry;
    this.executions = executions;
  }

  public void mountOn(Router router) {
    router.get(PATH).handler(this::scrape);
  }

  private void scrape(RoutingContext ctx) {
    List<Future<Object>> loads = EveryOwner.ask(bus, ownerCount, new AdminCommand.ReadLoad());
    Future.all(loads)
        .onSuccess(all -> {
          long running = 0;
          long queued = 0;
          long retained = 0;
          for (Future<Object> reply : loads) {
            var load = (AdminCommand.OwnerLoad) reply.result();
            running += load.running();
            queued += load.queued();
            retained += load.retained();
          }
          executions.setLoad(running, queued, retained);
        })
        .onComplete(refreshed -> ctx.response().putHeader("Content-Type", CONTENT_TYPE).end(registry.scrape()));
  }
}
