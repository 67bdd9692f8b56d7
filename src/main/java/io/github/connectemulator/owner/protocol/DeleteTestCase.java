package io.github.connectemulator.owner.protocol;

import io.github.connectemulator.operations.OperationNames;

/** DeleteTestCase, validated. */
public record DeleteTestCase(String instanceId, String testCaseId)
    implements OwnerCommand {

  @Override
  public String operation() {
    return OperationNames.DELETE_TEST_CASE;
  }
}
