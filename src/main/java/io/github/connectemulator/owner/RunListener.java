package io.github.connectemulator.owner;

import io.github.connectemulator.model.Execution;
import io.github.connectemulator.model.ExecutionStatus;
import java.util.List;

/**
 * Told, on the owner's event loop and in order, of what happens to runs: a run starts; a run changes (a status, a
 * record); a run reaches PASSED, FAILED or STOPPED. Implementations must be quick and must not keep the execution:
 * the owner goes on changing it.
 */
public interface RunListener {

  RunListener NONE = new RunListener() {};

  /** A new run, INITIATED. */
  default void started(Execution execution) {}

  /**
   * One step of a run: its status or its records moved.
   *
   * @param before the run's status before the step
   * @param recordsBefore how many records the run had reached before the step; the last of them was open if the
   *     run was IN_PROGRESS
   */
  default void changed(Execution execution, ExecutionStatus before, int recordsBefore, long at) {}

  /** The run is final; called after {@link #changed}. */
  default void finished(Execution execution) {}

  /** Tells each listener in turn. */
  static RunListener all(List<RunListener> listeners) {
    List<RunListener> copy = List.copyOf(listeners);
    if (copy.isEmpty()) {
      return NONE;
    }
    if (copy.size() == 1) {
      return copy.get(0);
    }
    return new RunListener() {
      @Override
      public void started(Execution execution) {
        copy.forEach(listener -> listener.started(execution));
      }

      @Override
      public void changed(Execution execution, ExecutionStatus before, int recordsBefore, long at) {
        copy.forEach(listener -> listener.changed(execution, before, recordsBefore, at));
      }

      @Override
      public void finished(Execution execution) {
        copy.forEach(listener -> listener.finished(execution));
      }
    };
  }
}
