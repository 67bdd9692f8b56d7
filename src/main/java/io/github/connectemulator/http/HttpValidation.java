package io.github.connectemulator.http;

import io.github.connectemulator.http.ReusedValidators.JsonBody;
import io.github.connectemulator.http.ReusedValidators.SingleValue;
import io.github.connectemulator.operations.MemberRule;
import io.github.connectemulator.operations.OperationSpec;
import io.github.connectemulator.operations.SchemaCheck;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.validation.BadRequestException;
import io.vertx.ext.web.validation.BodyProcessorException;
import io.vertx.ext.web.validation.RequestParameter;
import io.vertx.ext.web.validation.RequestPredicate;
import io.vertx.ext.web.validation.RequestPredicateException;
import io.vertx.ext.web.validation.RequestPredicateResult;
import io.vertx.ext.web.validation.ValidationHandler;
import io.vertx.ext.web.validation.impl.ParameterLocation;
import io.vertx.ext.web.validation.impl.RequestParametersImpl;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The vertx-web-validation handler of an operation, built once from its members' rules in the catalog. It runs the
 * checks {@code ValidationHandlerImpl} runs, in its order (body required, path, query, header, body), with the same
 * exceptions and the same {@link RequestParametersImpl} result, in one synchronous pass: the stock handler copies
 * every path, query and header value of each request into new maps (headers lower-cased, through a stream for path
 * parameters) and completes a future per parameter, work that showed in the profile of every request.
 */
final class HttpValidation implements ValidationHandler {

  private static final SingleValue[] NONE = {};

  private final SingleValue[] path;
  private final SingleValue[] query;
  private final SingleValue[] header;
  private final JsonBody body;
  private final boolean bodyRequired;

  private HttpValidation(List<SingleValue> members, JsonBody body, boolean bodyRequired) {
    this.path = at(members, ParameterLocation.PATH);
    this.query = at(members, ParameterLocation.QUERY);
    this.header = at(members, ParameterLocation.HEADER);
    this.body = body;
    this.bodyRequired = bodyRequired;
  }

  static ValidationHandler handlerFor(OperationSpec operation) {
    // A repository per operation: see SchemaCheck.newRepository.
    var repository = SchemaCheck.newRepository();
    var members = new ArrayList<SingleValue>();
    for (MemberRule rule : operation.members()) {
      ParameterLocation location = switch (rule.location()) {
        case PATH -> ParameterLocation.PATH;
        case QUERY -> ParameterLocation.QUERY;
        case HEADER -> ParameterLocation.HEADER;
      };
      members.add(new SingleValue(rule.httpName(), location, !rule.required(), rule.schema(), repository));
    }
    JsonBody body = operation.body() == null ? null : new JsonBody(operation.body(), repository);
    return new HttpValidation(members, body, operation.bodyRequired());
  }

  private static SingleValue[] at(List<SingleValue> members, ParameterLocation location) {
    SingleValue[] found = members.stream().filter(m -> m.location() == location).toArray(SingleValue[]::new);
    return found.length == 0 ? NONE : found;
  }

  @Override
  public void handle(RoutingContext ctx) {
    RequestParametersImpl parameters = new RequestParametersImpl();
    try {
      if (bodyRequired) {
        RequestPredicateResult present = RequestPredicate.BODY_REQUIRED.apply(ctx);
        if (!present.succeeded()) {
          throw new RequestPredicateException(present.getErrorMessage());
        }
      }
      if (path.length > 0) {
        Map<String, RequestParameter> values = new HashMap<>(4);
        for (SingleValue member : path) {
          put(values, member.name(), member.check(ctx.pathParam(member.name())));
        }
        parameters.setPathParameters(values);
      }
      if (query.length > 0) {
        MultiMap given = ctx.queryParams();
        Map<String, RequestParameter> values = new HashMap<>(4);
        for (SingleValue member : query) {
          put(values, member.name(), member.check(given.get(member.name())));
        }
        parameters.setQueryParameters(values);
      }
      if (header.length > 0) {
        MultiMap given = ctx.request().headers();
        Map<String, RequestParameter> values = new HashMap<>(4);
        for (SingleValue member : header) {
          // Keyed lower-case, as the stock handler keys header parameters.
          put(values, member.name().toLowerCase(), member.check(given.get(member.name())));
        }
        parameters.setHeaderParameters(values);
      }
      String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
      if (body != null && contentType != null) {
        String mediaType = mediaType(contentType);
        if (!body.canProcess(mediaType)) {
          throw BodyProcessorException.createMissingMatchingBodyProcessor(mediaType);
        }
        parameters.setBody(body.check(ctx, contentType));
      }
    } catch (BadRequestException e) {
      ctx.fail(400, e);
      return;
    }
    ctx.put(REQUEST_CONTEXT_KEY, parameters);
    ctx.next();
  }

  /** As the stock handler has a parameter: absent members are present with a null value. */
  private static void put(Map<String, RequestParameter> values, String name, RequestParameter value) {
    values.put(name, value);
  }

  /**
   * The Content-Type before its parameters, as vertx-web's parsed header gives it ({@code HeaderParser}), without
   * parsing every other header as {@code RoutingContext.parsedHeaders()} does.
   */
  private static String mediaType(String contentType) {
    int parameters = contentType.indexOf(';');
    return parameters < 0 ? contentType : contentType.substring(0, parameters);
  }
}
