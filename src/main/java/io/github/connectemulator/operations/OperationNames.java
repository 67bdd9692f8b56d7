package io.github.connectemulator.operations;

import java.util.List;

/** The eleven operations by their AWS names: the one list every face, the owners and the configuration use. */
public final class OperationNames {

  public static final String CREATE_TEST_CASE = "CreateTestCase";
  public static final String UPDATE_TEST_CASE = "UpdateTestCase";
  public static final String DESCRIBE_TEST_CASE = "DescribeTestCase";
  public static final String DELETE_TEST_CASE = "DeleteTestCase";
  public static final String LIST_TEST_CASES = "ListTestCases";
  public static final String SEARCH_TEST_CASES = "SearchTestCases";
  public static final String START_EXECUTION = "StartTestCaseExecution";
  public static final String STOP_EXECUTION = "StopTestCaseExecution";
  public static final String GET_EXECUTION_SUMMARY = "GetTestCaseExecutionSummary";
  public static final String LIST_EXECUTIONS = "ListTestCaseExecutions";
  public static final String LIST_EXECUTION_RECORDS = "ListTestCaseExecutionRecords";

  public static final List<String> ALL = List.of(
      CREATE_TEST_CASE, UPDATE_TEST_CASE, DESCRIBE_TEST_CASE, DELETE_TEST_CASE, LIST_TEST_CASES, SEARCH_TEST_CASES,
      START_EXECUTION, STOP_EXECUTION, GET_EXECUTION_SUMMARY, LIST_EXECUTIONS, LIST_EXECUTION_RECORDS);

  private OperationNames() {}
}
