package io.github.connectemulator.owner;

import io.github.connectemulator.model.Execution;
import io.github.connectemulator.model.ExecutionStatus;

/**
 * Passes run events on, except while a change log is replayed: those runs were started, moved and counted when the
 * changes first happened (by this process before a restart, or by another node before its partition came here), so
 * telling of them again would publish old status events and count runs twice.
 */
final class QuietWhileReplaying implements RunListener {

  private final RunListener listener;
  private boolean replaying;

  QuietWhileReplaying(RunListener listener) {
    this.listener = listener;
  }

  void replaying(boolean replaying) {
    this.replaying = replaying;
  }

  @Override
  public void started(Execution execution) {
    if (!replaying) {
      listener.started(execution);
    }
  }

  @Override
  public void changed(Execution execution, ExecutionStatus before, int recordsBefore, long at) {
    if (!replaying) {
      listener.changed(execution, before, recordsBefore, at);
    }
  }

  @Override
  public void finished(Execution execution) {
    if (!replaying) {
      listener.finished(execution);
    }
  }
}
