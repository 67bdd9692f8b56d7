package io.github.connectemulator.operations;

import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.json.schema.Validator;
import io.vertx.json.schema.common.dsl.SchemaBuilder;

/**
 * One member's (or body's) schema, checked the fast way: a compiled {@link QuickSchemaCheck} lets the common valid
 * value through, and vertx-json-schema's validator, built once, judges the rest and words every rejection.
 *
 * <p>Why built once: vertx-json-schema makes a new validator per value when asked through a repository, and making
 * one copies and re-walks the repository's lookup table. A validator keeps no state between calls, so one per
 * member is safe.
 */
public record SchemaCheck(QuickSchemaCheck quick, Validator validator) {

  public static SchemaCheck of(SchemaRepository repository, SchemaBuilder<?, ?> builder) {
    JsonSchema schema = JsonSchema.of(builder.toJson());
    repository.dereference(schema);
    return new SchemaCheck(QuickSchemaCheck.compile(builder.toJson()), repository.validator(schema));
  }

  /** A check with a repository of its own (one per operation keeps lookups small: see {@link #newRepository()}). */
  public static SchemaCheck of(SchemaBuilder<?, ?> builder) {
    return of(newRepository(), builder);
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
