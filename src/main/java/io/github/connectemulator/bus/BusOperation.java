package io.github.connectemulator.bus;

import io.vertx.core.http.HttpMethod;
import java.util.List;
import java.util.Map;

/**
 * Where one AWS operation lives on HTTP, so that a bus message with the operation's members becomes the request an
 * SDK would send: members named in the path template go into the path, {@code query} members into the query
 * string (under their HTTP names), and every other member into the JSON body.
 *
 * @param template the path with {@code {Member}} placeholders
 * @param query member name → query parameter name
 */
record BusOperation(
    String name, HttpMethod method, String template, Map<String, String> query, List<String> pathMembers) {

  private static final Map<String, String> PAGING = Map.of("NextToken", "nextToken", "MaxResults", "maxResults");

  static final List<BusOperation> ALL = List.of(
      new BusOperation("CreateTestCase", HttpMethod.PUT, "/test-cases/{InstanceId}", Map.of()),
      new BusOperation("UpdateTestCase", HttpMethod.POST, "/test-cases/{InstanceId}/{TestCaseId}", Map.of()),
      new BusOperation("DescribeTestCase", HttpMethod.GET, "/test-cases/{InstanceId}/{TestCaseId}",
          Map.of("Status", "status")),
      new BusOperation("DeleteTestCase", HttpMethod.DELETE, "/test-cases/{InstanceId}/{TestCaseId}", Map.of()),
      new BusOperation("ListTestCases", HttpMethod.GET, "/test-cases-summary/{InstanceId}", PAGING),
      new BusOperation("SearchTestCases", HttpMethod.POST, "/search-test-cases", Map.of()),
      new BusOperation("StartTestCaseExecution", HttpMethod.PUT,
          "/test-cases/{InstanceId}/{TestCaseId}/start-execution", Map.of()),
      new BusOperation("StopTestCaseExecution", HttpMethod.POST,
          "/test-cases/{InstanceId}/{TestCaseId}/{TestCaseExecutionId}/stop-execution", Map.of()),
      new BusOperation("GetTestCaseExecutionSummary", HttpMethod.GET,
          "/test-cases/{InstanceId}/{TestCaseId}/{TestCaseExecutionId}/summary", Map.of()),
      new BusOperation("ListTestCaseExecutions", HttpMethod.GET, "/test-case-executions/{InstanceId}", Map.of(
          "TestCaseId", "testCaseId", "TestCaseName", "testCaseName", "StartTime", "startTime",
          "EndTime", "endTime", "Status", "status", "NextToken", "nextToken", "MaxResults", "maxResults")),
      new BusOperation("ListTestCaseExecutionRecords", HttpMethod.GET,
          "/test-cases/{InstanceId}/{TestCaseId}/{TestCaseExecutionId}/records",
          Map.of("Status", "status", "NextToken", "nextToken", "MaxResults", "maxResults")));

  BusOperation(String name, HttpMethod method, String template, Map<String, String> query) {
    this(name, method, template, query, membersIn(template));
  }

  /** The member names a path template needs, in order; read once per operation, not per message. */
  private static List<String> membersIn(String template) {
    var members = new java.util.ArrayList<String>();
    int from = 0;
    while ((from = template.indexOf('{', from)) >= 0) {
      int to = template.indexOf('}', from);
      members.add(template.substring(from + 1, to));
      from = to + 1;
    }
    return List.copyOf(members);
  }

  boolean hasBody() {
    return method == HttpMethod.PUT || method == HttpMethod.POST;
  }
}
