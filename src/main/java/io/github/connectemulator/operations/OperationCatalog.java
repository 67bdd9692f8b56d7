package io.github.connectemulator.operations;

import static io.github.connectemulator.operations.MemberRule.header;
import static io.github.connectemulator.operations.MemberRule.path;
import static io.github.connectemulator.operations.MemberRule.query;
import static io.github.connectemulator.operations.MemberSchemas.clientTokenBody;
import static io.github.connectemulator.operations.MemberSchemas.epochMillis;
import static io.github.connectemulator.operations.MemberSchemas.executionStatus;
import static io.github.connectemulator.operations.MemberSchemas.httpDate;
import static io.github.connectemulator.operations.MemberSchemas.instanceId;
import static io.github.connectemulator.operations.MemberSchemas.instanceIdOrArn;
import static io.github.connectemulator.operations.MemberSchemas.maxResults;
import static io.github.connectemulator.operations.MemberSchemas.nextToken;
import static io.github.connectemulator.operations.MemberSchemas.nonEmpty;
import static io.github.connectemulator.operations.MemberSchemas.optionalId;
import static io.github.connectemulator.operations.MemberSchemas.pathId;
import static io.github.connectemulator.operations.MemberSchemas.region;
import static io.github.connectemulator.operations.MemberSchemas.resourceId;
import static io.github.connectemulator.operations.MemberSchemas.testCaseStatus;

import io.vertx.core.http.HttpMethod;
import java.util.List;

/**
 * The eleven operations, each once: name, HTTP binding, members and their rules (member by member, as the AWS model
 * gives them), and the call. The HTTP face and the event-bus face are built from this list, so they validate alike
 * and answer alike. The order is the HTTP routes' order: the calls load tests make most come first.
 */
public final class OperationCatalog {

  private final List<OperationSpec> operations;

  public OperationCatalog(OwnerClient owners, PageTokens tokens) {
    var calls = new OperationCalls(owners, tokens);
    operations = List.of(
        new OperationSpec(OperationNames.START_EXECUTION, HttpMethod.PUT,
            "/test-cases/{InstanceId}/{TestCaseId}/start-execution",
            List.of(path("InstanceId", instanceId()), path("TestCaseId", pathId())),
            clientTokenBody().toJson(), false, calls::startExecution),
        new OperationSpec(OperationNames.GET_EXECUTION_SUMMARY, HttpMethod.GET,
            "/test-cases/{InstanceId}/{TestCaseId}/{TestCaseExecutionId}/summary",
            List.of(path("InstanceId", instanceId()), path("TestCaseId", pathId()),
                path("TestCaseExecutionId", pathId())),
            null, false, calls::executionSummary),
        new OperationSpec(OperationNames.LIST_EXECUTION_RECORDS, HttpMethod.GET,
            "/test-cases/{InstanceId}/{TestCaseId}/{TestCaseExecutionId}/records",
            List.of(path("InstanceId", instanceId()), path("TestCaseId", pathId()),
                path("TestCaseExecutionId", pathId()),
                query("Status", "status", executionStatus()),
                query("NextToken", "nextToken", nextToken(100_000)),
                query("MaxResults", "maxResults", maxResults(100))),
            null, false, calls::listRecords),
        new OperationSpec(OperationNames.CREATE_TEST_CASE, HttpMethod.PUT, "/test-cases/{InstanceId}",
            List.of(path("InstanceId", instanceIdOrArn()),
                header("TestCaseId", "x-amz-resource-id", resourceId()),
                header("LastModifiedTime", "x-amz-last-modified-time", httpDate()),
                header("LastModifiedRegion", "x-amz-last-modified-region", region())),
            MemberSchemas.createTestCaseBody().toJson(), true, calls::createTestCase),
        new OperationSpec(OperationNames.UPDATE_TEST_CASE, HttpMethod.POST, "/test-cases/{InstanceId}/{TestCaseId}",
            List.of(path("InstanceId", instanceIdOrArn()), path("TestCaseId", pathId()),
                header("LastModifiedTime", "x-amz-last-modified-time", httpDate()),
                header("LastModifiedRegion", "x-amz-last-modified-region", region())),
            MemberSchemas.updateTestCaseBody().toJson(), false, calls::updateTestCase),
        new OperationSpec(OperationNames.DESCRIBE_TEST_CASE, HttpMethod.GET, "/test-cases/{InstanceId}/{TestCaseId}",
            List.of(path("InstanceId", instanceIdOrArn()), path("TestCaseId", pathId()),
                query("Status", "status", testCaseStatus())),
            null, false, calls::describeTestCase),
        new OperationSpec(OperationNames.DELETE_TEST_CASE, HttpMethod.DELETE, "/test-cases/{InstanceId}/{TestCaseId}",
            List.of(path("InstanceId", instanceIdOrArn()), path("TestCaseId", pathId())),
            null, false, calls::deleteTestCase),
        new OperationSpec(OperationNames.LIST_TEST_CASES, HttpMethod.GET, "/test-cases-summary/{InstanceId}",
            List.of(path("InstanceId", instanceId()),
                query("NextToken", "nextToken", nonEmpty()),
                query("MaxResults", "maxResults", maxResults(1000))),
            null, false, calls::listTestCases),
        new OperationSpec(OperationNames.SEARCH_TEST_CASES, HttpMethod.POST, "/search-test-cases",
            List.of(), MemberSchemas.searchTestCasesBody().toJson(), true, calls::searchTestCases),
        new OperationSpec(OperationNames.STOP_EXECUTION, HttpMethod.POST,
            "/test-cases/{InstanceId}/{TestCaseId}/{TestCaseExecutionId}/stop-execution",
            List.of(path("InstanceId", instanceId()), path("TestCaseId", pathId()),
                path("TestCaseExecutionId", pathId())),
            clientTokenBody().toJson(), false, calls::stopExecution),
        new OperationSpec(OperationNames.LIST_EXECUTIONS, HttpMethod.GET, "/test-case-executions/{InstanceId}",
            List.of(path("InstanceId", instanceId()),
                query("TestCaseId", "testCaseId", optionalId()),
                query("TestCaseName", "testCaseName", nonEmpty()),
                query("StartTime", "startTime", epochMillis()),
                query("EndTime", "endTime", epochMillis()),
                query("Status", "status", executionStatus()),
                query("NextToken", "nextToken", nonEmpty()),
                query("MaxResults", "maxResults", maxResults(100))),
            null, false, calls::listExecutions));
  }

  /** Every operation, hot ones first. */
  public List<OperationSpec> operations() {
    return operations;
  }
}
