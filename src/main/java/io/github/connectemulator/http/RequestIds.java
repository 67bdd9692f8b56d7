package io.github.connectemulator.http;

import io.github.connectemulator.model.Ids;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

/** Every response, success or error, carries {@code x-amzn-RequestId}; SDKs expose it as the request id. */
final class RequestIds {

  static final CharSequence HEADER = HttpHeaders.createOptimized("x-amzn-RequestId");

  private RequestIds() {}

  static void ensure(HttpServerResponse response) {
    if (!response.headers().contains(HEADER)) {
      response.putHeader(HEADER, Ids.randomUuid());
    }
  }
}
