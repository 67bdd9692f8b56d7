package io.github.connectemulator.model;

/** One observation of a test case's Content: the event the run waits for, named by its Identifier. */
public record Observation(String identifier, String eventType) {}
