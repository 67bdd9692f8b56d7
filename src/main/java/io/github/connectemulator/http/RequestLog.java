package io.github.connectemulator.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The ids of a request in its log lines: the emulator's {@code x-amzn-RequestId}, and the caller's {@code
 * x-request-id} and W3C {@code traceparent} trace id when sent, put in the logging context (MDC fields {@code
 * requestId}, {@code xRequestId}, {@code traceId}) while a line about the request is written. The optional access log
 * ({@code log.requests}) writes one line per request to the logger {@code io.github.connectemulator.requests}.
 */
public final class RequestLog {

  public static final String LOGGER = "io.github.connectemulator.requests";
  static final String X_REQUEST_ID = "x-request-id";
  static final String TRACEPARENT = "traceparent";
  private static final Logger ACCESS = LoggerFactory.getLogger(LOGGER);

  private RequestLog() {}

  /** One line per request when it ends; installed only when the access log is on, so it costs nothing when off. */
  static Handler<RoutingContext> accessLog() {
    return ctx -> {
      long start = System.nanoTime();
      ctx.addEndHandler(ended -> {
        HttpServerResponse response = ctx.response();
        String errorType = response.headers().get(AwsErrors.ERROR_TYPE);
        withRequestIds(ctx.request(), response, () -> ACCESS.info("{} {} {} {} {} ms",
            ctx.request().method(), ctx.request().path(), response.getStatusCode(),
            errorType == null ? "-" : errorType, (System.nanoTime() - start) / 1_000_000));
      });
      ctx.next();
    };
  }

  /** Runs {@code logging} with the request's ids in the MDC, then removes them. */
  static void withRequestIds(HttpServerRequest request, HttpServerResponse response, Runnable logging) {
    putIfPresent("requestId", response.headers().get(RequestIds.HEADER));
    putIfPresent("xRequestId", request.getHeader(X_REQUEST_ID));
    putIfPresent("traceId", traceId(request.getHeader(TRACEPARENT)));
    try {
      logging.run();
    } finally {
      MDC.remove("requestId");
      MDC.remove("xRequestId");
      MDC.remove("traceId");
    }
  }

  /** The trace id of a W3C traceparent ({@code version-traceid-parentid-flags}), or null if it is not one. */
  static String traceId(String traceparent) {
    if (traceparent == null) {
      return null;
    }
    String[] parts = traceparent.trim().split("-");
    return parts.length >= 4 && parts[1].length() == 32 && parts[1].matches("[0-9a-f]{32}") ? parts[1] : null;
  }

  private static void putIfPresent(String key, String value) {
    if (value != null && !value.isEmpty()) {
      MDC.put(key, value.length() > 200 ? value.substring(0, 200) : value);
    }
  }
}
