package io.github.connectemulator.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.NetworkConfig;
import io.github.connectemulator.config.ClusterSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

/**
 * Joins a cluster: a Hazelcast member configured from {@code cluster.*} (TCP/IP or Kubernetes discovery, never
 * multicast), Vert.x's clustered event bus on it, and the replicated map that holds every instance's changes.
 * Only {@code Main} calls this, and only with {@code cluster.enabled}: a single node loads no cluster class.
 */
public final class ClusterMode {

  /**
   * Partitions of the cluster: the unit Hazelcast places, backs up and moves, and the unit of ownership here (one
   * owner per partition). Fewer than Hazelcast's 271, so that a node runs tens of owners, not hundreds.
   */
  static final int PARTITIONS = 61;
  /** A dead node is declared dead after this long without heartbeats (Hazelcast's default is 60 s). */
  private static final int MAX_NO_HEARTBEAT_SECONDS = 6;

  private ClusterMode() {}

  /** The event bus binds to and advertises {@code cluster.host}. */
  public static VertxOptions configure(VertxOptions options, ClusterSettings settings) {
    return options.setEventBusOptions(new EventBusOptions()
        .setHost(settings.host())
        .setPort(settings.busPort())
        .setClusterPublicHost(settings.host()));
  }

  /** Builds the clustered Vertx; completes once this node has joined. */
  public static Future<ClusterNode> join(VertxBuilder builder, ClusterSettings settings) {
    var manager = new HazelcastClusterManager(hazelcastConfig(settings));
    return builder.withClusterManager(manager).buildClustered()
        .map(vertx -> new ClusterNode(vertx, manager.getHazelcastInstance(), settings));
  }

  static Config hazelcastConfig(ClusterSettings settings) {
    Config config = ConfigUtil.loadConfig();
    config.setClusterName(settings.name());
    config.setProperty("hazelcast.partition.count", Integer.toString(PARTITIONS));
    config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    config.setProperty("hazelcast.max.no.heartbeat.seconds", Integer.toString(MAX_NO_HEARTBEAT_SECONDS));
    config.setProperty("hazelcast.logging.type", "slf4j");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    // Vert.x leaves the cluster on its own close; Hazelcast's hook would race it on SIGTERM.
    config.setProperty("hazelcast.shutdownhook.enabled", "false");
    // Bind to cluster.host only (not every interface), and advertise it.
    config.setProperty("hazelcast.local.localAddress", settings.host());
    config.setProperty("hazelcast.socket.bind.any", "false");

    NetworkConfig network = config.getNetworkConfig();
    network.setPort(settings.port()).setPortAutoIncrement(false);
    network.setPublicAddress(settings.host() + ":" + settings.port());
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    if (!settings.kubernetesService().isEmpty()) {
      join.getKubernetesConfig().setEnabled(true).setProperty("service-name", settings.kubernetesService());
    } else {
      join.getTcpIpConfig().setEnabled(true).setMembers(settings.members());
    }

    config.addMapConfig(new MapConfig(MapChangeLog.MAP)
        .setBackupCount(settings.backups())
        .setAsyncBackupCount(0));
    config.addMapConfig(new MapConfig(ClusterNode.NODES_MAP).setBackupCount(settings.backups()));
    return config;
  }
}
