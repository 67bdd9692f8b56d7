package io.github.connectemulator.operations;

import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.common.dsl.SchemaBuilder;

/**
 * One input member that HTTP carries outside the JSON body: its AWS name (what bus callers use), where the HTTP
 * binding puts it and under which name, and its rules from the AWS model as a JSON schema (only read: the faces' verticles share it across event loops). Body members are described
 * by the operation's body schema instead.
 */
public record MemberRule(String name, Location location, String httpName, JsonObject schema, boolean required) {

  /** Where the HTTP binding carries a member. */
  public enum Location { PATH, QUERY, HEADER }

  /** A path label: always required. */
  static MemberRule path(String name, SchemaBuilder<?, ?> schema) {
    return new MemberRule(name, Location.PATH, name, schema.toJson(), true);
  }

  static MemberRule query(String name, String httpName, SchemaBuilder<?, ?> schema) {
    return new MemberRule(name, Location.QUERY, httpName, schema.toJson(), false);
  }

  static MemberRule header(String name, String httpName, SchemaBuilder<?, ?> schema) {
    return new MemberRule(name, Location.HEADER, httpName, schema.toJson(), false);
  }
}
