package io.github.connectemulator.admin;

import io.github.connectemulator.admin.ui.DashboardRoutes;
import io.github.connectemulator.config.ConfigException;
import io.github.connectemulator.config.Controls;
import io.github.connectemulator.http.AwsErrors;
import io.github.connectemulator.http.Responses;
import io.github.connectemulator.model.InstanceIds;
import io.github.connectemulator.operations.OwnerClient;
import io.github.connectemulator.operations.AwsErrorType;
import io.github.connectemulator.owner.AdjustableClock;
import io.github.connectemulator.owner.protocol.AdminCommand;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.TreeMap;

/**
 * The admin API under {@value #PREFIX}, a prefix no AWS path can take: reset, the effective configuration, the
 * runtime controls, the clock, manual steps and statistics, and the dashboard at {@code /_emulator/ui/}. It talks to the owners over the event bus and answers
 * with plain JSON; its errors have the AWS error shape like everything else.
 */
public final class AdminRoutes {

  static final String PREFIX = "/_emulator";

  private final OwnerClient owners;
  private final Controls controls;
  private final AdjustableClock clock;
  private final byte[] token;
  /** Cluster mode's {@code GET /_emulator/cluster}, or null on a single node. */
  private final Handler<RoutingContext> clusterView;
  /** The dashboard's routes at {@code /_emulator/ui/}, or null when there is none. */
  private final DashboardRoutes dashboard;

