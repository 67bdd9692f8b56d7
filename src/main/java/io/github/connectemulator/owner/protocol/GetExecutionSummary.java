package io.github.connectemulator.owner.protocol;

import io.github.connectemulator.operations.OperationNames;

/** GetTestCaseExecutionSummary, validated. */
public record GetExecutionSummary(String instanceId, String testCaseId, String executionId)
    implements OwnerCommand {

  @Override
  public String operation() {
    return OperationNames.GET_EXECUTION_SUMMARY;
  }
}
