package io.github.connectemulator.owner.compact;

/**
 * A hash index from keys to int slots where the keys themselves stay with the caller (in its columns): each cell is
 * one long holding a key's 32-bit hash and its slot, so the index is one array the garbage collector never walks.
 * Open addressing with linear probing; a removal shifts the cells after it back, so no tombstones pile up.
 *
 * <p>A lookup gives the caller's {@link SlotMatcher} the slots whose hash is the key's, and the caller decides.
 */
public final class SlotIndex {

  /** Decides whether the key at a slot is the one looked for. */
  @FunctionalInterface
  public interface SlotMatcher {
    boolean matches(int slot);
  }

  private static final int MAX_CAPACITY = 1 << 30;

  /** 0: empty; otherwise the hash in the high half and slot + 1 in the low half. */
  private long[] cells = new long[16];
  private int size;

  public int size() {
    return size;
  }

  /** Adds a slot under its key's hash; slots are 0 to 2^31 - 2. */
  public void put(int hash, int slot) {
    if (size + 1 > cells.length / 2 && cells.length < MAX_CAPACITY) {
      grow();
    }
    insert(cell(hash, slot));
    size++;
  }

  /** The first slot under this hash that the matcher accepts, or -1. */
  public int find(int hash, SlotMatcher matcher) {
    int mask = cells.length - 1;
    for (int i = home(hash, mask); cells[i] != 0; i = (i + 1) & mask) {
      if ((int) (cells[i] >>> 32) == hash && matcher.matches(slotOf(cells[i]))) {
        return slotOf(cells[i]);
      }
    }
    return -1;
  }

  /** Removes a slot added under this hash; false when it is not there. */
  public boolean remove(int hash, int slot) {
    long wanted = cell(hash, slot);
    int mask = cells.length - 1;
    for (int i = home(hash, mask); cells[i] != 0; i = (i + 1) & mask) {
      if (cells[i] == wanted) {
        shiftBack(i);
        size--;
        return true;
      }
    }
    return false;
  }

  /** Forgets every slot, keeping the capacity. */
  public void clear() {
    java.util.Arrays.fill(cells, 0);
    size = 0;
  }

  /** Cells the index has: for tests and memory accounting. */
  public int capacity() {
    return cells.length;
  }

  /**
   * Empties cell {@code hole}, then moves back every later cell of the same run of full cells that may sit there,
   * i.e. whose home is not cyclically between the hole and the cell itself (Knuth's deletion for linear probing).
   */
  private void shiftBack(int hole) {
    int mask = cells.length - 1;
    int i = hole;
    while (true) {
      i = (i + 1) & mask;
      long cell = cells[i];
      if (cell == 0) {
        break;
      }
      int home = home((int) (cell >>> 32), mask);
      boolean staysPut = hole <= i ? hole < home && home <= i : hole < home || home <= i;
      if (!staysPut) {
        cells[hole] = cell;
        hole = i;
      }
    }
    cells[hole] = 0;
  }

  private void grow() {
    long[] old = cells;
    cells = new long[old.length * 2];
    for (long cell : old) {
      if (cell != 0) {
        insert(cell);
      }
    }
  }

  private void insert(long cell) {
    int mask = cells.length - 1;
    int i = home((int) (cell >>> 32), mask);
    while (cells[i] != 0) {
      i = (i + 1) & mask;
    }
    cells[i] = cell;
  }

  private static long cell(int hash, int slot) {
    return (long) hash << 32 | (slot + 1L);
  }

  private static int slotOf(long cell) {
    return (int) cell - 1;
  }

  /** Spreads the hash (Murmur3's finaliser) so that similar hashes land apart. */
  private static int home(int hash, int mask) {
    int h = hash;
    h ^= h >>> 16;
    h *= 0x85EBCA6B;
    h ^= h >>> 13;
    h *= 0xC2B2AE35;
    h ^= h >>> 16;
    return h & mask;
  }
}
