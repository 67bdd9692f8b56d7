package io.github.connectemulator.owner;

import io.github.connectemulator.config.RuntimeControls;
import io.github.connectemulator.model.TransitionMode;
import io.github.connectemulator.model.Observation;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How one run will go, decided at Start from the test case's reserved tags and the runtime controls. Tags win over
 * the controls; a tag with a value the emulator does not know is ignored.
 *
 * <ul>
 *   <li>{@code emulator:outcome} = {@code PASSED}, {@code FAILED} (the last observation fails) or {@code TIMEOUT}
 *       (the last observation is never matched: the run fails at the time cap);
 *   <li>{@code emulator:failObservation} = an observation Identifier: the run fails there (implies FAILED; an
 *       Identifier the Content does not have is ignored);
 *   <li>{@code emulator:mode} = {@code timed}, {@code immediate} or {@code manual};
 *   <li>{@code emulator:observationMillis} = the time each observation takes.
 * </ul>
 *
 * Without outcome tags, {@code outcome.failureRatio} decides, drawn from {@code outcome.seed}, the test case id and
 * the run's number within its test case: the same sequence of Starts fails the same runs.
 *
 * @param failingObservation index of the observation that fails, or -1
 * @param timesOut the last observation is never matched
 */
record RunPlan(TransitionMode mode, long observationMillis, int failingObservation, boolean timesOut) {

  static final String OUTCOME_TAG = "emulator:outcome";
  static final String FAIL_OBSERVATION_TAG = "emulator:failObservation";
  static final String MODE_TAG = "emulator:mode";
  static final String OBSERVATION_MILLIS_TAG = "emulator:observationMillis";

  static RunPlan of(
      Map<String, String> tags,
      List<Observation> observations,
      RuntimeControls controls,
      String testCaseId,
      long runNumber) {
    TransitionMode mode = modeTag(tags.get(MODE_TAG), controls.timing().mode());
    long observationMillis = millisTag(tags.get(OBSERVATION_MILLIS_TAG), controls.timing().observationMillis());
    int last = observations.size() - 1;
    String failAt = tags.get(FAIL_OBSERVATION_TAG);
    for (int i = 0; failAt != null && i < observations.size(); i++) {
      if (observations.get(i).identifier().equals(failAt)) {
        return new RunPlan(mode, observationMillis, i, false);
      }
    }
    String outcome = tags.getOrDefault(OUTCOME_TAG, "").toUpperCase(Locale.ROOT);
    return switch (outcome) {
      case "FAILED" -> new RunPlan(mode, observationMillis, last, false);
      case "TIMEOUT" -> new RunPlan(mode, observationMillis, -1, true);
      case "PASSED" -> new RunPlan(mode, observationMillis, -1, false);
      default -> {
        boolean fails = draw(controls.outcomes().seed(), testCaseId, runNumber) < controls.outcomes().failureRatio();
        yield new RunPlan(mode, observationMillis, fails ? last : -1, false);
      }
    };
  }

  /** A number in [0, 1) that depends only on its inputs (SplitMix64 over their hash). */
  static double draw(long seed, String testCaseId, long runNumber) {
    long z = seed ^ ((long) testCaseId.hashCode() << 32) ^ runNumber * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z = z ^ (z >>> 31);
    return (z >>> 11) * 0x1.0p-53;
  }

  private static TransitionMode modeTag(String value, TransitionMode fallback) {
    if (value == null) {
      return fallback;
    }
    try {
      return TransitionMode.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return fallback;
    }
  }

  private static long millisTag(String value, long fallback) {
    if (value == null) {
      return fallback;
    }
    try {
      long millis = Long.parseLong(value.trim());
      return millis >= 0 ? millis : fallback;
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
