package io.github.connectemulator.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.partition.MigrationListener;
import com.hazelcast.partition.MigrationState;
import com.hazelcast.partition.Partition;
import com.hazelcast.partition.PartitionService;
import com.hazelcast.partition.ReplicaMigrationEvent;
import io.github.connectemulator.config.ClusterSettings;
import io.vertx.core.Vertx;
import java.util.HashSet;
import java.util.Set;

/**
 * This node's view of the cluster, as Hazelcast keeps it: which partition an instance is in, which partitions this
 * node owns, whether partitions are moving. The partition table is Hazelcast's; nothing here decides placement.
 */
public final class ClusterNode {

  /** Member id → the HTTP endpoint of that node, for the cluster view. */
  static final String NODES_MAP = "connect-emulator.nodes";

  private final Vertx vertx;
  private final HazelcastInstance hazelcast;
  private final ClusterSettings settings;
  private final PartitionService partitions;
  /** A migration process under way, as Hazelcast's listener reports it (on the member that runs it). */
  private volatile boolean migrationRunning;
  /** A partition key per partition: the journal entries of partition p live under anchor(p). */
  private final String[] anchors;
  /** Hazelcast's partitions by id; each tells its current owner. */
  private final Partition[] byId;

  ClusterNode(Vertx vertx, HazelcastInstance hazelcast, ClusterSettings settings) {
    this.vertx = vertx;
    this.hazelcast = hazelcast;
    this.settings = settings;
    this.partitions = hazelcast.getPartitionService();
    this.anchors = new String[partitions.getPartitions().size()];
    this.byId = new Partition[anchors.length];
    for (Partition partition : partitions.getPartitions()) {
      byId[partition.getPartitionId()] = partition;
    }
    for (int i = 0, found = 0; found < anchors.length; i++) {
      String candidate = "partition-anchor-" + i;
      int partition = partitions.getPartition(candidate).getPartitionId();
      if (anchors[partition] == null) {
        anchors[partition] = candidate;
        found++;
      }
    }
    partitions.addMigrationListener(new MigrationListener() {
      @Override
      public void migrationStarted(MigrationState state) {
        migrationRunning = true;
      }

      @Override
      public void migrationFinished(MigrationState state) {
        migrationRunning = false;
      }

      @Override
      public void replicaMigrationCompleted(ReplicaMigrationEvent event) {}

      @Override
      public void replicaMigrationFailed(ReplicaMigrationEvent event) {}
    });
  }

  public Vertx vertx() {
    return vertx;
  }

  public ClusterSettings settings() {
    return settings;
  }

  HazelcastInstance hazelcast() {
    return hazelcast;
  }

  public int partitionCount() {
    return anchors.length;
  }

  /** The partition an instance's state lives in: Hazelcast's partitioning of the instance key. */
  public int partitionOf(String instanceKey) {
    return partitions.getPartition(instanceKey).getPartitionId();
  }

  String anchor(int partition) {
    return anchors[partition];
  }

  /** Whether this node owns the partition now and nothing is moving: an owner refuses commands otherwise. */
  public boolean serves(int partition) {
    Member owner = ownerOf(partition);
    return !migrating() && owner != null && owner.localMember();
  }

  /** A migration process is moving partitions, as far as this node is told. */
  public boolean migrating() {
    return migrationRunning;
  }

  Member ownerOf(int partition) {
    return byId[partition].getOwner();
  }

  /** The partitions this node owns, by Hazelcast's partition table. */
  Set<Integer> ownedPartitions() {
    Set<Integer> owned = new HashSet<>();
    for (Partition partition : partitions.getPartitions()) {
      Member owner = partition.getOwner();
      if (owner != null && owner.localMember()) {
        owned.add(partition.getPartitionId());
      }
    }
    return owned;
  }

  /** Partitions without a live owner: after a node died, until Hazelcast has promoted their backups. */
  int partitionsWithoutOwner() {
    int orphans = 0;
    for (Partition partition : byId) {
      if (partition.getOwner() == null) {
        orphans++;
      }
    }
    return orphans;
  }

  public String localMemberId() {
    return hazelcast.getCluster().getLocalMember().getUuid().toString();
  }

  Set<Member> members() {
    return hazelcast.getCluster().getMembers();
  }

  IMap<String, String> nodes() {
    return hazelcast.getMap(NODES_MAP);
  }

  /** Tells the other nodes where this node's HTTP face is, for the cluster view. */
  public void publishEndpoint(String endpoint) {
    nodes().setAsync(localMemberId(), endpoint);
  }
}
