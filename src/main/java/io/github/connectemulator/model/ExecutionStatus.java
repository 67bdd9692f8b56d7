package io.github.connectemulator.model;

/** Lifecycle of one run: INITIATED, then IN_PROGRESS, then exactly one terminal status. */
public enum ExecutionStatus {
  INITIATED,
  IN_PROGRESS,
  PASSED,
  FAILED,
  STOPPED;

  public boolean isTerminal() {
    return this == PASSED || this == FAILED || this == STOPPED;
  }
}
