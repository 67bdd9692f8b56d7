package io.github.connectemulator.http;

import static io.github.connectemulator.http.OperationValidators.EXECUTION_ID;
import static io.github.connectemulator.http.OperationValidators.INSTANCE_ID;
import static io.github.connectemulator.http.OperationValidators.LAST_MODIFIED_REGION_HEADER;
import static io.github.connectemulator.http.OperationValidators.LAST_MODIFIED_TIME_HEADER;
import static io.github.connectemulator.http.OperationValidators.RESOURCE_ID_HEADER;
import static io.github.connectemulator.http.OperationValidators.TEST_CASE_ID;

import io.github.connectemulator.api.Addresses;
import io.github.connectemulator.api.AwsFailure;
import io.github.connectemulator.api.CreateTestCase;
import io.github.connectemulator.api.DescribeTestCase;
import io.github.connectemulator.api.ExecutionStarted;
import io.github.connectemulator.api.ExecutionSummary;
import io.github.connectemulator.api.GetExecutionSummary;
import io.github.connectemulator.api.OwnerCommand;
import io.github.connectemulator.api.StartExecution;
import io.github.connectemulator.api.TestCaseCreated;
import io.github.connectemulator.api.TestCaseView;
import io.github.connectemulator.model.EntryPoint;
import io.github.connectemulator.model.InstanceIds;
import io.github.connectemulator.model.TestCaseStatus;
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

  private final EventBus bus;
  private final int ownerCount;
  private final DeliveryOptions delivery;

  OperationHandlers(EventBus bus, int ownerCount, long requestTimeoutMillis) {
    this.bus = bus;
    this.ownerCount = ownerCount;
    this.delivery = new DeliveryOptions().setSendTimeout(requestTimeoutMillis);
  }

  void createTestCase(RoutingContext ctx) {
    RequestParameters params = ctx.get(ValidationHandler.REQUEST_CONTEXT_KEY);
    JsonObject body = params.body().getJsonObject();
    var command =
        new CreateTestCase(
            instanceId(params),
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

  void describeTestCase(RoutingContext ctx) {
    RequestParameters params = ctx.get(ValidationHandler.REQUEST_CONTEXT_KEY);
    RequestParameter status = params.queryParameter("status");
    var command =
        new DescribeTestCase(
            instanceId(params), path(params, TEST_CASE_ID), status == null ? null : status(status.getString()));
    send(ctx, command, (TestCaseView view) -> JsonBodies.testCase(view));
  }

  void startExecution(RoutingContext ctx) {
    RequestParameters params = ctx.get(ValidationHandler.REQUEST_CONTEXT_KEY);
    RequestParameter body = params.body();
    String clientToken = body == null ? null : body.getJsonObject().getString("ClientToken");
    var command = new StartExecution(instanceId(params), path(params, TEST_CASE_ID), clientToken);
    send(ctx, command, (ExecutionStarted started) -> JsonBodies.executionStarted(started));
  }

  void executionSummary(RoutingContext ctx) {
    RequestParameters params = ctx.get(ValidationHandler.REQUEST_CONTEXT_KEY);
    var command =
        new GetExecutionSummary(instanceId(params), path(params, TEST_CASE_ID), path(params, EXECUTION_ID));
    send(ctx, command, (ExecutionSummary summary) -> JsonBodies.executionSummary(summary));
  }

  private <R> void send(RoutingContext ctx, OwnerCommand command, Function<R, Buffer> writer) {
    String owner = Addresses.owner(Addresses.ownerIndex(command.instanceId(), ownerCount));
    bus.<R>request(owner, command, delivery)
        .onComplete(reply -> {
          if (reply.succeeded()) {
            Responses.json(ctx, writer.apply(reply.result().body()));
          } else {
            AwsErrors.sendFailure(ctx, reply.cause());
          }
        });
  }

  private static String instanceId(RequestParameters params) {
    return InstanceIds.canonical(path(params, INSTANCE_ID));
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
