package io.github.connectemulator.http;

import io.github.connectemulator.admin.ui.Dashboard;
import io.github.connectemulator.config.Controls;
import io.github.connectemulator.operations.OperationCatalog;
import io.github.connectemulator.operations.OwnerClient;
import io.github.connectemulator.owner.AdjustableClock;
import io.github.connectemulator.service.EmulatorMetrics;
import io.github.connectemulator.service.Readiness;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * What every router verticle of one emulator shares.
 *
 * @param operations the operations the routes call (and through them the owners, with their admission bound)
 * @param owners the owners, for the admin API and the metrics' gauges
 * @param controls the runtime controls the admin API changes
 * @param clock the clock the admin API moves
 * @param readiness what the readiness probe reports
 * @param metrics the meters to record into and serve, or null when metrics are off
 * @param clusterView {@code GET /_emulator/cluster} in cluster mode, else null
 * @param dashboard the dashboard at {@code /_emulator/ui/}, or null when the admin API is off
 */
public record RouterServices(
    OperationCatalog operations,
    OwnerClient owners,
    Controls controls,
    AdjustableClock clock,
    Readiness readiness,
    EmulatorMetrics metrics,
    Handler<RoutingContext> clusterView,
    Dashboard dashboard) {}
