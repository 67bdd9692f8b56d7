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

  /**
   * An id or a token as a run keeps it, read once: a canonical text as its two longs ({@link #text} null), any other
   * text as itself. A Start reads its ClientToken for the token lookups and its new id as it is made, and the run
   * takes both as read.
   */
  public static class Key extends Halves {
    /** The text when it is not canonical, else null. */
    public String text;

    /** Reads {@code key} into this; returns whether it is canonical. */
    public boolean take(String key) {
      boolean canonical = read(key);
      text = canonical ? null : key;
      return canonical;
    }

    /** Takes a canonical UUID's two longs, whose text is {@link #format}{@code (high, low)}. */
    public void take(long high, long low) {
      this.high = high;
      this.low = low;
      text = null;
    }
  }

  public static boolean isCanonical(String text) {
    return parse(text, null);
  }

  /** Whether {@code text} is canonical; when it is and {@code into} is given, its two longs go there. */
  private static boolean parse(String text, Halves into) {
    if (text.length() != LENGTH || text.charAt(8) != '-' || text.charAt(13) != '-' || text.charAt(18) != '-'
        || text.charAt(23) != '-') {
      return false;
    }
    // Each group read on its own, with no test per character: a character that is no digit makes its group
    // negative (see digits), and one test at the end catches every group.
    long first = digits(text, 0, 8);
    long second = digits(text, 9, 13);
    long third = digits(text, 14, 18);
    long fourth = digits(text, 19, 23);
    long last = digits(text, 24, LENGTH);
    if ((first | second | third | fourth | last) < 0) {
      return false;
    }
    if (into != null) {
      into.high = first << 32 | second << 16 | third;
      into.low = fourth << 48 | last;
    }
    return true;
  }

  /**
   * The hexadecimal digits from {@code from} to {@code to} (at most 12) as a number, or a negative number when one of
   * them is not a lowercase hexadecimal digit.
   */
  private static long digits(String text, int from, int to) {
    long value = 0;
    int invalid = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      // -1 for anything past ASCII (its sign bit set by 127 - c), else the table's value (-1 for non-digits).
      int digit = DIGITS[c & 0x7F] | (127 - c) >> 31;
      invalid |= digit;
      value = value << 4 | (digit & 0xF);
    }
    return invalid < 0 ? -1 : value;
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
}
