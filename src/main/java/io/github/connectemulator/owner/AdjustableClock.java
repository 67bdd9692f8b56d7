package io.github.connectemulator.owner;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The emulator's clock: the system clock plus an offset that the admin API moves forward, so that a test can reach
 * the 5-minute cap (or any timer) without waiting. Owners read it; only the admin API moves it.
 */
public final class AdjustableClock extends Clock {

  private final AtomicLong offsetMillis = new AtomicLong();

  /** Moves the clock forward; negative amounts are refused, as time never goes back for a run. */
  public long advance(long millis) {
    if (millis < 0) {
      throw new IllegalArgumentException("the clock only moves forward");
    }
    return offsetMillis.addAndGet(millis);
  }

  /**
   * Brings the offset up to {@code millis} if it is below: a restart going on from the time its journal reached.
   * Never lowers it, so owners restoring their journals at once leave the highest.
   */
  public void raiseOffsetTo(long millis) {
    offsetMillis.accumulateAndGet(millis, Math::max);
  }

  public long offsetMillis() {
    return offsetMillis.get();
  }

  @Override
  public long millis() {
    return System.currentTimeMillis() + offsetMillis.get();
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
