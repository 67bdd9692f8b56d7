package io.github.connectemulator.owner.protocol;

/**
 * A validated, typed request sent over the event bus to the execution owner of its instance. Implementations are
 * immutable records, so they travel between verticles by reference.
 */
public sealed interface OwnerCommand
    permits CreateTestCase,
        DescribeTestCase,
        UpdateTestCase,
        DeleteTestCase,
        ListTestCases,
        SearchTestCases,
        StartExecution,
        StopExecution,
        GetExecutionSummary,
        ListExecutions,
        ListRecords {

  /** The instance the command acts on, reduced to its id (an instance ARN names the same instance). */
  String instanceId();

  /** The AWS operation name, as throttling and fault injection name it. */
  String operation();
}
