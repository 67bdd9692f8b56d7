package io.github.connectemulator.http;

import io.vertx.ext.web.validation.BadRequestException;
import io.vertx.ext.web.validation.BodyProcessorException;
import io.vertx.ext.web.validation.ParameterProcessorException;
import io.vertx.ext.web.validation.RequestPredicateException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Locale;

/** Turns vertx-web-validation failures into messages a caller can act on: which member, and what is wrong. */
final class ValidationMessages {

  private static final String ERRORS_START = "{ errors: [";
  private static final String ERRORS_END = "], annotations:";

  private ValidationMessages() {}

  static String describe(BadRequestException failure) {
    if (failure instanceof ParameterProcessorException parameter) {
      return describeParameter(parameter);
    }
    if (failure instanceof BodyProcessorException body) {
      return describeBody(body);
    }
    if (failure instanceof RequestPredicateException) {
      return "The request body is required";
    }
    return String.valueOf(failure.getMessage());
  }

  private static String describeParameter(ParameterProcessorException failure) {
    String where = failure.getLocation().name().toLowerCase(Locale.ROOT) + " parameter " + failure.getParameterName();
    return switch (failure.getErrorType()) {
      case MISSING_PARAMETER_WHEN_REQUIRED_ERROR -> "Missing required " + where;
      case PARSING_ERROR -> "Cannot parse " + where;
      case VALIDATION_ERROR -> "Invalid " + where + ": " + causeOf(failure);
    };
  }

  private static String describeBody(BodyProcessorException failure) {
    return switch (failure.getErrorType()) {
      case PARSING_ERROR -> "The request body is not valid JSON";
      case MISSING_MATCHING_BODY_PROCESSOR ->
          "Unsupported Content-Type " + failure.getActualContentType() + "; send application/json";
      case VALIDATION_ERROR -> "Invalid request body: " + causeOf(failure);
    };
  }

  private static String causeOf(Throwable failure) {
    Throwable cause = failure.getCause();
    String text = cause == null ? failure.getMessage() : cause.getMessage();
    return text == null ? "invalid value" : schemaErrors(text);
  }

  /**
   * vertx-json-schema reports errors as "...: { errors: [units], annotations: [...] }", one unit per keyword that
   * failed, wrappers included. Only the innermost units say what is wrong, so only those are kept.
   */
  static String schemaErrors(String text) {
    int start = text.indexOf(ERRORS_START);
    int end = text.lastIndexOf(ERRORS_END);
    if (start < 0 || end < start) {
      return text;
    }
    JsonArray units;
    try {
      units = new JsonArray(text.substring(start + ERRORS_START.length() - 1, end + 1));
    } catch (DecodeException e) {
      return text;
    }
    var messages = new ArrayList<String>();
    for (int i = 0; i < units.size(); i++) {
      JsonObject unit = units.getJsonObject(i);
      if (isInnermost(unit, units)) {
        String location = unit.getString("instanceLocation", "#").replaceFirst("^#/?", "");
        String error = unit.getString("error", "invalid value");
        if (unit.getString("keywordLocation", "").endsWith("/maxProperties")) {
          // vertx-json-schema 5.0.7 words a maxProperties failure as if it were minProperties.
          error = "Too many entries: at most " + error.replaceAll("\\D+", "") + " are allowed";
        }
        messages.add(location.isEmpty() ? error : "value at '" + location + "': " + error);
      }
    }
    return messages.isEmpty() ? text : String.join("; ", messages);
  }

  private static boolean isInnermost(JsonObject unit, JsonArray units) {
    String keyword = unit.getString("keywordLocation", "");
    for (int i = 0; i < units.size(); i++) {
      if (units.getJsonObject(i).getString("keywordLocation", "").startsWith(keyword + "/")) {
        return false;
      }
    }
    return true;
  }
}
