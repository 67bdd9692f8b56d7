package io.github.connectemulator.owner.protocol;

import io.github.connectemulator.operations.OperationNames;

/** StartTestCaseExecution, validated; clientToken is null when the caller sent none. */
public record StartExecution(String instanceId, String testCaseId, String clientToken)
    implements OwnerCommand {

  @Override
  public String operation() {
    return OperationNames.START_EXECUTION;
  }
}
