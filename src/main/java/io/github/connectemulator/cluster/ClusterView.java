package io.github.connectemulator.cluster;

import com.hazelcast.cluster.Member;
import io.github.connectemulator.operations.OwnerClient;
import io.github.connectemulator.owner.protocol.AdminCommand;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /_emulator/cluster}: the members (address, HTTP endpoint, partitions and instances owned) and whether
 * partitions are moving, as Hazelcast's partition table and the owners tell it now.
 */
public final class ClusterView implements Handler<RoutingContext> {

  private final ClusterNode node;
  private final OwnerClient owners;

  public ClusterView(ClusterNode node, OwnerClient owners) {
    this.node = node;
    this.owners = owners;
  }

  @Override
  public void handle(RoutingContext ctx) {
    List<Future<Object>> stats = owners.askEveryOwner(new AdminCommand.ReadStats());
    Future<Snapshot> table = ctx.vertx().executeBlocking(() -> snapshot());
    Future.join(table, Future.join(stats)).onComplete(done -> {
      if (table.failed()) {
        ctx.fail(table.cause());
        return;
      }
      Snapshot snapshot = table.result();
      Map<String, Integer> instances = new HashMap<>();
      for (int partition = 0; partition < stats.size(); partition++) {
        String owner = snapshot.partitionOwners()[partition];
        if (owner != null && stats.get(partition).succeeded()) {
          int held = ((AdminCommand.OwnerStats) stats.get(partition).result()).instances().size();
          instances.merge(owner, held, Integer::sum);
        }
      }
      JsonArray members = new JsonArray();
      for (Member member : snapshot.members()) {
        String id = member.getUuid().toString();
        members.add(new JsonObject()
            .put("id", id)
            .put("address", member.getAddress().getHost() + ":" + member.getAddress().getPort())
            .put("http", snapshot.endpoints().get(id))
            .put("local", member.localMember())
            .put("partitions", snapshot.partitionCounts().getOrDefault(id, 0))
            .put("instances", instances.getOrDefault(id, 0)));
      }
      ctx.json(new JsonObject()
          .put("clusterName", node.settings().name())
          .put("localMember", node.localMemberId())
          .put("migrating", snapshot.moving())
          .put("partitionCount", node.partitionCount())
          .put("members", members));
    });
  }

  /** Blocking reads: the partition table's safety check and the nodes' endpoints. */
  private Snapshot snapshot() {
    String[] partitionOwners = new String[node.partitionCount()];
    Map<String, Integer> counts = new HashMap<>();
    for (int partition = 0; partition < partitionOwners.length; partition++) {
      Member owner = node.ownerOf(partition);
      if (owner != null) {
        partitionOwners[partition] = owner.getUuid().toString();
        counts.merge(partitionOwners[partition], 1, Integer::sum);
      }
    }
    return new Snapshot(List.copyOf(node.members()), partitionOwners, counts, Map.copyOf(node.nodes()),
        node.migrating() || node.partitionsWithoutOwner() > 0);
  }

  private record Snapshot(List<Member> members, String[] partitionOwners, Map<String, Integer> partitionCounts,
      Map<String, String> endpoints, boolean moving) {}
}
