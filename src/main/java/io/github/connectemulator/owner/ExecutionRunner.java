package io.github.connectemulator.owner;

import io.github.connectemulator.operations.AwsErrorType;
import io.github.connectemulator.operations.AwsFailure;
import io.github.connectemulator.owner.protocol.ExecutionStarted;
import io.github.connectemulator.owner.protocol.ExecutionSummary;
import io.github.connectemulator.owner.protocol.ExecutionView;
import io.github.connectemulator.owner.protocol.GetExecutionSummary;
import io.github.connectemulator.owner.protocol.ListExecutions;
import io.github.connectemulator.owner.protocol.ListRecords;
import io.github.connectemulator.owner.protocol.Page;
import io.github.connectemulator.owner.protocol.RecordView;
import io.github.connectemulator.owner.protocol.StartExecution;
import io.github.connectemulator.owner.protocol.StopExecution;
import io.github.connectemulator.config.Controls;
import io.github.connectemulator.config.EmulatorConfig;
import io.github.connectemulator.config.RuntimeControls;
import io.github.connectemulator.model.CanonicalUuid;
import io.github.connectemulator.model.Execution;
import io.github.connectemulator.model.ExecutionStatus;
import io.github.connectemulator.model.RecordStatus;
import io.github.connectemulator.model.TestCase;
import io.github.connectemulator.model.TestCaseVersion;
import io.github.connectemulator.model.TransitionMode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules of executions: starting (with ClientToken idempotency), the timed lifecycle, stopping, retention, and
 * reading runs and their records (spec §8.3, §8.5, §8.8).
 */
final class ExecutionRunner {

  private final Instances instances;
  private final Controls controls;
  private final Clock clock;
  private final IdSource ids;
  private final RunSchedule schedule = new RunSchedule();
  private final TimerLag lag = new TimerLag();
  private final FinishedRetention retention;
  /** Where finished runs are kept, compactly; read through the methods below, which restore a run only if need be. */
  private final FinishedRuns finishedRuns;
  private final ExecutionListing listing;
  private final RunListener listener;
  /** Runs started and not yet final, on this owner; bounded by {@code maxLive} (0: no bound). */
  private final LiveRuns live = new LiveRuns();
  /** An execution id to look up, read once for both stores. */
  private final RunKey idKey = new RunKey();
  /** A Start's ClientToken, read once for both stores and the new run. */
  private final RunKey tokenKey = new RunKey();
  /** A new run's id, as the id source made it. */
  private final CanonicalUuid.Key newId = new CanonicalUuid.Key();
  private final int maxLive;
  /** True while queued runs are being given slots, so that a run ending at once does not start a nested round. */
  private boolean granting;

  ExecutionRunner(Instances instances, EmulatorConfig config, Controls controls, Clock clock, IdSource ids,
      RunListener listener) {
    this.instances = instances;
    this.listener = listener;
    this.maxLive = config.maxLiveExecutionsPerOwner();
    this.controls = controls;
    this.clock = clock;
    this.ids = ids;
    this.retention = new FinishedRetention(config.maxFinishedPerOwner(), config.finishedTtlMillis());
    this.finishedRuns = retention.runs();
    this.listing = new ExecutionListing(live, finishedRuns);
  }

  /**
   * Spec §11.5: validation, then a token replay (which wins over every later check, even if the test case has since
   * gone), then the test case, its PUBLISHED version, and the quota. A new run takes a running slot if one is free,
   * and otherwise waits INITIATED in start order.
   */
  ExecutionStarted start(StartExecution command) {
    // Looked up, not created: an instance that holds nothing has no test case to run, and stays absent (404).
    InstanceState instance = instances.get(command.instanceId());
    ExecutionStarted replayed = replayed(instance, command);
    if (replayed != null) {
      return replayed;
    }
    TestCase testCase = admissible(instance, command);
    long now = clock.millis();
    RunPlan plan = RunPlan.of(testCase.tags(), testCase.published().document().observations(), controls.current(),
        testCase.id(), testCase.nextRunNumber());
    String id = ids.next(instance.id, "execution", instance.executionsStarted++, newId);
    // Read by replayed() above, which came this far only with the instance found.
    RunKey token = command.clientToken() == null ? null : tokenKey.of(command.clientToken());
    Execution execution = live.add(instance, run -> run.reset(newId, instance.id, testCase.id(), testCase.published(),
        testCase.tags(), token, plan.mode(), plan.observationMillis(), plan.failingObservation(), plan.timesOut(),
        now));
    listener.started(execution);
    // The reply shows the run as it was created, INITIATED, even when an immediate run ends at once.
    var started = new ExecutionStarted(id, execution.testCaseId(), execution.status());
    instance.waiting.add(execution);
    grantSlots(instance, now);
    return started;
  }

