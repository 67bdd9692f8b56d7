package io.github.connectemulator.owner;

import io.github.connectemulator.model.CanonicalUuid;
import io.github.connectemulator.model.Execution;
import io.github.connectemulator.model.ExecutionStatus;
import io.github.connectemulator.model.Ids;
import io.github.connectemulator.model.TestCaseVersion;
import io.github.connectemulator.model.TransitionMode;
import io.github.connectemulator.owner.compact.ByteArena;
import io.github.connectemulator.owner.compact.SlotIndex;
import java.util.Map;

/**
 * One owner's finished runs, kept off the object graph: a ring of primitive columns in finishing order (oldest
 * first, the order retention evicts in), the variable part of each run in one {@link ByteArena}, a locator that
 * finds a run by its execution id, and a {@link SlotIndex} by ClientToken. The garbage collector sees a few dozen
 * arrays however many runs there are, instead of several objects per run that every collection has to copy.
 *
 * <p>A run is addressed by its slot in the ring (valid until it is evicted or the ring grows). Reads take what they
 * need from the columns; {@link #restore} rebuilds the {@link Execution} itself when a read needs all of it.
 *
 * <p>What one run holds: its id as two longs (the canonical UUID text every id source issues; any other text is kept
 * in the arena), its template number ({@link RunTemplates}: instance, test case id, version, tags), StartTime,
 * EndTime, status and record flags, how many records it reached, where its details are, a link to the instance's
 * previous finished run, and the hash its ClientToken is indexed under. The details: its ClientToken (two longs when
 * it is a canonical UUID, as SDKs make them), its plan, when it went IN_PROGRESS and when each record ended, as small
 * differences.
 */
final class FinishedRuns {

  private static final int MAX_CAPACITY = 1 << 30;
  private static final int FIRST_CAPACITY = 1024;

  /** The flags of a run: its final status (two bits), how its last record ended, and how its id and token are kept. */
  private static final int STATUS_BITS = 0b11;
  private static final int LAST_RECORD_FAILED = 1 << 2;
  private static final int ID_AS_TEXT = 1 << 3;
  private static final int TOKEN_SHIFT = 4;
  private static final int NO_TOKEN = 0;
  private static final int UUID_TOKEN = 1;
  private static final int TEXT_TOKEN = 2;
  /** The run is found through {@link #overflow}, its locator cell having been taken. */
  private static final int IN_OVERFLOW = 1 << 6;
  private static final ExecutionStatus[] FINAL = {ExecutionStatus.PASSED, ExecutionStatus.FAILED,
      ExecutionStatus.STOPPED};
  private static final TransitionMode[] MODES = TransitionMode.values();

  private final int maxCapacity;
  private final RunTemplates templates = new RunTemplates();
  private final ByteArena details = new ByteArena(FIRST_CAPACITY * 16);
  private final ByteArena.Reader reader = details.reader();
  /**
   * Where each run is, by its id's locator ({@link RunKey#locator}): in the cell the locator masks to, the run's
   * sequence number + 1 (0: none). A random id carries the number of its Start ({@link IdSource#random}), so runs take
   * cells in about the order they finish, and a run's cell is written beside its neighbours' where a hash index by id
   * cost two cache misses a run (its insert and its removal), once the index outgrew the core's cache. A cell is stale
   * once its number is older than the oldest run held. Twice the ring's size, so that runs finishing in about their
   * Start order never meet; a run whose cell a run still held has goes to {@link #overflow}.
   */
  private long[] locator;
  private int locatorMask;
  /**
   * The runs whose locator cell was taken, by locator: a run that went on while many others started and ended, and
   * ids that carry no Start number (seeded or journaled ones). Empty in a load test's steady state.
   */
  private final SlotIndex overflow = new SlotIndex();
  private final SlotIndex byToken = new SlotIndex();

  /** Sequence numbers of the oldest run held and of the next one added; a run's slot is its number mod capacity. */
  private long oldest;
  private long next;
  private int mask;

