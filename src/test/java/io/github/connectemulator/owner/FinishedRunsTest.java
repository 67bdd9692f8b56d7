package io.github.connectemulator.owner;

import static io.github.connectemulator.owner.ExecutionOwnerTest.T0;
import static io.github.connectemulator.owner.ExecutionOwnerTest.THREE_OBSERVATIONS;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.connectemulator.model.ContentDocument;
import io.github.connectemulator.model.Execution;
import io.github.connectemulator.model.ExecutionStatus;
import io.github.connectemulator.model.Ids;
import io.github.connectemulator.model.TestCaseStatus;
import io.github.connectemulator.model.TestCaseVersion;
import io.github.connectemulator.model.TransitionMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The compact store of finished runs: what goes in comes back, lookups, the ring's order, wrap-around and growth. */
class FinishedRunsTest {

  static final TestCaseVersion VERSION = version("retained");
  static final Map<String, String> TAGS = Map.of("team", "load");

  final InstanceState instance = new InstanceState("11111111-2222-3333-4444-555555555555");
  final InstanceState otherInstance = new InstanceState("99999999-2222-3333-4444-555555555555");
  int made;

  static TestCaseVersion version(String name) {
    return new TestCaseVersion(name, THREE_OBSERVATIONS, null, null, null, TestCaseStatus.PUBLISHED, T0, "us-east-1",
        "sha", ContentDocument.parse(THREE_OBSERVATIONS).document());
  }

  /** A run of the test case "tc" that began, reached its observations on timers and PASSED. */
  Execution passed(String id, String token) {
    return run(instance, id, token, -1, run -> {
      run.begin(run.startTime() + 50);
      for (int i = 1; i <= 3; i++) {
        run.completeObservation(run.startTime() + 50 + 100 * i);
      }
    });
  }

  Execution run(InstanceState owner, String id, String token, int failingObservation, Consumer<Execution> life) {
    long start = T0 + 1_000L * made++;
    var run = new Execution(id, owner.id, "tc", VERSION, TAGS, token, TransitionMode.TIMED, 100, failingObservation,
        false, start);
    life.accept(run);
    assertThat(run.status().isTerminal()).isTrue();
    return run;
  }

  static String uuid(int n) {
    return String.format("%08x-0000-4000-8000-%012x", n, n * 7919L);
  }

  @Test
  void aRunComesBackAsItWasWhateverItsEnd() {
    List<Execution> runs = new ArrayList<>();
    runs.add(passed(uuid(1), uuid(101)));
    runs.add(run(instance, uuid(2), "text token \u00e9", 1, run -> {
      run.begin(run.startTime() + 10);
      run.completeObservation(run.startTime() + 30);
      run.completeObservation(run.startTime() + 25); // a clock that went back: a negative difference
    }));
    runs.add(run(instance, uuid(3), null, -1, run -> {
      run.begin(run.startTime());
      run.end(ExecutionStatus.FAILED, run.startTime() + 300_000); // the time cap
    }));
    runs.add(run(instance, uuid(4), "\u4e2d\ud800", -1, run -> run.end(ExecutionStatus.STOPPED, run.startTime() + 5)));
    runs.add(run(instance, "exec-5", "", 2, run -> {
      run.begin(run.startTime() + 1);
      run.completeObservation(run.startTime() + 2);
      run.end(ExecutionStatus.STOPPED, run.startTime() + 3);
    }));
    var timesOut = new Execution(uuid(6).toUpperCase(), instance.id, "tc", VERSION, TAGS, null,
        TransitionMode.MANUAL, 0, -1, true, T0);
    timesOut.begin(T0 + 1);
    timesOut.end(ExecutionStatus.FAILED, T0 + Long.MAX_VALUE / 4);
    runs.add(timesOut);

    var store = new FinishedRuns(100);
    runs.forEach(run -> store.add(instance, run));
    for (Execution run : runs) {
      int slot = store.find(instance, run.id());
      assertThat(slot).as(run.id()).isNotNegative();
      assertSame(store.restore(slot), run);
      assertThat(store.status(slot)).isEqualTo(run.status());
      assertThat(store.recordsReached(slot)).isEqualTo(run.recordsReached());
      assertThat(store.lastRecordFailed(slot)).isEqualTo(run.observationsFailed() == 1);
      assertThat(store.id(slot)).isEqualTo(run.id());
      if (run.clientToken() != null) {
        assertThat(store.findByToken(instance, "tc", run.clientToken())).isEqualTo(slot);
      }
    }
  }

