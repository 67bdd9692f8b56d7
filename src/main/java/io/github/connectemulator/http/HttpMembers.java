package io.github.connectemulator.http;

import io.github.connectemulator.operations.MemberRule;
import io.github.connectemulator.operations.Members;
import io.github.connectemulator.operations.OperationSpec;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.validation.RequestParameter;
import io.vertx.ext.web.validation.RequestParameters;

/** The members of one validated HTTP request, found where the operation's HTTP binding puts them. */
final class HttpMembers implements Members {

  private static final JsonObject NO_BODY = new JsonObject();

  private final OperationSpec operation;
  private final RequestParameters params;

  HttpMembers(OperationSpec operation, RequestParameters params) {
    this.operation = operation;
    this.params = params;
  }

  @Override
  public String string(String name) {
    MemberRule rule = operation.member(name);
    if (rule == null) {
      return body().getString(name);
    }
    RequestParameter value = parameter(rule);
    return value == null ? null : value.getString();
  }

  @Override
  public Long integer(String name) {
    MemberRule rule = operation.member(name);
    if (rule == null) {
      return body().getLong(name);
    }
    RequestParameter value = parameter(rule);
    return value == null ? null : value.getLong();
  }

  @Override
  public JsonObject body() {
    RequestParameter body = params.body();
    return body == null ? NO_BODY : body.getJsonObject();
  }

  private RequestParameter parameter(MemberRule rule) {
    return switch (rule.location()) {
      case PATH -> params.pathParameter(rule.httpName());
      case QUERY -> params.queryParameter(rule.httpName());
      case HEADER -> params.headerParameter(rule.httpName());
    };
  }
}
