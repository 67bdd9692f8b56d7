package io.github.connectemulator.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import io.github.connectemulator.operations.SchemaCheck;
import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.json.jackson.JacksonCodec;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.impl.Utils;
import io.vertx.ext.web.validation.BodyProcessorException;
import io.vertx.ext.web.validation.MalformedValueException;
import io.vertx.ext.web.validation.ParameterProcessorException;
import io.vertx.ext.web.validation.RequestParameter;
import io.vertx.ext.web.validation.impl.ParameterLocation;
import io.vertx.ext.web.validation.impl.parser.ValueParser;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;
import java.io.IOException;

/**
 * The checks of one member (a path, query or header parameter, or the JSON body), each with its {@link SchemaCheck}
 * built once, when the route is built; every rejection is the exception, with the message, that vertx-web-validation's
 * own processors ({@code ParameterProcessorImpl}, {@code JsonBodyProcessorImpl}) raise for the same value.
 *
 * <p>Why not the stock processors: they ask the repository for a new validator for every value of every request, and
 * making one copies and re-walks the repository's lookup table. A validator keeps no state between calls, so one per
 * route is safe.
 */
final class ReusedValidators {

  private ReusedValidators() {}

  /** A single-valued path, query or header parameter. */
  static final class SingleValue {
    private final String name;
    private final ParameterLocation location;
    private final boolean optional;
    private final ValueParser<String> parser;
    private final SchemaCheck check;

    SingleValue(String name, ParameterLocation location, boolean optional, JsonObject schema,
        SchemaRepository repository) {
      this.name = name;
      this.location = location;
      this.optional = optional;
      this.parser = switch (String.valueOf(schema.getValue("type"))) {
        case "integer" -> ValueParser.LONG_PARSER;
        case "number" -> ValueParser.DOUBLE_PARSER;
        default -> ValueParser.NOOP_PARSER;
      };
      this.check = SchemaCheck.of(repository, schema);
    }

    String name() {
      return name;
    }

    ParameterLocation location() {
      return location;
    }

    /**
     * The parameter's value, or null when it is absent and optional.
     *
     * @param raw its first value in the request, or null when absent
     * @throws ParameterProcessorException when it is missing, malformed or breaks its schema
     */
    RequestParameter check(String raw) {
      if (raw == null) {
        if (!optional) {
          throw ParameterProcessorException.createMissingParameterWhenRequired(name, location, null);
        }
        return null;
      }
      Object value;
      try {
        value = parser.parse(raw);
      } catch (MalformedValueException e) {
        throw ParameterProcessorException.createParsingError(name, location, e, null);
      }
      OutputUnit failure = check.failure(value);
      if (failure != null) {
        throw ParameterProcessorException.createValidationError(name, location, failure.toException(""), null);
      }
      return RequestParameter.create(value);
    }
  }

  /** A JSON body. */
  static final class JsonBody {
    private final SchemaCheck check;

    JsonBody(JsonObject schema, SchemaRepository repository) {
      this.check = SchemaCheck.of(repository, schema);
    }

    boolean canProcess(String contentType) {
      return Utils.isJsonContentType(contentType);
    }

    /** @throws BodyProcessorException when the body is not JSON or breaks its schema */
    RequestParameter check(RoutingContext ctx, String contentType) {
      Buffer body = ctx.body().buffer();
      if (body == null) {
        throw BodyProcessorException.createParsingError(contentType, new MalformedValueException("Null body"));
      }
      Object json;
      try {
        json = decode(body);
      } catch (DecodeException e) {
        throw BodyProcessorException.createParsingError(contentType, e);
      }
      OutputUnit failure = check.failure(json);
      if (failure != null) {
        throw BodyProcessorException.createValidationError(contentType, failure.toException(""));
      }
      return RequestParameter.create(json);
    }

    /**
     * The body as Vert.x's JSON values, as {@code Json.decodeValue} gives them, but read by the streaming parser
     * straight from the body's bytes: {@code Json.decodeValue} reads through jackson-databind's ObjectMapper and an
     * InputStream over the buffer, which cost some 0.5 us of a Start's 20 (bench/cpu-profile.sh start).
     */
    static Object decode(Buffer body) {
      ByteBuf bytes = ((BufferInternal) body).getByteBuf();
      if (!bytes.hasArray()) {
        return JacksonCodec.fromParser(JacksonCodec.createParser(body), Object.class);
      }
      JsonParser parser;
      try {
        parser = PARSERS.createParser(bytes.array(), bytes.arrayOffset() + bytes.readerIndex(), bytes.readableBytes());
      } catch (IOException e) {
        throw new DecodeException("Failed to decode:" + e.getMessage(), e);
      }
      return JacksonCodec.fromParser(parser, Object.class);
    }

    private static final JsonFactory PARSERS = new JsonFactory();
  }
}
