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
import io.vertx.ext.web.validation.RequestPredicateException;
import io.vertx.ext.web.validation.impl.ParameterLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The vertx-web-validation checks of an operation, built once from its members' rules in the catalog. It runs the
 * checks {@code ValidationHandlerImpl} runs, in its order (body required, path, query, header, body), with the same
 * exceptions, in one synchronous pass: the stock handler copies every path, query and header value of each request
 * into new maps (headers lower-cased, through a stream for path parameters) and completes a future per parameter,
 * work that showed in the profile of every request. What it finds goes straight to the operation's call
 * ({@link OperationRoutes}) as {@link Checked}: the members in the operation's order, not the four maps of a
 * {@code RequestParametersImpl} each request would otherwise fill.
 */
final class HttpValidation {

  private static final Member[] NONE = {};
  private static final RequestParameter[] NO_VALUES = {};

  /**
   * One member's check, where the operation lists it, and for a path member where its label is among the path's
   * label values (-1 for other members).
   */
  private record Member(int index, SingleValue checks, int label) {}

  /**
   * A request's checked members.
   *
   * @param members each member's value, at its index in the operation's members; null when absent and optional
   * @param body the checked JSON body, or null when there is none
   */
  record Checked(RequestParameter[] members, RequestParameter body) {}

  private final Member[] path;
  private final Member[] query;
  private final Member[] header;
  private final int memberCount;
  private final JsonBody body;
  private final boolean bodyRequired;

  private HttpValidation(List<Member> members, JsonBody body, boolean bodyRequired) {
    this.path = at(members, ParameterLocation.PATH);
    this.query = at(members, ParameterLocation.QUERY);
    this.header = at(members, ParameterLocation.HEADER);
    this.memberCount = members.size();
    this.body = body;
    this.bodyRequired = bodyRequired;
  }

  /** @param path the operation's path template, whose labels carry its path members */
  static HttpValidation of(OperationSpec operation, PathTemplate path) {
    // A repository per operation: see SchemaCheck.newRepository.
    var repository = SchemaCheck.newRepository();
    var members = new ArrayList<Member>();
    for (MemberRule rule : operation.members()) {
      ParameterLocation location = switch (rule.location()) {
        case PATH -> ParameterLocation.PATH;
        case QUERY -> ParameterLocation.QUERY;
        case HEADER -> ParameterLocation.HEADER;
      };
      int label = -1;
      if (location == ParameterLocation.PATH) {
        label = path.labelIndex(rule.httpName());
        if (label < 0) {
          throw new IllegalArgumentException(operation.name() + ": no label {" + rule.httpName() + "} in its path");
        }
      }
      members.add(new Member(members.size(),
          new SingleValue(rule.httpName(), location, !rule.required(), rule.schema(), repository), label));
    }
    JsonBody body = operation.body() == null ? null : new JsonBody(operation.body(), repository);
    return new HttpValidation(members, body, operation.bodyRequired());
  }

  private static Member[] at(List<Member> members, ParameterLocation location) {
    Member[] found = members.stream().filter(m -> m.checks().location() == location).toArray(Member[]::new);
    return found.length == 0 ? NONE : found;
  }

  /**
   * The request's checked members; null when a check failed, the request then failed with 400 and the exception, as
   * the stock handler fails it.
   *
   * @param labels the path's label values, as the operation's {@link PathTemplate} matched them
   */
  Checked check(RoutingContext ctx, String[] labels) {
    RequestParameter[] values = memberCount == 0 ? NO_VALUES : new RequestParameter[memberCount];
    RequestParameter checkedBody = null;
    try {
      String contentType = bodyType(ctx);
      if (bodyRequired && contentType == null) {
        // RequestPredicate.BODY_REQUIRED's verdict, from the body itself rather than the header.
        throw new RequestPredicateException("Body required");
      }
      if (path.length > 0) {
        for (Member member : path) {
          values[member.index()] = member.checks().check(labels[member.label()]);
        }
      }
      if (query.length > 0) {
        check(query, ctx.queryParams()::get, values);
      }
      if (header.length > 0) {
        check(header, ctx.request().headers()::get, values);
      }
      if (body != null && contentType != null) {
        String mediaType = mediaType(contentType);
        if (!body.canProcess(mediaType)) {
          throw BodyProcessorException.createMissingMatchingBodyProcessor(mediaType);
        }
        checkedBody = body.check(ctx, contentType);
      }
    } catch (BadRequestException e) {
      ctx.fail(400, e);
      return null;
    }
    return new Checked(values, checkedBody);
  }

  /** Each member's checked value, from its first value in the request, into its place in {@code values}. */
  private static void check(Member[] members, Function<String, String> given, RequestParameter[] values) {
    for (Member member : members) {
      values[member.index()] = member.checks().check(given.apply(member.checks().name()));
    }
  }

  /**
   * The type the body is checked as, or null when there is no body. AWS SDKs always send JSON, but callers may leave
   * out Content-Type, and an empty body means "no members": an empty body counts as none whatever its Content-Type,
   * and a body without one is JSON. (The stock validator would skip a body without Content-Type.)
   */
  private static String bodyType(RoutingContext ctx) {
    if (ctx.body().isEmpty()) {
      return null;
    }
    String declared = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    return declared != null ? declared : Responses.APPLICATION_JSON.toString();
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
