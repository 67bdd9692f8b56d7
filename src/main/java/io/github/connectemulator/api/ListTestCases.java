package io.github.connectemulator.api;

/** ListTestCases, validated. */
public record ListTestCases(String instanceId, PageRequest page) implements OwnerCommand {}
