package io.github.connectemulator.http;

import io.github.connectemulator.operations.SchemaMessages;
import io.vertx.ext.web.validation.BadRequestException;
import io.vertx.ext.web.validation.BodyProcessorException;
import io.vertx.ext.web.validation.ParameterProcessorException;
import io.vertx.ext.web.validation.RequestPredicateException;
import java.util.Locale;

/** Turns vertx-web-validation failures into messages a caller can act on: which member, and what is wrong. */
final class ValidationMessages {

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
    return text == null ? "invalid value" : SchemaMessages.schemaErrors(text);
  }
}
