package io.github.connectemulator.http;

import io.github.connectemulator.admin.AdminRoutes;
import io.github.connectemulator.config.AdminSettings;
import io.github.connectemulator.config.EmulatorConfig;
import io.github.connectemulator.config.ServiceSettings;
import io.github.connectemulator.service.HealthRoutes;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.Http2Settings;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP face of the emulator. It holds no state: each route validates its operation, then hands a typed command
 * to the owner of the instance over the event bus. Routes match on the raw path, so an instance ARN's {@code %2F}
 * stays inside its segment; path parameters arrive decoded.
 */
public final class RouterVerticle extends VerticleBase {

  /** Every AWS operation's path, and no other (probes, metrics and the admin API are not signed). */
  private static final String AWS_PATHS = "^/(test-cases|test-cases-summary|search-test-cases|test-case-executions)"
      + "(/.*)?$";

  private final EmulatorConfig config;
  private final RouterServices services;
  private HttpServer server;
  private HttpServer adminServer;

  public RouterVerticle(EmulatorConfig config, RouterServices services) {
    this.config = config;
    this.services = services;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.route().handler(RouterVerticle::admitRequest);
    if (config.service().logRequests()) {
      router.route().handler(RequestLog.accessLog());
    }
    // The body's buffer sized from Content-Length (SDKs send it): a Start body is some 50 bytes, and the 1 KB buffer
    // BodyHandler starts with otherwise was a tenth of all that a Start allocated.
    router.route().handler(BodyHandler.create(false).setBodyLimit(config.maxBodyBytes())
        .setPreallocateBodyBuffer(true));
    if (config.auth().sigv4()) {
      var verifier = new SigV4Verifier(config.auth(), java.time.Clock.systemUTC());
      router.routeWithRegex(AWS_PATHS).handler(verifier::verify);
    }

    OperationRoutes.mountOn(router, services.operations(),
        services.metrics() == null ? null : services.metrics().operations());
    // Probes and metrics after the operations: a path route ahead of them would cost every AWS request the
    // check of its path (and vertx-web's map of path parameters, made for the check).
    HealthRoutes.mountOn(router, vertx, services.readiness());
    if (services.metrics() != null) {
      services.metrics().route(services.owners()).mountOn(router);
    }

    AdminSettings admin = config.admin();
    Future<Void> adminListening = Future.succeededFuture();
    if (admin.enabled()) {
      var adminRoutes =
          new AdminRoutes(services.owners(), services.controls(), services.clock(), admin.token(),
              services.clusterView(), services.dashboard() == null ? null : services.dashboard().routes());
      if (admin.ownPort()) {
        adminListening = listenForAdmin(adminRoutes, admin);
      } else {
        adminRoutes.mountOn(router);
      }
    }
    AwsErrors.installOn(router, config.maxBodyBytes());

    services.owners().openReplyInbox(vertx);
    return adminListening.compose(v -> vertx.createHttpServer(serverOptions())
        .requestHandler(router)
        .invalidRequestHandler(AwsErrors::invalidRequest)
        .listen()
        .onSuccess(s -> server = s));
  }

  /** The admin API alone on {@code admin.host:admin.port}, away from the AWS port callers reach. */
  private Future<Void> listenForAdmin(AdminRoutes adminRoutes, AdminSettings admin) {
    Router adminRouter = Router.router(vertx);
    adminRouter.route().handler(RouterVerticle::admitRequest);
    adminRouter.route().handler(BodyHandler.create(false).setBodyLimit(config.maxBodyBytes()));
    adminRoutes.mountOn(adminRouter);
    AwsErrors.installOn(adminRouter, config.maxBodyBytes());
    // Port 0 becomes a negative port for the same reason as the AWS port: one free port shared by every router.
    // Vert.x shares one random port per negative number; the AWS port uses -1.
    int port = admin.port() == 0 ? -2 : admin.port();
    return vertx.createHttpServer(new HttpServerOptions().setHost(admin.host()).setPort(port))
        .requestHandler(adminRouter)
        .listen()
        .onSuccess(s -> adminServer = s)
        .mapEmpty();
  }

  /** The admin API's own port, or -1 when it shares the AWS port. */
  public int adminPort() {
    return adminServer == null ? -1 : adminServer.actualPort();
  }

  /**
   * Undeploying stops accepting at once and gives requests in flight the grace period to finish; HTTP/1.1
   * connections close after their current response, HTTP/2 ones get GOAWAY.
   */
  @Override
  public Future<?> stop() {
    long grace = config.service().shutdownGracePeriodMillis();
    Future<Void> admin = adminServer == null ? Future.succeededFuture() : adminServer.close();
    return admin.compose(v -> server == null
        ? Future.succeededFuture()
        : server.shutdown(grace, TimeUnit.MILLISECONDS));
  }

  private HttpServerOptions serverOptions() {
    ServiceSettings service = config.service();
    return new HttpServerOptions()
        .setHost(config.httpHost())
        .setPort(config.httpPort())
        .setHttp2ClearTextEnabled(service.h2c())
        // Idle means nothing received: every write here answers a request, so that is when a connection goes quiet.
        // Timing writes too (setIdleTimeout) has Netty put a listener on every write (its notification: 0.13 us of a
        // poll's CPU before, 0.05 after, in one bench/cpu-profile.sh summary pair).
        .setReadIdleTimeout(service.idleTimeoutSeconds())
        .setIdleTimeoutUnit(TimeUnit.SECONDS)
        .setMaxInitialLineLength(service.maxInitialLineLength())
        .setMaxHeaderSize(service.maxHeaderBytes())
        .setInitialSettings(new Http2Settings()
            .setMaxConcurrentStreams(service.maxConcurrentStreams())
            .setMaxHeaderListSize(service.maxHeaderBytes()));
  }

  /**
   * First on every router: the request id, and the requests vertx-web would fail on with a 500 (a query string that is
   * not percent-encoding, a form body) answered as the caller's errors.
   */
  private static void admitRequest(RoutingContext ctx) {
    RequestIds.tag(ctx.request(), ctx.response());
    if (!AwsErrors.rejectMalformedQuery(ctx) && !AwsErrors.rejectFormBody(ctx)) {
      ctx.next();
    }
  }

  /** The port this verticle's server listens on. */
  public int actualPort() {
    return server.actualPort();
  }
}
