package io.github.connectemulator.cluster;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import com.hazelcast.partition.PartitionAwareKey;
import com.hazelcast.query.Predicates;
import io.github.connectemulator.operations.AwsErrorType;
import io.github.connectemulator.operations.AwsFailure;
import io.github.connectemulator.owner.journal.ChangeLog;
import io.github.connectemulator.owner.journal.Journal;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The change log of one partition's owner in cluster mode: its journal lines in a Hazelcast map, under keys that
 * Hazelcast places in that very partition. So the lines are backed up synchronously on {@code cluster.backups} other
 * nodes (a write completes only once its backups have it), and move with the partition; the node that owns the
 * partition next rebuilds the owner's state from them, as a restart replays a journal file.
 */
final class MapChangeLog implements ChangeLog {

  static final String MAP = "connect-emulator.changes";

  private final IMap<PartitionAwareKey<String, String>, String> map;
  private final int partition;
  private final String anchor;
  private final Vertx vertx;
  private final ClusterNode node;
  private long nextSequence;

  private MapChangeLog(ClusterNode node, int partition, long nextSequence) {
    this.map = node.hazelcast().getMap(MAP);
    this.partition = partition;
    this.anchor = node.anchor(partition);
    this.vertx = node.vertx();
    this.node = node;
    this.nextSequence = nextSequence;
  }

  /** Reads the partition's lines (those this node holds as the partition's owner), in the order they were written. */
  static ChangeLog.Source source(ClusterNode node, int partition) {
    return vertx -> vertx.executeBlocking(() -> {
      IMap<PartitionAwareKey<String, String>, String> map = node.hazelcast().getMap(MAP);
      var lines = new TreeMap<Long, String>();
      for (Map.Entry<PartitionAwareKey<String, String>, String> entry
          : map.entrySet(Predicates.partitionPredicate(node.anchor(partition), Predicates.alwaysTrue()))) {
        lines.put(sequenceOf(entry.getKey().getKey()), entry.getValue());
      }
      List<Journal.Entry> entries = new ArrayList<>(lines.size());
      for (String line : lines.values()) {
        entries.add(Journal.Entry.fromLine(line));
      }
      long next = lines.isEmpty() ? 0 : lines.lastKey() + 1;
      return new ChangeLog.Restored(entries, new MapChangeLog(node, partition, next));
    });
  }

  /**
   * Completes once the line and its backups are stored. A line never replaces another: should a former owner of the
   * partition have taken the same number just before the partition moved, the line takes the next free one.
   */
  @Override
  public Future<Void> append(Journal.Entry entry) {
    Promise<Void> stored = Promise.promise();
    store(entry.toLine(), stored);
    return stored.future();
  }

  private void store(String line, Promise<Void> stored) {
    long sequence = nextSequence++;
    var key = new PartitionAwareKey<>(partition + ":" + sequence, anchor);
    Future.fromCompletionStage(map.submitToKey(key, new PutIfAbsent(line)), vertx.getOrCreateContext())
        .onComplete(put -> {
          if (put.failed()) {
            stored.fail(put.cause());
          } else if (!put.result()) {
            store(line, stored);
          } else if (!node.serves(partition)) {
            // The partition moved while the line was written: its next owner may have read the log before this
            // line, so the change is not acknowledged here; the caller retries at the new owner.
            stored.fail(new AwsFailure(AwsErrorType.THROTTLING,
                "This instance's state moved to another node while it was written; retry with backoff"));
          } else {
            stored.complete();
          }
        });
  }

  /** Stores the line unless the key holds one already; runs on the partition's owner and then on its backups. */
  static final class PutIfAbsent
      implements EntryProcessor<PartitionAwareKey<String, String>, String, Boolean>, Serializable {
    private final String line;

    PutIfAbsent(String line) {
      this.line = line;
    }

    @Override
    public Boolean process(Map.Entry<PartitionAwareKey<String, String>, String> entry) {
      if (entry.getValue() != null) {
        return false;
      }
      entry.setValue(line);
      return true;
    }
  }

  private static long sequenceOf(String key) {
    return Long.parseLong(key.substring(key.indexOf(':') + 1));
  }

  @Override
  public void close() {
    // The map belongs to the cluster; the lines stay for the partition's next owner.
  }
}
