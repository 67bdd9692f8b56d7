package io.github.connectemulator.owner;

import io.github.connectemulator.model.Execution;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * Bounds the memory held by finished runs: they are kept in the order they finished and evicted oldest first,
 * beyond a count or past an age. Runs that are still active are never here, so never evicted.
 */
final class FinishedRetention {

  private final ArrayDeque<Execution> finished = new ArrayDeque<>();
  private final int maxCount;
  private final long ttlMillis;

  FinishedRetention(int maxCount, long ttlMillis) {
    this.maxCount = maxCount;
    this.ttlMillis = ttlMillis;
  }

  void add(Execution execution, Consumer<Execution> evict) {
    finished.addLast(execution);
    while (finished.size() > maxCount) {
      evict.accept(finished.pollFirst());
    }
  }

  void evictExpired(long now, Consumer<Execution> evict) {
    Execution oldest;
    while ((oldest = finished.peekFirst()) != null && now - oldest.endTime() >= ttlMillis) {
      evict.accept(finished.pollFirst());
    }
  }

  int size() {
    return finished.size();
  }
}
