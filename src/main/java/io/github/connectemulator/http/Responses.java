package io.github.connectemulator.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/** Successful responses: 200 with a JSON body, or with none. */
public final class Responses {

  static final CharSequence APPLICATION_JSON = HttpHeaders.createOptimized("application/json");

  private Responses() {}

  /** For the operations whose output has no members: 200 with an empty body, as AWS shows it. */
  static void empty(RoutingContext ctx) {
    ctx.response().end();
  }

  public static void json(RoutingContext ctx, Buffer body) {
    ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, APPLICATION_JSON).end(body);
  }
}