  /**
   * Start's checks, changing nothing: false for a ClientToken replay, which changes nothing; true for a new run,
   * whose id is drawn from the id source (see ExecutionOwner#check).
   */
  boolean check(StartExecution command) {
    InstanceState instance = instances.get(command.instanceId());
    if (replayed(instance, command) != null) {
      return false;
    }
    admissible(instance, command);
    ids.next(instance.id, "execution", instance.executionsStarted);
    return true;
  }

  /** The run this ClientToken already started on this test case, as Start answers it, or null. */
  private ExecutionStarted replayed(InstanceState instance, StartExecution command) {
    if (command.clientToken() == null || instance == null) {
      return null;
    }
    RunKey token = tokenKey.of(command.clientToken());
    Execution running = live.startedWith(instance, command.testCaseId(), token);
    if (running != null) {
      return new ExecutionStarted(running.id(), running.testCaseId(), running.status());
    }
    int slot = finishedRuns.findByToken(instance, command.testCaseId(), token);
    return slot < 0 ? null
        : new ExecutionStarted(finishedRuns.id(slot), finishedRuns.testCaseId(slot), finishedRuns.status(slot));
  }

  /** The test case a new run would run, or the failure Start meets: no such test case, no published version, quota. */
  private TestCase admissible(InstanceState instance, StartExecution command) {
    TestCase testCase = instances.existingTestCase(command.instanceId(), command.testCaseId());
    TestCaseVersion published = testCase.published();
    if (published == null) {
      throw new AwsFailure(
          AwsErrorType.INVALID_REQUEST,
          "Test case " + testCase.id() + " has no PUBLISHED version; only published test cases can run");
    }
    RuntimeControls current = controls.current();
    int maxQueued = current.quotas().maxQueued();
    if (maxQueued > 0 && instance.running + instance.waiting.size() >= maxQueued) {
      throw new AwsFailure(AwsErrorType.SERVICE_QUOTA_EXCEEDED,
          "Too many queued test case executions: the instance already has " + maxQueued
              + " (quota.maxQueuedPerInstance)");
    }
    if (maxLive > 0 && live.size() >= maxLive) {
      // Not a quota of AWS's: the emulator's own bound on memory, answered as AWS answers load it will not take.
      throw new AwsFailure(AwsErrorType.THROTTLING, "The emulator is at capacity: " + maxLive
          + " executions not yet finished on this owner (owners.maxLiveExecutions); retry with backoff");
    }
    return testCase;
  }

  /**
   * INITIATED or IN_PROGRESS to STOPPED. Stopping a STOPPED run again (a retry with its ClientToken, or not)
   * changes nothing; a run that already PASSED or FAILED cannot be stopped (spec §8.3).
   */
  void stop(StopExecution command) {
    if (check(command)) {
      end(existing(command.instanceId(), command.testCaseId(), command.executionId()),
          ExecutionStatus.STOPPED, clock.millis());
    }
  }

  /** Stop's checks, changing nothing: false when the run is already STOPPED, which changes nothing. */
  boolean check(StopExecution command) {
    Execution execution = existing(command.instanceId(), command.testCaseId(), command.executionId());
    if (execution.status() == ExecutionStatus.STOPPED) {
      return false;
    }
    if (execution.status().isTerminal()) {
      throw new AwsFailure(AwsErrorType.INVALID_REQUEST,
          "Test case execution " + execution.id() + " already ended " + execution.status() + " and cannot be stopped");
    }
    return true;
  }

  /** Stops every run of a deleted test case that is still going; finished runs stay readable. */
  void stopRunsOf(String instanceId, TestCase testCase) {
    InstanceState instance = instances.get(instanceId);
    long now = clock.millis();
    for (Execution execution : live.of(instance)) {
      // Checked as it comes: ending one run can let a waiting immediate run take its slot and finish at once (its
      // slot then keeps that final status until a later Start reuses it).
      if (execution.testCaseId().equals(testCase.id()) && !execution.status().isTerminal()) {
        end(execution, ExecutionStatus.STOPPED, now);
      }
    }
  }

  /** A poll of a manual run counts towards its next step (timing.manualPollsPerStep). */
  ExecutionSummary summary(GetExecutionSummary command) {
    InstanceState instance = instances.get(command.instanceId());
    Execution execution = live(instance, command.testCaseId(), command.executionId());
    if (execution == null) {
      // Read from the columns: the summary of a finished run, the common poll, makes no object but its reply.
      int slot = finishedSlot(instance, command.testCaseId(), command.executionId());
      ExecutionStatus status = finishedRuns.status(slot);
      int reached = finishedRuns.recordsReached(slot);
      boolean lastRecordFailed = finishedRuns.lastRecordFailed(slot);
      return new ExecutionSummary(status, finishedRuns.startTime(slot), finishedRuns.endTime(slot),
          finishedRuns.version(slot).document().observations().size(),
          Execution.observationsPassed(status, reached, lastRecordFailed), lastRecordFailed ? 1 : 0);
    }
    if (execution.mode() == TransitionMode.MANUAL && execution.holdsSlot()
        && execution.countPoll(controls.current().timing().manualPollsPerStep())) {
      step(execution, clock.millis());
    }
    return new ExecutionSummary(
        execution.status(),
        execution.startTime(),
        execution.endTime(),
        execution.totalObservations(),
        execution.observationsPassed(),
        execution.observationsFailed());
  }

