package io.github.connectemulator.operations;

import static io.vertx.json.schema.common.dsl.Keywords.maxLength;
import static io.vertx.json.schema.common.dsl.Keywords.maxProperties;
import static io.vertx.json.schema.common.dsl.Keywords.maximum;
import static io.vertx.json.schema.common.dsl.Keywords.minLength;
import static io.vertx.json.schema.common.dsl.Keywords.minProperties;
import static io.vertx.json.schema.common.dsl.Keywords.minimum;
import static io.vertx.json.schema.common.dsl.Schemas.enumSchema;
import static io.vertx.json.schema.common.dsl.Schemas.intSchema;
import static io.vertx.json.schema.common.dsl.Schemas.objectSchema;
import static io.vertx.json.schema.common.dsl.Schemas.stringSchema;

import io.github.connectemulator.model.ExecutionStatus;
import io.github.connectemulator.model.InstanceIds;
import io.vertx.core.json.JsonArray;
import io.vertx.json.schema.common.dsl.NumberSchemaBuilder;
import io.vertx.json.schema.common.dsl.ObjectSchemaBuilder;
import io.vertx.json.schema.common.dsl.StringKeyword;
import io.vertx.json.schema.common.dsl.StringSchemaBuilder;
import java.util.regex.Pattern;

/**
 * The members' rules, as JSON schemas: the constraints of the AWS model (spec §3, §4), member by member, and the CFN
 * limits the product enforces (spec §11.1). Each call builds a new schema, so no two operations share a builder.
 *
 * <p>JSON Schema's {@code pattern} finds rather than matches, so every pattern that must cover the whole value is
 * anchored. Optional body members are nullable: AWS treats {@code null} as absent.
 */
final class MemberSchemas {

  private static final int MAX_ID = 500;
  private static final int MAX_DOCUMENT = 256_000;
  private static final String REGION_PATTERN = "^[a-z]{2}(-[a-z]+){1,2}(-[0-9])?$";
  private static final String E164_PATTERN = "^\\+[1-9]\\d{1,14}$";
  private static final String TAG_KEY_PATTERN = "^(?!aws:)[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*$";
  /** The CFN pattern {@code .*\S.*}: at least one non-blank character (found, so unanchored). */
  private static final String NOT_BLANK = "\\S";

  private MemberSchemas() {}

  /** Create, Update, Describe, Delete and Search take a UUID or an instance ARN. */
  static StringSchemaBuilder instanceIdOrArn() {
    return stringSchema().with(minLength(1), maxLength(250), pattern(InstanceIds.ID_OR_ARN_PATTERN));
  }

  /** The other operations take any instance id of 1 to 100 characters (spec §11.3). */
  static StringSchemaBuilder instanceId() {
    return stringSchema().with(minLength(1), maxLength(100));
  }

  /** A test case or execution id in a path: a path label is never empty. */
  static StringSchemaBuilder pathId() {
    return stringSchema().with(minLength(1), maxLength(MAX_ID));
  }

  /** A test case id that the model bounds only above (the x-amz-resource-id header, the executions filter). */
  static StringSchemaBuilder optionalId() {
    return stringSchema().with(maxLength(MAX_ID));
  }

  static StringSchemaBuilder resourceId() {
    return stringSchema().with(minLength(1), maxLength(MAX_ID), pattern("^[-a-zA-Z0-9]+$"));
  }

  static StringSchemaBuilder httpDate() {
    return stringSchema().with(minLength(1));
  }

  static StringSchemaBuilder region() {
    return stringSchema().with(pattern(REGION_PATTERN));
  }

  static StringSchemaBuilder nonEmpty() {
    return stringSchema().with(minLength(1));
  }

  static StringSchemaBuilder nextToken(int maxLength) {
    return stringSchema().with(minLength(1), maxLength(maxLength));
  }

  static NumberSchemaBuilder maxResults(int max) {
    return intSchema().with(minimum(1), maximum(max));
  }

  static NumberSchemaBuilder epochMillis() {
    return intSchema().with(minimum(0));
  }

  /** The TestCaseExecutionStatus enum, which the records filter also takes (INITIATED included). */
  static StringSchemaBuilder executionStatus() {
    var values = new JsonArray();
    for (ExecutionStatus status : ExecutionStatus.values()) {
      values.add(status.name());
    }
    return stringSchema().withKeyword("enum", values);
  }