  private long[] idHigh;
  private long[] idLow;
  private int[] template;
  private long[] startTime;
  private long[] endTime;
  /**
   * The latest StartTime of this run and the instance's older finished runs still held (at most: older ones may have
   * gone since): a listing walking an instance's runs newest first stops where no older run can make its page.
   */
  private long[] startedBound;
  /** How many sequence numbers back the instance's previous finished run is; 0 when it has none. */
  private int[] olderInInstance;
  private int[] reached;
  private byte[] flags;
  /**
   * The hash its ClientToken is filed under in {@link #byToken} (when it has one): kept, so that evicting the run, the
   * oldest and coldest, does not read its token back from the arena to find its cell.
   */
  private int[] tokenHash;
  /** Where the run's details start in the arena. */
  private long[] detailsAt;

  /** What the matchers compare against: set by each lookup (one owner thread), so a lookup allocates nothing. */
  private final RunKey probe = new RunKey();
  /** The id {@link #find} looks for. */
  private RunKey idProbe;
  /** The ClientToken {@link #findByToken} looks for. */
  private RunKey tokenProbe;
  private InstanceState probeInstance;
  private String probeTestCase;
  private final SlotIndex.SlotMatcher idMatcher = this::idMatches;
  private final SlotIndex.SlotMatcher tokenMatcher = this::tokenMatches;

  /** @param maxRuns how many runs it must be able to hold (the ring never grows past the power of two above it) */
  FinishedRuns(int maxRuns) {
    maxCapacity = maxRuns >= MAX_CAPACITY ? MAX_CAPACITY : powerOfTwoAtLeast(Math.max(1, maxRuns));
    allocate(Math.min(FIRST_CAPACITY, maxCapacity));
  }

  int size() {
    return (int) (next - oldest);
  }

  /**
   * Keeps a run that just became final. When even the largest ring or arena has no room, the oldest runs go first,
   * as retention would have them go.
   */
  void add(InstanceState instance, Execution run) {
    // Texts only for ids and tokens that are not canonical UUIDs: the run holds the others as two longs.
    boolean idAsText = !run.hasCanonicalId();
    String id = idAsText ? run.id() : null;
    int tokenKind = !run.hasClientToken() ? NO_TOKEN : run.hasCanonicalToken() ? UUID_TOKEN : TEXT_TOKEN;
    String token = tokenKind == TEXT_TOKEN ? run.clientToken() : null;
    // At most: the id and token as written below, then up to 10 bytes for each number (plan, observationMillis,
    // when it went IN_PROGRESS and each record time).
    long detailBytes = (idAsText ? ByteArena.maxStringBytes(id.length()) : 0)
        + (tokenKind == TEXT_TOKEN ? ByteArena.maxStringBytes(token.length()) : tokenKind == UUID_TOKEN ? 16 : 0)
        + 10L * (run.recordsReached() + 3);
    while (size() > 0 && (size() == maxCapacity || !details.canTake(detailBytes))) {
      evictOldest();
    }
    if (size() == capacity()) {
      allocate(capacity() * 2);
    }
    long sequence = next++;
    int slot = slot(sequence);
    ExecutionStatus status = run.status();
    int runFlags = finalIndex(status) | (run.observationsFailed() > 0 ? LAST_RECORD_FAILED : 0)
        | (idAsText ? ID_AS_TEXT : 0) | tokenKind << TOKEN_SHIFT;
    flags[slot] = (byte) runFlags;
    idHigh[slot] = run.idHigh();
    idLow[slot] = run.idLow();
    template[slot] = templates.hold(instance, run);
    startTime[slot] = run.startTime();
    endTime[slot] = run.endTime();
    reached[slot] = run.recordsReached();
    detailsAt[slot] = details.head();
    writeDetails(run, idAsText, tokenKind);

    long previous = instance.newestFinished;
    boolean hasPrevious = previous >= oldest;
    olderInInstance[slot] = hasPrevious ? (int) (sequence - previous) : 0;
    startedBound[slot] = hasPrevious ? Math.max(run.startTime(), startedBound[slot(previous)]) : run.startTime();
    instance.newestFinished = sequence;
    instance.finishedByStatus[status.ordinal()]++;

    place(slot, sequence);
    if (tokenKind != NO_TOKEN) {
      tokenHash[slot] = RunKey.scopedTokenHash(run);
      byToken.put(tokenHash[slot], slot);
    }
  }

