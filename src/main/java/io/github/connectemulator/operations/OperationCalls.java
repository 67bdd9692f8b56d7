package io.github.connectemulator.operations;

import io.github.connectemulator.model.EntryPoint;
import io.github.connectemulator.model.ExecutionStatus;
import io.github.connectemulator.model.InstanceIds;
import io.github.connectemulator.model.TestCaseStatus;
import io.github.connectemulator.owner.protocol.CreateTestCase;
import io.github.connectemulator.owner.protocol.DeleteTestCase;
import io.github.connectemulator.owner.protocol.DescribeTestCase;
import io.github.connectemulator.owner.protocol.ExecutionStarted;
import io.github.connectemulator.owner.protocol.ExecutionSummary;
import io.github.connectemulator.owner.protocol.ExecutionView;
import io.github.connectemulator.owner.protocol.GetExecutionSummary;
import io.github.connectemulator.owner.protocol.ListExecutions;
import io.github.connectemulator.owner.protocol.ListRecords;
import io.github.connectemulator.owner.protocol.ListTestCases;
import io.github.connectemulator.owner.protocol.Page;
import io.github.connectemulator.owner.protocol.PageRequest;
import io.github.connectemulator.owner.protocol.RecordView;
import io.github.connectemulator.owner.protocol.SearchTestCases;
import io.github.connectemulator.owner.protocol.StartExecution;
import io.github.connectemulator.owner.protocol.StopExecution;
import io.github.connectemulator.owner.protocol.TestCaseCreated;
import io.github.connectemulator.owner.protocol.TestCaseView;
import io.github.connectemulator.owner.protocol.UpdateTestCase;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The eleven operations' calls: each turns validated members into an owner command, sends it to the instance's owner
 * and writes the reply's JSON. NextTokens are issued and read here, bound to the operation, the instance and the
 * filters, so that a token works through either face.
 */
final class OperationCalls {

  /** AWS leaves the default page size undocumented; the emulator uses 100 everywhere (spec §8.6). */
  static final int DEFAULT_PAGE_SIZE = 100;

  private final OwnerClient owners;
  private final PageTokens tokens;

  OperationCalls(OwnerClient owners, PageTokens tokens) {
    this.owners = owners;
    this.tokens = tokens;
  }

  Future<Buffer> createTestCase(Members members, String account) {
    TestCaseEdit edit = TestCaseEdit.of(members);
    var command = new CreateTestCase(instanceKey(members, account), members.string("TestCaseId"),
        edit.lastModifiedTime(), edit.lastModifiedRegion(), edit.name(), edit.content(), edit.description(),
        edit.entryPoint(), edit.initializationData(), edit.status(), tags(members.body().getJsonObject("Tags")));
    return owners.<TestCaseCreated>send(command).map(JsonBodies::testCaseCreated);
  }

  Future<Buffer> updateTestCase(Members members, String account) {
    TestCaseEdit edit = TestCaseEdit.of(members);
    var command = new UpdateTestCase(instanceKey(members, account), members.string("TestCaseId"),
        edit.lastModifiedTime(), edit.lastModifiedRegion(), edit.name(), edit.content(), edit.description(),
        edit.entryPoint(), edit.initializationData(), edit.status());
    return owners.send(command).map((Buffer) null);
  }

  /** The members Create and Update both take: the replication headers and the test case's fields. */
  private record TestCaseEdit(Long lastModifiedTime, String lastModifiedRegion, String name, String content,
      String description, EntryPoint entryPoint, String initializationData, TestCaseStatus status) {

    static TestCaseEdit of(Members members) {
      JsonObject body = members.body();
      return new TestCaseEdit(OperationCalls.lastModifiedTime(members.string("LastModifiedTime")),
          members.string("LastModifiedRegion"), body.getString("Name"), body.getString("Content"),
          body.getString("Description"), OperationCalls.entryPoint(body.getJsonObject("EntryPoint")),
          body.getString("InitializationData"), OperationCalls.status(body.getString("Status")));
    }
  }

  Future<Buffer> describeTestCase(Members members, String account) {
    var command = new DescribeTestCase(
        instanceKey(members, account), members.string("TestCaseId"), status(members.string("Status")));
    return owners.<TestCaseView>send(command).map(JsonBodies::testCase);
  }

  Future<Buffer> deleteTestCase(Members members, String account) {
    return owners.send(new DeleteTestCase(instanceKey(members, account), members.string("TestCaseId")))
        .map((Buffer) null);
  }

