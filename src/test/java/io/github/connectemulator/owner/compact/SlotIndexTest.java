package io.github.connectemulator.owner.compact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SlotIndexTest {

  @Test
  void findsWhatWasPutAndNothingElse() {
    var index = new SlotIndex();
    long[] keys = new long[100];
    for (int slot = 0; slot < keys.length; slot++) {
      keys[slot] = slot * 1_000_003L;
      index.put(Long.hashCode(keys[slot]), slot);
    }
    for (int slot = 0; slot < keys.length; slot++) {
      long key = keys[slot];
      assertThat(index.find(Long.hashCode(key), s -> keys[s] == key)).isEqualTo(slot);
    }
    assertThat(index.find(Long.hashCode(7L), s -> keys[s] == 7L)).isEqualTo(-1);
    assertThat(index.size()).isEqualTo(100);
    assertThat(index.capacity()).isGreaterThanOrEqualTo(200);
  }

  /** Against a map, with hashes that collide a lot: removals must leave every other key findable. */
  @Test
  void staysRightThroughRandomPutsAndRemovalsWithCollidingHashes() {
    var random = new Random(5);
    var index = new SlotIndex();
    Map<Integer, Integer> model = new HashMap<>(); // slot -> hash
    for (int round = 0; round < 50_000; round++) {
      int slot = random.nextInt(2_000);
      int hash = random.nextInt(40) * 0x10000; // few distinct hashes, and homes that cluster
      Integer present = model.get(slot);
      if (present != null) {
        assertThat(index.remove(present, slot)).isTrue();
        model.remove(slot);
      } else {
        index.put(hash, slot);
        model.put(slot, hash);
      }
      if (round % 5_000 == 0) {
        for (var entry : model.entrySet()) {
          int wanted = entry.getKey();
          assertThat(index.find(entry.getValue(), s -> s == wanted)).isEqualTo(wanted);
        }
      }
    }
    assertThat(index.size()).isEqualTo(model.size());
    assertThat(index.remove(12345, 99_999)).isFalse();
    index.clear();
    assertThat(index.size()).isZero();
    assertThat(index.find(0, s -> true)).isEqualTo(-1);
  }

  @Test
  void aLookupSeesOnlySlotsOfItsHash() {
    var index = new SlotIndex();
    index.put(1, 10);
    index.put(2, 20);
    index.put(1, 30);
    assertThat(index.find(1, s -> s != 10)).isEqualTo(30);
    assertThat(index.find(2, s -> s != 20)).isEqualTo(-1);
    assertThat(index.remove(2, 10)).as("same slot under another hash").isFalse();
  }
}
