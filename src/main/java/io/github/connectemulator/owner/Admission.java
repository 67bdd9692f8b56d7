package io.github.connectemulator.owner;

import io.github.connectemulator.operations.AwsErrorType;
import io.github.connectemulator.operations.AwsFailure;
import io.github.connectemulator.owner.protocol.OwnerCommand;
import io.github.connectemulator.config.Controls;
import io.github.connectemulator.config.RuntimeControls;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * Decides, before an operation runs, whether it is throttled or meets an injected fault, and how long its reply is
 * held back. Kept per instance, by the instance's owner, like all other instance state: a token bucket per
 * operation, and a fault draw seeded from {@code faults.seed} and the instance, so that the same sequence of
 * requests on an instance meets the same faults.
 */
final class Admission {

  /**
   * How many instances that hold nothing keep their buckets and fault draws, least recently used out first. A
   * request naming an unknown instance needs them (its bucket, its reproducible draws), but must not keep them for
   * good: random instance ids would otherwise grow the heap without bound.
   */
  static final int MAX_UNKNOWN_INSTANCES = 1024;

  private final Controls controls;
  /** True for an instance that holds something (a test case, a run): those keep their state as long as they do. */
  private final Predicate<String> holdsState;
  private final Map<String, PerInstance> known = new HashMap<>();
  private final Map<String, PerInstance> unknown = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, PerInstance> eldest) {
      if (size() <= MAX_UNKNOWN_INSTANCES) {
        return false;
      }
      if (holdsState.test(eldest.getKey())) {
        known.put(eldest.getKey(), eldest.getValue()); // came to hold something since: kept, not dropped
      }
      return true;
    }
  };

  Admission(Controls controls, Predicate<String> holdsState) {
    this.controls = controls;
    this.holdsState = holdsState;
  }

  /** The failure this request gets instead of running, or null to run it. */
  AwsFailure admit(OwnerCommand command, long nowNanos) {
    RuntimeControls current = controls.current();
    if (!current.throttle().enabled() && current.faults().probability() == 0) {
      return null;
    }
    PerInstance instance = perInstance(command.instanceId());
    if (current.throttle().enabled() && !instance.bucket(command.operation()).take(current.throttle(), nowNanos)) {
      return new AwsFailure(AwsErrorType.THROTTLING, "Rate exceeded for " + command.operation()
          + " (throttle.requestsPerSecond=" + current.throttle().requestsPerSecond() + ")");
    }
    RuntimeControls.Faults faults = current.faults();
    if (faults.probability() > 0 && faults.appliesTo(command.operation())
        && instance.random(faults.seed()).nextDouble() < faults.probability()) {
      AwsErrorType type = faults.errorType();
      return new AwsFailure(type, "Injected fault: " + type.wireName() + " for " + command.operation());
    }
    return null;
  }

  /** How long to hold the reply back, in milliseconds; 0 when no latency is configured. */
  long latencyMillis(OwnerCommand command) {
    RuntimeControls.Faults faults = controls.current().faults();
    if (faults.latencyMaxMillis() == 0 || !faults.appliesTo(command.operation())) {
      return 0;
    }
    long min = faults.latencyMinMillis();
    long spread = faults.latencyMaxMillis() - min;
    if (spread == 0) {
      return min;
    }
    PerInstance instance = perInstance(command.instanceId());
    return min + instance.random(faults.seed()).nextLong(spread + 1);
  }

  void reset() {
    known.clear();
    unknown.clear();
  }

  /** How many instances have admission state: for tests. */
  int tracked() {
    return known.size() + unknown.size();
  }

  /** The instance's buckets and draws; kept for good once the instance holds something, bounded until then. */
  private PerInstance perInstance(String instanceId) {
    PerInstance state = known.get(instanceId);
    if (state != null) {
      return state;
    }
    boolean holds = holdsState.test(instanceId);
    state = holds ? unknown.remove(instanceId) : unknown.get(instanceId);
    if (state == null) {
      state = new PerInstance(instanceId);
      if (!holds) {
        unknown.put(instanceId, state);
      }
    }
    if (holds) {
      known.put(instanceId, state);
    }
    return state;
  }

  /** One instance's buckets and fault draws. */
  private static final class PerInstance {
    private final String instanceId;
    private final Map<String, TokenBucket> buckets = new HashMap<>();
    private SplittableRandom random;
    private long seededWith;

    PerInstance(String instanceId) {
      this.instanceId = instanceId;
    }

    TokenBucket bucket(String operation) {
      return buckets.computeIfAbsent(operation, op -> new TokenBucket());
    }

    /** Re-seeded when the seed changes, so that a run can be replayed after a controls change too. */
    SplittableRandom random(long seed) {
      if (random == null || seededWith != seed) {
        random = new SplittableRandom(seed * 31 + instanceId.hashCode());
        seededWith = seed;
      }
      return random;
    }
  }

  /** A token bucket refilled continuously at the configured rate, holding at most the burst. */
  private static final class TokenBucket {
    private double tokens = -1;
    private long refilledAt;

    boolean take(RuntimeControls.Throttle throttle, long nowNanos) {
      double capacity = throttle.burst() > 0 ? throttle.burst() : Math.max(1, throttle.requestsPerSecond());
      if (tokens < 0) {
        tokens = capacity;
      } else {
        tokens = Math.min(capacity, tokens + (nowNanos - refilledAt) / 1e9 * throttle.requestsPerSecond());
      }
      refilledAt = nowNanos;
      if (tokens < 1) {
        return false;
      }
      tokens -= 1;
      return true;
    }
  }
}
