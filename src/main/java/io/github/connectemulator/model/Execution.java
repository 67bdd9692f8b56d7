package io.github.connectemulator.model;

import java.util.List;
import java.util.Map;

/**
 * One run of a test case's published version. Mutable and confined to the owner that started it; replies carry
 * immutable snapshots instead.
 *
 * <p>Records are kept compactly: observations are reached in order and a run ends at its first failure, so every
 * reached record but the last has PASSED, and the last one's status follows from the run's status. Only the
 * count reached and one timestamp per record are stored.
 */
public final class Execution {

  // The id and the ClientToken are kept as a UUID's two halves when they are canonical UUIDs (every id the emulator
  // issues, and the tokens SDKs generate), as text otherwise: a live run is then one object and one array, which
  // matters because the owner keeps its run objects for reuse (see ExecutionRunner) and the collector copies
  // whatever hangs off them.
  private long idHigh;
  private long idLow;
  private String idText;
  private String instanceId;
  private String testCaseId;
  private TestCaseVersion version;
  private Map<String, String> tags;
  private boolean hasToken;
  private long tokenHigh;
  private long tokenLow;
  private String tokenText;
  private TransitionMode mode;
  private long observationMillis;
  private int failingObservation;
  private boolean timesOut;
  private long startTime;
  private int observations;
  private long[] recordTimes = new long[0];
  private ExecutionStatus status;
  private long endTime;
  private long runStartedAt;
  private int reached;
  private boolean lastRecordFailed;
  private boolean holdsSlot;
  private int pollsSinceStep;
  private long nextStepAt;