  /** EndTime of the oldest run held; there must be one. */
  long oldestEndTime() {
    return endTime[slot(oldest)];
  }

  /** Forgets the oldest run held, its id and its token; there must be one. */
  void evictOldest() {
    int slot = slot(oldest);
    if ((flags[slot] & IN_OVERFLOW) != 0) {
      overflow.remove(locatorOf(slot), slot);
    }
    if (tokenKind(slot) != NO_TOKEN) {
      byToken.remove(tokenHash[slot], slot);
    }
    templates.instance(template[slot]).finishedByStatus[status(slot).ordinal()]--;
    templates.release(template[slot]);
    oldest++;
    details.release(oldest < next ? detailsAt[slot(oldest)] : details.head());
  }

  /** The slot of the instance's run with this id, or -1. */
  int find(InstanceState instance, String executionId) {
    probe.set(executionId);
    return find(instance, probe);
  }

  /** The slot of the instance's run with this id, or -1. */
  int find(InstanceState instance, RunKey executionId) {
    probeInstance = instance;
    idProbe = executionId;
    long held = locator[executionId.locator & locatorMask] - 1;
    if (held >= oldest && idMatches(slot(held))) {
      return slot(held);
    }
    return overflow.size() == 0 ? -1 : overflow.find(executionId.locator, idMatcher);
  }

  /** The slot of the run started with this ClientToken on this test case of this instance, or -1. */
  int findByToken(InstanceState instance, String testCaseId, String token) {
    probe.set(token);
    return findByToken(instance, testCaseId, probe);
  }

  /** The slot of the run started with this ClientToken on this test case of this instance, or -1. */
  int findByToken(InstanceState instance, String testCaseId, RunKey token) {
    probeInstance = instance;
    probeTestCase = testCaseId;
    tokenProbe = token;
    return byToken.find(RunKey.scopedHash(instance.id, testCaseId, token.hash), tokenMatcher);
  }

  /** The slot of the instance's newest finished run, or -1. */
  int newestOf(InstanceState instance) {
    return instance.newestFinished >= oldest ? slot(instance.newestFinished) : -1;
  }

  /** The slot of the finished run of the same instance before this one, or -1. */
  int olderInInstance(int slot) {
    if (olderInInstance[slot] == 0) {
      return -1;
    }
    long older = sequenceOf(slot) - olderInInstance[slot];
    return older >= oldest ? slot(older) : -1;
  }

  String id(int slot) {
    if ((flags[slot] & ID_AS_TEXT) != 0) {
      return reader.at(detailsAt[slot]).readString();
    }
    return CanonicalUuid.format(idHigh[slot], idLow[slot]);
  }

  /** Whether the id is held as text, not as {@link #idHigh} and {@link #idLow}. */
  boolean idIsText(int slot) {
    return (flags[slot] & ID_AS_TEXT) != 0;
  }

  long idHigh(int slot) {
    return idHigh[slot];
  }

  long idLow(int slot) {
    return idLow[slot];
  }

  ExecutionStatus status(int slot) {
    return FINAL[flags[slot] & STATUS_BITS];
  }

  long startTime(int slot) {
    return startTime[slot];
  }

  long endTime(int slot) {
    return endTime[slot];
  }

  long startedBound(int slot) {
    return startedBound[slot];
  }

  int recordsReached(int slot) {
    return reached[slot];
  }

  boolean lastRecordFailed(int slot) {
    return (flags[slot] & LAST_RECORD_FAILED) != 0;
  }

  String testCaseId(int slot) {
    return templates.testCaseId(template[slot]);
  }

