package io.github.connectemulator.execution;

import io.github.connectemulator.model.Observation;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decides, at Start, whether a run will pass, and which observation fails if not. Driven by reserved tags on the
 * test case, so that a user can script both outcomes through the ordinary API:
 *
 * <ul>
 *   <li>{@code emulator:outcome} = {@code PASSED} (the default) or {@code FAILED}: a failing run fails its last
 *       observation;
 *   <li>{@code emulator:failObservation} = an observation Identifier: the run fails at that observation (and
 *       implies FAILED).
 * </ul>
 */
final class OutcomePlan {

  static final String OUTCOME_TAG = "emulator:outcome";
  static final String FAIL_OBSERVATION_TAG = "emulator:failObservation";

  private OutcomePlan() {}

  /** Index of the observation that will fail, or -1 when the run will pass. */
  static int failingObservation(Map<String, String> tags, List<Observation> observations) {
    String failAt = tags.get(FAIL_OBSERVATION_TAG);
    if (failAt != null) {
      for (int i = 0; i < observations.size(); i++) {
        if (observations.get(i).identifier().equals(failAt)) {
          return i;
        }
      }
    }
    String outcome = tags.get(OUTCOME_TAG);
    boolean fails = failAt != null || (outcome != null && outcome.toUpperCase(Locale.ROOT).equals("FAILED"));
    return fails ? observations.size() - 1 : -1;
  }
}
