package io.github.connectemulator.cluster;

import io.github.connectemulator.config.Controls;
import io.github.connectemulator.config.EmulatorConfig;
import io.github.connectemulator.operations.OwnerRef;
import io.github.connectemulator.owner.ExecutionVerticle;
import io.github.connectemulator.owner.RunListener;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an owner for each partition this node owns, and follows Hazelcast's partition table as it changes: when a
 * partition arrives (a node joined or left), its owner is deployed and rebuilds the partition's state from the
 * change log Hazelcast moved or promoted here, re-arming its runs' timers; when a partition leaves, its owner is
 * undeployed and its state dropped. The table is read every {@value #WATCH_MILLIS} ms.
 */
public final class PartitionOwners {

  private static final Logger LOG = LoggerFactory.getLogger(PartitionOwners.class);
  private static final long WATCH_MILLIS = 200;

  private final ClusterNode node;
  private final ClusterPlacement placement;
  private final EmulatorConfig config;
  private final Controls controls;
  private final Clock clock;
  private final RunListener listener;
  /** Partition → deployment id of its owner, for the partitions this node serves (or is starting to). */
  private final Map<Integer, String> deployed = new HashMap<>();
  private final Set<Integer> starting = new HashSet<>();
  private volatile boolean settled;
  private long watchTimer = -1;
  private boolean watching;
  private boolean stopped;

  public PartitionOwners(ClusterNode node, ClusterPlacement placement, EmulatorConfig config, Controls controls,
      Clock clock, RunListener listener) {
    this.node = node;
    this.placement = placement;
    this.config = config;
    this.controls = controls;
    this.clock = clock;
    this.listener = listener;
  }

  /** Deploys the owners of the partitions owned now; completes when they serve; then keeps following the table. */
  public Future<Void> start() {
    Vertx vertx = node.vertx();
    return follow().onSuccess(v -> watchTimer = vertx.setPeriodic(WATCH_MILLIS, id -> {
      if (!watching) {
        watching = true;
        follow().onComplete(done -> watching = false);
      }
    }));
  }

  /** True once this node serves every partition Hazelcast gives it and no partition is moving: readiness. */
  public boolean settled() {
    return settled;
  }

  public Future<Void> stop() {
    stopped = true;
    node.vertx().cancelTimer(watchTimer);
    List<Future<Void>> undeployed = new ArrayList<>();
    for (String id : deployed.values()) {
      undeployed.add(node.vertx().undeploy(id));
    }
    deployed.clear();
    return Future.join(undeployed).mapEmpty();
  }

  /**
   * One look at the partition table (a local read): owners of partitions gone elsewhere are undeployed, and
   * partitions that became this node's get an owner at once. Hazelcast changes a partition's owner only once its
   * data is on the new owner (migrated, or a backup promoted), so the change log is complete when it is read; a line
   * a former owner was still writing is refused to its caller ({@link MapChangeLog}).
   */
  private Future<Void> follow() {
    if (stopped) {
      return Future.succeededFuture();
    }
    Set<Integer> owned = node.ownedPartitions();
    List<Future<?>> changes = new ArrayList<>();
    for (Integer partition : new ArrayList<>(deployed.keySet())) {
      if (!owned.contains(partition)) {
        changes.add(release(partition));
      }
    }
    for (Integer partition : owned) {
      if (!deployed.containsKey(partition) && !starting.contains(partition)) {
        changes.add(adopt(partition));
      }
    }
    return Future.join(changes).transform(done -> {
      settled = !node.migrating() && starting.isEmpty() && node.partitionsWithoutOwner() == 0
          && deployed.keySet().equals(node.ownedPartitions());
      return Future.succeededFuture();
    });
  }

  private Future<String> adopt(int partition) {
    starting.add(partition);
    OwnerRef owner = placement.owners().get(partition);
    var verticle = new ExecutionVerticle(owner.address(), config, controls, clock, listener,
        MapChangeLog.source(node, partition), () -> node.serves(partition));
    return node.vertx().deployVerticle(verticle)
        .onSuccess(id -> deployed.put(partition, id))
        .onFailure(failure -> LOG.warn("Could not take over partition {}; will retry", partition, failure))
        .onComplete(done -> starting.remove(partition));
  }

  private Future<Void> release(int partition) {
    String id = deployed.remove(partition);
    return node.vertx().undeploy(id)
        .onFailure(failure -> LOG.warn("Could not release partition {}", partition, failure));
  }

}
