package io.github.connectemulator.operations;

import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.json.schema.Validator;
import io.vertx.core.json.JsonObject;

/**
 * One member's (or body's) schema, checked the fast way: a compiled {@link QuickSchemaCheck} lets the common valid
 * value through, and vertx-json-schema's validator, built once, judges the rest and words every rejection.
 *
 * <p>Why built once: vertx-json-schema makes a new validator per value when asked through a repository, and making
 * one copies and re-walks the repository's lookup table. A validator keeps no state between calls, so one per
 * member is safe.
 */
public record SchemaCheck(QuickSchemaCheck quick, Validator validator) {

  /** @param json the schema; only read, so one schema may be shared by checks on several threads */
  public static SchemaCheck of(SchemaRepository repository, JsonObject json) {
    JsonSchema schema = JsonSchema.of(json.copy());
    repository.dereference(schema);
    return new SchemaCheck(QuickSchemaCheck.compile(json.copy()), repository.validator(schema));
  }

  /**
   * A repository for one operation's schemas: vertx-json-schema 5.0.7 copies its repository's whole lookup table into
   * every validator it makes, so one shared repository made every request pay for every operation's schemas (more than
   * half of the CPU of a Start, measured with JFR).
   */
  public static SchemaRepository newRepository() {
    return SchemaRepository.create(
        new JsonSchemaOptions()
            .setDraft(Draft.DRAFT202012)
            .setBaseUri("urn:connect-emulator:")
            .setOutputFormat(OutputFormat.Basic));
  }

  /** Null when the value is valid, else the library's result. */
  public OutputUnit failure(Object value) {
    if (quick.accepts(value)) {
      return null;
    }
    OutputUnit result = validator.validate(value);
    return result.getValid() ? null : result;
  }
}
