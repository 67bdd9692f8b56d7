package io.github.connectemulator.http;

import io.github.connectemulator.config.Controls;
import io.github.connectemulator.config.EmulatorConfig;
import io.github.connectemulator.execution.AdjustableClock;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The HTTP face of the emulator. It holds no state: each route validates its operation, then hands a typed command
 * to the owner of the instance over the event bus. Routes match on the raw path, so an instance ARN's {@code %2F}
 * stays inside its segment; path parameters arrive decoded.
 */
public final class RouterVerticle extends VerticleBase {

  private final EmulatorConfig config;
  private final PageTokens pageTokens;
  private final Controls controls;
  private final AdjustableClock clock;
  private HttpServer server;

  /**
   * @param pageTokens shared by every router, so that any of them accepts a token another issued
   * @param controls the runtime controls the admin API changes
   * @param clock the clock the admin API moves
   */
  public RouterVerticle(EmulatorConfig config, PageTokens pageTokens, Controls controls, AdjustableClock clock) {
    this.config = config;
    this.pageTokens = pageTokens;
    this.controls = controls;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    var validators = new OperationValidators();
    var operations =
        new OperationHandlers(
            vertx.eventBus(), config.ownerCount(), config.ownerRequestTimeoutMillis(), pageTokens);

    Router router = Router.router(vertx);
    router.route().handler(ctx -> {
      RequestIds.ensure(ctx.response());
      ctx.next();
    });
    router.route().handler(BodyHandler.create(false).setBodyLimit(config.maxBodyBytes()));
    router.route().handler(RouterVerticle::treatBodyAsJson);

    // Routes are tried in order, each with a regular expression: the calls load tests make most come first.
    router.put("/test-cases/:InstanceId/:TestCaseId/start-execution")
        .handler(validators.startExecution).handler(operations::startExecution);
    router.get("/test-cases/:InstanceId/:TestCaseId/:TestCaseExecutionId/summary")
        .handler(validators.executionSummary).handler(operations::executionSummary);
    router.get("/test-cases/:InstanceId/:TestCaseId/:TestCaseExecutionId/records")
        .handler(validators.listRecords).handler(operations::listRecords);
    router.put("/test-cases/:InstanceId")
        .handler(validators.createTestCase).handler(operations::createTestCase);
    router.post("/test-cases/:InstanceId/:TestCaseId")
        .handler(validators.updateTestCase).handler(operations::updateTestCase);
    router.get("/test-cases/:InstanceId/:TestCaseId")
        .handler(validators.describeTestCase).handler(operations::describeTestCase);
    router.delete("/test-cases/:InstanceId/:TestCaseId")
        .handler(validators.deleteTestCase).handler(operations::deleteTestCase);
    router.get("/test-cases-summary/:InstanceId")
        .handler(validators.listTestCases).handler(operations::listTestCases);
    router.post("/search-test-cases")
        .handler(validators.searchTestCases).handler(operations::searchTestCases);
    router.post("/test-cases/:InstanceId/:TestCaseId/:TestCaseExecutionId/stop-execution")
        .handler(validators.stopExecution).handler(operations::stopExecution);
    router.get("/test-case-executions/:InstanceId")
        .handler(validators.listExecutions).handler(operations::listExecutions);

    if (config.adminEnabled()) {
      new AdminRoutes(vertx.eventBus(), config.ownerCount(), controls, clock).mountOn(router);
    }
    AwsErrors.installOn(router, config.maxBodyBytes());

    var options = new HttpServerOptions().setHost(config.httpHost()).setPort(config.httpPort());
    return vertx.createHttpServer(options).requestHandler(router).listen().onSuccess(s -> server = s);
  }

  /** The port this verticle's server listens on. */
  public int actualPort() {
    return server.actualPort();
  }

  /**
   * AWS SDKs always send JSON, but callers may leave out Content-Type, and an empty body means "no members". The
   * validator would skip a body without Content-Type, so such a body is declared JSON here and validated.
   */
  private static void treatBodyAsJson(RoutingContext ctx) {
    MultiMap headers = ctx.request().headers();
    if (ctx.body().isEmpty()) {
      headers.remove(HttpHeaders.CONTENT_TYPE);
    } else if (!headers.contains(HttpHeaders.CONTENT_TYPE)) {
      headers.set(HttpHeaders.CONTENT_TYPE, Responses.APPLICATION_JSON);
    }
    ctx.next();
  }
}
