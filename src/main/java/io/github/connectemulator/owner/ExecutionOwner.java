package io.github.connectemulator.owner;

import io.github.connectemulator.config.Controls;
import io.github.connectemulator.config.EmulatorConfig;
import io.github.connectemulator.model.ExecutionStatus;
import io.github.connectemulator.operations.AwsFailure;
import io.github.connectemulator.owner.journal.ReplayableIds;
import io.github.connectemulator.owner.protocol.AdminCommand;
import io.github.connectemulator.owner.protocol.CreateTestCase;
import io.github.connectemulator.owner.protocol.DeleteTestCase;
import io.github.connectemulator.owner.protocol.DescribeTestCase;
import io.github.connectemulator.owner.protocol.Done;
import io.github.connectemulator.owner.protocol.ExecutionStarted;
import io.github.connectemulator.owner.protocol.ExecutionSummary;
import io.github.connectemulator.owner.protocol.ExecutionView;
import io.github.connectemulator.owner.protocol.GetExecutionSummary;
import io.github.connectemulator.owner.protocol.ListExecutions;
import io.github.connectemulator.owner.protocol.ListRecords;
import io.github.connectemulator.owner.protocol.ListTestCases;
import io.github.connectemulator.owner.protocol.OwnerCommand;
import io.github.connectemulator.owner.protocol.Page;
import io.github.connectemulator.owner.protocol.RecordView;
import io.github.connectemulator.owner.protocol.SearchTestCases;
import io.github.connectemulator.owner.protocol.StartExecution;
import io.github.connectemulator.owner.protocol.StopExecution;
import io.github.connectemulator.owner.protocol.TestCaseCreated;
import io.github.connectemulator.owner.protocol.TestCaseView;
import io.github.connectemulator.owner.protocol.UpdateTestCase;
import java.time.Clock;

/**
 * The state and rules of the instances one owner holds: test cases ({@link TestCaseCatalog}) and their runs over
 * time ({@link ExecutionRunner}). Plain single-threaded code with no Vert.x in it: {@link ExecutionVerticle} calls
 * it from its event loop, and tests call it directly with a manual clock.
 *
 * <p>Each operation returns its reply or throws {@link AwsFailure}. Time moves only through {@link #advance}.
 */
public final class ExecutionOwner {

  private final EmulatorConfig config;
  private final Controls controls;
  private final Clock clock;
  private final Admission admission;
  private final RunListener listener;
  /**
   * Random ids (numbered, see IdSource#random) or ids derived from the seed and the instance's counter; it outlives
   * resets (a random source's numbering just goes on).
   */
  private IdSource ids;
  private Instances instances;
  private TestCaseCatalog testCases;
  private ExecutionRunner runs;

  /** An owner with its own controls, as the configuration gives them: for tests. */
  public ExecutionOwner(EmulatorConfig config, Clock clock) {
    this(config, new Controls(config), clock);
  }

  /** @param controls shared by all verticles of one emulator, changed by the admin API */
  public ExecutionOwner(EmulatorConfig config, Controls controls, Clock clock) {
    this(config, controls, clock, RunListener.NONE);
  }

  /** @param listener told of every run that starts and every run that ends */
  public ExecutionOwner(EmulatorConfig config, Controls controls, Clock clock, RunListener listener) {
    this.config = config;
    this.controls = controls;
    this.clock = clock;
    this.listener = listener;
    this.admission = new Admission(controls, instanceId -> instances.get(instanceId) != null);
    this.ids = config.idSeed() == null ? IdSource.random() : IdSource.seeded(config.idSeed());
    reset();
  }

  /** Switches to ids that a journal can record and replay; forgets all state, as {@link #reset()}. */
  ReplayableIds useReplayableIds() {
    var replayable = new ReplayableIds(ids);
    ids = replayable;
    reset();
    return replayable;
  }

  /** Forgets every instance, test case and execution. */
  public void reset() {
    instances = new Instances();
    testCases = new TestCaseCatalog(instances, config, clock, ids);
    runs = new ExecutionRunner(instances, config, controls, clock, ids, listener);
    admission.reset();
  }

  /** The throttling or injected failure this command meets instead of running, or null. */
  public AwsFailure admit(OwnerCommand command) {
    return admission.admit(command, System.nanoTime());
  }

  /** The injected latency of this command's reply, in milliseconds. */
  public long replyLatencyMillis(OwnerCommand command) {
    return admission.latencyMillis(command);
  }

  /** Answers the admin API. */
  public Object handle(AdminCommand command) {
    if (command instanceof AdminCommand.Nudge) {
      advance();
      runs.grantWaitingRuns();
      return Done.INSTANCE;
    } else if (command instanceof AdminCommand.StepRuns step) {
      return new AdminCommand.RunsStepped(runs.stepManualRuns(step.instanceId(), step.executionId(), step.steps()));
    } else if (command instanceof AdminCommand.ReadLoad) {
      return load();
    } else if (command instanceof AdminCommand.ReadStats) {
      return stats();
    } else if (command instanceof AdminCommand.Inspect inspect) {
      try {
        return handle(inspect.query());
      } catch (AwsFailure failure) {
        return failure;
      }
    } else if (command instanceof AdminCommand.ResetState) {
      reset();
      return Done.INSTANCE;
    }
    throw new IllegalArgumentException("unhandled admin command " + command.getClass().getName());
  }

