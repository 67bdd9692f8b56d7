package io.github.connectemulator.http;

import io.github.connectemulator.operations.AwsErrorType;
import io.github.connectemulator.operations.AwsError;
import io.github.connectemulator.operations.JsonBodies;
import io.netty.handler.codec.TooLongFrameException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.validation.BadRequestException;
import io.vertx.ext.web.validation.BodyProcessorException;
import io.vertx.ext.web.validation.ParameterProcessorException;
import io.vertx.ext.web.validation.RequestPredicateException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become AWS restJson1 errors: the status AWS uses, {@code x-amzn-ErrorType}, a JSON
 * body with {@code message}, and the request id every response carries.
 */
public final class AwsErrors {

  private static final Logger LOG = LoggerFactory.getLogger(AwsErrors.class);
  static final CharSequence ERROR_TYPE = HttpHeaders.createOptimized("x-amzn-ErrorType");

  private AwsErrors() {}

  /** Answers with an error; does nothing if a response was already sent. */
  public static void send(RoutingContext ctx, AwsErrorType type, String message, List<String> problems) {
    HttpServerResponse response = ctx.response();
    if (response.ended() || response.headWritten()) {
      return;
    }
    RequestIds.ensure(response);
    response
        .setStatusCode(type.httpStatus())
        .putHeader(HttpHeaders.CONTENT_TYPE, Responses.APPLICATION_JSON)
        .putHeader(ERROR_TYPE, type.wireName())
        .end(JsonBodies.error(type, message, problems));
  }

  public static void send(RoutingContext ctx, AwsErrorType type, String message) {
    send(ctx, type, message, List.of());
  }

  /**
   * Answers a failure: vertx-web's verdicts on the request here, everything else through the one mapping all faces
   * share ({@link AwsError#of}).
   */
  public static void sendFailure(RoutingContext ctx, Throwable failure) {
    if (failure instanceof BadRequestException badRequest) {
      send(ctx, AwsErrorType.INVALID_PARAMETER, ValidationMessages.describe(badRequest));
    } else if (failure instanceof io.vertx.ext.web.handler.HttpException http && http.getStatusCode() < 500) {
      // vertx-web's own verdict on the request (a malformed path or header): the caller's fault.
      send(ctx, AwsErrorType.INVALID_PARAMETER, "The request is malformed: " + http.getPayload());
    } else {
      AwsError error = AwsError.of(failure);
      if (error.unexpected()) {
        // The emulator's fault, not the caller's: the one place a stack trace is logged.
        RequestLog.withRequestIds(ctx.request(), ctx.response(), () -> LOG.error("Unexpected failure on {} {}",
            ctx.request().method(), ctx.request().path(), failure));
      }
      send(ctx, error.type(), error.message(), error.problems());
    }
  }

  /**
   * A request the HTTP decoder could not read (a request line or headers over their limits, or not HTTP at all):
   * answered as an AWS error instead of Vert.x's bare status, then the connection is closed, as its state is lost.
   */
  static void invalidRequest(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    AwsErrorType type = AwsErrorType.INVALID_PARAMETER;
    String message = "The request is not valid HTTP";
    if (cause instanceof io.netty.handler.codec.http.TooLongHttpLineException) {
      type = AwsErrorType.REQUEST_URI_TOO_LONG;
      message = "The request line is longer than the limit";
    } else if (cause instanceof io.netty.handler.codec.http.TooLongHttpHeaderException
        || cause instanceof TooLongFrameException) {
      type = AwsErrorType.REQUEST_HEADER_FIELDS_TOO_LARGE;
      message = "The request headers are larger than the limit";
    }
    HttpServerResponse response = request.response();
    RequestIds.ensure(response);
    response
        .setStatusCode(type.httpStatus())
        .putHeader(HttpHeaders.CONTENT_TYPE, Responses.APPLICATION_JSON)
        .putHeader(ERROR_TYPE, type.wireName())
        .putHeader(HttpHeaders.CONNECTION, "close")
        .end(JsonBodies.error(type, message, List.of()))
        .onComplete(written -> request.connection().close());
  }

