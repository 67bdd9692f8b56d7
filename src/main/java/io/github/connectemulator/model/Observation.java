package io.github.connectemulator.model;

import java.util.List;

/**
 * One observation of a test case's Content: the event the run waits for, named by its Identifier, and the types of
 * the actions it runs when the event is seen.
 */
public record Observation(String identifier, String eventType, List<String> actionTypes) {
  public Observation {
    actionTypes = List.copyOf(actionTypes);
  }
}
