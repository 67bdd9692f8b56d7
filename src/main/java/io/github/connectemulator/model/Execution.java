package io.github.connectemulator.model;

import java.util.List;
import java.util.Map;

/**
 * One run of a test case's published version: a view of its slot in {@link RunColumns}, where its state lives.
 * Mutable and confined to the owner that started it; replies carry immutable snapshots instead. Two views of the
 * same slot are equal and see the same run; a view must not be kept past its run's end, since the owner gives the
 * slot to a later run.
 *
 * <p>Records are kept compactly: observations are reached in order and a run ends at its first failure, so every
 * reached record but the last has PASSED, and the last one's status follows from the run's status. Only the
 * count reached and one timestamp per record are stored.
 */
public final class Execution {

  private static final ExecutionStatus[] STATUSES = ExecutionStatus.values();
  private static final TransitionMode[] MODES = TransitionMode.values();

  private final RunColumns columns;
  private final int slot;

  /** The run in this slot of these columns. */
  public Execution(RunColumns columns, int slot) {
    this.columns = columns;
    this.slot = slot;
  }

  /** A new INITIATED run in columns of its own: a finished run read back, or a test's. */
  public Execution(
      String id,
      String instanceId,
      String testCaseId,
      TestCaseVersion version,
      Map<String, String> tags,
      String clientToken,
      TransitionMode mode,
      long observationMillis,
      int failingObservation,
      boolean timesOut,
      long startTime) {
    this(new RunColumns(1), 0);
    reset(id, instanceId, testCaseId, version, tags, clientToken, mode, observationMillis, failingObservation,
        timesOut, startTime);
  }

  /**
   * Makes this slot a new INITIATED run, forgetting the run it held before, if any; the slot's stretch of record times
   * is kept when it is long enough.
   */
  public Execution reset(
      String id,
      String instanceId,
      String testCaseId,
      TestCaseVersion version,
      Map<String, String> tags,
      String clientToken,
      TransitionMode mode,
      long observationMillis,
      int failingObservation,
      boolean timesOut,
      long startTime) {
    CanonicalUuid.Key idRead = columns.idReader;
    idRead.take(id);
    CanonicalUuid.Key tokenRead = null;
    if (clientToken != null) {
      tokenRead = columns.tokenReader;
      tokenRead.take(clientToken);
    }
    return reset(idRead, instanceId, testCaseId, version, tags, tokenRead, mode, observationMillis, failingObservation,
        timesOut, startTime);
  }

  /**
   * As {@link #reset(String, String, String, TestCaseVersion, Map, String, TransitionMode, long, int, boolean, long)},
   * with the id and the ClientToken (null: none) already read: a Start has read both, and a run keeps a canonical
   * UUID as its two longs. The keys are not kept.
   */
  public Execution reset(
      CanonicalUuid.Key id,
      String instanceId,
      String testCaseId,
      TestCaseVersion version,
      Map<String, String> tags,
      CanonicalUuid.Key clientToken,
      TransitionMode mode,
      long observationMillis,
      int failingObservation,
      boolean timesOut,
      long startTime) {
    RunColumns c = columns;
    int s = slot;
    boolean canonicalId = id.text == null;
    c.idHigh[s] = canonicalId ? id.high : 0;
    c.idLow[s] = canonicalId ? id.low : 0;
    // References are written only when they change: a slot is mostly reused by a run of the same test case, and each
    // store of a reference into these old arrays costs the collector a card to scan.
    setIfChanged(c.idText, s, id.text);
    setIfChanged(c.instanceId, s, instanceId);
    setIfChanged(c.testCaseId, s, testCaseId);
    setIfChanged(c.version, s, version);
    setIfChanged(c.tags, s, tags);
    boolean canonicalToken = clientToken != null && clientToken.text == null;
    c.tokenHigh[s] = canonicalToken ? clientToken.high : 0;
    c.tokenLow[s] = canonicalToken ? clientToken.low : 0;
    setIfChanged(c.tokenText, s, clientToken == null ? null : clientToken.text);
    c.flags[s] = (byte) ((clientToken != null ? RunColumns.HAS_TOKEN : 0) | (timesOut ? RunColumns.TIMES_OUT : 0));
    c.mode[s] = (byte) mode.ordinal();
    c.observationMillis[s] = observationMillis;
    c.failingObservation[s] = failingObservation;
    c.startTime[s] = startTime;
    int observations = version.document().observations().size();
    c.observations[s] = observations;
    c.roomForTimes(s, observations);
    c.status[s] = (byte) ExecutionStatus.INITIATED.ordinal();
    c.endTime[s] = -1;
    c.runStartedAt[s] = -1;
    c.reached[s] = 0;
    c.pollsSinceStep[s] = 0;
    c.nextStepAt[s] = UNSCHEDULED;
    return this;
  }

