package io.github.connectemulator.admin.ui;

import io.vertx.core.eventbus.DeliveryOptions;

/**
 * The local event-bus addresses between one emulator's sampler and its feeds (never clustered: each node shows what
 * its own meters saw).
 *
 * @param snapshots published once a second while a page is open: a {@code snapshot} server-sent event (a String)
 * @param history request, no body: the {@code history} event of the last five minutes, then the latest snapshot
 */
record FeedAddresses(String snapshots, String history) {

  /** Every message on these addresses: a clustered bus would otherwise look for their consumers in the cluster. */
  static final DeliveryOptions LOCAL = new DeliveryOptions().setLocalOnly(true);

  static FeedAddresses of(String prefix) {
    return new FeedAddresses(prefix + ".snapshots", prefix + ".history");
  }
}
