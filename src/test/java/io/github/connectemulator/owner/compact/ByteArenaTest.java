package io.github.connectemulator.owner.compact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ByteArenaTest {

  private static final long[] EDGES = {0, 1, -1, 63, 64, -64, -65, 127, 128, 300, -300, Integer.MAX_VALUE,
      Integer.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE, 1_700_000_000_000L};

  @Test
  void numbersReadBackAsWritten() {
    var arena = new ByteArena(16);
    for (long value : EDGES) {
      arena.writeSigned(value);
      arena.writeUnsigned(value);
      arena.writeLong(value);
    }
    ByteArena.Reader reader = arena.reader().at(0);
    for (long value : EDGES) {
      assertThat(reader.readSigned()).isEqualTo(value);
      assertThat(reader.readUnsigned()).isEqualTo(value);
      assertThat(reader.readLong()).isEqualTo(value);
    }
    assertThat(reader.position()).isEqualTo(arena.head());
  }

  @Test
  void smallDifferencesOfEitherSignTakeOneByte() {
    var arena = new ByteArena(16);
    arena.writeSigned(20);
    arena.writeSigned(-20);
    arena.writeSigned(0);
    assertThat(arena.head()).isEqualTo(3);
  }

  @Test
  void stringsReadBackExactlyAndCompareWithoutBeingMade() {
    String[] texts = {"", "token-1", "\u00ff\u00e9", "\u4e2d\u6587", "lone \ud800 surrogate", "a".repeat(500)};
    var arena = new ByteArena(16);
    for (String text : texts) {
      arena.writeString(text);
    }
    ByteArena.Reader reader = arena.reader().at(0);
    for (String text : texts) {
      long at = reader.position();
      assertThat(reader.readString()).isEqualTo(text);
      assertThat(reader.at(at).stringEquals(text)).isTrue();
      assertThat(reader.at(at).stringEquals(text + "x")).isFalse();
      assertThat(reader.at(at).stringEquals("x" + text)).isFalse();
      assertThat(reader.at(at).stringHash()).isEqualTo(text.hashCode());
      long after = reader.position();
      reader.at(at).skipString();
      assertThat(reader.position()).isEqualTo(after);
    }
    assertThat(arena.reader().at(0).stringEquals("x")).isFalse();
  }

  @Test
  void entriesSurviveWrapAroundAndGrowthInFirstInFirstOutUse() {
    var arena = new ByteArena(16);
    var random = new Random(3);
    var held = new ArrayDeque<long[]>(); // position, value
    for (int round = 0; round < 20_000; round++) {
      if (!held.isEmpty() && random.nextInt(3) == 0) {
        held.poll();
        arena.release(held.isEmpty() ? arena.head() : held.peek()[0]);
      } else {
        long value = random.nextLong() >> random.nextInt(64);
        held.add(new long[] {arena.head(), value});
        arena.writeSigned(value);
        arena.writeLong(value);
      }
      if (round % 1_000 == 0) {
        ByteArena.Reader reader = arena.reader();
        for (long[] entry : held) {
          reader.at(entry[0]);
          assertThat(reader.readSigned()).isEqualTo(entry[1]);
          assertThat(reader.readLong()).isEqualTo(entry[1]);
        }
      }
    }
    assertThat(arena.capacity()).as("grows to what is held at once, not to all that was written")
        .isLessThan((int) arena.head());
  }

  @Test
  void growsPastItsFirstCapacityKeepingWhatItHolds() {
    var arena = new ByteArena(16);
    arena.writeString("first");
    arena.release(arena.head());
    long at = arena.head();
    String big = "x".repeat(10_000);
    arena.writeString(big);
    assertThat(arena.capacity()).isEqualTo(16_384);
    assertThat(arena.reader().at(at).readString()).isEqualTo(big);
    assertThat(arena.size()).as("a 3-byte header, then one byte a char").isEqualTo(10_003);
  }

  @Test
  void releaseOutsideWhatItHoldsIsRefusedAndRoomIsBounded() {
    var arena = new ByteArena(16);
    arena.writeLong(1);
    arena.release(4);
    assertThatThrownBy(() -> arena.release(2)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> arena.release(9)).isInstanceOf(IllegalArgumentException.class);
    assertThat(arena.canTake(ByteArena.MAX_CAPACITY - 4)).isTrue();
    assertThat(arena.canTake(ByteArena.MAX_CAPACITY - 3)).isFalse();
  }
}