  private static <T> void setIfChanged(T[] column, int slot, T value) {
    if (column[slot] != value) {
      column[slot] = value;
    }
  }

  /** Its slot in its columns. */
  public int slot() {
    return slot;
  }

  /** INITIATED to IN_PROGRESS: the run gets its slot and reaches its first observation. */
  public void begin(long now) {
    requireStatus(ExecutionStatus.INITIATED);
    setStatus(ExecutionStatus.IN_PROGRESS);
    columns.runStartedAt[slot] = now;
    openNextRecord(now);
  }

  /**
   * Finishes the open observation as the run's plan says. A failed observation ends the run FAILED; the last
   * passed one ends it PASSED; otherwise the next observation opens.
   */
  public void completeObservation(long now) {
    requireStatus(ExecutionStatus.IN_PROGRESS);
    int reached = columns.reached[slot];
    setRecordTime(reached - 1, now);
    if (reached - 1 == columns.failingObservation[slot]) {
      setFlag(RunColumns.LAST_RECORD_FAILED, true);
      end(ExecutionStatus.FAILED, now);
    } else if (reached == columns.observations[slot]) {
      end(ExecutionStatus.PASSED, now);
    } else {
      openNextRecord(now);
    }
  }

  /** Ends a run that is not terminal yet; an open record ends FAILED with a failed run and STOPPED with a stop. */
  public void end(ExecutionStatus terminal, long now) {
    ExecutionStatus status = status();
    if (!terminal.isTerminal() || status.isTerminal()) {
      throw new IllegalStateException("cannot end a " + status + " execution as " + terminal);
    }
    int reached = columns.reached[slot];
    if (terminal == ExecutionStatus.FAILED && status == ExecutionStatus.IN_PROGRESS) {
      setFlag(RunColumns.LAST_RECORD_FAILED, true);
      setRecordTime(reached - 1, now);
    } else if (terminal == ExecutionStatus.STOPPED && reached > 0) {
      setRecordTime(reached - 1, now);
    }
    setStatus(terminal);
    columns.endTime[slot] = now;
  }

  /**
   * Gives a run just made with this class's constructor the end it had: for a finished run that was kept compactly
   * and is read again (the owner's FinishedRuns).
   *
   * @param runStartedAt when it went IN_PROGRESS, or -1 if it never did
   * @param recordTimes the time of each record it reached, in order
   */
  public void restoreFinished(ExecutionStatus terminal, long endTime, long runStartedAt, long[] recordTimes,
      boolean lastRecordFailed) {
    requireStatus(ExecutionStatus.INITIATED);
    if (!terminal.isTerminal() || recordTimes.length > columns.observations[slot]) {
      throw new IllegalArgumentException("not a finished run of this version: " + terminal);
    }
    System.arraycopy(recordTimes, 0, columns.times, columns.timesAt[slot], recordTimes.length);
    columns.reached[slot] = recordTimes.length;
    setStatus(terminal);
    columns.endTime[slot] = endTime;
    columns.runStartedAt[slot] = runStartedAt;
    setFlag(RunColumns.LAST_RECORD_FAILED, lastRecordFailed);
  }

  private void openNextRecord(long now) {
    setRecordTime(columns.reached[slot]++, now);
  }

  private void setRecordTime(int index, long time) {
    columns.times[columns.timesAt[slot] + index] = time;
  }

  private void requireStatus(ExecutionStatus expected) {
    if (status() != expected) {
      throw new IllegalStateException("execution " + id() + " is " + status() + ", expected " + expected);
    }
  }

  private void setStatus(ExecutionStatus status) {
    columns.status[slot] = (byte) status.ordinal();
  }

  private boolean flag(byte flag) {
    return (columns.flags[slot] & flag) != 0;
  }

  private void setFlag(byte flag, boolean on) {
    columns.flags[slot] = (byte) (on ? columns.flags[slot] | flag : columns.flags[slot] & ~flag);
  }

  /** Status of record {@code index}, which must be below {@link #recordsReached()}. */
  public RecordStatus recordStatus(int index) {
    return index < recordsReached() - 1 ? RecordStatus.PASSED
        : lastRecordStatus(status(), flag(RunColumns.LAST_RECORD_FAILED));
  }

  /** Status of the last record a run in this status reached; every record before it PASSED. */
  public static RecordStatus lastRecordStatus(ExecutionStatus status, boolean lastRecordFailed) {
    return switch (status) {
      case IN_PROGRESS -> RecordStatus.IN_PROGRESS;
      case PASSED -> RecordStatus.PASSED;
      case FAILED -> lastRecordFailed ? RecordStatus.FAILED : RecordStatus.PASSED;
      case STOPPED -> RecordStatus.STOPPED;
      case INITIATED -> throw new IllegalStateException("an INITIATED execution has no records");
    };
  }

