package io.github.connectemulator.http;

import static io.vertx.ext.web.validation.builder.Bodies.json;
import static io.vertx.ext.web.validation.builder.Parameters.optionalParam;
import static io.vertx.ext.web.validation.builder.Parameters.param;
import static io.vertx.json.schema.common.dsl.Keywords.maxLength;
import static io.vertx.json.schema.common.dsl.Keywords.maxProperties;
import static io.vertx.json.schema.common.dsl.Keywords.minLength;
import static io.vertx.json.schema.common.dsl.Keywords.minProperties;
import static io.vertx.json.schema.common.dsl.Schemas.enumSchema;
import static io.vertx.json.schema.common.dsl.Schemas.objectSchema;
import static io.vertx.json.schema.common.dsl.Schemas.stringSchema;

import io.github.connectemulator.model.InstanceIds;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.validation.RequestPredicate;
import io.vertx.ext.web.validation.ValidationHandler;
import io.vertx.ext.web.validation.builder.ValidationHandlerBuilder;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.json.schema.common.dsl.ObjectSchemaBuilder;
import io.vertx.json.schema.common.dsl.StringSchemaBuilder;
import java.util.regex.Pattern;

/**
 * One {@link ValidationHandler} per operation, built once at start-up from one {@link SchemaRepository}, with the
 * constraints of the AWS model (spec §3, §4) and the CFN limits the product enforces (spec §11.1).
 *
 * <p>JSON Schema's {@code pattern} finds rather than matches, so every pattern that must cover the whole value is
 * anchored. Optional body members are nullable: AWS treats {@code null} as absent.
 */
final class OperationValidators {

  static final String INSTANCE_ID = "InstanceId";
  static final String TEST_CASE_ID = "TestCaseId";
  static final String EXECUTION_ID = "TestCaseExecutionId";

  static final String RESOURCE_ID_HEADER = "x-amz-resource-id";
  static final String LAST_MODIFIED_TIME_HEADER = "x-amz-last-modified-time";
  static final String LAST_MODIFIED_REGION_HEADER = "x-amz-last-modified-region";

  private static final int MAX_ID = 500;
  private static final int MAX_DOCUMENT = 256_000;
  private static final String REGION_PATTERN = "^[a-z]{2}(-[a-z]+){1,2}(-[0-9])?$";
  private static final String E164_PATTERN = "^\\+[1-9]\\d{1,14}$";
  private static final String TAG_KEY_PATTERN = "^(?!aws:)[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*$";
  /** The CFN pattern {@code .*\S.*}: at least one non-blank character (found, so unanchored). */
  private static final String NOT_BLANK = "\\S";

  final ValidationHandler createTestCase;
  final ValidationHandler describeTestCase;
  final ValidationHandler startExecution;
  final ValidationHandler executionSummary;

  OperationValidators(SchemaRepository repository) {
    createTestCase =
        ValidationHandlerBuilder.create(repository)
            .pathParameter(param(INSTANCE_ID, instanceIdOrArn()))
            .headerParameter(optionalParam(RESOURCE_ID_HEADER,
                stringSchema().with(minLength(1), maxLength(MAX_ID), pattern("^[-a-zA-Z0-9]+$"))))
            .headerParameter(optionalParam(LAST_MODIFIED_TIME_HEADER, stringSchema().with(minLength(1))))
            .headerParameter(optionalParam(LAST_MODIFIED_REGION_HEADER, stringSchema().with(pattern(REGION_PATTERN))))
            .body(json(createTestCaseBody()))
            .predicate(RequestPredicate.BODY_REQUIRED)
            .build();
    describeTestCase =
        ValidationHandlerBuilder.create(repository)
            .pathParameter(param(INSTANCE_ID, instanceIdOrArn()))
            .pathParameter(param(TEST_CASE_ID, id()))
            .queryParameter(optionalParam("status", testCaseStatus()))
            .build();
    startExecution =
        ValidationHandlerBuilder.create(repository)
            .pathParameter(param(INSTANCE_ID, instanceId()))
            .pathParameter(param(TEST_CASE_ID, id()))
            .body(json(objectSchema()
                .optionalProperty("ClientToken", stringSchema().with(maxLength(MAX_ID)).nullable())
                .allowAdditionalProperties(true)))
            .build();
    executionSummary =
        ValidationHandlerBuilder.create(repository)
            .pathParameter(param(INSTANCE_ID, instanceId()))
            .pathParameter(param(TEST_CASE_ID, id()))
            .pathParameter(param(EXECUTION_ID, id()))
            .build();
  }

  static SchemaRepository newRepository() {
    return SchemaRepository.create(
        new JsonSchemaOptions()
            .setDraft(Draft.DRAFT202012)
            .setBaseUri("urn:connect-emulator:")
            .setOutputFormat(OutputFormat.Basic));
  }

  private static ObjectSchemaBuilder createTestCaseBody() {
    return objectSchema()
        .requiredProperty("Name", stringSchema().with(minLength(1), maxLength(127), pattern(NOT_BLANK)))
        .requiredProperty("Content", stringSchema().with(minLength(1), maxLength(MAX_DOCUMENT)))
        .optionalProperty("Description", stringSchema().with(maxLength(500), pattern(NOT_BLANK)).nullable())
        .optionalProperty("EntryPoint", entryPoint())
        .optionalProperty("InitializationData",
            stringSchema().with(minLength(1), maxLength(MAX_DOCUMENT)).nullable())
        .optionalProperty("Status", enumSchema("PUBLISHED", "SAVED", null))
        .optionalProperty("Tags", tags())
        .allowAdditionalProperties(true);
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

  private static StringSchemaBuilder testCaseStatus() {
    return stringSchema().withKeyword("enum", new JsonArray().add("PUBLISHED").add("SAVED"));
  }

  /** Create, Update, Describe, Delete and Search take a UUID or an instance ARN. */
  private static StringSchemaBuilder instanceIdOrArn() {
    return stringSchema().with(minLength(1), maxLength(250), pattern(InstanceIds.ID_OR_ARN_PATTERN));
  }

  /** The other operations take any instance id of 1 to 100 characters (spec §11.3). */
  private static StringSchemaBuilder instanceId() {
    return stringSchema().with(minLength(1), maxLength(100));
  }

  private static StringSchemaBuilder id() {
    return stringSchema().with(minLength(1), maxLength(MAX_ID));
  }

  private static io.vertx.json.schema.common.dsl.StringKeyword pattern(String regex) {
    return io.vertx.json.schema.common.dsl.Keywords.pattern(Pattern.compile(regex));
  }
}
