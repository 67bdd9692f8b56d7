package io.github.connectemulator.owner;

/**
 * How late scheduled steps happen: the time between a step's due time and the moment its owner runs it, in
 * milliseconds, counted in 1 ms buckets up to one second (later steps share the last bucket). What the benchmark
 * reads to tell whether many live runs still advance on time.
 */
final class TimerLag {

  static final int BUCKETS = 1001;

  private final long[] counts = new long[BUCKETS];
  private long max;

  void record(long lagMillis) {
    long lag = Math.max(0, lagMillis);
    counts[(int) Math.min(lag, BUCKETS - 1)]++;
    max = Math.max(max, lag);
  }

  /** A copy of the counts per millisecond of lag. */
  long[] counts() {
    return counts.clone();
  }

  long max() {
    return max;
  }
}
