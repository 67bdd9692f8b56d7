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
  long[] idHigh;
  long[] idLow;
  String[] idText;
  String[] instanceId;
  String[] testCaseId;
  TestCaseVersion[] version;
  Map<String, String>[] tags;
  long[] tokenHigh;
  long[] tokenLow;
  String[] tokenText;
  byte[] flags;
  byte[] mode;
  byte[] status;
  long[] observationMillis;
  int[] failingObservation;
  int[] observations;
  long[] startTime;
  long[] endTime;
  long[] runStartedAt;
  long[] nextStepAt;
  int[] reached;
  int[] pollsSinceStep;
  /** Where each slot's record times start in {@link #times}, and how many it has room for. */
  int[] timesAt;
  int[] timesRoom;
  long[] times = new long[16];
  private int timesEnd;

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

  @SuppressWarnings("unchecked")
  private void allocate(int capacity) {
    idHigh = copy(idHigh, capacity);
    idLow = copy(idLow, capacity);
    idText = idText == null ? new String[capacity] : Arrays.copyOf(idText, capacity);
    instanceId = instanceId == null ? new String[capacity] : Arrays.copyOf(instanceId, capacity);
    testCaseId = testCaseId == null ? new String[capacity] : Arrays.copyOf(testCaseId, capacity);
    version = version == null ? new TestCaseVersion[capacity] : Arrays.copyOf(version, capacity);
    tags = tags == null ? new Map[capacity] : Arrays.copyOf(tags, capacity);
    tokenHigh = copy(tokenHigh, capacity);
    tokenLow = copy(tokenLow, capacity);
    tokenText = tokenText == null ? new String[capacity] : Arrays.copyOf(tokenText, capacity);
    flags = flags == null ? new byte[capacity] : Arrays.copyOf(flags, capacity);
    mode = mode == null ? new byte[capacity] : Arrays.copyOf(mode, capacity);
    status = status == null ? new byte[capacity] : Arrays.copyOf(status, capacity);
    observationMillis = copy(observationMillis, capacity);
    failingObservation = copy(failingObservation, capacity);
    observations = copy(observations, capacity);
    startTime = copy(startTime, capacity);
    endTime = copy(endTime, capacity);
    runStartedAt = copy(runStartedAt, capacity);
    nextStepAt = copy(nextStepAt, capacity);
    reached = copy(reached, capacity);
    pollsSinceStep = copy(pollsSinceStep, capacity);
    timesAt = copy(timesAt, capacity);
    timesRoom = copy(timesRoom, capacity);
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

  private static long[] copy(long[] column, int capacity) {
    return column == null ? new long[capacity] : Arrays.copyOf(column, capacity);
  }

  private static int[] copy(int[] column, int capacity) {
    return column == null ? new int[capacity] : Arrays.copyOf(column, capacity);
  }
}
