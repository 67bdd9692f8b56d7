package io.github.connectemulator.service;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;

/**
 * Liveness and readiness probes, outside the AWS paths: {@code GET /health/live} (200 while the event loops answer)
 * and {@code GET /health/ready} (200 when every verticle is deployed and the emulator is not shutting down, else 503).
 * Both answer in the MicroProfile Health JSON that vertx-health-check writes.
 */
public final class HealthRoutes {

  public static final String LIVE = "/health/live";
  public static final String READY = "/health/ready";

  private HealthRoutes() {}

  public static void mountOn(Router router, Vertx vertx, Readiness readiness) {
    HealthChecks liveness = HealthChecks.create(vertx)
        .register("event-loop", promise -> promise.complete(Status.OK()));
    HealthChecks ready = HealthChecks.create(vertx)
        .register("deployment", promise -> promise.complete(
            readiness.isReady()
                ? Status.OK()
                : Status.KO(new JsonObject().put("phase", readiness.phase().name()))));
    router.get(LIVE).handler(HealthCheckHandler.createWithHealthChecks(liveness));
    router.get(READY).handler(HealthCheckHandler.createWithHealthChecks(ready));
  }
}
