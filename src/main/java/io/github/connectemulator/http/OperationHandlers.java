package io.github.connectemulator.http;

import static io.github.connectemulator.http.OperationValidators.EXECUTION_ID;
import static io.github.connectemulator.http.OperationValidators.INSTANCE_ID;
import static io.github.connectemulator.http.OperationValidators.LAST_MODIFIED_REGION_HEADER;
import static io.github.connectemulator.http.OperationValidators.LAST_MODIFIED_TIME_HEADER;
import static io.github.connectemulator.http.OperationValidators.MAX_RESULTS;
import static io.github.connectemulator.http.OperationValidators.NEXT_TOKEN;
import static io.github.connectemulator.http.OperationValidators.RESOURCE_ID_HEADER;
import static io.github.connectemulator.http.OperationValidators.TEST_CASE_ID;

import io.github.connectemulator.model.EntryPoint;
import io.github.connectemulator.model.ExecutionStatus;
import io.github.connectemulator.model.InstanceIds;
import io.github.connectemulator.model.TestCaseStatus;
import io.github.connectemulator.operations.Addresses;
import io.github.connectemulator.operations.AwsErrorType;
import io.github.connectemulator.operations.AwsFailure;
import io.github.connectemulator.operations.JsonBodies;
import io.github.connectemulator.operations.OwnerAdmission;
import io.github.connectemulator.operations.PageTokens;
import io.github.connectemulator.operations.SearchRequests;
import io.github.connectemulator.owner.protocol.CreateTestCase;
import io.github.connectemulator.owner.protocol.DeleteTestCase;
import io.github.connectemulator.owner.protocol.DescribeTestCase;
import io.github.connectemulator.owner.protocol.Done;
import io.github.connectemulator.owner.protocol.ExecutionStarted;
import io.github.connectemulator.owner.protocol.ExecutionSummary;
import io.github.connectemulator.owner.protocol.ExecutionView;
import io.github.connectemulator.owner.protocol.GetExecutionSummary;
import io.github.connectemulator.owner.protocol.ListExecutions;
import io.github.connectemulator.owner.protocol.ListRecords;
import io.github.connectemulator.owner.protocol.ListTestCases;
import io.github.connectemulator.owner.protocol.OwnerCommand;
import io.github.connectemulator.owner.protocol.Page;
import io.github.connectemulator.owner.protocol.PageRequest;
import io.github.connectemulator.owner.protocol.RecordView;
import io.github.connectemulator.owner.protocol.SearchTestCases;
import io.github.connectemulator.owner.protocol.StartExecution;
import io.github.connectemulator.owner.protocol.StopExecution;
import io.github.connectemulator.owner.protocol.TestCaseCreated;
import io.github.connectemulator.owner.protocol.TestCaseView;
import io.github.connectemulator.owner.protocol.UpdateTestCase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.validation.RequestParameter;
import io.vertx.ext.web.validation.RequestParameters;
import io.vertx.ext.web.validation.ValidationHandler;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The action of each operation, run after its validation: turns the validated request into an
 * {@link OwnerCommand}, sends it to the owner of the instance, and writes the reply or the failure.
 */
final class OperationHandlers {

  private static final Function<Done, Buffer> NO_BODY = done -> null;

  private final EventBus bus;
  /** Owner addresses built once: the address is looked up on every request. */
  private final String[] owners;
  private final DeliveryOptions delivery;
  private final PageTokens tokens;
  private final OwnerAdmission admission;

  OperationHandlers(
      EventBus bus, int ownerCount, long requestTimeoutMillis, PageTokens tokens, OwnerAdmission admission) {
    this.bus = bus;
    this.owners = new String[ownerCount];
    for (int i = 0; i < ownerCount; i++) {
      owners[i] = Addresses.owner(i);
    }
    this.delivery = new DeliveryOptions().setSendTimeout(requestTimeoutMillis);
    this.tokens = tokens;
    this.admission = admission;
  }

  void createTestCase(RoutingContext ctx) {
    RequestParameters params = ctx.get(ValidationHandler.REQUEST_CONTEXT_KEY);
    JsonObject body = params.body().getJsonObject();
    var command =
        new CreateTestCase(
            instanceId(ctx, params),
            header(params, RESOURCE_ID_HEADER),
            lastModifiedTime(header(params, LAST_MODIFIED_TIME_HEADER)),
            header(params, LAST_MODIFIED_REGION_HEADER),
            body.getString("Name"),
            body.getString("Content"),
            body.getString("Description"),
            entryPoint(body.getJsonObject("EntryPoint")),
            body.getString("InitializationData"),
            status(body.getString("Status")),
            tags(body.getJsonObject("Tags")));
    send(ctx, command, (TestCaseCreated created) -> JsonBodies.testCaseCreated(created));
  }

