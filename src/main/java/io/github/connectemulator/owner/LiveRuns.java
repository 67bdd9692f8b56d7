package io.github.connectemulator.owner;

import io.github.connectemulator.model.CanonicalUuid;
import io.github.connectemulator.model.Execution;
import io.github.connectemulator.owner.compact.SlotIndex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The owner's runs not yet final, found by id and by ClientToken; finished ones are in {@link FinishedRuns}.
 *
 * <p>Run objects are reused: a run that finishes leaves its object here, and the next Start resets it. A load test
 * keeps 100 000 runs live for a minute; with a new object (and a HashMap node, an id string, a token string) per run,
 * every young collection copied all runs born since the last one, and copied them again at each collection until they
 * were old — pauses of tens of milliseconds that made every scheduled step due meanwhile late. A reused object is
 * copied to the old generation once and stays there, and the indexes are {@link SlotIndex} arrays of longs, which the
 * collector does not walk. The pool follows the number of runs live: beside them it keeps at most {@value #SPARE}
 * spare objects (enough for the runs that end in a burst after a collection pause), and lets the others go as a load
 * ends.
 */
final class LiveRuns {

  static final int SPARE = 16_384;

  /** The object of each slot; null in a free slot whose object was let go. */
  private Execution[] runs = new Execution[16];
  private boolean[] inUse = new boolean[16];
  /** Free slots that hold an object, as a stack: the most recently used, warmest objects go first. */
  private final int[] spare = new int[SPARE];
  private int spareCount;
  /** Free slots whose object was let go, as a stack. */
  private int[] empty = new int[16];
  private int emptyCount;
  /** Slots made so far: slots from here up have no object yet. */
  private int made;
  private int size;
  private final SlotIndex byId = new SlotIndex();
  private final SlotIndex byToken = new SlotIndex();

  // What find and startedWith look for, read by the matchers (made once: no lambda per lookup).
  private String probeInstance;
  private String probeTestCase;
  private String probeText;
  private long probeHigh;
  private long probeLow;
  private Execution probeRun;
  private final SlotIndex.SlotMatcher idMatcher = this::idMatches;
  private final SlotIndex.SlotMatcher tokenMatcher = this::tokenMatches;
  private final SlotIndex.SlotMatcher runMatcher = slot -> runs[slot] == probeRun;

  /** A new run in a free object: {@code reset} gives it its run (see {@link Execution#reset}); returns the run. */
  Execution add(UnaryOperator<Execution> reset) {
    int slot;
    if (spareCount > 0) {
      slot = spare[--spareCount];
    } else {
      slot = emptyCount > 0 ? empty[--emptyCount] : newSlot();
      runs[slot] = new Execution();
    }
    Execution run = reset.apply(runs[slot]);
    inUse[slot] = true;
    size++;
    byId.put(idHash(run), slot);
    if (run.hasClientToken()) {
      byToken.put(tokenHash(run), slot);
    }
    return run;
  }

  /** Forgets a run that became final; its object serves a later run, so nothing may hold it after this. */
  void remove(Execution run) {
    probeRun = run;
    int idHash = idHash(run);
    int slot = byId.find(idHash, runMatcher);
    probeRun = null;
    if (slot < 0) {
      throw new IllegalStateException("not a live run: " + run.id());
    }
    byId.remove(idHash, slot);
    if (run.hasClientToken()) {
      byToken.remove(tokenHash(run), slot);
    }
    inUse[slot] = false;
    size--;
    if (spareCount < SPARE) {
      spare[spareCount++] = slot;
    } else {
      runs[slot] = null;
      empty[emptyCount++] = slot;
    }
  }

  /** The instance's live run with this id, or null. */
  Execution find(InstanceState instance, String executionId) {
    probeInstance = instance.id;
    int hash;
    if (CanonicalUuid.isCanonical(executionId)) {
      probeText = null;
      probeHigh = CanonicalUuid.high(executionId);
      probeLow = CanonicalUuid.low(executionId);
      hash = uuidHash(probeHigh, probeLow);
    } else {
      probeText = executionId;
      hash = executionId.hashCode();
    }
    int slot = byId.find(hash, idMatcher);
    return slot < 0 ? null : runs[slot];
  }

  /** The instance's live run started with this ClientToken on this test case, or null. */
  Execution startedWith(InstanceState instance, String testCaseId, String clientToken) {
    probeInstance = instance.id;
    probeTestCase = testCaseId;
    probeText = clientToken;
    int slot = byToken.find(scopedHash(instance.id, testCaseId, textHash(clientToken)), tokenMatcher);
    return slot < 0 ? null : runs[slot];
  }

  /** The instance's live runs, in no particular order: a copy, so a caller may end runs as it goes. */
  List<Execution> of(InstanceState instance) {
    var found = new ArrayList<Execution>();
    for (int slot = 0; slot < made; slot++) {
      if (inUse[slot] && runs[slot].instanceId().equals(instance.id)) {
        found.add(runs[slot]);
      }
    }
    return found;
  }

  int size() {
    return size;
  }

  /** Run objects kept, live or spare: for tests. */
  int pooled() {
    return size + spareCount;
  }

  private int newSlot() {
    if (made == runs.length) {
      int capacity = runs.length * 2;
      runs = Arrays.copyOf(runs, capacity);
      inUse = Arrays.copyOf(inUse, capacity);
      empty = Arrays.copyOf(empty, capacity);
    }
    return made++;
  }

  private boolean idMatches(int slot) {
    Execution run = runs[slot];
    if (!run.instanceId().equals(probeInstance)) {
      return false;
    }
    return probeText == null
        ? run.hasCanonicalId() && run.idHigh() == probeHigh && run.idLow() == probeLow
        : !run.hasCanonicalId() && run.id().equals(probeText);
  }

  private boolean tokenMatches(int slot) {
    Execution run = runs[slot];
    return run.instanceId().equals(probeInstance) && run.testCaseId().equals(probeTestCase)
        && run.startedWithToken(probeText);
  }

  private static int idHash(Execution run) {
    return run.hasCanonicalId() ? uuidHash(run.idHigh(), run.idLow()) : run.id().hashCode();
  }

  private static int tokenHash(Execution run) {
    int hash = run.hasCanonicalToken() ? uuidHash(run.tokenHigh(), run.tokenLow()) : run.clientToken().hashCode();
    return scopedHash(run.instanceId(), run.testCaseId(), hash);
  }

  /** A token's hash from its text, the same as from its two halves when it is canonical. */
  private static int textHash(String token) {
    return CanonicalUuid.isCanonical(token)
        ? uuidHash(CanonicalUuid.high(token), CanonicalUuid.low(token)) : token.hashCode();
  }

  private static int scopedHash(String instanceId, String testCaseId, int tokenHash) {
    return (instanceId.hashCode() * 31 + testCaseId.hashCode()) * 31 + tokenHash;
  }

  private static int uuidHash(long high, long low) {
    return Long.hashCode(high) * 31 + Long.hashCode(low);
  }
}