  /**
   * @param token required on every admin request unless empty
   * @param dashboard the dashboard's routes for this router, or null
   */
  public AdminRoutes(OwnerClient owners, Controls controls, AdjustableClock clock, String token,
      Handler<RoutingContext> clusterView, DashboardRoutes dashboard) {
    this.clusterView = clusterView;
    this.dashboard = dashboard;
    this.owners = owners;
    this.controls = controls;
    this.clock = clock;
    this.token = token.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  public void mountOn(Router router) {
    if (dashboard != null) {
      // The page's shell holds no data, so it loads without the token and asks for it.
      dashboard.mountPublicOn(router, token.length > 0, this::tokenAccepted);
    }
    if (token.length > 0) {
      router.route(PREFIX + "/*").handler(this::requireToken);
    }
    router.get(PREFIX + "/config").handler(this::config);
    router.get(PREFIX + "/controls").handler(this::showControls);
    router.put(PREFIX + "/controls").handler(this::changeControls);
    router.post(PREFIX + "/reset").handler(this::reset);
    router.get(PREFIX + "/clock").handler(this::showClock);
    router.post(PREFIX + "/clock/advance").handler(this::advanceClock);
    router.post(PREFIX + "/executions/advance").handler(this::stepRuns);
    router.get(PREFIX + "/stats").handler(this::stats);
    if (clusterView != null) {
      router.get(PREFIX + "/cluster").handler(clusterView);
    }
    if (dashboard != null) {
      dashboard.mountOn(router);
    }
  }

  private void requireToken(RoutingContext ctx) {
    if (tokenAccepted(ctx)) {
      ctx.next();
    } else {
      AwsErrors.send(ctx, AwsErrorType.ACCESS_DENIED, "The admin API needs its token (admin.token)");
    }
  }

  /** The token as a bearer token or in its own header, compared in constant time. */
  private boolean tokenAccepted(RoutingContext ctx) {
    String authorization = ctx.request().getHeader("Authorization");
    String given = ctx.request().getHeader("x-emulator-admin-token");
    if (given == null && authorization != null && authorization.startsWith("Bearer ")) {
      given = authorization.substring("Bearer ".length()).trim();
    }
    return given != null && java.security.MessageDigest.isEqual(
        token, given.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private void config(RoutingContext ctx) {
    ok(ctx, new JsonObject()
        .put("profile", controls.values().get("profile"))
        .put("values", new JsonObject(new TreeMap<>(controls.values()))));
  }

  private void showControls(RoutingContext ctx) {
    ok(ctx, controlValues());
  }

  /**
   * Body: configuration keys of runtime controls with their new values, e.g. {"quota.maxRunningPerInstance": 10},
   * or {"profile": "loadtest"} to apply a profile's runtime controls.
   */
  private void changeControls(RoutingContext ctx) {
    JsonObject body = jsonBody(ctx);
    if (body == null) {
      return;
    }
    var changes = new TreeMap<String, String>();
    body.forEach(entry -> changes.put(entry.getKey(), String.valueOf(entry.getValue())));
    try {
      controls.update(changes);
    } catch (ConfigException e) {
      AwsErrors.send(ctx, AwsErrorType.INVALID_PARAMETER, e.getMessage());
      return;
    }
    // Queued runs may now have slots, and timers may be due sooner.
    toEveryOwner(new AdminCommand.Nudge()).onComplete(done -> ok(ctx, controlValues()));
  }

  private void reset(RoutingContext ctx) {
    reply(ctx, toEveryOwner(new AdminCommand.ResetState()).map(done -> new JsonObject().put("reset", true)));
  }

  private void showClock(RoutingContext ctx) {
    ok(ctx, clockJson());
  }

  /** Body: {"millis": N}. Moves the emulator's clock forward and runs everything that became due. */
  private void advanceClock(RoutingContext ctx) {
    JsonObject body = jsonBody(ctx);
    if (body == null) {
      return;
    }
    Long millis = longMember(ctx, body, "millis");
    if (millis == null) {
      return;
    }
    clock.advance(millis);
    reply(ctx, toEveryOwner(new AdminCommand.Nudge()).map(done -> clockJson()));
  }

  /** Body (all optional): {"instanceId": ..., "executionId": ..., "steps": 1}. Moves manual-mode runs. */
  private void stepRuns(RoutingContext ctx) {
    JsonObject body = jsonBody(ctx);
    if (body == null) {
      return;
    }
    Long steps = body.containsKey("steps") ? longMember(ctx, body, "steps") : Long.valueOf(1);
    if (steps == null) {
      return;
    }
    String instance = body.getValue("instanceId") instanceof String id ? InstanceIds.canonical(id) : null;
    String execution = body.getValue("executionId") instanceof String id ? id : null;
    var command = new AdminCommand.StepRuns(instance, execution, (int) Math.min(steps, 10_000));
    List<Future<Object>> replies = instance == null
        ? everyOwner(command)
        : List.of(owners.ask(instance, command));
    reply(ctx, Future.all(replies).map(all -> {
      int runs = 0;
      for (Future<Object> reply : replies) {
        runs += ((AdminCommand.RunsStepped) reply.result()).runs();
      }
      return new JsonObject().put("runsAdvanced", runs);
    }));
  }

  private void stats(RoutingContext ctx) {
    List<Future<Object>> replies = everyOwner(new AdminCommand.ReadStats());
    reply(ctx, Future.all(replies).map(all -> StatsSummary.of(all.list())));
  }

  private JsonObject controlValues() {
    return new JsonObject(new java.util.LinkedHashMap<String, Object>(controls.runtimeValues()));
  }

  private JsonObject clockJson() {
    return new JsonObject().put("now", clock.millis()).put("offsetMillis", clock.offsetMillis());
  }

  private Future<Void> toEveryOwner(AdminCommand command) {
    return Future.all(everyOwner(command)).mapEmpty();
  }

  private List<Future<Object>> everyOwner(AdminCommand command) {
    return owners.askEveryOwner(command);
  }

  private static JsonObject jsonBody(RoutingContext ctx) {
    if (ctx.body().isEmpty()) {
      return new JsonObject();
    }
    JsonObject body = null;
    try {
      body = ctx.body().asJsonObject();
    } catch (DecodeException | ClassCastException e) {
      // answered below
    }
    if (body == null) {
      // Also a body of JSON null, which decodes to no object at all.
      AwsErrors.send(ctx, AwsErrorType.INVALID_PARAMETER, "The request body must be a JSON object");
    }
    return body;
  }

  private static Long longMember(RoutingContext ctx, JsonObject body, String member) {
    if (body.getValue(member) instanceof Number number && number.longValue() >= 0) {
      return number.longValue();
    }
    AwsErrors.send(ctx, AwsErrorType.INVALID_PARAMETER, member + " must be a whole number, 0 or more");
    return null;
  }

  private static void reply(RoutingContext ctx, Future<JsonObject> result) {
    result.onComplete(done -> {
      if (done.succeeded()) {
        ok(ctx, done.result());
      } else {
        AwsErrors.sendFailure(ctx, done.cause());
      }
    });
  }

  private static void ok(RoutingContext ctx, JsonObject body) {
    Responses.json(ctx, body.toBuffer());
  }
}
