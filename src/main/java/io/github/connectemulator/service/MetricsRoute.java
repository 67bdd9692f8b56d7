package io.github.connectemulator.service;

import io.github.connectemulator.operations.OwnerClient;
import io.github.connectemulator.owner.protocol.AdminCommand;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** {@code GET /metrics}: asks every owner for its load, then answers the registry in Prometheus text format. */
public final class MetricsRoute {

  public static final String PATH = "/metrics";
  private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final OwnerClient owners;
  private final PrometheusMeterRegistry registry;
  private final ExecutionMetrics executions;

  public MetricsRoute(OwnerClient owners, PrometheusMeterRegistry registry, ExecutionMetrics executions) {
    this.owners = owners;
    this.registry = registry;
    this.executions = executions;
  }

  public void mountOn(Router router) {
    router.get(PATH).handler(this::scrape);
  }

  private void scrape(RoutingContext ctx) {
    List<Future<Object>> loads = owners.askEveryOwner(new AdminCommand.ReadLoad());
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