  void updateTestCase(RoutingContext ctx) {
    RequestParameters params = ctx.get(ValidationHandler.REQUEST_CONTEXT_KEY);
    JsonObject body = params.body() == null ? new JsonObject() : params.body().getJsonObject();
    var command =
        new UpdateTestCase(
            instanceId(ctx, params),
            path(params, TEST_CASE_ID),
            lastModifiedTime(header(params, LAST_MODIFIED_TIME_HEADER)),
            header(params, LAST_MODIFIED_REGION_HEADER),
            body.getString("Name"),
            body.getString("Content"),
            body.getString("Description"),
            entryPoint(body.getJsonObject("EntryPoint")),
            body.getString("InitializationData"),
            status(body.getString("Status")));
    send(ctx, command, NO_BODY);
  }

  void deleteTestCase(RoutingContext ctx) {
    RequestParameters params = ctx.get(ValidationHandler.REQUEST_CONTEXT_KEY);
    send(ctx, new DeleteTestCase(instanceId(ctx, params), path(params, TEST_CASE_ID)), NO_BODY);
  }

  void listTestCases(RoutingContext ctx) {
    RequestParameters params = ctx.get(ValidationHandler.REQUEST_CONTEXT_KEY);
    String instanceId = instanceId(ctx, params);
    String binding = "ListTestCases|" + instanceId;
    var command = new ListTestCases(instanceId, page(binding, query(params, NEXT_TOKEN), params));
    send(ctx, command,
        (Page<TestCaseView> page) -> JsonBodies.testCaseSummaries(page, tokens.issue(binding, page.next())));
  }

  void searchTestCases(RoutingContext ctx) {
    RequestParameters params = ctx.get(ValidationHandler.REQUEST_CONTEXT_KEY);
    JsonObject body = params.body().getJsonObject();
    String instanceId =
        InstanceIds.scoped(ctx.get(SigV4Verifier.ACCOUNT), InstanceIds.canonical(body.getString("InstanceId")));
    String binding = "SearchTestCases|" + instanceId + "|" + body.getValue("SearchCriteria") + "|"
        + body.getValue("SearchFilter");
    Integer maxResults = body.getInteger("MaxResults");
    var command =
        new SearchTestCases(
            instanceId,
            SearchRequests.criteria(body),
            SearchRequests.filter(body),
            new PageRequest(maxResults == null ? DEFAULT_PAGE_SIZE : maxResults,
                tokens.cursor(binding, body.getString("NextToken"))));
    send(ctx, command,
        (Page<TestCaseView> page) -> JsonBodies.searchResults(page, tokens.issue(binding, page.next())));
  }

  void describeTestCase(RoutingContext ctx) {
    RequestParameters params = ctx.get(ValidationHandler.REQUEST_CONTEXT_KEY);
    RequestParameter status = params.queryParameter("status");
    var command =
        new DescribeTestCase(
            instanceId(ctx, params), path(params, TEST_CASE_ID), status == null ? null : status(status.getString()));
    send(ctx, command, (TestCaseView view) -> JsonBodies.testCase(view));
  }

  void startExecution(RoutingContext ctx) {
    RequestParameters params = ctx.get(ValidationHandler.REQUEST_CONTEXT_KEY);
    RequestParameter body = params.body();
    String clientToken = body == null ? null : body.getJsonObject().getString("ClientToken");
    var command = new StartExecution(instanceId(ctx, params), path(params, TEST_CASE_ID), clientToken);
    send(ctx, command, (ExecutionStarted started) -> JsonBodies.executionStarted(started));
  }

  void stopExecution(RoutingContext ctx) {
    RequestParameters params = ctx.get(ValidationHandler.REQUEST_CONTEXT_KEY);
    RequestParameter body = params.body();
    String clientToken = body == null ? null : body.getJsonObject().getString("ClientToken");
    var command = new StopExecution(
        instanceId(ctx, params), path(params, TEST_CASE_ID), path(params, EXECUTION_ID), clientToken);
    send(ctx, command, NO_BODY);
  }

  void listExecutions(RoutingContext ctx) {
    RequestParameters params = ctx.get(ValidationHandler.REQUEST_CONTEXT_KEY);
    String instanceId = instanceId(ctx, params);
    String testCaseId = query(params, "testCaseId");
    String testCaseName = query(params, "testCaseName");
    Long startTime = longQuery(params, "startTime");
    Long endTime = longQuery(params, "endTime");
    String status = query(params, "status");
    String binding = "ListTestCaseExecutions|" + instanceId + "|" + testCaseId + "|" + testCaseName + "|"
        + startTime + "|" + endTime + "|" + status;
    var command =
        new ListExecutions(instanceId, testCaseId, testCaseName, startTime, endTime,
            status == null ? null : ExecutionStatus.valueOf(status),
            page(binding, query(params, NEXT_TOKEN), params));
    send(ctx, command,
        (Page<ExecutionView> page) -> JsonBodies.executions(page, tokens.issue(binding, page.next())));
  }

