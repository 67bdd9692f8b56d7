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
    return new UUID(withVersion(most), withVariant(least)).toString();
  }

  private static long withVersion(long most) {
    return (most & ~0xF000L) | 0x4000L;
  }

  private static long withVariant(long least) {
    return (least & ~(0xC000L << 48)) | (0x8000L << 48);
  }

  /** Multiplying by it spreads consecutive numbers over all 32 bits; odd, so it can be undone (see {@link #keyOf}). */
  private static final int SCRAMBLE = 0x9E3779B1;
  private static final int UNSCRAMBLE = inverse(SCRAMBLE);

  /**
   * A random UUID v4 that carries {@code key} in its last 32 bits, scrambled so that ids issued in a row do not look
   * it: {@link #keyOf} reads it back. It keeps 90 random bits.
   */
  public static String randomUuidCarrying(int key) {
    return randomUuidCarrying(key, new CanonicalUuid.Key());
  }

  /** As {@link #randomUuidCarrying(int)}, with the id's two longs put in {@code into} as well. */
  public static String randomUuidCarrying(int key, CanonicalUuid.Key into) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    into.take(withVersion(random.nextLong()),
        withVariant((random.nextLong() & ~0xFFFFFFFFL) | Integer.toUnsignedLong(key * SCRAMBLE)));
    return CanonicalUuid.format(into.high, into.low);
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
