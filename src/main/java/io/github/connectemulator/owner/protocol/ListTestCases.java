package io.github.connectemulator.owner.protocol;

import io.github.connectemulator.operations.OperationNames;

/** ListTestCases, validated. */
public record ListTestCases(String instanceId, PageRequest page)
    implements OwnerCommand {

  @Override
  public String operation() {
    return OperationNames.LIST_TEST_CASES;
  }
}
