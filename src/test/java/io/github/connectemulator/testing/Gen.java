package io.github.connectemulator.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * The values of one generated test case, all drawn from the case's own random stream: the same case seed gives the
 * same values, whatever other cases did. Deliberately small: choices, numbers in a range, strings, lists, bytes.
 */
public final class Gen {

  /** A choice with its relative weight, for {@link #frequency}. */
  public record Weighted<T>(int weight, Supplier<? extends T> value) {}

  /** Byte order mark, zero-width space, line and paragraph separators, replacement character. */
  private static final String SPECIALS = "\uFEFF\u200B\u2028\u2029\uFFFD";

  private final SplittableRandom random;

  public Gen(long caseSeed) {
    this.random = new SplittableRandom(caseSeed);
  }

  /**
   * The generator of case {@code index} of a run seeded with {@code seed}. Both are mixed, so neighbouring indices get
   * unrelated streams, and a case can be replayed alone without generating the ones before it.
   */
  public static Gen forCase(long seed, long index) {
    return new Gen(mix(seed ^ mix(index + 0x9E3779B97F4A7C15L)));
  }

  /** Stafford's variant 13 of the MurmurHash3 finalizer, as in SplittableRandom. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Inclusive at both ends. */
  public int between(int min, int max) {
    return random.nextInt(min, max + 1);
  }

  /** Inclusive at both ends. */
  public long between(long min, long max) {
    return random.nextLong(min, max + 1);
  }

  public double between(double min, double max) {
    return random.nextDouble(min, max);
  }

  public boolean bool() {
    return random.nextBoolean();
  }

  public long anyLong() {
    return random.nextLong();
  }

  public <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  @SafeVarargs
  public final <T> T pick(T... values) {
    return values[random.nextInt(values.length)];
  }

  /** One of the generators, each as likely, then its value. */
  @SafeVarargs
  public final <T> T oneOf(Supplier<? extends T>... choices) {
    return choices[random.nextInt(choices.length)].get();
  }

  public static <T> Weighted<T> weighted(int weight, Supplier<? extends T> value) {
    return new Weighted<>(weight, value);
  }

  /** One of the generators, chosen in proportion to its weight, then its value. */
  @SafeVarargs
  public final <T> T frequency(Weighted<? extends T>... choices) {
    int total = 0;
    for (Weighted<? extends T> choice : choices) {
      total += choice.weight();
    }
    int ticket = random.nextInt(total);
    for (Weighted<? extends T> choice : choices) {
      ticket -= choice.weight();
      if (ticket < 0) {
        return choice.value().get();
      }
    }
    throw new IllegalStateException("weights must be positive");
  }

  public <T> List<T> list(int minSize, int maxSize, Supplier<? extends T> element) {
    int size = between(minSize, maxSize);
    List<T> list = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      list.add(element.get());
    }
    return list;
  }

  /** Characters from {@code first} to {@code last}, except the excluded ones. */
  public String string(char first, char last, int minLength, int maxLength, char... excluded) {
    int length = between(minLength, maxLength);
    var text = new StringBuilder(length);
    while (text.length() < length) {
      char c = (char) between(first, last);
      if (String.valueOf(excluded).indexOf(c) < 0) {
        text.append(c);
      }
    }
    return text.toString();
  }

  /** Letters a-z and A-Z. */
  public String alpha(int minLength, int maxLength) {
    int length = between(minLength, maxLength);
    var text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      char c = (char) between('a', 'z');
      text.append(bool() ? c : Character.toUpperCase(c));
    }
    return text.toString();
  }

  /**
   * Any UTF-16 text of that many chars, in equal parts: printable ASCII, control characters, Latin-1 and the
   * invisible or line-breaking specials, any other BMP character, characters outside the BMP (surrogate pairs), and
   * lone surrogates. A pair cut by the length limit leaves a lone surrogate too.
   */
  public String unicode(int minLength, int maxLength) {
    int length = between(minLength, maxLength);
    var text = new StringBuilder(length + 1);
    while (text.length() < length) {
      switch (random.nextInt(6)) {
        case 0 -> text.append((char) between(' ', '~'));
        case 1 -> text.append(bool() ? (char) between(0, 0x1F) : '\u007F');
        case 2 -> text.append(bool() ? (char) between(0x80, 0xFF) : SPECIALS.charAt(random.nextInt(SPECIALS.length())));
        case 3 -> text.append(otherBmpChar());
        case 4 -> text.appendCodePoint(between(0x10000, 0x10FFFF));
        default -> text.append((char) between(0xD800, 0xDFFF));
      }
    }
    text.setLength(length);
    return text.toString();
  }

  /** A BMP character that is neither a surrogate, nor private use, nor a noncharacter. */
  private char otherBmpChar() {
    while (true) {
      char c = (char) between(0x100, 0xFFFD);
      boolean surrogateOrPrivate = c >= 0xD800 && c <= 0xF8FF;
      boolean nonCharacter = c >= 0xFDD0 && c <= 0xFDEF;
      if (!surrogateOrPrivate && !nonCharacter) {
        return c;
      }
    }
  }

  public byte[] bytes(int minLength, int maxLength) {
    byte[] bytes = new byte[between(minLength, maxLength)];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) random.nextInt(256);
    }
    return bytes;
  }
}
