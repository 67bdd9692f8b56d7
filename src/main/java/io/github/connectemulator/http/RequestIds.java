package io.github.connectemulator.http;

import io.github.connectemulator.model.Ids;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/** Every response, success or error, carries {@code x-amzn-RequestId}; SDKs expose it as the request id. */
final class RequestIds {

  static final CharSequence HEADER = HttpHeaders.createOptimized("x-amzn-RequestId");

  private RequestIds() {}

  /** Gives the response its request id, and echoes a caller's {@code x-request-id}, as meshes expect. */
  static void tag(HttpServerRequest request, HttpServerResponse response) {
    ensure(response);
    String callerId = request.getHeader(RequestLog.X_REQUEST_ID);
    if (callerId != null) {
      response.putHeader(RequestLog.X_REQUEST_ID, callerId);
    }
  }

  static void ensure(HttpServerResponse response) {
    if (!response.headers().contains(HEADER)) {
      response.putHeader(HEADER, Ids.randomUuid());
    }
  }
}
