package io.github.connectemulator.owner.protocol;

import io.github.connectemulator.model.ExecutionStatus;

/** ListTestCaseExecutionRecords, validated; status is null when absent. */
public record ListRecords(
    String instanceId, String testCaseId, String executionId, ExecutionStatus status, PageRequest page)
    implements OwnerCommand {

  @Override
  public String operation() {
    return "ListTestCaseExecutionRecords";
  }
}
