package io.github.connectemulator.owner.protocol;

/** DeleteTestCase, validated. */
public record DeleteTestCase(String instanceId, String testCaseId)
    implements OwnerCommand {

  @Override
  public String operation() {
    return "DeleteTestCase";
  }
}
