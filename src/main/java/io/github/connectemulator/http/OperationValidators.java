package io.github.connectemulator.http;

import static io.github.connectemulator.http.ReusedValidators.json;
import static io.github.connectemulator.http.ReusedValidators.optionalParam;
import static io.github.connectemulator.http.ReusedValidators.param;
import static io.vertx.json.schema.common.dsl.Keywords.maxLength;
import static io.vertx.json.schema.common.dsl.Keywords.maxProperties;
import static io.vertx.json.schema.common.dsl.Keywords.minLength;
import static io.vertx.json.schema.common.dsl.Keywords.minProperties;
import static io.vertx.json.schema.common.dsl.Keywords.maximum;
import static io.vertx.json.schema.common.dsl.Keywords.minimum;
import static io.vertx.json.schema.common.dsl.Schemas.enumSchema;
import static io.vertx.json.schema.common.dsl.Schemas.intSchema;
import static io.vertx.json.schema.common.dsl.Schemas.objectSchema;
import static io.vertx.json.schema.common.dsl.Schemas.stringSchema;

import io.github.connectemulator.model.ExecutionStatus;
import io.github.connectemulator.model.InstanceIds;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.validation.RequestPredicate;
import io.vertx.ext.web.validation.ValidationHandler;
import io.vertx.ext.web.validation.builder.ValidationHandlerBuilder;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.json.schema.common.dsl.NumberSchemaBuilder;
import io.vertx.json.schema.common.dsl.ObjectSchemaBuilder;
import io.vertx.json.schema.common.dsl.StringSchemaBuilder;
import java.util.regex.Pattern;

/**
 * One {@link ValidationHandler} per operation, built once at start-up, with the
 * constraints of the AWS model (spec §3, §4) and the CFN limits the product enforces (spec §11.1).
 *
 * <p>JSON Schema's {@code pattern} finds rather than matches, so every pattern that must cover the whole value is
 * anchored. Optional body members are nullable: AWS treats {@code null} as absent.
 */
public final class OperationValidators {

  static final String INSTANCE_ID = "InstanceId";
  static final String TEST_CASE_ID = "TestCaseId";
  static final String EXECUTION_ID = "TestCaseExecutionId";

  static final String RESOURCE_ID_HEADER = "x-amz-resource-id";
  static final String LAST_MODIFIED_TIME_HEADER = "x-amz-last-modified-time";
  static final String LAST_MODIFIED_REGION_HEADER = "x-amz-last-modified-region";

  static final String NEXT_TOKEN = "nextToken";
  static final String MAX_RESULTS = "maxResults";

  private static final int MAX_ID = 500;
  private static final int MAX_DOCUMENT = 256_000;
  private static final String REGION_PATTERN = "^[a-z]{2}(-[a-z]+){1,2}(-[0-9])?$";
  private static final String E164_PATTERN = "^\\+[1-9]\\d{1,14}$";
  private static final String TAG_KEY_PATTERN = "^(?!aws:)[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*$";
  /** The CFN pattern {@code .*\S.*}: at least one non-blank character (found, so unanchored). */
  private static final String NOT_BLANK = "\\S";

  final ValidationHandler createTestCase;
  final ValidationHandler updateTestCase;
  final ValidationHandler describeTestCase;
  final ValidationHandler deleteTestCase;
  final ValidationHandler listTestCases;
  final ValidationHandler searchTestCases;
  final ValidationHandler startExecution;
  final ValidationHandler stopExecution;
  final ValidationHandler executionSummary;
  final ValidationHandler listExecutions;
  final ValidationHandler listRecords;