  /**
   * A query string that cannot be percent-decoded ({@code %ZZ}) would fail deep inside vertx-web as an unexpected
   * exception, a 500; it is the caller's fault, so it is answered here, before routing, as a 400. Only a query with
   * a {@code %} is decoded early, so the common request pays one scan.
   */
  static boolean rejectMalformedQuery(RoutingContext ctx) {
    String query = ctx.request().query();
    if (query == null || query.indexOf('%') < 0) {
      return false;
    }
    try {
      ctx.queryParams();
      return false;
    } catch (RuntimeException malformed) {
      // vertx-web wraps the decoder's IllegalArgumentException in an HttpException(400).
      Throwable cause = malformed.getCause() != null ? malformed.getCause() : malformed;
      send(ctx, AwsErrorType.INVALID_PARAMETER, "The query string is not valid percent-encoding: "
          + String.valueOf(cause.getMessage()).replaceFirst(" at index .*", ""));
      return true;
    }
  }

  /**
   * A form or multipart body: AWS's JSON protocol takes neither, and vertx-web's BodyHandler would try to decode it
   * (and fail with an exception, a 500, on a GET), so it is refused before the body is read.
   */
  static boolean rejectFormBody(RoutingContext ctx) {
    String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    if (contentType == null) {
      return false;
    }
    String type = contentType.trim().toLowerCase(java.util.Locale.ROOT);
    if (type.startsWith("multipart/") || type.startsWith("application/x-www-form-urlencoded")) {
      send(ctx, AwsErrorType.INVALID_PARAMETER, "Unsupported Content-Type " + contentType + "; send application/json");
      return true;
    }
    return false;
  }

  private static void unknownOperation(RoutingContext ctx) {
    send(ctx, AwsErrorType.UNKNOWN_OPERATION, "No operation at " + ctx.request().method() + " " + ctx.request().path());
  }

  /** Turns the router's own failures (no route, wrong method, body too large, validation) into AWS errors. */
  static void installOn(io.vertx.ext.web.Router router, long maxBodyBytes) {
    router.errorHandler(400, ctx -> {
      Throwable failure = ctx.failure();
      if (failure instanceof ParameterProcessorException
          || failure instanceof BodyProcessorException
          || failure instanceof RequestPredicateException) {
        send(ctx, AwsErrorType.INVALID_PARAMETER, ValidationMessages.describe((BadRequestException) failure));
      } else if (failure != null) {
        sendFailure(ctx, failure);
      } else {
        send(ctx, AwsErrorType.INVALID_PARAMETER, "The request is malformed");
      }
    });
    // AWS answers a known path with the wrong method as it answers an unknown path.
    router.errorHandler(404, AwsErrors::unknownOperation);
    router.errorHandler(405, AwsErrors::unknownOperation);
    // BodyHandler goes on reading and discarding the rest of an oversized body, so the connection stays usable;
    // closing it here would reset it under a client still sending, and the client would never see the 413.
    router.errorHandler(413, ctx -> send(ctx, AwsErrorType.REQUEST_ENTITY_TOO_LARGE,
        "Request body exceeds the limit of " + maxBodyBytes + " bytes"));
    router.errorHandler(500, ctx -> sendFailure(ctx, ctx.failure()));
    // Whatever else vertx-web answers on its own (415 from an Expect it cannot meet, 417, 501 ...) is the
    // caller's request the emulator cannot take: an AWS error all the same.
    for (int status : new int[] {406, 411, 415, 417, 501}) {
      router.errorHandler(status, ctx -> send(ctx, AwsErrorType.INVALID_REQUEST, "The request cannot be served: HTTP "
          + status + " " + io.netty.handler.codec.http.HttpResponseStatus.valueOf(status).reasonPhrase()));
    }
  }
}