  void listRecords(RoutingContext ctx) {
    RequestParameters params = ctx.get(ValidationHandler.REQUEST_CONTEXT_KEY);
    String instanceId = instanceId(ctx, params);
    String testCaseId = path(params, TEST_CASE_ID);
    String executionId = path(params, EXECUTION_ID);
    String status = query(params, "status");
    String binding = "ListTestCaseExecutionRecords|" + instanceId + "|" + testCaseId + "|" + executionId + "|"
        + status;
    var command =
        new ListRecords(instanceId, testCaseId, executionId,
            status == null ? null : ExecutionStatus.valueOf(status),
            page(binding, query(params, NEXT_TOKEN), params));
    send(ctx, command,
        (Page<RecordView> page) -> JsonBodies.records(page, tokens.issue(binding, page.next())));
  }

  void executionSummary(RoutingContext ctx) {
    RequestParameters params = ctx.get(ValidationHandler.REQUEST_CONTEXT_KEY);
    var command =
        new GetExecutionSummary(instanceId(ctx, params), path(params, TEST_CASE_ID), path(params, EXECUTION_ID));
    send(ctx, command, (ExecutionSummary summary) -> JsonBodies.executionSummary(summary));
  }

  private <R> void send(RoutingContext ctx, OwnerCommand command, Function<R, Buffer> writer) {
    int index = Addresses.ownerIndex(command.instanceId(), owners.length);
    if (!admission.tryEnter(index)) {
      AwsErrors.send(ctx, AwsErrorType.THROTTLING, "The emulator is at capacity (" + admission.limit()
          + " requests in flight for this instance's owner); retry with backoff");
      return;
    }
    bus.<R>request(owners[index], command, delivery)
        .onComplete(reply -> {
          admission.leave(index);
          if (reply.succeeded()) {
            Buffer body = writer.apply(reply.result().body());
            if (body == null) {
              Responses.empty(ctx);
            } else {
              Responses.json(ctx, body);
            }
          } else {
            AwsErrors.sendFailure(ctx, reply.cause());
          }
        });
  }

  /** AWS leaves the default page size undocumented; the emulator uses 100 everywhere (spec §8.6). */
  static final int DEFAULT_PAGE_SIZE = 100;

  private PageRequest page(String binding, String nextToken, RequestParameters params) {
    RequestParameter maxResults = params.queryParameter(MAX_RESULTS);
    return new PageRequest(
        maxResults == null ? DEFAULT_PAGE_SIZE : maxResults.getInteger(), tokens.cursor(binding, nextToken));
  }

  private static String query(RequestParameters params, String name) {
    RequestParameter value = params.queryParameter(name);
    return value == null ? null : value.getString();
  }

  private static Long longQuery(RequestParameters params, String name) {
    RequestParameter value = params.queryParameter(name);
    return value == null ? null : value.getLong();
  }

  /** The instance, within the caller's account when SigV4 names one (see {@link InstanceIds#scoped}). */
  private static String instanceId(RoutingContext ctx, RequestParameters params) {
    return InstanceIds.scoped(ctx.get(SigV4Verifier.ACCOUNT), InstanceIds.canonical(path(params, INSTANCE_ID)));
  }

  private static String path(RequestParameters params, String name) {
    return params.pathParameter(name).getString();
  }

  private static String header(RequestParameters params, String name) {
    RequestParameter value = params.headerParameter(name);
    return value == null ? null : value.getString();
  }

  private static TestCaseStatus status(String value) {
    return value == null ? null : TestCaseStatus.valueOf(value);
  }

  /** {@code x-amz-last-modified-time} is an HTTP-date (IMF-fixdate), as the SDKs send it. */
  private static Long lastModifiedTime(String httpDate) {
    if (httpDate == null) {
      return null;
    }
    try {
      return ZonedDateTime.parse(httpDate, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      throw AwsFailure.invalidParameter(
          "Header " + LAST_MODIFIED_TIME_HEADER + " must be an HTTP-date such as 'Tue, 14 Nov 2023 22:13:20 GMT'");
    }
  }

  private static EntryPoint entryPoint(JsonObject json) {
    if (json == null) {
      return null;
    }
    JsonObject voice = json.getJsonObject("VoiceCallEntryPointParameters");
    JsonObject chat = json.getJsonObject("ChatEntryPointParameters");
    return new EntryPoint(
        json.getString("Type"),
        voice == null
            ? null
            : new EntryPoint.VoiceCall(
                voice.getString("SourcePhoneNumber"),
                voice.getString("DestinationPhoneNumber"),
                voice.getString("FlowId")),
        chat == null ? null : new EntryPoint.Chat(chat.getString("FlowId")));
  }

  private static Map<String, String> tags(JsonObject json) {
    if (json == null) {
      return null;
    }
    var tags = new LinkedHashMap<String, String>();
    json.forEach(tag -> tags.put(tag.getKey(), (String) tag.getValue()));
    return Collections.unmodifiableMap(tags);
  }
}
