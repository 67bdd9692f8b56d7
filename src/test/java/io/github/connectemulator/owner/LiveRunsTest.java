package io.github.connectemulator.owner;

import static io.github.connectemulator.owner.ExecutionOwnerTest.T0;
import static io.github.connectemulator.owner.FinishedRunsTest.TAGS;
import static io.github.connectemulator.owner.FinishedRunsTest.VERSION;
import static io.github.connectemulator.owner.FinishedRunsTest.uuid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.connectemulator.model.CanonicalUuid;
import io.github.connectemulator.model.ContentDocument;
import io.github.connectemulator.model.Execution;
import io.github.connectemulator.model.ExecutionStatus;
import io.github.connectemulator.model.RecordStatus;
import io.github.connectemulator.model.TestCaseStatus;
import io.github.connectemulator.model.TestCaseVersion;
import io.github.connectemulator.model.TransitionMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The live runs: lookups by id and by token, scoped to instance and test case, and the reuse of slots. */
class LiveRunsTest {

  static final String FIVE_OBSERVATIONS = """
      {"Version":"2025-06-21","Observations":[
        {"Identifier":"o1","Event":{"Type":"TestInitiated"},"Actions":[],"Transitions":{"NextObservations":["o2"]}},
        {"Identifier":"o2","Event":{"Type":"MessageReceived"},"Actions":[],"Transitions":{"NextObservations":["o3"]}},
        {"Identifier":"o3","Event":{"Type":"MessageReceived"},"Actions":[],"Transitions":{"NextObservations":["o4"]}},
        {"Identifier":"o4","Event":{"Type":"MessageReceived"},"Actions":[],"Transitions":{"NextObservations":["o5"]}},
        {"Identifier":"o5","Event":{"Type":"TestCompleted"},"Actions":[{"Identifier":"a1","Type":"TestControl"}]}]}
      """;

  final LiveRuns live = new LiveRuns();
  final InstanceState instance = new InstanceState("11111111-2222-3333-4444-555555555555");
  final InstanceState otherInstance = new InstanceState("99999999-2222-3333-4444-555555555555");

  Execution start(InstanceState owner, String id, String testCaseId, String token) {
    return live.add(owner, run -> run.reset(id, owner.id, testCaseId, VERSION, TAGS, token, TransitionMode.TIMED, 100, -1,
        false, T0));
  }

  @Test
  void runsAreFoundByIdAndTokenInTheirOwnInstanceAndTestCaseOnly() {
    Execution canonical = start(instance, uuid(1), "tc", uuid(101));
    Execution textId = start(instance, "exec-2", "tc", "text token");
    Execution upperCase = start(instance, uuid(3).toUpperCase(), "tc", uuid(103).toUpperCase());
    Execution noToken = start(otherInstance, uuid(4), "tc", null);

    assertThat(live.find(instance, uuid(1))).isEqualTo(canonical);
    assertThat(live.find(instance, "exec-2")).isEqualTo(textId);
    assertThat(live.find(instance, uuid(3).toUpperCase())).isEqualTo(upperCase);
    assertThat(live.find(instance, uuid(3))).as("another id: only the exact text is the id").isNull();
    assertThat(live.find(instance, uuid(4))).as("another instance's run").isNull();
    assertThat(live.find(otherInstance, uuid(4))).isEqualTo(noToken);

    assertThat(live.startedWith(instance, "tc", uuid(101))).isEqualTo(canonical);
    assertThat(live.startedWith(instance, "tc", "text token")).isEqualTo(textId);
    assertThat(live.startedWith(instance, "tc", uuid(103).toUpperCase())).isEqualTo(upperCase);
    assertThat(live.startedWith(instance, "tc", uuid(103))).isNull();
    assertThat(live.startedWith(instance, "other", uuid(101))).as("tokens are scoped to the test case").isNull();
    assertThat(live.startedWith(otherInstance, "tc", uuid(101))).isNull();

    assertThat(canonical.id()).isEqualTo(uuid(1));
    assertThat(canonical.clientToken()).isEqualTo(uuid(101));
    assertThat(upperCase.id()).isEqualTo(uuid(3).toUpperCase());
    assertThat(noToken.clientToken()).isNull();
    assertThat(live.of(instance)).containsExactlyInAnyOrder(canonical, textId, upperCase);
    assertThat(live.instanceOf(canonical)).isSameAs(instance);
    assertThat(live.instanceOf(noToken)).isSameAs(otherInstance);
    assertThat(live.size()).isEqualTo(4);
  }

  @Test
  void aRunMadeFromKeysReadBeforehandIsTheRunMadeFromTheirTexts() {
    String[][] idsAndTokens = {
        {uuid(201), uuid(301)}, {uuid(202), null}, {"text id", "text token"}, {uuid(204), uuid(304).toUpperCase()}};
    var fromKeys = new LiveRuns();
    for (String[] idAndToken : idsAndTokens) {
      String id = idAndToken[0];
      String token = idAndToken[1];
      Execution fromText = start(instance, id, "tc", token);
      var idKey = new CanonicalUuid.Key();
      idKey.take(id);
      CanonicalUuid.Key tokenKey = null;
      if (token != null) {
        tokenKey = new CanonicalUuid.Key();
        tokenKey.take(token);
      }
      CanonicalUuid.Key tokenRead = tokenKey;
      Execution fromRead = fromKeys.add(instance, run -> run.reset(idKey, instance.id, "tc", VERSION, TAGS, tokenRead,
          TransitionMode.TIMED, 100, -1, false, T0));
      assertThat(fromRead.id()).isEqualTo(fromText.id()).isEqualTo(id);
      assertThat(fromRead.clientToken()).isEqualTo(fromText.clientToken()).isEqualTo(token);
      assertThat(fromRead.hasCanonicalId()).isEqualTo(fromText.hasCanonicalId());
      assertThat(fromRead.hasClientToken()).isEqualTo(token != null);
      assertThat(fromKeys.find(instance, id)).isEqualTo(fromRead);
      if (token != null) {
        assertThat(fromKeys.startedWith(instance, "tc", token)).isEqualTo(fromRead);
      }
    }
  }

