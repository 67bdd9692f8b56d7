package io.github.connectemulator.cluster;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import io.github.connectemulator.operations.AwsErrorType;
import io.github.connectemulator.operations.AwsFailure;
import io.github.connectemulator.owner.journal.ChangeLog;
import io.github.connectemulator.owner.journal.Journal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The change log of one partition's owner in cluster mode: its journal lines in one entry of a Hazelcast map, whose
 * key Hazelcast places in that very partition. So the lines are backed up synchronously on {@code cluster.backups}
 * other nodes (an append completes only once its backups have it), and move with the partition; the node that owns
 * the partition next rebuilds the owner's state from them, as a restart replays a journal file.
 *
 * <p>Fencing: an owner takes the log with {@link Take}, which raises the log's epoch and returns its lines, and appends
 * with {@link Append}, which stores the line only if the epoch is still the owner's. Both run atomically on the
 * partition's thread (and on its backups). So once a new owner has read the log, a former owner that has not heard
 * yet that the partition moved can no longer add to it: its append is refused, nothing is stored, and its caller gets
 * ThrottlingException and retries at the new owner. No acknowledged line is missing from what the next owner reads,
 * and no refused line is in it.
 */
final class MapChangeLog implements ChangeLog {

  static final String MAP = "connect-emulator.changes";

  private final IMap<String, PartitionLog> map;
  private final String key;
  private final long epoch;
  private final Vertx vertx;

  private MapChangeLog(IMap<String, PartitionLog> map, String key, long epoch, Vertx vertx) {
    this.map = map;
    this.key = key;
    this.epoch = epoch;
    this.vertx = vertx;
  }

  /** Takes the partition's log for a new owner: its lines, in the order they were written. */
  static ChangeLog.Source source(ClusterNode node, int partition) {
    return vertx -> {
      IMap<String, PartitionLog> map = node.hazelcast().getMap(MAP);
      String key = node.anchor(partition);
      return Future.fromCompletionStage(map.submitToKey(key, new Take()), vertx.getOrCreateContext())
          .map(taken -> {
            List<Journal.Entry> entries = new ArrayList<>(taken.lines().size());
            for (String line : taken.lines()) {
              try {
                entries.add(Journal.Entry.fromLine(line));
              } catch (Exception unreadable) {
                throw new IllegalStateException("partition " + partition + ": unreadable change log line", unreadable);
              }
            }
            return new ChangeLog.Restored(entries, new MapChangeLog(map, key, taken.epoch(), vertx));
          });
    };
  }

  /** Completes once the line and its backups are stored; fails with ThrottlingException if another owner took over. */
  @Override
  public Future<Void> append(Journal.Entry entry) {
    return Future.fromCompletionStage(map.submitToKey(key, new Append(epoch, entry.toLine())),
            vertx.getOrCreateContext())
        .compose(stored -> stored
            ? Future.succeededFuture()
            : Future.failedFuture(new AwsFailure(AwsErrorType.THROTTLING,
                "This instance's state moved to another node; retry with backoff")));
  }

  @Override
  public void close() {
    // The map belongs to the cluster; the lines stay for the partition's next owner.
  }

  /** One partition's log: the lines, and the epoch of the owner allowed to add to them. */
  static final class PartitionLog implements Serializable {
    long epoch;
    final ArrayList<String> lines = new ArrayList<>();
  }

  /** What a new owner gets: its epoch and the lines so far. */
  record Taken(long epoch, List<String> lines) implements Serializable {}

  /** Raises the epoch (fencing off the former owner) and hands over the lines. */
  static final class Take implements EntryProcessor<String, PartitionLog, Taken>, Serializable {
    @Override
    public Taken process(Map.Entry<String, PartitionLog> entry) {
      PartitionLog log = entry.getValue() == null ? new PartitionLog() : entry.getValue();
      log.epoch++;
      entry.setValue(log);
      return new Taken(log.epoch, new ArrayList<>(log.lines));
    }
  }

  /** Adds a line if the caller's epoch is the log's. */
  static final class Append implements EntryProcessor<String, PartitionLog, Boolean>, Serializable {
    private final long epoch;
    private final String line;

    Append(long epoch, String line) {
      this.epoch = epoch;
      this.line = line;
    }

    @Override
    public Boolean process(Map.Entry<String, PartitionLog> entry) {
      PartitionLog log = entry.getValue();
      if (log == null || log.epoch != epoch) {
        return false;
      }
      log.lines.add(line);
      entry.setValue(log);
      return true;
    }
  }
}
