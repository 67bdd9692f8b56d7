package io.github.connectemulator.admin.ui;

import io.github.connectemulator.admin.StatsSummary;
import io.github.connectemulator.config.Controls;
import io.github.connectemulator.operations.OwnerClient;
import io.github.connectemulator.owner.protocol.AdminCommand;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One per emulator, on an event loop of its own: once a second it takes a load sample ({@link LoadMeter}) into the
 * ring of the last five minutes and, while a page is open, asks every owner for its statistics and publishes one
 * {@code snapshot} event for the feeds to stream. So a page gets one message a second whatever the load: 50 000
 * Starts a second are 50 000 counter increments the operations make anyway, read here as one number.
 */
final class DashboardSampler extends VerticleBase {

  static final long TICK_MILLIS = 1000;
  static final int HISTORY_SECONDS = 300;
  /** The busiest instances a snapshot lists; the others are only counted, so a snapshot stays small. */
  static final int MAX_INSTANCES = 50;

  private static final Comparator<JsonObject> BUSIEST_FIRST = Comparator
      .comparingInt((JsonObject instance) -> instance.getInteger("running") + instance.getInteger("queued"))
      .thenComparingInt(instance -> instance.getInteger("total"))
      .reversed()
      .thenComparing(instance -> instance.getString("instanceId"));

  private final FeedAddresses addresses;
  private final AtomicInteger openPages;
  private final OwnerClient owners;
  private final Controls controls;
  private final LoadMeter load;
  private final SampleRing history = new SampleRing(HISTORY_SECONDS);
  private long ticks;
  /** The tick whose question to the owners is unanswered, or 0. */
  private long statsAskedAt;
  private JsonObject latestNow;
  private String statsError;
  private String latestSnapshot;
  private long latestSnapshotAt;

  /** @param load the meters' reader, or null when metrics are off */
  DashboardSampler(FeedAddresses addresses, AtomicInteger openPages, OwnerClient owners, Controls controls,
      LoadMeter load) {
    this.addresses = addresses;
    this.openPages = openPages;
    this.owners = owners;
    this.controls = controls;
    this.load = load;
  }

  @Override
  public Future<?> start() {
    if (load != null) {
      load.sample(System.currentTimeMillis()); // the baseline: the first second's requests count from here
    }
    var asked = vertx.eventBus().localConsumer(addresses.history(), message -> message.reply(historyEvents()));
    vertx.setPeriodic(TICK_MILLIS, id -> tick());
    return asked.completion();
  }

  private void tick() {
    long at = System.currentTimeMillis();
    long tick = ++ticks;
    JsonObject sample = load == null ? new JsonObject().put("at", at) : load.sample(at);
    history.add(sample);
    if (openPages.get() == 0) {
      return;
    }
    if (statsAskedAt > 0) {
      // The owners have not answered the last question yet: this second goes out with the counts known so far.
      publish(sample, at);
      return;
    }
    statsAskedAt = tick;
    List<Future<Object>> replies = owners.askEveryOwner(new AdminCommand.ReadStats());
    Future.all(replies).onComplete(all -> {
      statsAskedAt = 0;
      if (all.succeeded()) {
        latestNow = now(StatsSummary.of(all.result().list()));
        statsError = null;
      } else {
        statsError = "The owners did not answer: " + all.cause().getMessage();
      }
      // An answer later than the next tick only updates the counts: that tick has published already.
      if (ticks == tick) {
        publish(sample, at);
      }
    });
  }

  /** One snapshot a tick, never more: the sample of this second, and the owners' latest counts. */
  private void publish(JsonObject sample, long at) {
    var snapshot = new JsonObject()
        .put("at", at)
        .put("sample", sample)
        .put("p99", load == null ? new JsonObject() : load.p99())
        .put("metrics", load != null)
        .put("controls", new JsonObject(new LinkedHashMap<String, Object>(controls.runtimeValues())));
    if (latestNow != null) {
      snapshot.put("now", latestNow);
    }
    if (statsError != null) {
      snapshot.put("error", statsError);
    }
    latestSnapshot = ServerSentEvents.event("snapshot", snapshot);
    latestSnapshotAt = at;
    vertx.eventBus().publish(addresses.snapshots(), latestSnapshot, FeedAddresses.LOCAL);
  }

  /** The statistics with the busiest instances as a list, at most {@link #MAX_INSTANCES} of them. */
  private static JsonObject now(JsonObject stats) {
    JsonObject byInstance = stats.getJsonObject("instances");
    var instances = new ArrayList<JsonObject>(byInstance.size());
    for (Map.Entry<String, Object> entry : byInstance) {
      var instance = (JsonObject) entry.getValue();
      int total = 0;
      for (Map.Entry<String, Object> count : instance.getJsonObject("executions")) {
        total += ((Number) count.getValue()).intValue();
      }
      instances.add(instance.copy().put("instanceId", entry.getKey()).put("total", total));
    }
    instances.sort(BUSIEST_FIRST);
    var listed = new JsonArray();
    instances.stream().limit(MAX_INSTANCES).forEach(listed::add);
    return stats.copy().put("instances", listed).put("instanceCount", instances.size());
  }

  /** What a page gets when it opens: the last five minutes of samples, then the latest snapshot if recent. */
  private String historyEvents() {
    String samples = ServerSentEvents.event("history", new JsonObject()
        .put("tickMillis", TICK_MILLIS)
        .put("historySeconds", HISTORY_SECONDS)
        .put("metrics", load != null)
        .put("samples", history.toJson()));
    boolean recent = latestSnapshot != null && System.currentTimeMillis() - latestSnapshotAt < 2 * TICK_MILLIS;
    return recent ? samples + latestSnapshot : samples;
  }
}
