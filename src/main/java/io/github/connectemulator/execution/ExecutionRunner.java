package io.github.connectemulator.execution;

import io.github.connectemulator.api.AwsErrorType;
import io.github.connectemulator.api.AwsFailure;
import io.github.connectemulator.api.ExecutionStarted;
import io.github.connectemulator.api.ExecutionSummary;
import io.github.connectemulator.api.ExecutionView;
import io.github.connectemulator.api.GetExecutionSummary;
import io.github.connectemulator.api.ListExecutions;
import io.github.connectemulator.api.ListRecords;
import io.github.connectemulator.api.Page;
import io.github.connectemulator.api.RecordView;
import io.github.connectemulator.api.StartExecution;
import io.github.connectemulator.api.StopExecution;
import io.github.connectemulator.config.EmulatorConfig;
import io.github.connectemulator.model.Execution;
import io.github.connectemulator.model.ExecutionStatus;
import io.github.connectemulator.model.Ids;
import io.github.connectemulator.model.RecordStatus;
import io.github.connectemulator.model.TestCase;
import io.github.connectemulator.model.TestCaseVersion;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The rules of executions: starting (with ClientToken idempotency), the timed lifecycle, stopping, retention, and
 * reading runs and their records (spec §8.3, §8.5, §8.8).
 */
final class ExecutionRunner {

  /** ListTestCaseExecutions' order: newest StartTime first, equal StartTimes by execution id (spec §11.8). */
  static final Comparator<Execution> NEWEST_FIRST =
      Comparator.comparingLong(Execution::startTime).reversed().thenComparing(Execution::id);

  private final Instances instances;
  private final EmulatorConfig config;
  private final Clock clock;
  private final RunSchedule schedule = new RunSchedule();
  private final FinishedRetention retention;

  ExecutionRunner(Instances instances, EmulatorConfig config, Clock clock) {
    this.instances = instances;
    this.config = config;
    this.clock = clock;
    this.retention = new FinishedRetention(config.maxFinishedPerOwner(), config.finishedTtlMillis());
  }

  /** Spec §11.5: a token replay wins over every later check, even if the test case has since gone. */
  ExecutionStarted start(StartExecution command) {
    InstanceState instance = instances.getOrCreate(command.instanceId());
    if (command.clientToken() != null) {
      Execution replayed = instance.startedWith(command.testCaseId(), command.clientToken());
      if (replayed != null) {
        return new ExecutionStarted(replayed.id(), replayed.testCaseId(), replayed.status());
      }
    }
    TestCase testCase = instances.existingTestCase(command.instanceId(), command.testCaseId());
    TestCaseVersion published = testCase.published();
    if (published == null) {
      throw new AwsFailure(
          AwsErrorType.INVALID_REQUEST,
          "Test case " + testCase.id() + " has no PUBLISHED version; only published test cases can run");
    }
    long now = clock.millis();
    var execution =
        new Execution(
            Ids.randomUuid(),
            instance.id,
            testCase.id(),
            published,
            testCase.tags(),
            command.clientToken(),
            OutcomePlan.failingObservation(testCase.tags(), published.document().observations()),
            now);
    instance.add(execution);
    schedule.at(now + config.initiatedMillis(), execution);
    return new ExecutionStarted(execution.id(), execution.testCaseId(), execution.status());
  }

  /**
   * INITIATED or IN_PROGRESS to STOPPED. Stopping a STOPPED run again (a retry with its ClientToken, or not)
   * changes nothing; a run that already PASSED or FAILED cannot be stopped (spec §8.3).
   */
  void stop(StopExecution command) {
    Execution execution =
        instances.existingExecution(command.instanceId(), command.testCaseId(), command.executionId());
    if (execution.status() == ExecutionStatus.STOPPED) {
      return;
    }
    if (execution.status().isTerminal()) {
      throw new AwsFailure(AwsErrorType.INVALID_REQUEST,
          "Test case execution " + execution.id() + " already ended " + execution.status() + " and cannot be stopped");
    }
    end(execution, ExecutionStatus.STOPPED, clock.millis());
  }

  /** Stops every run of a deleted test case that is still going; finished runs stay readable. */
  void stopRunsOf(String instanceId, TestCase testCase) {
    InstanceState instance = instances.get(instanceId);
    long now = clock.millis();
    List<Execution> running = instance.executions.values().stream()
        .filter(e -> e.testCaseId().equals(testCase.id()) && !e.status().isTerminal())
        .toList();
    running.forEach(execution -> end(execution, ExecutionStatus.STOPPED, now));
  }

  ExecutionSummary summary(GetExecutionSummary command) {
    Execution execution =
        instances.existingExecution(command.instanceId(), command.testCaseId(), command.executionId());
    return new ExecutionSummary(
        execution.status(),
        execution.startTime(),
        execution.endTime(),
        execution.totalObservations(),
        execution.observationsPassed(),
        execution.observationsFailed());
  }