  TestCaseVersion version(int slot) {
    return templates.version(template[slot]);
  }

  Map<String, String> tags(int slot) {
    return templates.tags(template[slot]);
  }

  /** The run as it was when it finished, with every field a read may use. */
  Execution restore(int slot) {
    int templateNumber = template[slot];
    String id = id(slot);
    reader.at(detailsAt[slot]);
    if (idIsText(slot)) {
      reader.skipString();
    }
    String token = switch (tokenKind(slot)) {
      case UUID_TOKEN -> CanonicalUuid.format(reader.readLong(), reader.readLong());
      case TEXT_TOKEN -> reader.readString();
      default -> null;
    };
    long plan = reader.readUnsigned();
    long observationMillis = reader.readSigned();
    long[] recordTimes = new long[reached[slot]];
    long runStartedAt = -1;
    if (recordTimes.length > 0) {
      runStartedAt = startTime[slot] + reader.readSigned();
      long previous = runStartedAt;
      for (int i = 0; i < recordTimes.length; i++) {
        previous += reader.readSigned();
        recordTimes[i] = previous;
      }
    }
    var run = new Execution(id, templates.instance(templateNumber).id, templates.testCaseId(templateNumber),
        templates.version(templateNumber), templates.tags(templateNumber), token, MODES[(int) (plan & 0b11)],
        observationMillis, (int) (plan >>> 3) - 1, (plan & 0b100) != 0, startTime[slot]);
    run.restoreFinished(status(slot), endTime[slot], runStartedAt, recordTimes, lastRecordFailed(slot));
    return run;
  }

  /** Test case templates in use: for tests. */
  int templatesInUse() {
    return templates.live();
  }

  /** Where each run's details go: the id if it is not canonical, the token, the plan, then the times. */
  private void writeDetails(Execution run, boolean idAsText, int tokenKind) {
    if (idAsText) {
      details.writeString(run.id());
    }
    switch (tokenKind) {
      case UUID_TOKEN -> {
        details.writeLong(run.tokenHigh());
        details.writeLong(run.tokenLow());
      }
      case TEXT_TOKEN -> details.writeString(run.clientToken());
      default -> {
        // no token
      }
    }
    details.writeUnsigned(run.mode().ordinal() | (run.timesOut() ? 0b100 : 0)
        | (long) (run.failingObservation() + 1) << 3);
    details.writeSigned(run.observationMillis());
    // A run that reached no record never went IN_PROGRESS (beginning opens the first record): no times to keep.
    if (run.recordsReached() > 0) {
      details.writeSigned(run.runStartedAt() - run.startTime());
      long previous = run.runStartedAt();
      for (int i = 0; i < run.recordsReached(); i++) {
        details.writeSigned(run.recordTime(i) - previous);
        previous = run.recordTime(i);
      }
    }
  }

  private boolean idMatches(int slot) {
    if (templates.instance(template[slot]) != probeInstance) {
      return false;
    }
    if (idProbe.text != null) {
      return idIsText(slot) && reader.at(detailsAt[slot]).stringEquals(idProbe.text);
    }
    return !idIsText(slot) && idHigh[slot] == idProbe.high && idLow[slot] == idProbe.low;
  }

  private boolean tokenMatches(int slot) {
    int templateNumber = template[slot];
    if (templates.instance(templateNumber) != probeInstance
        || !templates.testCaseId(templateNumber).equals(probeTestCase)) {
      return false;
    }
    seekToken(slot);
    if (tokenProbe.text != null) {
      return tokenKind(slot) == TEXT_TOKEN && reader.stringEquals(tokenProbe.text);
    }
    return tokenKind(slot) == UUID_TOKEN && reader.readLong() == tokenProbe.high
        && reader.readLong() == tokenProbe.low;
  }

  /** The run's locator, as {@link RunKey#locator} reads it from its id. */
  private int locatorOf(int slot) {
    return idIsText(slot) ? reader.at(detailsAt[slot]).stringHash() : Ids.keyOf(idLow[slot]);
  }

