package io.github.connectemulator.http;

import io.github.connectemulator.http.ReusedValidators.JsonBody;
import io.github.connectemulator.http.ReusedValidators.SingleValue;
import io.github.connectemulator.operations.MemberRule;
import io.github.connectemulator.operations.OperationSpec;
import io.github.connectemulator.operations.SchemaCheck;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.validation.BadRequestException;
import io.vertx.ext.web.validation.BodyProcessorException;
import io.vertx.ext.web.validation.RequestParameter;
import io.vertx.ext.web.validation.RequestParameters;
import io.vertx.ext.web.validation.RequestPredicate;
import io.vertx.ext.web.validation.RequestPredicateException;
import io.vertx.ext.web.validation.RequestPredicateResult;
import io.vertx.ext.web.validation.impl.ParameterLocation;
import io.vertx.ext.web.validation.impl.RequestParametersImpl;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The vertx-web-validation checks of an operation, built once from its members' rules in the catalog. It runs the
 * checks {@code ValidationHandlerImpl} runs, in its order (body required, path, query, header, body), with the same
 * exceptions and the same {@link RequestParametersImpl} result, in one synchronous pass: the stock handler copies
 * every path, query and header value of each request into new maps (headers lower-cased, through a stream for path
 * parameters) and completes a future per parameter, work that showed in the profile of every request. The result is
 * handed straight to the operation's call ({@link OperationRoutes}) rather than through the routing context's data.
 */
final class HttpValidation {

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

  static HttpValidation of(OperationSpec operation) {
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

  /**
   * The request's checked members; null when a check failed, the request then failed with 400 and the exception, as
   * the stock handler fails it.
   */
  RequestParameters check(RoutingContext ctx) {
    RequestParametersImpl parameters = new RequestParametersImpl();
    try {
      if (bodyRequired) {
        RequestPredicateResult present = RequestPredicate.BODY_REQUIRED.apply(ctx);
        if (!present.succeeded()) {
          throw new RequestPredicateException(present.getErrorMessage());
        }
      }
      if (path.length > 0) {
        parameters.setPathParameters(checked(path, ctx::pathParam));
      }
      if (query.length > 0) {
        parameters.setQueryParameters(checked(query, ctx.queryParams()::get));
      }
      if (header.length > 0) {
        parameters.setHeaderParameters(checked(header, ctx.request().headers()::get));
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
      return null;
    }
    return parameters;
  }

  /**
   * Each member's checked value by its key, from its first value in the request; absent optional members are present
   * with a null value, as the stock handler has them.
   */
  private static Map<String, RequestParameter> checked(SingleValue[] members, Function<String, String> given) {
    Map<String, RequestParameter> values = new HashMap<>(4);
    for (SingleValue member : members) {
      values.put(member.key(), member.check(given.apply(member.name())));
    }
    return values;
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
