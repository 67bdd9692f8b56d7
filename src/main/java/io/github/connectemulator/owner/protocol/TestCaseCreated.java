package io.github.connectemulator.owner.protocol;

/** Reply to {@link CreateTestCase}. */
public record TestCaseCreated(String testCaseId, String testCaseArn) {}