  @Test
  void aFinishedRunsSlotServesTheNextRunAsNewAndIsNoLongerFound() {
    Execution first = start(instance, uuid(1), "tc", uuid(101));
    first.begin(T0 + 10);
    first.completeObservation(T0 + 20);
    first.end(ExecutionStatus.STOPPED, T0 + 30);
    live.remove(first);

    assertThat(live.find(instance, uuid(1))).isNull();
    assertThat(live.startedWith(instance, "tc", uuid(101))).isNull();
    Execution second = start(instance, "exec-2", "tc", null);
    assertThat(second.slot()).as("the slot is reused").isEqualTo(first.slot());
    assertThat(second.status()).isEqualTo(ExecutionStatus.INITIATED);
    assertThat(second.recordsReached()).isZero();
    assertThat(second.endTime()).isEqualTo(-1);
    assertThat(second.runStartedAt()).isEqualTo(-1);
    assertThat(second.clientToken()).isNull();
    assertThat(second.id()).isEqualTo("exec-2");
    second.begin(T0 + 40);
    assertThat(second.recordStatus(0)).isEqualTo(RecordStatus.IN_PROGRESS);
    assertThat(second.observationsFailed()).isZero();
    assertThatThrownBy(() -> live.remove(new Execution(uuid(9), instance.id, "tc", VERSION, TAGS, null,
        TransitionMode.TIMED, 100, -1, false, T0))).as("a run of other columns")
        .isInstanceOf(IllegalStateException.class);
    live.remove(second);
    assertThatThrownBy(() -> live.remove(second)).as("a slot already free").isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> live.run(second.slot())).isInstanceOf(IllegalStateException.class);
  }

  /** A slot reused by a longer run gets a longer stretch of record times, and its neighbours keep theirs. */
  @Test
  void recordTimesStayWithTheirRunWhenASlotGetsALongerOne() {
    Execution first = start(instance, uuid(1), "tc", null);
    Execution neighbour = start(instance, uuid(2), "tc", null);
    neighbour.begin(T0 + 1);
    neighbour.completeObservation(T0 + 2);
    neighbour.completeObservation(T0 + 3);
    first.end(ExecutionStatus.STOPPED, T0 + 4);
    live.remove(first);

    TestCaseVersion fiveSteps = new TestCaseVersion("five", FIVE_OBSERVATIONS, null, null, null,
        TestCaseStatus.PUBLISHED, T0, "us-east-1", "sha", ContentDocument.parse(FIVE_OBSERVATIONS).document());
    Execution longer = live.add(instance, run -> run.reset(uuid(3), instance.id, "tc5", fiveSteps, TAGS, null,
        TransitionMode.TIMED, 100, -1, false, T0));
    assertThat(longer.slot()).isEqualTo(first.slot());
    longer.begin(T0 + 10);
    for (int i = 1; i <= 5; i++) {
      longer.completeObservation(T0 + 10 + i);
    }
    assertThat(longer.status()).isEqualTo(ExecutionStatus.PASSED);
    assertThat(longer.recordsReached()).isEqualTo(5);
    for (int i = 0; i < 5; i++) {
      assertThat(longer.recordTime(i)).isEqualTo(T0 + 11 + i);
    }
    assertThat(neighbour.recordsReached()).isEqualTo(3);
    assertThat(List.of(neighbour.recordTime(0), neighbour.recordTime(1), neighbour.recordTime(2)))
        .containsExactly(T0 + 2, T0 + 3, T0 + 3);
  }

  /** Random adds and removes against a plain map: the same runs are found, each with its own state, in reused slots. */
  @Test
  void agreesWithAMapThroughManyAddsAndRemoves() {
    Random random = new Random(7);
    Map<String, Execution> expected = new HashMap<>();
    List<String> ids = new ArrayList<>();
    int peak = 0;
    for (int step = 0; step < 20_000; step++) {
      if (!ids.isEmpty() && random.nextInt(3) == 0) {
        String id = ids.remove(random.nextInt(ids.size()));
        Execution run = expected.remove(id);
        run.end(ExecutionStatus.STOPPED, T0 + step);
        live.remove(run);
      } else {
        String id = random.nextBoolean() ? uuid(step) : "exec-" + step;
        String token = random.nextInt(4) == 0 ? null : random.nextBoolean() ? uuid(1_000_000 + step) : "t" + step;
        expected.put(id, start(instance, id, "tc", token));
        ids.add(id);
      }
      peak = Math.max(peak, ids.size());
    }
    for (String id : ids) {
      Execution run = expected.get(id);
      assertThat(live.find(instance, id)).isEqualTo(run);
      assertThat(run.id()).isEqualTo(id);
      assertThat(run.status()).isEqualTo(ExecutionStatus.INITIATED);
      if (run.clientToken() != null) {
        assertThat(live.startedWith(instance, "tc", run.clientToken())).isEqualTo(run);
      }
    }
    assertThat(live.size()).isEqualTo(ids.size());
    assertThat(live.capacity()).as("slots are reused: room for the peak, doubled").isLessThanOrEqualTo(
        Math.max(1024, 2 * peak));
  }
}
