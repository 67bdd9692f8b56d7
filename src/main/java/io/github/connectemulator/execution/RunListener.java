package io.github.connectemulator.execution;

import io.github.connectemulator.model.Execution;

/**
 * Told, on the owner's event loop, of each run that starts and each run that reaches PASSED, FAILED or STOPPED.
 * Implementations must be quick and must not keep the execution: the owner goes on changing it.
 */
public interface RunListener {

  RunListener NONE = new RunListener() {};

  default void started(Execution execution) {}

  default void finished(Execution execution) {}
}