  /**
   * Each operation gets a repository of its own: vertx-json-schema 5.0.7 copies its repository's whole lookup table
   * into every validator it makes, once per validated value, so one shared repository made every request pay for
   * every operation's schemas (more than half of the CPU of a Start, measured with JFR).
   */
  OperationValidators() {
    createTestCase =
        ValidationHandlerBuilder.create(newRepository())
            .pathParameter(param(INSTANCE_ID, instanceIdOrArn()))
            .headerParameter(optionalParam(RESOURCE_ID_HEADER,
                stringSchema().with(minLength(1), maxLength(MAX_ID), pattern("^[-a-zA-Z0-9]+$"))))
            .headerParameter(optionalParam(LAST_MODIFIED_TIME_HEADER, stringSchema().with(minLength(1))))
            .headerParameter(optionalParam(LAST_MODIFIED_REGION_HEADER, stringSchema().with(pattern(REGION_PATTERN))))
            .body(json(createTestCaseBody()))
            .predicate(RequestPredicate.BODY_REQUIRED)
            .build();
    updateTestCase =
        ValidationHandlerBuilder.create(newRepository())
            .pathParameter(param(INSTANCE_ID, instanceIdOrArn()))
            .pathParameter(param(TEST_CASE_ID, id()))
            .headerParameter(optionalParam(LAST_MODIFIED_TIME_HEADER, stringSchema().with(minLength(1))))
            .headerParameter(optionalParam(LAST_MODIFIED_REGION_HEADER, stringSchema().with(pattern(REGION_PATTERN))))
            .body(json(updateTestCaseBody()))
            .build();
    deleteTestCase =
        ValidationHandlerBuilder.create(newRepository())
            .pathParameter(param(INSTANCE_ID, instanceIdOrArn()))
            .pathParameter(param(TEST_CASE_ID, id()))
            .build();
    listTestCases =
        ValidationHandlerBuilder.create(newRepository())
            .pathParameter(param(INSTANCE_ID, instanceId()))
            .queryParameter(optionalParam(NEXT_TOKEN, stringSchema().with(minLength(1))))
            .queryParameter(optionalParam(MAX_RESULTS, maxResults(1000)))
            .build();
    searchTestCases =
        ValidationHandlerBuilder.create(newRepository())
            .body(json(objectSchema()
                .requiredProperty("InstanceId", instanceIdOrArn())
                .optionalProperty("NextToken", stringSchema().with(minLength(1), maxLength(2500)).nullable())
                .optionalProperty("MaxResults", maxResults(100).nullable())
                .optionalProperty("SearchFilter", objectSchema().allowAdditionalProperties(true).nullable())
                .optionalProperty("SearchCriteria", objectSchema().allowAdditionalProperties(true).nullable())
                .allowAdditionalProperties(true)))
            .predicate(RequestPredicate.BODY_REQUIRED)
            .build();
    stopExecution =
        ValidationHandlerBuilder.create(newRepository())
            .pathParameter(param(INSTANCE_ID, instanceId()))
            .pathParameter(param(TEST_CASE_ID, id()))
            .pathParameter(param(EXECUTION_ID, id()))
            .body(json(clientTokenBody()))
            .build();
    listExecutions =
        ValidationHandlerBuilder.create(newRepository())
            .pathParameter(param(INSTANCE_ID, instanceId()))
            .queryParameter(optionalParam("testCaseId", id()))
            .queryParameter(optionalParam("testCaseName", stringSchema().with(minLength(1))))
            .queryParameter(optionalParam("startTime", intSchema().with(minimum(0))))
            .queryParameter(optionalParam("endTime", intSchema().with(minimum(0))))
            .queryParameter(optionalParam("status", executionStatus()))
            .queryParameter(optionalParam(NEXT_TOKEN, stringSchema().with(minLength(1))))
            .queryParameter(optionalParam(MAX_RESULTS, maxResults(100)))
            .build();
    listRecords =
        ValidationHandlerBuilder.create(newRepository())
            .pathParameter(param(INSTANCE_ID, instanceId()))
            .pathParameter(param(TEST_CASE_ID, id()))
            .pathParameter(param(EXECUTION_ID, id()))
            .queryParameter(optionalParam("status", executionStatus()))
            .queryParameter(optionalParam(NEXT_TOKEN, stringSchema().with(minLength(1), maxLength(100_000))))
            .queryParameter(optionalParam(MAX_RESULTS, maxResults(100)))
            .build();
    describeTestCase =
        ValidationHandlerBuilder.create(newRepository())
            .pathParameter(param(INSTANCE_ID, instanceIdOrArn()))
            .pathParameter(param(TEST_CASE_ID, id()))
            .queryParameter(optionalParam("status", testCaseStatus()))
            .build();
    startExecution =
        ValidationHandlerBuilder.create(newRepository())
            .pathParameter(param(INSTANCE_ID, instanceId()))
            .pathParameter(param(TEST_CASE_ID, id()))
            .body(json(clientTokenBody()))
            .build();
    executionSummary =
        ValidationHandlerBuilder.create(newRepository())
            .pathParameter(param(INSTANCE_ID, instanceId()))
            .pathParameter(param(TEST_CASE_ID, id()))
            .pathParameter(param(EXECUTION_ID, id()))
            .build();
  }

  public static SchemaRepository newRepository() {
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

  /** Update takes the members of Create, all optional, and no Tags (tags never change). */
  private static ObjectSchemaBuilder updateTestCaseBody() {
    return objectSchema()
        .optionalProperty("Name", stringSchema().with(minLength(1), maxLength(127), pattern(NOT_BLANK)).nullable())
        .optionalProperty("Content", stringSchema().with(minLength(1), maxLength(MAX_DOCUMENT)).nullable())
        .optionalProperty("Description", stringSchema().with(maxLength(500), pattern(NOT_BLANK)).nullable())
        .optionalProperty("EntryPoint", entryPoint())
        .optionalProperty("InitializationData",
            stringSchema().with(minLength(1), maxLength(MAX_DOCUMENT)).nullable())
        .optionalProperty("Status", enumSchema("PUBLISHED", "SAVED", null))
        .allowAdditionalProperties(true);
  }

  private static ObjectSchemaBuilder clientTokenBody() {
    return objectSchema()
        .optionalProperty("ClientToken", stringSchema().with(maxLength(MAX_ID)).nullable())
        .allowAdditionalProperties(true);
  }

  private static NumberSchemaBuilder maxResults(int max) {
    return intSchema().with(minimum(1), maximum(max));
  }

  /** The TestCaseExecutionStatus enum, which the records filter also takes (INITIATED included). */
  private static StringSchemaBuilder executionStatus() {
    var values = new JsonArray();
    for (ExecutionStatus status : ExecutionStatus.values()) {
      values.add(status.name());
    }
    return stringSchema().withKeyword("enum", values);
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
