package io.github.connectemulator.api;

/** DeleteTestCase, validated. */
public record DeleteTestCase(String instanceId, String testCaseId) implements OwnerCommand {}