  static StringSchemaBuilder testCaseStatus() {
    return stringSchema().withKeyword("enum", new JsonArray().add("PUBLISHED").add("SAVED"));
  }

  static ObjectSchemaBuilder createTestCaseBody() {
    return objectSchema()
        .requiredProperty("Name", name())
        .requiredProperty("Content", stringSchema().with(minLength(1), maxLength(MAX_DOCUMENT)))
        .optionalProperty("Description", description())
        .optionalProperty("EntryPoint", entryPoint())
        .optionalProperty("InitializationData", document().nullable())
        .optionalProperty("Status", enumSchema("PUBLISHED", "SAVED", null))
        .optionalProperty("Tags", tags())
        .allowAdditionalProperties(true);
  }

  /** Update takes the members of Create, all optional, and no Tags (tags never change). */
  static ObjectSchemaBuilder updateTestCaseBody() {
    return objectSchema()
        .optionalProperty("Name", name().nullable())
        .optionalProperty("Content", document().nullable())
        .optionalProperty("Description", description())
        .optionalProperty("EntryPoint", entryPoint())
        .optionalProperty("InitializationData", document().nullable())
        .optionalProperty("Status", enumSchema("PUBLISHED", "SAVED", null))
        .allowAdditionalProperties(true);
  }

  static ObjectSchemaBuilder searchTestCasesBody() {
    return objectSchema()
        .requiredProperty("InstanceId", instanceIdOrArn())
        .optionalProperty("NextToken", nextToken(2500).nullable())
        .optionalProperty("MaxResults", maxResults(100).nullable())
        .optionalProperty("SearchFilter", objectSchema().allowAdditionalProperties(true).nullable())
        .optionalProperty("SearchCriteria", objectSchema().allowAdditionalProperties(true).nullable())
        .allowAdditionalProperties(true);
  }

  static ObjectSchemaBuilder clientTokenBody() {
    return objectSchema()
        .optionalProperty("ClientToken", stringSchema().with(maxLength(MAX_ID)).nullable())
        .allowAdditionalProperties(true);
  }

  private static StringSchemaBuilder name() {
    return stringSchema().with(minLength(1), maxLength(127), pattern(NOT_BLANK));
  }

  private static StringSchemaBuilder description() {
    return stringSchema().with(maxLength(500), pattern(NOT_BLANK)).nullable();
  }

  private static StringSchemaBuilder document() {
    return stringSchema().with(minLength(1), maxLength(MAX_DOCUMENT));
  }

  private static ObjectSchemaBuilder entryPoint() {
    return objectSchema()
        .optionalProperty("Type", enumSchema("VOICE_CALL", "CHAT", null))
        .optionalProperty("VoiceCallEntryPointParameters", objectSchema()
            .optionalProperty("SourcePhoneNumber", stringSchema().with(pattern(E164_PATTERN)).nullable())
            .optionalProperty("DestinationPhoneNumber", stringSchema().with(pattern(E164_PATTERN)).nullable())
            .optionalProperty("FlowId", stringSchema().with(maxLength(MAX_ID)).nullable())
            .allowAdditionalProperties(true)
            .nullable())
        .optionalProperty("ChatEntryPointParameters", objectSchema()
            .optionalProperty("FlowId", stringSchema().with(minLength(1), maxLength(MAX_ID)).nullable())
            .allowAdditionalProperties(true)
            .nullable())
        .allowAdditionalProperties(true)
        .nullable();
  }

  /** 1 to 50 tags (spec §11.10: an empty map is invalid); keys 1–128 without the aws: prefix, values ≤ 256. */
  private static ObjectSchemaBuilder tags() {
    return objectSchema()
        .additionalProperties(stringSchema().with(maxLength(256)))
        .with(minProperties(1), maxProperties(50))
        .withKeyword("propertyNames",
            stringSchema().with(minLength(1), maxLength(128), pattern(TAG_KEY_PATTERN)).toJson())
        .nullable();
  }

  private static StringKeyword pattern(String regex) {
    return io.vertx.json.schema.common.dsl.Keywords.pattern(Pattern.compile(regex));
  }
}
