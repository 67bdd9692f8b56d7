package io.github.connectemulator.owner.protocol;

/** StopTestCaseExecution, validated; clientToken is null when the caller sent none. */
public record StopExecution(String instanceId, String testCaseId, String executionId, String clientToken)
    implements OwnerCommand {

  @Override
  public String operation() {
    return "StopTestCaseExecution";
  }
}
