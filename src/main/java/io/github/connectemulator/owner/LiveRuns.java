package io.github.connectemulator.owner;

import io.github.connectemulator.model.Execution;
import io.github.connectemulator.model.RunColumns;
import io.github.connectemulator.owner.compact.SlotIndex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The owner's runs not yet final, found by id and by ClientToken; finished ones are in {@link FinishedRuns}.
 *
 * <p>Their state is in {@link RunColumns}, and an {@link Execution} is a view of a slot, made when a run is read or
 * stepped: a load test keeps 100 000 runs live for a minute, and as objects (with a HashMap node, an id string and a
 * token string each) every young collection copied them until they were old — pauses that made every step due
 * meanwhile late (see RunColumns). The indexes are {@link SlotIndex} arrays for the same reason. A slot freed by a
 * run that finished serves the next Start; the columns keep the size of the largest number of runs live at once
 * (bounded by {@code owners.maxLiveExecutions}), as FinishedRuns keeps its retention's.
 */
final class LiveRuns {

  private final RunColumns columns = new RunColumns(1024);
  /** Each slot's instance, so that a run's end finds it without a lookup by id. */
  private InstanceState[] instances = new InstanceState[1024];
  private boolean[] inUse = new boolean[1024];
  /** Free slots, as a stack: the most recently used, warmest slots go first. */
  private int[] free = new int[1024];
  private int freeCount;
  /** Slots used so far: slots from here up were never used. */
  private int made;
  private int size;
  private final SlotIndex byId = new SlotIndex();
  private final SlotIndex byToken = new SlotIndex();

  // What find and startedWith look for, read by the matchers (made once: no lambda per lookup).
  private String probeInstance;
  private String probeTestCase;
  private final RunKey probe = new RunKey();
  /** The id {@link #find} looks for. */
  private RunKey idProbe;
  /** The ClientToken {@link #startedWith} looks for. */
  private RunKey tokenProbe;
  private final SlotIndex.SlotMatcher idMatcher = this::idMatches;
  private final SlotIndex.SlotMatcher tokenMatcher = this::tokenMatches;

  /**
   * A new run of this instance in a free slot: {@code reset} gives it its run (see {@link Execution#reset}); returns
   * the run.
   */
  Execution add(InstanceState instance, UnaryOperator<Execution> reset) {
    int slot = freeCount > 0 ? free[--freeCount] : newSlot();
    Execution run = reset.apply(new Execution(columns, slot));
    if (instances[slot] != instance) {
      instances[slot] = instance;
    }
    inUse[slot] = true;
    size++;
    byId.put(idHash(run), slot);
    if (run.hasClientToken()) {
      byToken.put(RunKey.scopedTokenHash(run), slot);
    }
    return run;
  }

  /** The instance of a live run. */
  InstanceState instanceOf(Execution run) {
    return instances[run.slot()];
  }

  /** The run in this slot; the slot must hold a live run. */
  Execution run(int slot) {
    if (!inUse[slot]) {
      throw new IllegalStateException("no live run in slot " + slot);
    }
    return new Execution(columns, slot);
  }

  /** Forgets a run that became final; its slot serves a later run, so no view of it may be used after this. */
  void remove(Execution run) {
    int slot = run.slot();
    if (slot >= made || !inUse[slot] || !run.equals(new Execution(columns, slot))) {
      throw new IllegalStateException("not a live run: " + run.id());
    }
    byId.remove(idHash(run), slot);
    if (run.hasClientToken()) {
      byToken.remove(RunKey.scopedTokenHash(run), slot);
    }
    inUse[slot] = false;
    size--;
    free[freeCount++] = slot;
  }

  /** The instance's live run with this id, or null. */
  Execution find(InstanceState instance, String executionId) {
    probe.set(executionId);
    return find(instance, probe);
  }

  /** The instance's live run with this id, or null. */
  Execution find(InstanceState instance, RunKey executionId) {
    probeInstance = instance.id;
    idProbe = executionId;
    int slot = byId.find(executionId.hash, idMatcher);
    return slot < 0 ? null : new Execution(columns, slot);
  }

  /** The instance's live run started with this ClientToken on this test case, or null. */
  Execution startedWith(InstanceState instance, String testCaseId, String clientToken) {
    probe.set(clientToken);
    return startedWith(instance, testCaseId, probe);
  }

  /** The instance's live run started with this ClientToken on this test case, or null. */
  Execution startedWith(InstanceState instance, String testCaseId, RunKey clientToken) {
    probeInstance = instance.id;
    probeTestCase = testCaseId;
    tokenProbe = clientToken;
    int slot = byToken.find(RunKey.scopedHash(instance.id, testCaseId, clientToken.hash), tokenMatcher);
    return slot < 0 ? null : new Execution(columns, slot);
  }

  /** The instance's live runs, in no particular order: a copy, so a caller may end runs as it goes. */
  List<Execution> of(InstanceState instance) {
    var found = new ArrayList<Execution>();
    forEach(instance, found::add);
    return found;
  }

  /** Adds the instance's live runs to {@code byStatus}, by {@link io.github.connectemulator.model.ExecutionStatus#ordinal()}. */
  void countByStatus(InstanceState instance, int[] byStatus) {
    forEach(instance, run -> byStatus[run.status().ordinal()]++);
  }

  private void forEach(InstanceState instance, Consumer<Execution> action) {
    for (int slot = 0; slot < made; slot++) {
      if (inUse[slot] && instances[slot] == instance) {
        action.accept(new Execution(columns, slot));
      }
    }
  }

  int size() {
    return size;
  }

  /** Slots the columns have room for: for tests. */
  int capacity() {
    return columns.capacity();
  }

  private int newSlot() {
    if (made == columns.capacity()) {
      int capacity = made * 2;
      columns.grow(capacity);
      inUse = Arrays.copyOf(inUse, capacity);
      instances = Arrays.copyOf(instances, capacity);
      free = Arrays.copyOf(free, capacity);
    }
    return made++;
  }

  private boolean idMatches(int slot) {
    Execution run = new Execution(columns, slot);
    if (!run.instanceId().equals(probeInstance)) {
      return false;
    }
    return idProbe.text == null
        ? run.hasCanonicalId() && run.idHigh() == idProbe.high && run.idLow() == idProbe.low
        : !run.hasCanonicalId() && run.id().equals(idProbe.text);
  }

  private boolean tokenMatches(int slot) {
    Execution run = new Execution(columns, slot);
    if (!run.instanceId().equals(probeInstance) || !run.testCaseId().equals(probeTestCase)
        || !run.hasClientToken()) {
      return false;
    }
    return tokenProbe.text == null
        ? run.hasCanonicalToken() && run.tokenHigh() == tokenProbe.high && run.tokenLow() == tokenProbe.low
        : !run.hasCanonicalToken() && run.clientToken().equals(tokenProbe.text);
  }

  private static int idHash(Execution run) {
    return run.hasCanonicalId() ? RunKey.uuidHash(run.idHigh(), run.idLow()) : run.id().hashCode();
  }

}