  /** One page of the instance's runs, newest first (see {@link ExecutionListing}). */
  Page<ExecutionView> list(ListExecutions command) {
    InstanceState instance = instances.get(command.instanceId());
    if (instance == null) {
      return new Page<>(List.of(), null, -1);
    }
    return listing.page(instance, command);
  }

  /** The records reached so far, in order; the cursor is the index of the last record on the page. */
  Page<RecordView> records(ListRecords command) {
    Execution execution = existing(command.instanceId(), command.testCaseId(), command.executionId());
    int from = (int) PageCursors.position(command.page().after()) + 1;
    var items = new ArrayList<RecordView>();
    int last = -1;
    boolean more = false;
    for (int i = from; i < execution.recordsReached(); i++) {
      RecordStatus status = execution.recordStatus(i);
      if (command.status() != null && !status.name().equals(command.status().name())) {
        continue;
      }
      if (items.size() == command.page().maxResults()) {
        more = true;
        break;
      }
      items.add(new RecordView(
          execution.observations().get(i).identifier(), status, execution.recordTime(i),
          RecordDetail.json(execution, i)));
      last = i;
    }
    return new Page<>(items, more ? Integer.toString(last) : null, -1);
  }

  /**
   * Moves every run whose next step is due, and evicts finished runs past retention. A manual run is in the schedule only for its time cap.
   */
  void advance() {
    long now = clock.millis();
    int slot;
    while ((slot = schedule.pollDue(now)) >= 0) {
      Execution due = live.run(slot);
      // A step happens at its due time, not when the owner got to it: after the admin clock jumps, runs catch up
      // through every step they passed, each with its own time.
      long at = RunSchedule.taken(due);
      lag.record(now - at);
      if (due.mode() != TransitionMode.MANUAL || capReached(due, at)) {
        step(due, at);
      }
    }
    retention.evictExpired(now);
  }

  /**
   * Gives free slots to waiting runs in every instance. Slots otherwise free up only when a run ends, which grants
   * them at once; this is for a quota raised at runtime, so it runs on the admin API's nudge, not on every tick.
   */
  void grantWaitingRuns() {
    long now = clock.millis();
    for (InstanceState instance : instances.all()) {
      if (!instance.waiting.isEmpty()) {
        grantSlots(instance, now);
      }
    }
  }

  /**
   * Moves manual runs that hold a slot by {@code steps} steps: one run, every manual run of an instance, or every
   * manual run of this owner. Returns how many runs moved.
   */
  int stepManualRuns(String instanceId, String executionId, int steps) {
    long now = clock.millis();
    var runs = new ArrayList<Execution>();
    for (InstanceState instance : instances.all()) {
      if (instanceId != null && !instance.id.equals(instanceId)) {
        continue;
      }
      Execution one = executionId == null ? null : live.find(instance, executionId);
      List<Execution> candidates = executionId == null ? live.of(instance) : one == null ? List.of() : List.of(one);
      for (Execution execution : candidates) {
        if (execution.mode() == TransitionMode.MANUAL && execution.holdsSlot() && !execution.status().isTerminal()) {
          runs.add(execution);
        }
      }
    }
    for (Execution execution : runs) {
      for (int i = 0; i < steps && !execution.status().isTerminal(); i++) {
        step(execution, now);
      }
    }
    return runs.size();
  }

  /** Adds the instance's runs not yet final to {@code byStatus}, by {@link ExecutionStatus#ordinal()}. */
  void countLiveRuns(InstanceState instance, int[] byStatus) {
    live.countByStatus(instance, byStatus);
  }

  TimerLag lag() {
    return lag;
  }

  long nextDeadline() {
    return schedule.nextDeadline();
  }

  int retainedFinished() {
    return retention.size();
  }

  /** Gives free running slots to waiting runs, oldest first. */
  private void grantSlots(InstanceState instance, long now) {
    if (granting) {
      return;
    }
    granting = true;
    try {
      int maxRunning = controls.current().quotas().maxRunning();
      while (!instance.waiting.isEmpty() && (maxRunning == 0 || instance.running < maxRunning)) {
        Execution execution = instance.waiting.poll();
        execution.holdSlot(true);
        instance.running++;
        switch (execution.mode()) {
          case TIMED -> schedule.at(now + controls.current().timing().initiatedMillis(), execution);
          case IMMEDIATE -> {
            while (!execution.status().isTerminal()) {
              step(execution, now);
            }
          }
          case MANUAL -> {
            // Waits for polls or an admin call.
          }
        }
      }
    } finally {
      granting = false;
    }
  }