  private AdminCommand.OwnerLoad load() {
    int running = 0;
    int queued = 0;
    for (InstanceState instance : instances.all()) {
      running += instance.running;
      queued += instance.waiting.size();
    }
    return new AdminCommand.OwnerLoad(running, queued, runs.retainedFinished());
  }

  private AdminCommand.OwnerStats stats() {
    var stats = new java.util.HashMap<String, AdminCommand.InstanceStats>();
    ExecutionStatus[] statuses = ExecutionStatus.values();
    for (InstanceState instance : instances.all()) {
      // Counted by ordinal rather than merged into a map run by run (the dashboard asks every second); finished runs
      // are counted as they finish, so only live runs are walked.
      int[] counts = instance.finishedByStatus.clone();
      runs.countLiveRuns(instance, counts);
      var byStatus = new java.util.TreeMap<String, Integer>();
      for (int i = 0; i < counts.length; i++) {
        if (counts[i] > 0) {
          byStatus.put(statuses[i].name(), counts[i]);
        }
      }
      stats.put(instance.id, new AdminCommand.InstanceStats(
          instance.testCases.size(), byStatus, instance.running, instance.waiting.size()));
    }
    return new AdminCommand.OwnerStats(stats, runs.lag().counts(), runs.lag().max());
  }

  /** Executes any command; the reply is the operation's reply type, or {@link Done} for empty outputs. */
  public Object handle(OwnerCommand command) {
    if (command instanceof StartExecution start) {
      return start(start);
    } else if (command instanceof GetExecutionSummary summary) {
      return summary(summary);
    } else if (command instanceof ListRecords records) {
      return records(records);
    } else if (command instanceof ListExecutions list) {
      return executions(list);
    } else if (command instanceof StopExecution stop) {
      return stop(stop);
    } else if (command instanceof CreateTestCase create) {
      return create(create);
    } else if (command instanceof DescribeTestCase describe) {
      return describe(describe);
    } else if (command instanceof UpdateTestCase update) {
      return update(update);
    } else if (command instanceof DeleteTestCase delete) {
      return delete(delete);
    } else if (command instanceof ListTestCases list) {
      return testCases(list);
    } else if (command instanceof SearchTestCases search) {
      return search(search);
    }
    throw new IllegalArgumentException("unhandled command " + command.getClass().getName());
  }

  /**
   * Runs the checks of a command that changes state, changing nothing, so that a journal line is written only for a
   * change that is going to happen (see {@link ExecutionVerticle}). Throws the failure the command would meet.
   * Returns false when it succeeds without changing anything (a ClientToken replay, stopping a stopped run), true
   * when it is a change; the ids it will issue are drawn from the id source, so that a {@link ReplayableIds}
   * records them and gives them back when the command runs.
   */
  public boolean check(OwnerCommand command) {
    if (command instanceof CreateTestCase create) {
      testCases.check(create);
      return true;
    } else if (command instanceof UpdateTestCase update) {
      testCases.check(update);
      return true;
    } else if (command instanceof DeleteTestCase delete) {
      testCases.checkDelete(delete.instanceId(), delete.testCaseId());
      return true;
    } else if (command instanceof StartExecution start) {
      return runs.check(start);
    } else if (command instanceof StopExecution stop) {
      return runs.check(stop);
    }
    throw new IllegalArgumentException("not a change: " + command.getClass().getName());
  }

  public TestCaseCreated create(CreateTestCase command) {
    return testCases.create(command);
  }

  public TestCaseView describe(DescribeTestCase command) {
    return testCases.describe(command);
  }

  public Done update(UpdateTestCase command) {
    testCases.update(command);
    return Done.INSTANCE;
  }

  /** Deletes a test case and stops its runs that are still going; its finished runs stay readable. */
  public Done delete(DeleteTestCase command) {
    var deleted = testCases.delete(command.instanceId(), command.testCaseId());
    runs.stopRunsOf(command.instanceId(), deleted);
    return Done.INSTANCE;
  }

  public Page<TestCaseView> testCases(ListTestCases command) {
    return testCases.list(command);
  }

  public Page<TestCaseView> search(SearchTestCases command) {
    return testCases.search(command);
  }

  public ExecutionStarted start(StartExecution command) {
    return runs.start(command);
  }

  public Done stop(StopExecution command) {
    runs.stop(command);
    return Done.INSTANCE;
  }

  public ExecutionSummary summary(GetExecutionSummary command) {
    return runs.summary(command);
  }

  public Page<ExecutionView> executions(ListExecutions command) {
    return runs.list(command);
  }

  public Page<RecordView> records(ListRecords command) {
    return runs.records(command);
  }

  /** Moves every run whose next step is due at the clock's time, and evicts finished runs past retention. */
  public void advance() {
    runs.advance();
  }

  /** When {@link #advance} next has work, epoch milliseconds; {@link Long#MAX_VALUE} when nothing is scheduled. */
  public long nextDeadline() {
    return runs.nextDeadline();
  }

  /** Instances holding state, and instances with throttling or fault state: for tests. */
  int instanceCount() {
    return instances.all().size();
  }

  int admissionStateCount() {
    return admission.tracked();
  }

  /** Finished runs retained: for tests and metrics. */
  public int retainedFinished() {
    return runs.retainedFinished();
  }
}