  /** A run object not yet given a run: {@link #reset} gives it one. */
  public Execution() {}

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
    reset(id, instanceId, testCaseId, version, tags, clientToken, mode, observationMillis, failingObservation,
        timesOut, startTime);
  }

  /**
   * Makes this object a new INITIATED run, forgetting the run it held before, if any; its record array is kept when
   * it is large enough.
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
    boolean canonicalId = CanonicalUuid.isCanonical(id);
    this.idHigh = canonicalId ? CanonicalUuid.high(id) : 0;
    this.idLow = canonicalId ? CanonicalUuid.low(id) : 0;
    this.idText = canonicalId ? null : id;
    this.instanceId = instanceId;
    this.testCaseId = testCaseId;
    this.version = version;
    this.tags = tags;
    boolean canonicalToken = clientToken != null && CanonicalUuid.isCanonical(clientToken);
    this.hasToken = clientToken != null;
    this.tokenHigh = canonicalToken ? CanonicalUuid.high(clientToken) : 0;
    this.tokenLow = canonicalToken ? CanonicalUuid.low(clientToken) : 0;
    this.tokenText = canonicalToken ? null : clientToken;
    this.mode = mode;
    this.observationMillis = observationMillis;
    this.failingObservation = failingObservation;
    this.timesOut = timesOut;
    this.startTime = startTime;
    this.observations = version.document().observations().size();
    if (recordTimes.length < observations) {
      recordTimes = new long[observations];
    }
    this.status = ExecutionStatus.INITIATED;
    this.endTime = -1;
    this.runStartedAt = -1;
    this.reached = 0;
    this.lastRecordFailed = false;
    this.holdsSlot = false;
    this.pollsSinceStep = 0;
    this.nextStepAt = 0;
    return this;
  }

  /** INITIATED to IN_PROGRESS: the run gets its slot and reaches its first observation. */
  public void begin(long now) {
    requireStatus(ExecutionStatus.INITIATED);
    status = ExecutionStatus.IN_PROGRESS;
    runStartedAt = now;
    openNextRecord(now);
  }

  /**
   * Finishes the open observation as the run's plan says. A failed observation ends the run FAILED; the last
   * passed one ends it PASSED; otherwise the next observation opens.
   */
  public void completeObservation(long now) {
    requireStatus(ExecutionStatus.IN_PROGRESS);
    recordTimes[reached - 1] = now;
    if (reached - 1 == failingObservation) {
      lastRecordFailed = true;
      end(ExecutionStatus.FAILED, now);
    } else if (reached == observations) {
      end(ExecutionStatus.PASSED, now);
    } else {
      openNextRecord(now);
    }
  }

  /** Ends a run that is not terminal yet; an open record ends FAILED with a failed run and STOPPED with a stop. */
  public void end(ExecutionStatus terminal, long now) {
    if (!terminal.isTerminal() || status.isTerminal()) {
      throw new IllegalStateException("cannot end a " + status + " execution as " + terminal);
    }
    if (terminal == ExecutionStatus.FAILED && status == ExecutionStatus.IN_PROGRESS) {
      lastRecordFailed = true;
      recordTimes[reached - 1] = now;
    } else if (terminal == ExecutionStatus.STOPPED && reached > 0) {
      recordTimes[reached - 1] = now;
    }
    status = terminal;
    endTime = now;
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
    if (!terminal.isTerminal() || recordTimes.length > observations) {
      throw new IllegalArgumentException("not a finished run of this version: " + terminal);
    }
    System.arraycopy(recordTimes, 0, this.recordTimes, 0, recordTimes.length);
    this.reached = recordTimes.length;
    this.status = terminal;
    this.endTime = endTime;
    this.runStartedAt = runStartedAt;
    this.lastRecordFailed = lastRecordFailed;
  }

  private void openNextRecord(long now) {
    recordTimes[reached++] = now;
  }

  private void requireStatus(ExecutionStatus expected) {
    if (status != expected) {
      throw new IllegalStateException("execution " + id() + " is " + status + ", expected " + expected);
    }
  }

  /** Status of record {@code index}, which must be below {@link #recordsReached()}. */
  public RecordStatus recordStatus(int index) {
    return index < reached - 1 ? RecordStatus.PASSED : lastRecordStatus(status, lastRecordFailed);
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
    return recordTimes[index];
  }

  public int recordsReached() {
    return reached;
  }

  public int observationsPassed() {
    return observationsPassed(status, reached, lastRecordFailed);
  }

  public int observationsFailed() {
    return lastRecordFailed ? 1 : 0;
  }

  public int totalObservations() {
    return observations;
  }

  public List<Observation> observations() {
    return version.document().observations();
  }

  public String id() {
    return idText != null ? idText : CanonicalUuid.format(idHigh, idLow);
  }

  /** True when the id is a canonical UUID, held as {@link #idHigh()} and {@link #idLow()}. */
  public boolean hasCanonicalId() {
    return idText == null;
  }

  public long idHigh() {
    return idHigh;
  }

  public long idLow() {
    return idLow;
  }

  /** Whether this is the run with this id, without making the id's text. */
  public boolean hasId(String id) {
    return idText != null ? idText.equals(id)
        : CanonicalUuid.isCanonical(id) && CanonicalUuid.high(id) == idHigh && CanonicalUuid.low(id) == idLow;
  }

  public String instanceId() {
    return instanceId;
  }

  public String testCaseId() {
    return testCaseId;
  }

  public TestCaseVersion version() {
    return version;
  }

  public Map<String, String> tags() {
    return tags;
  }

  public TransitionMode mode() {
    return mode;
  }

  /** How long each of its observations takes when it runs on timers. */
  public long observationMillis() {
    return observationMillis;
  }

  /** True when the run is planned never to match its last observation, so that it fails at the time cap. */
  public boolean timesOut() {
    return timesOut;
  }

  /** True while its open observation is the last one. */
  public boolean atLastObservation() {
    return status == ExecutionStatus.IN_PROGRESS && reached == observations;
  }

  /** Whether it holds one of its instance's running slots (quota.maxRunningPerInstance). */
  public boolean holdsSlot() {
    return holdsSlot;
  }

  public void holdSlot(boolean holds) {
    holdsSlot = holds;
  }

  /** Counts a summary poll of a manual run; true when enough polls have come to move it one step. */
  public boolean countPoll(int pollsPerStep) {
    if (++pollsSinceStep < pollsPerStep) {
      return false;
    }
    pollsSinceStep = 0;
    return true;
  }

  /** Index of the observation this run is planned to fail, or -1 when it is planned to pass. */
  public int failingObservation() {
    return failingObservation;
  }

  /** The ClientToken it was started with, or null. */
  public String clientToken() {
    return !hasToken ? null : tokenText != null ? tokenText : CanonicalUuid.format(tokenHigh, tokenLow);
  }

  public boolean hasClientToken() {
    return hasToken;
  }

  /** True when it has a ClientToken that is a canonical UUID, held as {@link #tokenHigh()} and {@link #tokenLow()}. */
  public boolean hasCanonicalToken() {
    return hasToken && tokenText == null;
  }

  public long tokenHigh() {
    return tokenHigh;
  }

  public long tokenLow() {
    return tokenLow;
  }

  /** Whether it was started with this ClientToken, without making the token's text. */
  public boolean startedWithToken(String clientToken) {
    if (!hasToken || clientToken == null) {
      return false;
    }
    return tokenText != null ? tokenText.equals(clientToken)
        : CanonicalUuid.isCanonical(clientToken) && CanonicalUuid.high(clientToken) == tokenHigh
            && CanonicalUuid.low(clientToken) == tokenLow;
  }

  public ExecutionStatus status() {
    return status;
  }

  /** Epoch milliseconds of the Start call. */
  public long startTime() {
    return startTime;
  }

  /** Epoch milliseconds when it became terminal, or -1 while it is not. */
  public long endTime() {
    return endTime;
  }

  /** Epoch milliseconds when it went IN_PROGRESS, or -1. */
  public long runStartedAt() {
    return runStartedAt;
  }

  /** When the owner's scheduler next advances this run; epoch milliseconds. */
  public long nextStepAt() {
    return nextStepAt;
  }

  public void scheduleNextStep(long at) {
    nextStepAt = at;
  }
}
