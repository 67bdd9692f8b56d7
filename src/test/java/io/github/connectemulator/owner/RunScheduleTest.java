package io.github.connectemulator.owner;

import static io.github.connectemulator.owner.ExecutionOwnerTest.T0;
import static io.github.connectemulator.owner.FinishedRunsTest.TAGS;
import static io.github.connectemulator.owner.FinishedRunsTest.VERSION;
import static io.github.connectemulator.owner.FinishedRunsTest.uuid;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.connectemulator.model.Execution;
import io.github.connectemulator.model.TransitionMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The schedule of run steps, against a plain model of it: each run due once, in due order, ties in arrival order. */
class RunScheduleTest {

  final LiveRuns live = new LiveRuns();
  final InstanceState instance = new InstanceState("11111111-2222-3333-4444-555555555555");
  final RunSchedule schedule = new RunSchedule();

  Execution run(int n) {
    return live.add(instance, r -> r.reset(uuid(n), instance.id, "tc", VERSION, TAGS, null, TransitionMode.TIMED, 100,
        -1, false, T0));
  }

  @Test
  void aNewRunHasNoStepToCancel() {
    Execution fresh = run(1);
    assertThat(fresh.nextStepAt()).isEqualTo(Execution.UNSCHEDULED);
    schedule.cancel(fresh); // nothing there: nothing happens
    assertThat(schedule.nextDeadline()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void aPolledRunIsNoLongerScheduledAndItsCancelLeavesTheNextRunInItsSlotAlone() {
    Execution first = run(1);
    schedule.at(T0 + 10, first);
    int slot = schedule.pollDue(T0 + 10);
    assertThat(slot).isEqualTo(first.slot());
    assertThat(RunSchedule.taken(first)).isEqualTo(T0 + 10);
    assertThat(first.nextStepAt()).isEqualTo(Execution.UNSCHEDULED);
    schedule.at(T0 + 30, first);
    schedule.cancel(first);
    assertThat(schedule.pollDue(Long.MAX_VALUE - 1)).as("cancelled").isEqualTo(-1);
  }

  @Test
  void matchesAModelOverRandomSchedulesPollsAndCancels() {
    var random = new Random(42);
    List<Execution> runs = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      runs.add(run(i));
    }
    // due time -> slots in arrival order
    TreeMap<Long, List<Integer>> model = new TreeMap<>();
    Map<Integer, Long> dueOf = new HashMap<>();
    long now = T0;
    for (int op = 0; op < 50_000; op++) {
      int choice = random.nextInt(10);
      Execution run = runs.get(random.nextInt(runs.size()));
      if (choice < 5 && !dueOf.containsKey(run.slot())) {
        long due = now + random.nextInt(4) * 10; // few distinct times: buckets are shared and reused
        schedule.at(due, run);
        model.computeIfAbsent(due, t -> new ArrayList<>()).add(run.slot());
        dueOf.put(run.slot(), due);
      } else if (choice < 7) {
        schedule.cancel(run);
        Long due = dueOf.remove(run.slot());
        if (due != null) {
          model.get(due).remove(Integer.valueOf(run.slot()));
          if (model.get(due).isEmpty()) {
            model.remove(due);
          }
        }
      } else {
        now += random.nextInt(3) * 5;
        int slot;
        while ((slot = schedule.pollDue(now)) >= 0) {
          var earliest = model.firstEntry();
          assertThat(earliest.getKey()).as("due").isLessThanOrEqualTo(now);
          assertThat(slot).isEqualTo(earliest.getValue().remove(0));
          if (earliest.getValue().isEmpty()) {
            model.remove(earliest.getKey());
          }
          Execution due = live.run(slot);
          assertThat(RunSchedule.taken(due)).isEqualTo(dueOf.remove(slot));
        }
        assertThat(model.isEmpty() || model.firstKey() > now).isTrue();
      }
      assertThat(schedule.nextDeadline()).isEqualTo(model.isEmpty() ? Long.MAX_VALUE : model.firstKey());
    }
  }
}
