package io.github.connectemulator.admin.ui;

import io.github.connectemulator.http.Responses;
import io.github.connectemulator.operations.OwnerClient;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Predicate;

/**
 * The dashboard's routes on one router verticle. Public, without the admin token: the page's files, which hold no
 * data, and {@code GET /_emulator/ui/access}, which says whether a token is needed and whether the one sent is
 * right. Behind the token like the rest of the admin API: everything under {@code /_emulator/ui/api/}.
 */
public final class DashboardRoutes {

  static final String ROOT = "/_emulator/ui";
  static final String API = ROOT + "/api";

  private final DashboardAssets assets = new DashboardAssets();
  private final DashboardFeed feed;
  private final ExecutionQueries executions;

  DashboardRoutes(DashboardFeed feed, OwnerClient owners, java.time.Clock clock) {
    this.feed = feed;
    this.executions = new ExecutionQueries(owners, clock);
  }

  /**
   * The routes that need no token; mounted before the admin API's token check.
   *
   * @param tokenRequired whether admin.token is set
   * @param tokenAccepted whether a request carries the admin token
   */
  public void mountPublicOn(Router router, boolean tokenRequired, Predicate<RoutingContext> tokenAccepted) {
    // A plain path would also match ROOT + "/" (vert.x ignores a trailing slash) and redirect to itself.
    router.getWithRegex("^" + ROOT + "$").handler(ctx -> ctx.redirect(ROOT + "/"));
    router.get(ROOT + "/access").handler(ctx -> Responses.json(ctx, new JsonObject()
        .put("tokenRequired", tokenRequired)
        .put("tokenAccepted", !tokenRequired || tokenAccepted.test(ctx))
        .toBuffer()));
    router.routeWithRegex("^" + ROOT + "/(?!api/)(.*)$").handler(ctx -> {
      if (ctx.request().method() == io.vertx.core.http.HttpMethod.GET
          || ctx.request().method() == io.vertx.core.http.HttpMethod.HEAD) {
        assets.serve(ctx, ctx.normalizedPath().substring(ROOT.length() + 1));
      } else {
        ctx.next();
      }
    });
  }

  /** The data routes, mounted after the admin API's token check. */
  public void mountOn(Router router) {
    router.get(API + "/feed").handler(feed::open);
    router.get(API + "/executions").handler(executions::latest);
    router.get(API + "/records").handler(executions::records);
  }
}
