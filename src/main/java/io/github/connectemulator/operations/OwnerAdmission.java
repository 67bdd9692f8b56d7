package io.github.connectemulator.operations;

import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Bounds the requests in flight to each owner, shared by every router of one emulator. Past the bound a request is
 * answered ThrottlingException at once, which SDKs retry with backoff, instead of joining an owner's queue without
 * limit: under overload the heap stays bounded and accepted requests keep their latency.
 */
public final class OwnerAdmission {

  private final AtomicIntegerArray inFlight;
  private final int limit;

  /** @param limit requests in flight per owner; 0 = no limit */
  public OwnerAdmission(int ownerCount, int limit) {
    this.inFlight = new AtomicIntegerArray(ownerCount);
    this.limit = limit;
  }

  /** Takes a place for one request to {@code owner}; false when the owner is at its bound. */
  public boolean tryEnter(int owner) {
    if (limit == 0) {
      return true;
    }
    if (inFlight.incrementAndGet(owner) > limit) {
      inFlight.decrementAndGet(owner);
      return false;
    }
    return true;
  }

  public void leave(int owner) {
    if (limit != 0) {
      inFlight.decrementAndGet(owner);
    }
  }

  public int limit() {
    return limit;
  }
}