  /**
   * One page of the instance's runs, newest first. The cursor is the last run's StartTime and id; runs started
   * later sort before it, so pages stay stable while new runs arrive. A scan with a bounded heap keeps the cost
   * at O(n log page) without an index per instance.
   */
  Page<ExecutionView> list(ListExecutions command) {
    InstanceState instance = instances.get(command.instanceId());
    if (instance == null) {
      return new Page<>(List.of(), null, -1);
    }
    ExecutionCursor after = ExecutionCursor.parse(command.page().after());
    int max = command.page().maxResults();
    var page = new PriorityQueue<Execution>(max + 1, NEWEST_FIRST.reversed());
    boolean more = false;
    for (Execution execution : instance.executions.values()) {
      if (!matches(command, execution) || (after != null && !after.isBefore(execution))) {
        continue;
      }
      page.add(execution);
      if (page.size() > max) {
        page.poll();
        more = true;
      }
    }
    var items = new ArrayList<>(page);
    items.sort(NEWEST_FIRST);
    String next = more ? ExecutionCursor.of(items.get(items.size() - 1)) : null;
    return new Page<>(items.stream().map(ExecutionRunner::view).toList(), next, -1);
  }

  /** The records reached so far, in order; the cursor is the index of the last record on the page. */
  Page<RecordView> records(ListRecords command) {
    Execution execution =
        instances.existingExecution(command.instanceId(), command.testCaseId(), command.executionId());
    int from = indexCursor(command.page().after()) + 1;
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

  /** Moves every run whose next step is due, and evicts finished runs past retention. */
  void advance() {
    long now = clock.millis();
    Execution due;
    while ((due = schedule.pollDue(now)) != null) {
      step(due, now);
    }
    retention.evictExpired(now, this::forget);
  }

  long nextDeadline() {
    return schedule.nextDeadline();
  }

  int retainedFinished() {
    return retention.size();
  }

  private void step(Execution execution, long now) {
    switch (execution.status()) {
      case INITIATED -> {
        execution.begin(now);
        scheduleObservation(execution, now);
      }
      case IN_PROGRESS -> {
        if (now - execution.runStartedAt() >= config.maxRunMillis()) {
          execution.end(ExecutionStatus.FAILED, now);
        } else {
          execution.completeObservation(now);
        }
        if (execution.status().isTerminal()) {
          retention.add(execution, this::forget);
        } else {
          scheduleObservation(execution, now);
        }
      }
      default -> {
        // Terminal runs have nothing left to do.
      }
    }
  }

  /** Ends a run from outside its schedule (a stop). */
  private void end(Execution execution, ExecutionStatus status, long now) {
    execution.end(status, now);
    schedule.cancel(execution);
    retention.add(execution, this::forget);
  }

  /** The next observation completes after the configured time, or the run hits its cap first. */
  private void scheduleObservation(Execution execution, long now) {
    long cap = execution.runStartedAt() + config.maxRunMillis();
    schedule.at(Math.min(now + config.observationMillis(), cap), execution);
  }

  private void forget(Execution execution) {
    instances.get(execution.instanceId()).remove(execution);
  }

  private static boolean matches(ListExecutions filter, Execution execution) {
    return (filter.testCaseId() == null || filter.testCaseId().equals(execution.testCaseId()))
        && (filter.testCaseName() == null || filter.testCaseName().equals(execution.version().name()))
        && (filter.startedFrom() == null || execution.startTime() >= filter.startedFrom())
        && (filter.startedBefore() == null || execution.startTime() < filter.startedBefore())
        && (filter.status() == null || filter.status() == execution.status());
  }

  private static ExecutionView view(Execution execution) {
    return new ExecutionView(execution.id(), execution.testCaseId(), execution.status(), execution.startTime(),
        execution.endTime(), execution.tags());
  }

  private static int indexCursor(String cursor) {
    if (cursor == null) {
      return -1;
    }
    try {
      return Integer.parseInt(cursor);
    } catch (NumberFormatException e) {
      throw AwsFailure.invalidParameter("The NextToken is not valid for this operation");
    }
  }

  /** Where a page of runs ended: the StartTime and id of its last run. */
  private record ExecutionCursor(long startTime, String id) {

    static String of(Execution last) {
      return last.startTime() + ":" + last.id();
    }

    static ExecutionCursor parse(String cursor) {
      if (cursor == null) {
        return null;
      }
      int colon = cursor.indexOf(':');
      try {
        return new ExecutionCursor(Long.parseLong(cursor.substring(0, Math.max(colon, 0))),
            cursor.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw AwsFailure.invalidParameter("The NextToken is not valid for this operation");
      }
    }

    /** True when the run comes after this cursor in {@link #NEWEST_FIRST} order. */
    boolean isBefore(Execution execution) {
      return execution.startTime() < startTime
          || (execution.startTime() == startTime && execution.id().compareTo(id) > 0);
    }
  }
}
