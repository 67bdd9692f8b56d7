package io.github.connectemulator.http;

import static io.github.connectemulator.http.ReusedValidators.json;
import static io.github.connectemulator.http.ReusedValidators.optionalParam;
import static io.github.connectemulator.http.ReusedValidators.param;

import io.github.connectemulator.operations.MemberRule;
import io.github.connectemulator.operations.OperationSpec;
import io.github.connectemulator.operations.SchemaCheck;
import io.vertx.ext.web.validation.RequestPredicate;
import io.vertx.ext.web.validation.ValidationHandler;
import io.vertx.ext.web.validation.builder.ParameterProcessorFactory;
import io.vertx.ext.web.validation.builder.ValidationHandlerBuilder;

/** The vertx-web-validation handler of an operation, built once from its members' rules in the catalog. */
final class HttpValidation {

  private HttpValidation() {}

  static ValidationHandler handlerFor(OperationSpec operation) {
    // A repository per operation: see SchemaCheck.newRepository.
    var builder = ValidationHandlerBuilder.create(SchemaCheck.newRepository());
    for (MemberRule rule : operation.members()) {
      ParameterProcessorFactory parameter = rule.required()
          ? param(rule.httpName(), rule.schema())
          : optionalParam(rule.httpName(), rule.schema());
      switch (rule.location()) {
        case PATH -> builder.pathParameter(parameter);
        case QUERY -> builder.queryParameter(parameter);
        case HEADER -> builder.headerParameter(parameter);
      }
    }
    if (operation.body() != null) {
      builder.body(json(operation.body()));
    }
    if (operation.bodyRequired()) {
      builder.predicate(RequestPredicate.BODY_REQUIRED);
    }
    return builder.build();
  }
}
