package io.github.connectemulator.owner.compact;

import java.util.NoSuchElementException;

/** A first-in first-out queue of ints in one growing ring array: no boxed values, no node per element. */
public final class IntQueue {

  private int[] ring = new int[8];
  private int head;
  private int size;

  public void add(int value) {
    if (size == ring.length) {
      int[] larger = new int[ring.length * 2];
      for (int i = 0; i < size; i++) {
        larger[i] = ring[(head + i) & (ring.length - 1)];
      }
      ring = larger;
      head = 0;
    }
    ring[(head + size++) & (ring.length - 1)] = value;
  }

  /** The oldest value, removed. */
  public int poll() {
    if (size == 0) {
      throw new NoSuchElementException("empty");
    }
    int value = ring[head];
    head = (head + 1) & (ring.length - 1);
    size--;
    return value;
  }

  /** Removes the oldest occurrence of a value, keeping the others in order; false when it is not there. */
  public boolean remove(int value) {
    int mask = ring.length - 1;
    for (int i = 0; i < size; i++) {
      if (ring[(head + i) & mask] == value) {
        for (int j = i; j < size - 1; j++) {
          ring[(head + j) & mask] = ring[(head + j + 1) & mask];
        }
        size--;
        return true;
      }
    }
    return false;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  public int size() {
    return size;
  }
}
