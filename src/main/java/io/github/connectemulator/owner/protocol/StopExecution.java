package io.github.connectemulator.owner.protocol;

import io.github.connectemulator.operations.OperationNames;

/** StopTestCaseExecution, validated; clientToken is null when the caller sent none. */
public record StopExecution(String instanceId, String testCaseId, String executionId, String clientToken)
    implements OwnerCommand {

  @Override
  public String operation() {
    return OperationNames.STOP_EXECUTION;
  }
}
