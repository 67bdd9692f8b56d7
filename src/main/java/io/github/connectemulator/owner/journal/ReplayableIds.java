package io.github.connectemulator.owner.journal;

import io.github.connectemulator.owner.IdSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * An {@link IdSource} that remembers the ids each command issued, for the journal, and that gives a replayed command
 * the very ids it issued the first time.
 */
public final class ReplayableIds implements IdSource {

  private final IdSource fresh;
  private final Deque<String> replaying = new ArrayDeque<>();
  private final List<String> issued = new ArrayList<>();

  public ReplayableIds(IdSource fresh) {
    this.fresh = fresh;
  }

  @Override
  public String next(String instanceId, String kind, long counter) {
    String id = replaying.isEmpty() ? fresh.next(instanceId, kind, counter) : replaying.poll();
    issued.add(id);
    return id;
  }

  /** Starts a command: forgets what the previous one issued, and replays these ids first. */
  public void beginCommand(List<String> replayIds) {
    issued.clear();
    replaying.clear();
    replaying.addAll(replayIds);
  }

  /** The ids issued since {@link #beginCommand}. */
  public List<String> issued() {
    return List.copyOf(issued);
  }
}
