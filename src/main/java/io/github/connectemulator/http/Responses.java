package io.github.connectemulator.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/** Successful responses: 200 with a JSON body. */
final class Responses {

  static final CharSequence APPLICATION_JSON = HttpHeaders.createOptimized("application/json");

  private Responses() {}

  static void json(RoutingContext ctx, Buffer body) {
    ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, APPLICATION_JSON).end(body);
  }
}