  /** Records that PASSED among the {@code reached} records of a run in this status. */
  public static int observationsPassed(ExecutionStatus status, int reached, boolean lastRecordFailed) {
    if (reached == 0) {
      return 0;
    }
    return reached - 1 + (lastRecordStatus(status, lastRecordFailed) == RecordStatus.PASSED ? 1 : 0);
  }

  /** When record {@code index} finished, or when it started while it is still open; epoch milliseconds. */
  public long recordTime(int index) {
    return columns.times[columns.timesAt[slot] + index];
  }

  public int recordsReached() {
    return columns.reached[slot];
  }

  public int observationsPassed() {
    return observationsPassed(status(), recordsReached(), flag(RunColumns.LAST_RECORD_FAILED));
  }

  public int observationsFailed() {
    return flag(RunColumns.LAST_RECORD_FAILED) ? 1 : 0;
  }

  public int totalObservations() {
    return columns.observations[slot];
  }

  public List<Observation> observations() {
    return version().document().observations();
  }

  public String id() {
    String text = columns.idText[slot];
    return text != null ? text : CanonicalUuid.format(columns.idHigh[slot], columns.idLow[slot]);
  }

  /** True when the id is a canonical UUID, held as {@link #idHigh()} and {@link #idLow()}. */
  public boolean hasCanonicalId() {
    return columns.idText[slot] == null;
  }

  public long idHigh() {
    return columns.idHigh[slot];
  }

  public long idLow() {
    return columns.idLow[slot];
  }

  public String instanceId() {
    return columns.instanceId[slot];
  }

  public String testCaseId() {
    return columns.testCaseId[slot];
  }

  public TestCaseVersion version() {
    return columns.version[slot];
  }

  public Map<String, String> tags() {
    return columns.tags[slot];
  }

  public TransitionMode mode() {
    return MODES[columns.mode[slot]];
  }

  /** How long each of its observations takes when it runs on timers. */
  public long observationMillis() {
    return columns.observationMillis[slot];
  }

  /** True when the run is planned never to match its last observation, so that it fails at the time cap. */
  public boolean timesOut() {
    return flag(RunColumns.TIMES_OUT);
  }

  /** True while its open observation is the last one. */
  public boolean atLastObservation() {
    return status() == ExecutionStatus.IN_PROGRESS && recordsReached() == totalObservations();
  }

  /** Whether it holds one of its instance's running slots (quota.maxRunningPerInstance). */
  public boolean holdsSlot() {
    return flag(RunColumns.HOLDS_SLOT);
  }

  public void holdSlot(boolean holds) {
    setFlag(RunColumns.HOLDS_SLOT, holds);
  }

  /** Counts a summary poll of a manual run; true when enough polls have come to move it one step. */
  public boolean countPoll(int pollsPerStep) {
    if (++columns.pollsSinceStep[slot] < pollsPerStep) {
      return false;
    }
    columns.pollsSinceStep[slot] = 0;
    return true;
  }

  /** Index of the observation this run is planned to fail, or -1 when it is planned to pass. */
  public int failingObservation() {
    return columns.failingObservation[slot];
  }

  /** The ClientToken it was started with, or null. */
  public String clientToken() {
    if (!hasClientToken()) {
      return null;
    }
    String text = columns.tokenText[slot];
    return text != null ? text : CanonicalUuid.format(columns.tokenHigh[slot], columns.tokenLow[slot]);
  }

  public boolean hasClientToken() {
    return flag(RunColumns.HAS_TOKEN);
  }

  /** True when it has a ClientToken that is a canonical UUID, held as {@link #tokenHigh()} and {@link #tokenLow()}. */
  public boolean hasCanonicalToken() {
    return hasClientToken() && columns.tokenText[slot] == null;
  }

  public long tokenHigh() {
    return columns.tokenHigh[slot];
  }

  public long tokenLow() {
    return columns.tokenLow[slot];
  }

  public ExecutionStatus status() {
    return STATUSES[columns.status[slot]];
  }

  /** Epoch milliseconds of the Start call. */
  public long startTime() {
    return columns.startTime[slot];
  }

  /** Epoch milliseconds when it became terminal, or -1 while it is not. */
  public long endTime() {
    return columns.endTime[slot];
  }

  /** Epoch milliseconds when it went IN_PROGRESS, or -1. */
  public long runStartedAt() {
    return columns.runStartedAt[slot];
  }

  /** {@link #nextStepAt} of a run that has no step in the schedule. */
  public static final long UNSCHEDULED = Long.MIN_VALUE;

  /** When the run's step in the schedule is due, or {@link #UNSCHEDULED}. */
  public long nextStepAt() {
    return columns.nextStepAt[slot];
  }

  public void scheduleNextStep(long at) {
    columns.nextStepAt[slot] = at;
  }

  /** Views of the same slot of the same columns are the same run. */
  @Override
  public boolean equals(Object other) {
    return other instanceof Execution view && view.columns == columns && view.slot == slot;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(columns) * 31 + slot;
  }
}
