package io.github.connectemulator.owner.protocol;

/** GetTestCaseExecutionSummary, validated. */
public record GetExecutionSummary(String instanceId, String testCaseId, String executionId)
    implements OwnerCommand {

  @Override
  public String operation() {
    return "GetTestCaseExecutionSummary";
  }
}
