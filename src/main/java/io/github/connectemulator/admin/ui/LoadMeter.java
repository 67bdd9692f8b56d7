package io.github.connectemulator.admin.ui;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Reads the emulator's meters once a second and turns their totals into rates: requests per second by operation,
 * errors per second by AWS error type, executions started and ended per second by status, and each operation's p99
 * latency over the last ten seconds. It reads counters the operations and owners keep anyway, so load costs the
 * dashboard nothing per request or per run, whatever the rate.
 */
final class LoadMeter {

  /** {@code emulator_requests_seconds{operation, outcome, transport}} (OperationMetrics). */
  static final String REQUESTS = "emulator.requests";
  static final String STARTED = "emulator.executions.started";
  static final String FINISHED = "emulator.executions.finished";
  static final int LATENCY_WINDOW_SECONDS = 10;
  private static final String SUCCESS = "success";

  private final MeterRegistry registry;
  /** Each meter's total at the previous sample. */
  private final Map<Meter.Id, Double> previous = new HashMap<>();
  /** The latency histograms of each operation at the last samples, oldest first: the p99 window. */
  private final ArrayDeque<Map<String, Histogram>> latencyWindow = new ArrayDeque<>();
  private long previousAt = -1;

  LoadMeter(MeterRegistry registry) {
    this.registry = registry;
  }

  /**
   * What happened since the previous sample, per second: {@code {"at", "requests": {operation: n}, "errors":
   * {errorType: n}, "started": n, "finished": {status: n}}}. The first sample only sets the baseline.
   */
  JsonObject sample(long at) {
    boolean baseline = previousAt < 0;
    double seconds = baseline ? 0 : Math.max(0.001, (at - previousAt) / 1000.0);
    previousAt = at;
    var requests = new TreeMap<String, Double>();
    var errors = new TreeMap<String, Double>();
    var histograms = new HashMap<String, Histogram>();
    for (Timer timer : registry.find(REQUESTS).timers()) {
      String operation = timer.getId().getTag("operation");
      String outcome = timer.getId().getTag("outcome");
      double added = added(timer.getId(), timer.count(), baseline);
      if (added > 0) {
        requests.merge(operation, added, Double::sum);
        if (!SUCCESS.equals(outcome)) {
          errors.merge(outcome, added, Double::sum);
        }
      }
      histograms.computeIfAbsent(operation, op -> new Histogram()).add(timer);
    }
    latencyWindow.addLast(histograms);
    if (latencyWindow.size() > LATENCY_WINDOW_SECONDS + 1) {
      latencyWindow.removeFirst();
    }
    var finished = new TreeMap<String, Double>();
    for (Counter counter : registry.find(FINISHED).counters()) {
      double added = added(counter.getId(), counter.count(), baseline);
      if (added > 0) {
        finished.put(counter.getId().getTag("status"), added);
      }
    }
    Counter startedCounter = registry.find(STARTED).counter();
    double started = startedCounter == null ? 0 : added(startedCounter.getId(), startedCounter.count(), baseline);
    return new JsonObject()
        .put("at", at)
        .put("requests", perSecond(requests, seconds))
        .put("errors", perSecond(errors, seconds))
        .put("started", rate(started, seconds))
        .put("finished", perSecond(finished, seconds));
  }

  /**
   * Each operation's p99 latency in milliseconds over the last ten seconds, interpolated within its histogram
   * bucket as Prometheus's {@code histogram_quantile} does; operations without requests in the window are left out.
   */
  JsonObject p99() {
    var p99 = new JsonObject();
    if (latencyWindow.size() < 2) {
      return p99;
    }
    Map<String, Histogram> first = latencyWindow.peekFirst();
    new TreeMap<>(latencyWindow.peekLast()).forEach((operation, last) -> {
      double value = last.minus(first.get(operation)).quantile(0.99);
      if (!Double.isNaN(value)) {
        p99.put(operation, Math.round(value * 100) / 100.0);
      }
    });
    return p99;
  }

  /** How much a meter's total grew since the previous sample; a meter new since then grew from 0. */
  private double added(Meter.Id id, double total, boolean baseline) {
    Double before = previous.put(id, total);
    return baseline ? 0 : Math.max(0, total - (before == null ? 0 : before));
  }

  private static JsonObject perSecond(Map<String, Double> counts, double seconds) {
    var json = new JsonObject();
    counts.forEach((key, count) -> json.put(key, rate(count, seconds)));
    return json;
  }

  private static double rate(double count, double seconds) {
    return seconds == 0 ? 0 : Math.round(count / seconds * 10) / 10.0;
  }

  /** One operation's latency histogram: cumulative counts at each bucket's upper bound, in milliseconds. */
  private static final class Histogram {
    private double[] bounds = new double[0];
    private double[] counts = new double[0];
    private double total;

    void add(Timer timer) {
      CountAtBucket[] buckets = timer.takeSnapshot().histogramCounts();
      if (bounds.length == 0) {
        bounds = new double[buckets.length];
        counts = new double[buckets.length];
        for (int i = 0; i < buckets.length; i++) {
          bounds[i] = buckets[i].bucket(TimeUnit.MILLISECONDS);
        }
      }
      for (int i = 0; i < Math.min(buckets.length, counts.length); i++) {
        counts[i] += buckets[i].count();
      }
      total += timer.count();
    }

    /** The requests of this histogram that came after {@code earlier}. */
    Histogram minus(Histogram earlier) {
      var difference = new Histogram();
      difference.bounds = bounds;
      difference.counts = counts.clone();
      difference.total = total;
      if (earlier != null && earlier.counts.length == counts.length) {
        for (int i = 0; i < counts.length; i++) {
          difference.counts[i] -= earlier.counts[i];
        }
        difference.total -= earlier.total;
      }
      return difference;
    }

    /** NaN without requests; past the last bucket, that bucket's bound (as histogram_quantile answers). */
    double quantile(double q) {
      if (total <= 0 || bounds.length == 0) {
        return Double.NaN;
      }
      double rank = q * total;
      double lowerBound = 0;
      double lowerCount = 0;
      for (int i = 0; i < bounds.length; i++) {
        if (counts[i] >= rank) {
          double inBucket = counts[i] - lowerCount;
          return inBucket <= 0 ? bounds[i] : lowerBound + (bounds[i] - lowerBound) * (rank - lowerCount) / inBucket;
        }
        lowerBound = bounds[i];
        lowerCount = counts[i];
      }
      return bounds[bounds.length - 1];
    }
  }
}
