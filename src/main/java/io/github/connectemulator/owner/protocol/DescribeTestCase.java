package io.github.connectemulator.owner.protocol;

import io.github.connectemulator.model.TestCaseStatus;

/** DescribeTestCase, validated; a null status asks for the version shown by default. */
public record DescribeTestCase(String instanceId, String testCaseId, TestCaseStatus status)
    implements OwnerCommand {

  @Override
  public String operation() {
    return "DescribeTestCase";
  }
}