  Future<Buffer> listTestCases(Members members, String account) {
    String instance = instanceKey(members, account);
    String binding = OperationNames.LIST_TEST_CASES + "|" + instance;
    var command = new ListTestCases(instance, page(binding, members));
    return owners.<Page<TestCaseView>>send(command)
        .map(page -> JsonBodies.testCaseSummaries(page, tokens.issue(binding, page.next())));
  }

  Future<Buffer> searchTestCases(Members members, String account) {
    JsonObject body = members.body();
    String instance = instanceKey(members, account);
    String binding = OperationNames.SEARCH_TEST_CASES + "|" + instance + "|" + body.getValue("SearchCriteria") + "|"
        + body.getValue("SearchFilter");
    Integer maxResults = body.getInteger("MaxResults");
    var command =
        new SearchTestCases(
            instance,
            SearchRequests.criteria(body),
            SearchRequests.filter(body),
            new PageRequest(maxResults == null ? DEFAULT_PAGE_SIZE : maxResults,
                tokens.cursor(binding, body.getString("NextToken"))));
    return owners.<Page<TestCaseView>>send(command)
        .map(page -> JsonBodies.searchResults(page, tokens.issue(binding, page.next())));
  }

  Future<Buffer> startExecution(Members members, String account) {
    var command = new StartExecution(
        instanceKey(members, account), members.string("TestCaseId"), members.body().getString("ClientToken"));
    return owners.<ExecutionStarted>send(command).map(JsonBodies::executionStarted);
  }

  Future<Buffer> stopExecution(Members members, String account) {
    var command = new StopExecution(instanceKey(members, account), members.string("TestCaseId"),
        members.string("TestCaseExecutionId"), members.body().getString("ClientToken"));
    return owners.send(command).map((Buffer) null);
  }

  Future<Buffer> executionSummary(Members members, String account) {
    var command = new GetExecutionSummary(
        instanceKey(members, account), members.string("TestCaseId"), members.string("TestCaseExecutionId"));
    return owners.<ExecutionSummary>send(command).map(JsonBodies::executionSummary);
  }

  Future<Buffer> listExecutions(Members members, String account) {
    String instance = instanceKey(members, account);
    String testCaseId = members.string("TestCaseId");
    String testCaseName = members.string("TestCaseName");
    Long startTime = members.integer("StartTime");
    Long endTime = members.integer("EndTime");
    String status = members.string("Status");
    String binding = OperationNames.LIST_EXECUTIONS + "|" + instance + "|" + testCaseId + "|" + testCaseName + "|"
        + startTime + "|" + endTime + "|" + status;
    var command = new ListExecutions(instance, testCaseId, testCaseName, startTime, endTime,
        status == null ? null : ExecutionStatus.valueOf(status), page(binding, members));
    return owners.<Page<ExecutionView>>send(command)
        .map(page -> JsonBodies.executions(page, tokens.issue(binding, page.next())));
  }

  Future<Buffer> listRecords(Members members, String account) {
    String instance = instanceKey(members, account);
    String testCaseId = members.string("TestCaseId");
    String executionId = members.string("TestCaseExecutionId");
    String status = members.string("Status");
    String binding = OperationNames.LIST_EXECUTION_RECORDS + "|" + instance + "|" + testCaseId + "|" + executionId
        + "|" + status;
    var command = new ListRecords(instance, testCaseId, executionId,
        status == null ? null : ExecutionStatus.valueOf(status), page(binding, members));
    return owners.<Page<RecordView>>send(command)
        .map(page -> JsonBodies.records(page, tokens.issue(binding, page.next())));
  }

  private PageRequest page(String binding, Members members) {
    Long maxResults = members.integer("MaxResults");
    return new PageRequest(maxResults == null ? DEFAULT_PAGE_SIZE : maxResults.intValue(),
        tokens.cursor(binding, members.string("NextToken")));
  }

  /** The instance, within the caller's account when its credentials name one (see {@link InstanceIds#scoped}). */
  private static String instanceKey(Members members, String account) {
    return InstanceIds.scoped(account, InstanceIds.canonical(members.string("InstanceId")));
  }

  private static TestCaseStatus status(String value) {
    return value == null ? null : TestCaseStatus.valueOf(value);
  }

  /** LastModifiedTime is an HTTP-date (IMF-fixdate), as the SDKs send it in {@code x-amz-last-modified-time}. */
  private static Long lastModifiedTime(String httpDate) {
    if (httpDate == null) {
      return null;
    }
    try {
      return ZonedDateTime.parse(httpDate, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      throw AwsFailure.invalidParameter(
          "LastModifiedTime (x-amz-last-modified-time) must be an HTTP-date such as 'Tue, 14 Nov 2023 22:13:20 GMT'");
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
