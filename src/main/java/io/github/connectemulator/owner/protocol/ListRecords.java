package io.github.connectemulator.owner.protocol;

import io.github.connectemulator.model.ExecutionStatus;
import io.github.connectemulator.operations.OperationNames;

/** ListTestCaseExecutionRecords, validated; status is null when absent. */
public record ListRecords(
    String instanceId, String testCaseId, String executionId, ExecutionStatus status, PageRequest page)
    implements OwnerCommand {

  @Override
  public String operation() {
    return OperationNames.LIST_EXECUTION_RECORDS;
  }
}
