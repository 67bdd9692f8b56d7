package io.github.connectemulator.api;

/** Reply to {@link CreateTestCase}. */
public record TestCaseCreated(String testCaseId, String testCaseArn) {}
