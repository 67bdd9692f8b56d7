package io.github.connectemulator.bus;

import io.github.connectemulator.operations.Members;
import io.vertx.core.json.JsonObject;

/** The members of one validated bus request: every member, body members included, at the top of the message. */
final class BusMembers implements Members {

  private final JsonObject message;

  BusMembers(JsonObject message) {
    this.message = message;
  }

  @Override
  public String string(String name) {
    return message.getString(name);
  }

  @Override
  public Long integer(String name) {
    return message.getLong(name);
  }

  @Override
  public JsonObject body() {
    return message;
  }
}
