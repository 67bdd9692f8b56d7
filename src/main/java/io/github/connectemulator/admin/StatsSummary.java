package io.github.connectemulator.admin;

import io.github.connectemulator.owner.protocol.AdminCommand;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The owners' {@link AdminCommand.OwnerStats} added up, as {@code GET /_emulator/stats} answers them and the
 * dashboard shows them: test cases, executions by status, running and queued runs per instance, and timer lag.
 */
public final class StatsSummary {

  private StatsSummary() {}

  /** @param replies the replies of every owner to {@link AdminCommand.ReadStats} */
  public static JsonObject of(List<?> replies) {
    var instances = new JsonObject();
    var totals = new JsonObject();
    int testCases = 0;
    int running = 0;
    int queued = 0;
    var lag = new TimerLagSummary();
    for (Object reply : replies) {
      var ownerStats = (AdminCommand.OwnerStats) reply;
      lag.add(ownerStats.timerLagCounts(), ownerStats.timerLagMax());
      for (Map.Entry<String, AdminCommand.InstanceStats> entry : ownerStats.instances().entrySet()) {
        AdminCommand.InstanceStats stats = entry.getValue();
        testCases += stats.testCases();
        running += stats.running();
        queued += stats.queued();
        stats.executions().forEach((status, count) -> totals.put(status, totals.getInteger(status, 0) + count));
        instances.put(entry.getKey(), new JsonObject()
            .put("testCases", stats.testCases())
            .put("executions", new JsonObject(new TreeMap<>(stats.executions())))
            .put("running", stats.running())
            .put("queued", stats.queued()));
      }
    }
    return new JsonObject().put("testCases", testCases).put("executions", totals).put("instances", instances)
        .put("running", running).put("queued", queued).put("timerLagMillis", lag.toJson());
  }

  /** Timer lag of all owners together: how late scheduled steps ran, as percentiles. */
  private static final class TimerLagSummary {
    private long[] counts;
    private long max;

    void add(long[] ownerCounts, long ownerMax) {
      if (counts == null) {
        counts = new long[ownerCounts.length];
      }
      for (int i = 0; i < ownerCounts.length; i++) {
        counts[i] += ownerCounts[i];
      }
      max = Math.max(max, ownerMax);
    }

    JsonObject toJson() {
      long total = counts == null ? 0 : Arrays.stream(counts).sum();
      return new JsonObject().put("steps", total).put("p50", percentile(total, 0.50))
          .put("p99", percentile(total, 0.99)).put("max", max);
    }

    private long percentile(long total, double share) {
      long rank = (long) Math.ceil(total * share);
      long seen = 0;
      for (int i = 0; counts != null && i < counts.length; i++) {
        seen += counts[i];
        if (seen >= rank && rank > 0) {
          return i;
        }
      }
      return 0;
    }
  }
}
