package io.github.connectemulator.model;

import java.util.Arrays;
import java.util.Map;

/**
 * The state of runs as columns, one array per field, indexed by slot; an {@link Execution} is a view of one slot.
 *
 * <p>Why columns: a load test keeps 100 000 runs live for a minute. As objects, every young collection copied each run
 * born since the last one and copied it again at each of the next collections until it was old: pauses of tens of
 * milliseconds that made every step due meanwhile late. Columns are a few arrays: once they hold many runs, G1 places
 * them directly in the old generation (half a region or more) and never copies them, and smaller ones are copied a
 * few times as one object each; a view made to read or step a run dies young, which costs nothing.
 * Record times too are in one array: each slot has a stretch of it, kept for the slot's next runs and moved to the
 * end only when a run needs a longer one.
 */
public final class RunColumns {

  static final byte HAS_TOKEN = 1;
  static final byte TIMES_OUT = 2;
  static final byte LAST_RECORD_FAILED = 4;
  static final byte HOLDS_SLOT = 8;

  // The id and the ClientToken as a UUID's two halves when they are canonical UUIDs (every id the emulator issues,
  // and the tokens SDKs generate), as text otherwise.
  long[] idHigh = {};
  long[] idLow = {};
  String[] idText = {};
  String[] instanceId = {};
  String[] testCaseId = {};
  TestCaseVersion[] version = {};
  @SuppressWarnings("unchecked")
  Map<String, String>[] tags = new Map[0];
  long[] tokenHigh = {};
  long[] tokenLow = {};
  String[] tokenText = {};
  byte[] flags = {};
  byte[] mode = {};
  byte[] status = {};
  long[] observationMillis = {};
  int[] failingObservation = {};
  int[] observations = {};
  long[] startTime = {};
  long[] endTime = {};
  long[] runStartedAt = {};
  long[] nextStepAt = {};
  int[] reached = {};
  int[] pollsSinceStep = {};
  /** Where each slot's record times start in {@link #times}, and how many it has room for. */
  int[] timesAt = {};
  int[] timesRoom = {};
  long[] times = new long[16];
  private int timesEnd;
  /** What a new run's id and token are read into when they come as text (one owner thread writes a slot). */
  final CanonicalUuid.Key idReader = new CanonicalUuid.Key();
  final CanonicalUuid.Key tokenReader = new CanonicalUuid.Key();

  public RunColumns(int capacity) {
    allocate(capacity);
  }

  public int capacity() {
    return idHigh.length;
  }

  /** Room for {@code capacity} slots, keeping every slot's state. */
  public void grow(int capacity) {
    if (capacity > capacity()) {
      allocate(capacity);
    }
  }

  private void allocate(int capacity) {
    idHigh = Arrays.copyOf(idHigh, capacity);
    idLow = Arrays.copyOf(idLow, capacity);
    idText = Arrays.copyOf(idText, capacity);
    instanceId = Arrays.copyOf(instanceId, capacity);
    testCaseId = Arrays.copyOf(testCaseId, capacity);
    version = Arrays.copyOf(version, capacity);
    tags = Arrays.copyOf(tags, capacity);
    tokenHigh = Arrays.copyOf(tokenHigh, capacity);
    tokenLow = Arrays.copyOf(tokenLow, capacity);
    tokenText = Arrays.copyOf(tokenText, capacity);
    flags = Arrays.copyOf(flags, capacity);
    mode = Arrays.copyOf(mode, capacity);
    status = Arrays.copyOf(status, capacity);
    observationMillis = Arrays.copyOf(observationMillis, capacity);
    failingObservation = Arrays.copyOf(failingObservation, capacity);
    observations = Arrays.copyOf(observations, capacity);
    startTime = Arrays.copyOf(startTime, capacity);
    endTime = Arrays.copyOf(endTime, capacity);
    runStartedAt = Arrays.copyOf(runStartedAt, capacity);
    nextStepAt = Arrays.copyOf(nextStepAt, capacity);
    reached = Arrays.copyOf(reached, capacity);
    pollsSinceStep = Arrays.copyOf(pollsSinceStep, capacity);
    timesAt = Arrays.copyOf(timesAt, capacity);
    timesRoom = Arrays.copyOf(timesRoom, capacity);
  }

  /** Makes room for {@code observations} record times in the slot's stretch of {@link #times}. */
  void roomForTimes(int slot, int observations) {
    if (timesRoom[slot] < observations) {
      if (timesEnd + observations > times.length) {
        times = Arrays.copyOf(times, Math.max(times.length * 2, timesEnd + observations));
      }
      timesAt[slot] = timesEnd;
      timesRoom[slot] = observations;
      timesEnd += observations;
    }
  }
}