  /** Takes the run's locator cell, or, when a run still held has it, files the run in {@link #overflow}. */
  private void place(int slot, long sequence) {
    int locatorKey = locatorOf(slot);
    int cell = locatorKey & locatorMask;
    long held = locator[cell] - 1;
    if (held >= oldest) {
      overflow.put(locatorKey, slot);
      flags[slot] |= IN_OVERFLOW;
    } else {
      locator[cell] = sequence + 1;
    }
  }

  private void seekToken(int slot) {
    reader.at(detailsAt[slot]);
    if (idIsText(slot)) {
      reader.skipString();
    }
  }

  private int tokenKind(int slot) {
    return flags[slot] >>> TOKEN_SHIFT & 0b11;
  }

  private static int finalIndex(ExecutionStatus status) {
    return switch (status) {
      case PASSED -> 0;
      case FAILED -> 1;
      case STOPPED -> 2;
      default -> throw new IllegalArgumentException("a " + status + " run is not finished");
    };
  }

  private int capacity() {
    return mask + 1;
  }

  private int slot(long sequence) {
    return (int) (sequence & mask);
  }

  private long sequenceOf(int slot) {
    return oldest + ((slot - slot(oldest)) & mask);
  }

  /**
   * Makes the ring this large, moving each run held to the slot its sequence number has there; the locator (twice as
   * large) and the indexes, which hold slots, are rebuilt.
   */
  private void allocate(int capacity) {
    int oldMask = mask;
    long[] oldIdHigh = idHigh;
    long[] oldIdLow = idLow;
    int[] oldTemplate = template;
    long[] oldStartTime = startTime;
    long[] oldEndTime = endTime;
    long[] oldStartedBound = startedBound;
    int[] oldOlder = olderInInstance;
    int[] oldReached = reached;
    byte[] oldFlags = flags;
    int[] oldTokenHash = tokenHash;
    long[] oldDetailsAt = detailsAt;
    idHigh = new long[capacity];
    idLow = new long[capacity];
    template = new int[capacity];
    startTime = new long[capacity];
    endTime = new long[capacity];
    startedBound = new long[capacity];
    olderInInstance = new int[capacity];
    reached = new int[capacity];
    flags = new byte[capacity];
    tokenHash = new int[capacity];
    detailsAt = new long[capacity];
    mask = capacity - 1;
    int locatorCells = Math.min(capacity, MAX_CAPACITY / 2) * 2;
    locator = new long[locatorCells];
    locatorMask = locatorCells - 1;
    if (oldIdHigh == null) {
      return;
    }
    for (long sequence = oldest; sequence < next; sequence++) {
      int from = (int) (sequence & oldMask);
      int to = slot(sequence);
      idHigh[to] = oldIdHigh[from];
      idLow[to] = oldIdLow[from];
      template[to] = oldTemplate[from];
      startTime[to] = oldStartTime[from];
      endTime[to] = oldEndTime[from];
      startedBound[to] = oldStartedBound[from];
      olderInInstance[to] = oldOlder[from];
      reached[to] = oldReached[from];
      flags[to] = oldFlags[from];
      tokenHash[to] = oldTokenHash[from];
      detailsAt[to] = oldDetailsAt[from];
    }
    overflow.clear();
    byToken.clear();
    for (long sequence = oldest; sequence < next; sequence++) {
      int slot = slot(sequence);
      flags[slot] &= ~IN_OVERFLOW;
      place(slot, sequence);
      if (tokenKind(slot) != NO_TOKEN) {
        byToken.put(tokenHash[slot], slot);
      }
    }
  }

  private static int powerOfTwoAtLeast(int value) {
    return value == 1 ? 1 : Integer.highestOneBit(value - 1) << 1;
  }

  /** Cells and bytes the store has allocated: for tests. */
  String shape() {
    return "ring " + capacity() + ", arena " + details.capacity() + " bytes, locator " + locator.length
        + ", overflow " + overflow.size() + ", token index " + byToken.capacity() + ", templates " + templates.live();
  }
}