  /**
   * One step of a run: INITIATED to IN_PROGRESS, or the open observation completes. A run past its time cap, or an
   * immediate run planned to time out, fails its open observation instead.
   */
  private void step(Execution execution, long now) {
    ExecutionStatus before = execution.status();
    int recordsBefore = execution.recordsReached();
    switch (before) {
      case INITIATED -> execution.begin(now);
      case IN_PROGRESS -> {
        boolean waitsForever = execution.timesOut() && execution.atLastObservation();
        if (capReached(execution, now) || (waitsForever && execution.mode() == TransitionMode.IMMEDIATE)) {
          execution.end(ExecutionStatus.FAILED, now);
        } else if (!waitsForever) {
          execution.completeObservation(now);
        }
      }
      default -> {
        return;
      }
    }
    listener.changed(execution, before, recordsBefore, now);
    if (execution.status().isTerminal()) {
      finished(execution, now);
    } else {
      scheduleNext(execution, now);
    }
  }

  /**
   * A timed run's next step is its next observation, or its time cap if that comes first (or if the run waits for
   * ever). A manual run is scheduled only at its cap, once, when it begins.
   */
  private void scheduleNext(Execution execution, long now) {
    long cap = execution.runStartedAt() + controls.current().timing().maxRunMillis();
    switch (execution.mode()) {
      case TIMED -> {
        boolean waitsForever = execution.timesOut() && execution.atLastObservation();
        schedule.at(waitsForever ? cap : Math.min(now + execution.observationMillis(), cap), execution);
      }
      case MANUAL -> {
        if (execution.runStartedAt() == now && execution.recordsReached() == 1) {
          schedule.at(cap, execution);
        }
      }
      case IMMEDIATE -> {
        // Stepped to its end by grantSlots.
      }
    }
  }

  private boolean capReached(Execution execution, long now) {
    return execution.status() == ExecutionStatus.IN_PROGRESS
        && now - execution.runStartedAt() >= controls.current().timing().maxRunMillis();
  }

  /** Ends a run from outside its schedule (a stop, or its test case deleted). */
  private void end(Execution execution, ExecutionStatus status, long now) {
    ExecutionStatus before = execution.status();
    int recordsBefore = execution.recordsReached();
    execution.end(status, now);
    listener.changed(execution, before, recordsBefore, now);
    live.instanceOf(execution).waiting.remove(execution);
    finished(execution, now);
  }

  /**
   * A run that became terminal frees its running slot for the next waiting run and enters retention. Its step still in
   * the schedule, if any (a stop, or a manual run's time cap), goes too: its slot in LiveRuns will hold another run.
   */
  private void finished(Execution execution, long now) {
    schedule.cancel(execution);
    InstanceState instance = live.instanceOf(execution);
    if (execution.holdsSlot()) {
      execution.holdSlot(false);
      instance.running--;
      grantSlots(instance, now);
    }
    listener.finished(execution);
    // From here on the run lives in the compact store only; its slot serves a later run.
    retention.add(instance, execution);
    live.remove(execution);
  }

  /**
   * The run, not yet final or finished (restored from the compact store), or ResourceNotFoundException. An execution
   * is found only under its own test case id (spec §7.5).
   */
  private Execution existing(String instanceId, String testCaseId, String executionId) {
    InstanceState instance = instances.get(instanceId);
    Execution live = live(instance, testCaseId, executionId);
    return live != null ? live : finishedRuns.restore(finishedSlot(instance, testCaseId, executionId));
  }

  /** The run if it is not final yet, null if it is not found among those; 404 if it is there under another test case. */
  private Execution live(InstanceState instance, String testCaseId, String executionId) {
    Execution running = instance == null ? null : live.find(instance, idKey.of(executionId));
    if (running != null && !running.testCaseId().equals(testCaseId)) {
      throw notFound(testCaseId, executionId);
    }
    return running;
  }

  /** The finished run's slot, or ResourceNotFoundException. */
  private int finishedSlot(InstanceState instance, String testCaseId, String executionId) {
    int slot = instance == null ? -1 : finishedRuns.find(instance, idKey.of(executionId));
    if (slot < 0 || !finishedRuns.testCaseId(slot).equals(testCaseId)) {
      throw notFound(testCaseId, executionId);
    }
    return slot;
  }

  private static AwsFailure notFound(String testCaseId, String executionId) {
    return AwsFailure.notFound("Test case execution " + executionId + " of test case " + testCaseId + " not found");
  }
}
