package io.github.connectemulator.http;

import io.github.connectemulator.operations.Members;
import io.github.connectemulator.operations.OperationSpec;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.validation.RequestParameter;

/** The members of one validated HTTP request, found where the operation's HTTP binding puts them. */
final class HttpMembers implements Members {

  private static final JsonObject NO_BODY = new JsonObject();

  private final OperationSpec operation;
  private final HttpValidation.Checked checked;

  HttpMembers(OperationSpec operation, HttpValidation.Checked checked) {
    this.operation = operation;
    this.checked = checked;
  }

  @Override
  public String string(String name) {
    int index = operation.memberIndex(name);
    if (index < 0) {
      return body().getString(name);
    }
    RequestParameter value = checked.members()[index];
    return value == null ? null : value.getString();
  }

  @Override
  public Long integer(String name) {
    int index = operation.memberIndex(name);
    if (index < 0) {
      return body().getLong(name);
    }
    RequestParameter value = checked.members()[index];
    return value == null ? null : value.getLong();
  }

  @Override
  public JsonObject body() {
    RequestParameter body = checked.body();
    return body == null ? NO_BODY : body.getJsonObject();
  }
}
