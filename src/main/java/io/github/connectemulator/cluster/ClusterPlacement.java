package io.github.connectemulator.cluster;

import io.github.connectemulator.operations.OwnerRef;
import io.github.connectemulator.operations.Placement;
import java.util.ArrayList;
import java.util.List;

/**
 * Cluster placement: an instance belongs to the Hazelcast partition of its key, and a partition's owner listens at
 * one address on the clustered event bus, on whichever node Hazelcast gives the partition to.
 */
public final class ClusterPlacement implements Placement {

  private static final String PARTITION_PREFIX = "connect-emulator.partition.";

  private final ClusterNode node;
  private final List<OwnerRef> owners;

  public ClusterPlacement(ClusterNode node) {
    this.node = node;
    var refs = new ArrayList<OwnerRef>(node.partitionCount());
    for (int partition = 0; partition < node.partitionCount(); partition++) {
      refs.add(new OwnerRef(partition, PARTITION_PREFIX + partition));
    }
    this.owners = List.copyOf(refs);
  }

  @Override
  public OwnerRef ownerOf(String instanceKey) {
    return owners.get(node.partitionOf(instanceKey));
  }

  /** Every partition's owner, on every node: what the admin API and the metrics ask cover the whole cluster. */
  @Override
  public List<OwnerRef> owners() {
    return owners;
  }
}