  @Test
  void lookupsStayWithinTheirInstanceAndTestCase() {
    var store = new FinishedRuns(100);
    store.add(instance, passed(uuid(1), uuid(1)));
    store.add(otherInstance, run(otherInstance, uuid(2), "t", -1, run -> run.end(ExecutionStatus.STOPPED, T0)));

    assertThat(store.find(otherInstance, uuid(1))).isEqualTo(-1);
    assertThat(store.find(instance, uuid(2))).isEqualTo(-1);
    assertThat(store.find(instance, uuid(1).toUpperCase())).as("another id").isEqualTo(-1);
    assertThat(store.find(instance, uuid(3))).isEqualTo(-1);
    assertThat(store.findByToken(instance, "tc", uuid(1))).isNotNegative();
    assertThat(store.findByToken(instance, "other-test-case", uuid(1))).isEqualTo(-1);
    assertThat(store.findByToken(otherInstance, "tc", uuid(1))).isEqualTo(-1);
    assertThat(store.findByToken(instance, "tc", "t")).isEqualTo(-1);
    assertThat(store.findByToken(otherInstance, "tc", "t")).isNotNegative();
  }

  @Test
  void theSameIdInTwoInstancesIsTwoRuns() {
    var store = new FinishedRuns(100);
    store.add(instance, passed(uuid(1), null));
    store.add(otherInstance, run(otherInstance, uuid(1), null, -1, run -> run.end(ExecutionStatus.STOPPED, T0)));
    assertThat(store.status(store.find(instance, uuid(1)))).isEqualTo(ExecutionStatus.PASSED);
    assertThat(store.status(store.find(otherInstance, uuid(1)))).isEqualTo(ExecutionStatus.STOPPED);
  }

