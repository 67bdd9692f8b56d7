package io.github.connectemulator.model;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Random identifiers in AWS's usual form, a lowercase UUID v4. */
public final class Ids {

  private Ids() {}

  /**
   * A random UUID v4 drawn from {@link ThreadLocalRandom}: ids need to be unique, not unguessable, and
   * {@link UUID#randomUUID()} goes through a shared SecureRandom on every call.
   */
  public static String randomUuid() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long most = (random.nextLong() & ~0xF000L) | 0x4000L;
    long least = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48);
    return new UUID(most, least).toString();
  }
}
