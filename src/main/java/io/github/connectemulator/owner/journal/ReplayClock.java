package io.github.connectemulator.owner.journal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/** The owner's clock: the emulator's, except while a journal is replayed, when it shows each entry's own time. */
public final class ReplayClock extends Clock {

  private final Clock live;
  private long pinned = Long.MIN_VALUE;

  public ReplayClock(Clock live) {
    this.live = live;
  }

  public void pin(long millis) {
    pinned = millis;
  }

  public void unpin() {
    pinned = Long.MIN_VALUE;
  }

  @Override
  public long millis() {
    return pinned == Long.MIN_VALUE ? live.millis() : pinned;
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }

  @Override
  public ZoneId getZone() {
    return live.getZone();
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the owner's clock has one zone");
  }
}
