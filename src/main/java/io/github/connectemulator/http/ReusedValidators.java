package io.github.connectemulator.http;

import io.github.connectemulator.operations.SchemaCheck;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.impl.Utils;
import io.vertx.ext.web.validation.BodyProcessorException;
import io.vertx.ext.web.validation.MalformedValueException;
import io.vertx.ext.web.validation.ParameterProcessorException;
import io.vertx.ext.web.validation.RequestParameter;
import io.vertx.ext.web.validation.builder.BodyProcessorFactory;
import io.vertx.ext.web.validation.builder.ParameterProcessorFactory;
import io.vertx.ext.web.validation.impl.ParameterLocation;
import io.vertx.ext.web.validation.impl.body.BodyProcessor;
import io.vertx.ext.web.validation.impl.parameter.ParameterParser;
import io.vertx.ext.web.validation.impl.parameter.ParameterProcessor;
import io.vertx.ext.web.validation.impl.parameter.SingleValueParameterParser;
import io.vertx.ext.web.validation.impl.parser.ValueParser;
import io.vertx.json.schema.OutputUnit;
import java.util.List;
import java.util.Map;

/**
 * Drop-in replacements for vertx-web-validation's {@code Parameters.param}/{@code optionalParam} and
 * {@code Bodies.json} that check each value with a {@link SchemaCheck} built once, when the route is built.
 *
 * <p>Why: the stock processors ask the repository for a new validator for every value of every request, and making
 * one copies and re-walks the repository's lookup table. A validator keeps no state between calls, so one per route
 * is safe; every rejection and its message still come from the library.
 */
final class ReusedValidators {

  private ReusedValidators() {}

  static ParameterProcessorFactory param(String name, JsonObject schema) {
    return parameter(name, false, schema);
  }

  static ParameterProcessorFactory optionalParam(String name, JsonObject schema) {
    return parameter(name, true, schema);
  }

  static BodyProcessorFactory json(JsonObject schema) {
    return repository -> new JsonBody(SchemaCheck.of(repository, schema));
  }

  private static ParameterProcessorFactory parameter(String name, boolean optional, JsonObject schema) {
    ValueParser<String> valueParser =
        switch (String.valueOf(schema.getValue("type"))) {
          case "integer" -> ValueParser.LONG_PARSER;
          case "number" -> ValueParser.DOUBLE_PARSER;
          default -> ValueParser.NOOP_PARSER;
        };
    return (location, repository) ->
        new SingleValue(
            name,
            location,
            optional,
            new SingleValueParameterParser(location.lowerCaseIfNeeded(name), valueParser),
            SchemaCheck.of(repository, schema));
  }

  /** A single-valued path, query or header parameter, as {@code ParameterProcessorImpl} handles it. */
  private static final class SingleValue implements ParameterProcessor, Comparable<SingleValue> {
    private final String name;
    private final ParameterLocation location;
    private final boolean optional;
    private final ParameterParser parser;
    private final SchemaCheck check;

    SingleValue(String name, ParameterLocation location, boolean optional, ParameterParser parser,
        SchemaCheck check) {
      this.name = name;
      this.location = location;
      this.optional = optional;
      this.parser = parser;
      this.check = check;
    }

    @Override
    public Future<RequestParameter> process(Map<String, List<String>> params) {
      Object value;
      try {
        value = parser.parseParameter(params);
      } catch (MalformedValueException e) {
        throw ParameterProcessorException.createParsingError(name, location, e, null);
      }
      if (value == null) {
        if (!optional) {
          throw ParameterProcessorException.createMissingParameterWhenRequired(name, location, null);
        }
        return Future.succeededFuture(null);
      }
      OutputUnit failure = check.failure(value);
      if (failure != null) {
        return Future.failedFuture(ParameterProcessorException.createValidationError(
            name, location, failure.toException(""), null));
      }
      return Future.succeededFuture(RequestParameter.create(value));
    }

    @Override
    public String getName() {
      return name;
    }

    @Override
    public ParameterLocation getLocation() {
      return location;
    }

    @Override
    public ParameterProcessor validationErrorMessage(String message) {
      return this;
    }

    @Override
    public ParameterProcessor parsingErrorMessage(String message) {
      return this;
    }

    @Override
    public ParameterProcessor missingParameterErrorMessage(String message) {
      return this;
    }

    @Override
    public int compareTo(SingleValue other) {
      return parser.compareTo(other.parser);
    }
  }

  /** A JSON body, as {@code JsonBodyProcessorImpl} handles it. */
  private static final class JsonBody implements BodyProcessor {
    private final SchemaCheck check;

    JsonBody(SchemaCheck check) {
      this.check = check;
    }

    @Override
    public boolean canProcess(String contentType) {
      return Utils.isJsonContentType(contentType);
    }

    @Override
    public Future<RequestParameter> process(RoutingContext ctx) {
      String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
      Buffer body = ctx.body().buffer();
      if (body == null) {
        throw BodyProcessorException.createParsingError(contentType, new MalformedValueException("Null body"));
      }
      Object json;
      try {
        json = Json.decodeValue(body);
      } catch (DecodeException e) {
        throw BodyProcessorException.createParsingError(contentType, e);
      }
      OutputUnit failure = check.failure(json);
      if (failure != null) {
        return Future.failedFuture(BodyProcessorException.createValidationError(contentType, failure.toException("")));
      }
      return Future.succeededFuture(RequestParameter.create(json));
    }
  }
}
