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
    return version4(random.nextLong(), random.nextLong());
  }

  /** These bits as a UUID v4: the version and variant bits set, the other 122 as given. */
  private static String version4(long most, long least) {
    return new UUID((most & ~0xF000L) | 0x4000L, (least & ~(0xC000L << 48)) | (0x8000L << 48)).toString();
  }

  /** Multiplying by it spreads consecutive numbers over all 32 bits; odd, so it can be undone (see {@link #keyOf}). */
  private static final int SCRAMBLE = 0x9E3779B1;
  private static final int UNSCRAMBLE = inverse(SCRAMBLE);

  /**
   * A random UUID v4 that carries {@code key} in its last 32 bits, scrambled so that ids issued in a row do not look
   * it: {@link #keyOf} reads it back. It keeps 90 random bits.
   */
  public static String randomUuidCarrying(int key) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return version4(random.nextLong(), (random.nextLong() & ~0xFFFFFFFFL) | Integer.toUnsignedLong(key * SCRAMBLE));
  }

  /** The key a {@link #randomUuidCarrying} id carries, from the UUID's low 64 bits (any UUID gives some key). */
  public static int keyOf(long leastSignificantBits) {
    return (int) leastSignificantBits * UNSCRAMBLE;
  }

  /** The inverse of an odd number modulo 2^32, by Newton's iteration (each step doubles the bits that are right). */
  private static int inverse(int odd) {
    int inverse = odd;
    for (int i = 0; i < 5; i++) {
      inverse *= 2 - odd * inverse;
    }
    return inverse;
  }
}
