package io.github.connectemulator.bus;

import io.github.connectemulator.operations.AwsError;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;

/**
 * How the bus operations fail: {@code failureCode} is the HTTP status the same call gets over HTTP (400, 404, 429,
 * ...), and the message is a JSON object {@code {"errorType":"ResourceNotFoundException","httpStatus":404,
 * "message":"..."}}. The static methods read it, for consumers in Java.
 */
public final class BusFailures {

  private BusFailures() {}

  static String encode(AwsError error) {
    return new JsonObject().put("errorType", error.type().wireName()).put("httpStatus", error.type().httpStatus())
        .put("message", error.message()).encode();
  }

  /** The AWS error type of a failed bus request, e.g. "ThrottlingException", or null if it is not one. */
  public static String errorType(Throwable failure) {
    JsonObject details = details(failure);
    return details == null ? null : details.getString("errorType");
  }

  /** The failure's {@code {errorType, httpStatus, message}}, or null if it is not a bus operation's failure. */
  public static JsonObject details(Throwable failure) {
    if (!(failure instanceof ReplyException reply) || reply.failureType() != ReplyFailure.RECIPIENT_FAILURE) {
      return null;
    }
    try {
      return new JsonObject(String.valueOf(reply.getMessage()));
    } catch (RuntimeException notJson) {
      return null;
    }
  }
}
