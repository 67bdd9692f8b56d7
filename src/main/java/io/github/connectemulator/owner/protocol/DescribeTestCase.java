package io.github.connectemulator.owner.protocol;

import io.github.connectemulator.model.TestCaseStatus;
import io.github.connectemulator.operations.OperationNames;

/** DescribeTestCase, validated; a null status asks for the version shown by default. */
public record DescribeTestCase(String instanceId, String testCaseId, TestCaseStatus status)
    implements OwnerCommand {

  @Override
  public String operation() {
    return OperationNames.DESCRIBE_TEST_CASE;
  }
}