  /** A ring of four slots holding three runs, through ten runs: every run wraps around it more than once. */
  @Test
  void evictsOldestFirstThroughWrapArounds() {
    var retention = new FinishedRetention(3, Long.MAX_VALUE);
    List<String> added = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      String id = i % 3 == 0 ? "text-id-" + i : uuid(i);
      retention.add(instance, passed(id, "token-" + i));
      added.add(id);
      List<String> retained = added.subList(Math.max(0, added.size() - 3), added.size());
      assertThat(idsNewestFirst(retention.runs(), instance)).isEqualTo(reversed(retained));
      for (int j = 0; j < added.size(); j++) {
        boolean kept = retained.contains(added.get(j));
        assertThat(retention.runs().find(instance, added.get(j)) >= 0).as(added.get(j)).isEqualTo(kept);
        assertThat(retention.runs().findByToken(instance, "tc", "token-" + j) >= 0).isEqualTo(kept);
      }
      assertThat(instance.finishedByStatus[ExecutionStatus.PASSED.ordinal()]).isEqualTo(retained.size());
    }
    assertThat(retention.size()).isEqualTo(3);
    assertThat(retention.runs().shape()).startsWith("ring 4,");
  }

  @Test
  void growsFromItsFirstCapacityKeepingEveryRunFindable() {
    var retention = new FinishedRetention(6_000, Long.MAX_VALUE);
    for (int i = 0; i < 15_000; i++) {
      retention.add(i % 2 == 0 ? instance : otherInstance, i % 2 == 0
          ? passed(uuid(i), uuid(i + 1_000_000))
          : run(otherInstance, uuid(i), "t" + i, -1, run -> run.end(ExecutionStatus.STOPPED, run.startTime())));
      if (i == 3_000) {
        assertThat(retention.runs().shape()).startsWith("ring 4096,");
      }
    }
    assertThat(retention.runs().shape()).startsWith("ring 8192,");
    for (int i = 0; i < 15_000; i++) {
      InstanceState owner = i % 2 == 0 ? instance : otherInstance;
      boolean kept = i >= 9_000;
      assertThat(retention.runs().find(owner, uuid(i)) >= 0).as("run " + i).isEqualTo(kept);
      int byToken = i % 2 == 0
          ? retention.runs().findByToken(owner, "tc", uuid(i + 1_000_000))
          : retention.runs().findByToken(owner, "tc", "t" + i);
      assertThat(byToken >= 0).as("token of run " + i).isEqualTo(kept);
    }
    assertThat(idsNewestFirst(retention.runs(), instance)).hasSize(3_000).first().isEqualTo(uuid(14_998));
    assertThat(otherInstance.finishedByStatus[ExecutionStatus.STOPPED.ordinal()]).isEqualTo(3_000);
  }

  /**
   * Ids as the emulator issues them carry their Start's number, and a run is found through the locator cell that
   * number gives. A run that ended long after it started can want the cell of a run still held: it is found through
   * the overflow until it goes, and a cell whose run has gone is taken again.
   */
  @Test
  void runsAreFoundByTheNumberTheirIdsCarryEvenWhenTwoWantOneCell() {
    var retention = new FinishedRetention(64, Long.MAX_VALUE); // a ring of 64, a locator of 128 cells
    FinishedRuns store = retention.runs();
    String first = Ids.randomUuidCarrying(0);
    retention.add(instance, passed(first, null));
    List<String> others = new ArrayList<>();
    for (int number = 1; number <= 62; number++) {
      others.add(Ids.randomUuidCarrying(number));
      retention.add(instance, passed(others.get(others.size() - 1), null));
    }
    String sameCell = Ids.randomUuidCarrying(128); // wants the first run's cell, which is still held
    retention.add(instance, passed(sameCell, null));
    assertThat(store.shape()).contains("locator 128, overflow 1");
    assertThat(store.find(instance, first)).isNotNegative();
    assertThat(store.find(instance, sameCell)).isNotNegative();

    retention.add(instance, passed(Ids.randomUuidCarrying(63), null)); // the first run goes
    assertThat(store.find(instance, first)).isEqualTo(-1);
    assertThat(store.find(instance, sameCell)).isNotNegative();
    String takesTheCellAgain = Ids.randomUuidCarrying(256);
    retention.add(instance, passed(takesTheCellAgain, null));
    assertThat(store.find(instance, takesTheCellAgain)).isNotNegative();
    assertThat(store.shape()).contains("overflow 1");
    others.subList(1, others.size()).forEach(id -> assertThat(store.find(instance, id)).as(id).isNotNegative());

    // Numbers in Start order from there on: each run's cell was last held by a run already gone.
    for (int number = 257; number <= 320; number++) {
      retention.add(instance, passed(Ids.randomUuidCarrying(number), null));
    }
    assertThat(store.find(instance, sameCell)).isEqualTo(-1);
    assertThat(store.find(instance, Ids.randomUuidCarrying(320))).as("another id, same number").isEqualTo(-1);
    assertThat(store.shape()).contains("overflow 0");
  }

  @Test
  void expiredRunsGoFromTheOldestUpToTheFirstThatIsNot() {
    var retention = new FinishedRetention(100, 500);
    retention.add(instance, passed(uuid(1), null)); // ends at its start + 350
    retention.add(instance, passed(uuid(2), null));
    long firstEnd = retention.runs().oldestEndTime();
    retention.evictExpired(firstEnd + 499);
    assertThat(retention.size()).isEqualTo(2);
    retention.evictExpired(firstEnd + 500);
    assertThat(retention.size()).isEqualTo(1);
    assertThat(retention.runs().find(instance, uuid(1))).isEqualTo(-1);
    retention.evictExpired(Long.MAX_VALUE / 2);
    assertThat(retention.size()).isZero();
    assertThat(retention.runs().newestOf(instance)).isEqualTo(-1);
  }

  @Test
  void sharedTestCaseDataIsHeldOnceAndLetGoWithItsLastRun() {
    var retention = new FinishedRetention(4, Long.MAX_VALUE);
    TestCaseVersion updated = version("updated");
    for (int i = 0; i < 4; i++) {
      TestCaseVersion version = i < 2 ? VERSION : updated;
      var run = new Execution(uuid(i), instance.id, "tc", version, TAGS, null, TransitionMode.TIMED, 100, -1, false,
          T0);
      run.end(ExecutionStatus.STOPPED, T0);
      retention.add(instance, run);
    }
    assertThat(retention.runs().templatesInUse()).isEqualTo(2);
    assertThat(retention.runs().version(retention.runs().find(instance, uuid(3))).name()).isEqualTo("updated");
    for (int i = 4; i < 8; i++) {
      retention.add(otherInstance, run(otherInstance, uuid(i), null, -1, run -> run.end(ExecutionStatus.STOPPED,
          T0)));
    }
    assertThat(retention.runs().templatesInUse()).as("only the other instance's").isEqualTo(1);
  }

  /** A run that waited long and finished late must not end a listing's walk before the runs that started after it. */
  @Test
  void theStartedBoundCoversOlderRunsThatStartedLater() {
    var store = new FinishedRuns(100);
    Execution early = passed(uuid(1), null);
    Execution late = passed(uuid(2), null);
    Execution waitedLong = new Execution(uuid(3), instance.id, "tc", VERSION, TAGS, null, TransitionMode.TIMED, 100,
        -1, false, T0 - 1_000_000);
    waitedLong.end(ExecutionStatus.STOPPED, T0 + 10_000_000);
    store.add(instance, early);
    store.add(instance, late);
    store.add(instance, waitedLong);
    int newest = store.newestOf(instance);
    assertThat(store.startTime(newest)).isEqualTo(T0 - 1_000_000);
    assertThat(store.startedBound(newest)).isEqualTo(late.startTime());
  }

  private static List<String> idsNewestFirst(FinishedRuns store, InstanceState instance) {
    List<String> ids = new ArrayList<>();
    for (int slot = store.newestOf(instance); slot >= 0; slot = store.olderInInstance(slot)) {
      ids.add(store.id(slot));
    }
    return ids;
  }

  private static List<String> reversed(List<String> list) {
    List<String> copy = new ArrayList<>(list);
    java.util.Collections.reverse(copy);
    return copy;
  }

  private static void assertSame(Execution restored, Execution run) {
    assertThat(restored.id()).isEqualTo(run.id());
    assertThat(restored.instanceId()).isSameAs(run.instanceId());
    assertThat(restored.testCaseId()).isEqualTo(run.testCaseId());
    assertThat(restored.version()).isSameAs(run.version());
    assertThat(restored.tags()).isSameAs(run.tags());
    assertThat(restored.clientToken()).isEqualTo(run.clientToken());
    assertThat(restored.mode()).isEqualTo(run.mode());
    assertThat(restored.observationMillis()).isEqualTo(run.observationMillis());
    assertThat(restored.failingObservation()).isEqualTo(run.failingObservation());
    assertThat(restored.timesOut()).isEqualTo(run.timesOut());
    assertThat(restored.startTime()).isEqualTo(run.startTime());
    assertThat(restored.status()).isEqualTo(run.status());
    assertThat(restored.endTime()).isEqualTo(run.endTime());
    assertThat(restored.runStartedAt()).isEqualTo(run.runStartedAt());
    assertThat(restored.recordsReached()).isEqualTo(run.recordsReached());
    assertThat(restored.totalObservations()).isEqualTo(run.totalObservations());
    assertThat(restored.observationsPassed()).isEqualTo(run.observationsPassed());
    assertThat(restored.observationsFailed()).isEqualTo(run.observationsFailed());
    for (int i = 0; i < run.recordsReached(); i++) {
      assertThat(restored.recordTime(i)).isEqualTo(run.recordTime(i));
      assertThat(restored.recordStatus(i)).isEqualTo(run.recordStatus(i));
      assertThat(RecordDetail.json(restored, i)).isEqualTo(RecordDetail.json(run, i));
    }
  }
}
