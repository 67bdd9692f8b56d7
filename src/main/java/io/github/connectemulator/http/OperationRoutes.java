package io.github.connectemulator.http;

import io.github.connectemulator.operations.OperationCatalog;
import io.github.connectemulator.operations.OperationSpec;
import io.github.connectemulator.service.OperationMetrics;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The HTTP face of the operations: one route per operation of the catalog, at its HTTP binding, that validates the
 * request, calls the operation with the members it found, and writes the reply or the AWS error.
 */
final class OperationRoutes {

  private OperationRoutes() {}

  /** @param metrics where each operation is timed, or null when metrics are off */
  static void mountOn(Router router, OperationCatalog catalog, OperationMetrics metrics) {
    for (OperationSpec operation : catalog.operations()) {
      Route route = router.route(operation.method(), vertxPath(operation.pathTemplate()));
      if (metrics != null) {
        route.handler(metrics.measure(operation.name()));
      }
      // One handler checks and calls: no hand-over through the context's data map, one next() less per request.
      HttpValidation validation = HttpValidation.of(operation);
      route.handler(ctx -> call(operation, validation, ctx));
    }
  }

  private static void call(OperationSpec operation, HttpValidation validation, RoutingContext ctx) {
    HttpValidation.Checked checked = validation.check(ctx);
    if (checked == null) {
      return; // failed with 400 by the check
    }
    operation.invoke(new HttpMembers(operation, checked), ctx.get(SigV4Verifier.ACCOUNT))
        .onComplete(reply -> {
          if (reply.failed()) {
            AwsErrors.sendFailure(ctx, reply.cause());
            return;
          }
          Buffer body = reply.result();
          if (body == null) {
            Responses.empty(ctx);
          } else {
            Responses.json(ctx, body);
          }
        });
  }

  /** {@code /test-cases/{InstanceId}} → {@code /test-cases/:InstanceId}. */
  static String vertxPath(String template) {
    return template.replaceAll("\\{(\\w+)}", ":$1");
  }
}
