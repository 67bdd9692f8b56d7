package io.github.connectemulator.owner.compact;

/**
 * Variable-length data of entries that leave in the order they came (first in, first out), in one growing byte ring:
 * one array for all of them, which the garbage collector never walks.
 *
 * <p>Data is addressed by logical positions that only grow: an entry keeps the position it was written at however
 * often the ring wraps or grows. {@link #release} frees everything before a position.
 *
 * <p>Encodings: variable-length integers (7 bits a byte; signed ones zigzag-encoded, so small differences of
 * either sign take one byte), fixed 8-byte longs, and strings as their UTF-16 chars, one byte each when every char
 * fits in one (exact for any string, lone surrogates included).
 */
public final class ByteArena {

  /** The largest ring: 1 GiB. */
  public static final int MAX_CAPACITY = 1 << 30;

  private byte[] bytes;
  private long head;
  private long tail;

  public ByteArena(int initialCapacity) {
    bytes = new byte[Math.max(16, Integer.highestOneBit(Math.max(1, initialCapacity - 1)) << 1)];
  }

  /** Where the next byte is written. */
  public long head() {
    return head;
  }

  /** Bytes held. */
  public long size() {
    return head - tail;
  }

  public int capacity() {
    return bytes.length;
  }

  /** Whether {@code more} bytes can be written, growing the ring if need be. */
  public boolean canTake(long more) {
    return size() + more <= MAX_CAPACITY;
  }

  /** Frees every byte before {@code position}, which must lie between the oldest byte held and the head. */
  public void release(long position) {
    if (position < tail || position > head) {
      throw new IllegalArgumentException("position " + position + " outside [" + tail + ", " + head + "]");
    }
    tail = position;
  }

  public void writeLong(long value) {
    ensure(8);
    for (int shift = 56; shift >= 0; shift -= 8) {
      put((byte) (value >>> shift));
    }
  }

  /** A value of either sign; those near zero take the fewest bytes. */
  public void writeSigned(long value) {
    writeUnsigned(value << 1 ^ value >> 63);
  }

  /** A value read as unsigned: non-negative ones near zero take the fewest bytes. */
  public void writeUnsigned(long value) {
    ensure(10);
    while ((value & ~0x7FL) != 0) {
      put((byte) (value & 0x7F | 0x80));
      value >>>= 7;
    }
    put((byte) value);
  }

  public void writeString(String text) {
    boolean wide = false;
    for (int i = 0; i < text.length() && !wide; i++) {
      wide = text.charAt(i) > 0xFF;
    }
    writeUnsigned((long) text.length() << 1 | (wide ? 1 : 0));
    ensure((long) text.length() * (wide ? 2 : 1));
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (wide) {
        put((byte) (c >>> 8));
      }
      put((byte) c);
    }
  }

  /** Bytes {@link #writeString} takes at most for a string of this length. */
  public static long maxStringBytes(int length) {
    return 5 + 2L * length;
  }

  /** A reader positioned anywhere in the held bytes; reuse one rather than making one per read. */
  public Reader reader() {
    return new Reader();
  }

  private void put(byte value) {
    bytes[(int) (head++ & (bytes.length - 1))] = value;
  }

  private byte at(long position) {
    return bytes[(int) (position & (bytes.length - 1))];
  }

  private void ensure(long more) {
    long needed = size() + more;
    if (needed <= bytes.length) {
      return;
    }
    if (needed > MAX_CAPACITY) {
      throw new IllegalStateException("the arena holds at most " + MAX_CAPACITY + " bytes");
    }
    int capacity = bytes.length;
    while (capacity < needed) {
      capacity <<= 1;
    }
    // Each held byte moves to where its logical position falls in the larger ring.
    byte[] grown = new byte[capacity];
    for (long position = tail; position < head; position++) {
      grown[(int) (position & (capacity - 1))] = at(position);
    }
    bytes = grown;
  }

  /** Reads what was written, from a position on. */
  public final class Reader {

    private long position;

    private Reader() {}

    public Reader at(long position) {
      this.position = position;
      return this;
    }

    public long position() {
      return position;
    }

    public long readLong() {
      long value = 0;
      for (int i = 0; i < 8; i++) {
        value = value << 8 | (ByteArena.this.at(position++) & 0xFF);
      }
      return value;
    }

    public long readSigned() {
      long zigzag = readUnsigned();
      return zigzag >>> 1 ^ -(zigzag & 1);
    }

    public long readUnsigned() {
      long value = 0;
      for (int shift = 0; ; shift += 7) {
        byte next = ByteArena.this.at(position++);
        value |= (long) (next & 0x7F) << shift;
        if (next >= 0) {
          return value;
        }
      }
    }

    public String readString() {
      long header = readUnsigned();
      char[] chars = new char[(int) (header >>> 1)];
      for (int i = 0; i < chars.length; i++) {
        chars[i] = readChar((header & 1) != 0);
      }
      return new String(chars);
    }

    /** Whether the string here equals {@code text}; reads past it either way. */
    public boolean stringEquals(String text) {
      long header = readUnsigned();
      int length = (int) (header >>> 1);
      boolean wide = (header & 1) != 0;
      boolean equal = length == text.length();
      for (int i = 0; i < length; i++) {
        char c = readChar(wide);
        equal = equal && c == text.charAt(i);
      }
      return equal;
    }

    /** The {@link String#hashCode} of the string here, without making the string; reads past it. */
    public int stringHash() {
      long header = readUnsigned();
      int hash = 0;
      for (long i = header >>> 1; i > 0; i--) {
        hash = 31 * hash + readChar((header & 1) != 0);
      }
      return hash;
    }

    public void skipString() {
      long header = readUnsigned();
      position += (header >>> 1) * ((header & 1) != 0 ? 2 : 1);
    }

    private char readChar(boolean wide) {
      int c = ByteArena.this.at(position++) & 0xFF;
      return wide ? (char) (c << 8 | ByteArena.this.at(position++) & 0xFF) : (char) c;
    }
  }
}
