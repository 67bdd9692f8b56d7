package io.github.connectemulator.bus;

import io.github.connectemulator.operations.AwsFailure;
import io.github.connectemulator.operations.MemberRule;
import io.github.connectemulator.operations.OperationSpec;
import io.github.connectemulator.operations.SchemaCheck;
import io.github.connectemulator.operations.SchemaMessages;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;
import java.util.ArrayList;
import java.util.List;

/**
 * An operation's rules applied to a bus message: the same member schemas as the HTTP face, each member under its AWS
 * name. HTTP reads query and header members as text and parses numbers; a bus message carries JSON values, so a
 * number member must be a JSON number here.
 */
final class BusValidation {

  private record Checked(MemberRule rule, SchemaCheck check) {}

  private final List<Checked> members = new ArrayList<>();
  private final SchemaCheck body;

  BusValidation(OperationSpec operation) {
    SchemaRepository repository = SchemaCheck.newRepository();
    for (MemberRule rule : operation.members()) {
      members.add(new Checked(rule, SchemaCheck.of(repository, rule.schema())));
    }
    body = operation.body() == null ? null : SchemaCheck.of(repository, operation.body());
  }

  /** Throws InvalidParameterException naming the first member that breaks its rules. */
  void check(JsonObject message) {
    for (Checked member : members) {
      Object value = message.getValue(member.rule().name());
      if (value == null) {
        if (member.rule().required()) {
          throw AwsFailure.invalidParameter("Missing required member " + member.rule().name());
        }
        continue;
      }
      OutputUnit failure = member.check().failure(value);
      if (failure != null) {
        throw AwsFailure.invalidParameter(
            "Invalid member " + member.rule().name() + ": " + SchemaMessages.describe(failure));
      }
    }
    if (body != null) {
      OutputUnit failure = body.failure(message);
      if (failure != null) {
        throw AwsFailure.invalidParameter("Invalid request: " + SchemaMessages.describe(failure));
      }
    }
  }
}
