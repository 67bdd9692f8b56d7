package io.github.connectemulator.model;

import java.util.UUID;

/**
 * The text of a UUID in its canonical lowercase form ({@code 8-4-4-4-12} hexadecimal digits, the form of every id the
 * emulator issues) as two longs, and back. Only that exact form converts: an uppercase or otherwise different text
 * is another id, which callers keep as text.
 *
 * <p>Canonical texts sort as their two longs do, compared unsigned: the digits sit at fixed places, and '0'-'9' sort
 * before 'a'-'f'.
 */
public final class CanonicalUuid {

  private static final int LENGTH = 36;
  /** Digit value of each ASCII character, or -1: lowercase hexadecimal digits only. */
  private static final byte[] DIGITS = new byte[128];

  static {
    java.util.Arrays.fill(DIGITS, (byte) -1);
    for (int c = '0'; c <= '9'; c++) {
      DIGITS[c] = (byte) (c - '0');
    }
    for (int c = 'a'; c <= 'f'; c++) {
      DIGITS[c] = (byte) (c - 'a' + 10);
    }
  }

  private CanonicalUuid() {}

  /**
   * A canonical text's two longs, read in one pass that also checks the form (a run store reads an id or a token on
   * every lookup and every Start). Its user keeps one and reads into it, so that no object is made per read.
   */
  public static class Halves {
    public long high;
    public long low;

    /** Whether {@code text} is canonical; when it is, {@link #high} and {@link #low} now hold its two longs. */
    public boolean read(String text) {
      return parse(text, this);
    }
  }

  public static boolean isCanonical(String text) {
    return parse(text, null);
  }

  /** Whether {@code text} is canonical; when it is and {@code into} is given, its two longs go there. */
  private static boolean parse(String text, Halves into) {
    if (text.length() != LENGTH) {
      return false;
    }
    long high = 0;
    long value = 0;
    for (int i = 0; i < LENGTH; i++) {
      char c = text.charAt(i);
      if (isDash(i)) {
        if (c != '-') {
          return false;
        }
        if (i == 18) {
          high = value;
          value = 0;
        }
      } else if (c >= 128 || DIGITS[c] < 0) {
        return false;
      } else {
        value = value << 4 | DIGITS[c];
      }
    }
    if (into != null) {
      into.high = high;
      into.low = value;
    }
    return true;
  }

  /** The canonical text of two longs; every pair has one. */
  public static String format(long high, long low) {
    return new UUID(high, low).toString();
  }

  /** The order of the two ids' canonical texts. */
  public static int compare(long high, long low, long otherHigh, long otherLow) {
    int byHigh = Long.compareUnsigned(high, otherHigh);
    return byHigh != 0 ? byHigh : Long.compareUnsigned(low, otherLow);
  }

  private static boolean isDash(int index) {
    return index == 8 || index == 13 || index == 18 || index == 23;
  }
}
