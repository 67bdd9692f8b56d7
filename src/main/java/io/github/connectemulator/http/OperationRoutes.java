package io.github.connectemulator.http;

import io.github.connectemulator.operations.OperationCatalog;
import io.github.connectemulator.operations.OperationSpec;
import io.github.connectemulator.service.OperationMetrics;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The HTTP face of the operations: one vertx-web route that finds the operation of the catalog whose HTTP binding
 * the request has, validates the request, calls the operation with the members it found, and writes the reply or
 * the AWS error. A request no operation binds goes on down the router (admin routes, then the unknown-operation
 * error). Finding the operation by method and {@link PathTemplate} rather than a vertx-web route per operation spares
 * each request a regular expression per route tried.
 */
final class OperationRoutes implements Handler<RoutingContext> {

  /** One operation's binding and what serves it. */
  private record Binding(OperationSpec operation, PathTemplate path, HttpValidation validation,
      OperationMetrics.HttpTiming timing) {}

  private static final Binding[] NONE = {};

  private final Map<HttpMethod, Binding[]> byMethod;

  private OperationRoutes(Map<HttpMethod, Binding[]> byMethod) {
    this.byMethod = byMethod;
  }

  /** @param metrics where each operation is timed, or null when metrics are off */
  static void mountOn(Router router, OperationCatalog catalog, OperationMetrics metrics) {
    Map<HttpMethod, List<Binding>> bindings = new HashMap<>();
    for (OperationSpec operation : catalog.operations()) {
      PathTemplate path = PathTemplate.parse(operation.pathTemplate());
      var binding = new Binding(operation, path, HttpValidation.of(operation, path),
          metrics == null ? null : metrics.httpTiming(operation.name()));
      bindings.computeIfAbsent(operation.method(), m -> new ArrayList<>()).add(binding);
    }
    Map<HttpMethod, Binding[]> byMethod = new HashMap<>();
    bindings.forEach((method, list) -> byMethod.put(method, list.toArray(Binding[]::new)));
    router.route().handler(new OperationRoutes(byMethod));
  }

  @Override
  public void handle(RoutingContext ctx) {
    Binding found = null;
    String[] labels = null;
    try {
      String path = ctx.normalizedPath();
      for (Binding binding : byMethod.getOrDefault(ctx.request().method(), NONE)) {
        labels = binding.path().match(path);
        if (labels != null) {
          found = binding;
          break;
        }
      }
    } catch (IllegalArgumentException notPercentEncoding) {
      // As vertx-web answers a path it cannot decode: 400, here with the reason.
      ctx.fail(400, new HttpException(400, "the path is not valid percent-encoding"));
      return;
    }
    if (found == null) {
      ctx.next();
      return;
    }
    ctx.request().routed(found.path().routeName());
    call(found, labels, ctx);
  }

  private static void call(Binding binding, String[] labels, RoutingContext ctx) {
    OperationMetrics.HttpTiming timing = binding.timing();
    long started = timing == null ? 0 : System.nanoTime();
    HttpValidation.Checked checked = binding.validation().check(ctx, labels);
    if (checked == null) {
      // Failed with 400 by the check.
      if (timing != null) {
        timing.answered(ctx, started);
      }
      return;
    }
    OperationSpec operation = binding.operation();
    operation.invoke(new HttpMembers(operation, checked), ctx.get(SigV4Verifier.ACCOUNT))
        .onComplete(reply -> {
          if (reply.failed()) {
            AwsErrors.sendFailure(ctx, reply.cause());
            if (timing != null) {
              timing.answered(ctx, started);
            }
            return;
          }
          Buffer body = reply.result();
          if (body == null) {
            Responses.empty(ctx);
          } else {
            Responses.json(ctx, body);
          }
          if (timing != null) {
            timing.succeeded(started);
          }
        });
  }
}
