package io.github.connectemulator.operations;

import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Bounds the requests in flight to each owner, shared by every router of one emulator. Past the bound a request is
 * answered ThrottlingException at once, which SDKs retry with backoff, instead of joining an owner's queue without
 * limit: under overload the heap stays bounded and accepted requests keep their latency.
 */
public final class OwnerAdmission {

  /**
   * One counter per owner, each {@value #STRIDE} ints (64 bytes, a cache line) from the next: every router writes
   * them, and counters on one line would make each core's write evict the line from the others (false sharing).
   */
  private static final int STRIDE = 16;

  private final AtomicIntegerArray inFlight;
  private final int limit;

  /** @param limit requests in flight per owner; 0 = no limit */
  public OwnerAdmission(int ownerCount, int limit) {
    // One stride of padding before the first counter too: the array's header shares a line with it otherwise.
    this.inFlight = new AtomicIntegerArray((ownerCount + 1) * STRIDE);
    this.limit = limit;
  }

  private static int slot(int owner) {
    return (owner + 1) * STRIDE;
  }

  /** Takes a place for one request to {@code owner}; false when the owner is at its bound. */
  public boolean tryEnter(int owner) {
    if (limit == 0) {
      return true;
    }
    if (inFlight.incrementAndGet(slot(owner)) > limit) {
      inFlight.decrementAndGet(slot(owner));
      return false;
    }
    return true;
  }

  public void leave(int owner) {
    if (limit != 0) {
      inFlight.decrementAndGet(slot(owner));
    }
  }

  public int limit() {
    return limit;
  }
}
