package io.github.connectemulator.service;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * Whether the emulator should receive traffic: not while it is still deploying its verticles, and not once it has
 * begun to shut down. Read by the readiness probe; shared by every router.
 */
public final class Readiness {

  /** The emulator's phases, in the order it goes through them. */
  public enum Phase { STARTING, READY, STOPPING }

  private final AtomicReference<Phase> phase = new AtomicReference<>(Phase.STARTING);
  /** What else must hold to be ready (in cluster mode: serving this node's share of the partitions). */
  private volatile BooleanSupplier alsoRequired = () -> true;

  public Phase phase() {
    return phase.get();
  }

  public boolean isReady() {
    return phase.get() == Phase.READY && alsoRequired.getAsBoolean();
  }

  /** Ready only while {@code condition} also holds. */
  public void requireAlso(BooleanSupplier condition) {
    alsoRequired = condition;
  }

  /** Every verticle is deployed. Has no effect once stopping began. */
  public void markReady() {
    phase.compareAndSet(Phase.STARTING, Phase.READY);
  }

  /** Shutting down: from now on the probe says DOWN. */
  public void markStopping() {
    phase.set(Phase.STOPPING);
  }
}
