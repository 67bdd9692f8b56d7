package io.github.connectemulator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.connectemulator.model.Ids;
import io.github.connectemulator.owner.IdSource;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CanonicalUuidTest {

  private static final long[] EDGES = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, 0xFFFFFFFFL, 0x8000_0000_0000_0001L};

  @Test
  void everyPairOfLongsRoundTripsThroughItsText() {
    for (long high : EDGES) {
      for (long low : EDGES) {
        assertRoundTrip(high, low);
      }
    }
    var random = new Random(7);
    for (int i = 0; i < 10_000; i++) {
      assertRoundTrip(random.nextLong(), random.nextLong());
    }
    assertThat(CanonicalUuid.format(0, 0)).isEqualTo("00000000-0000-0000-0000-000000000000");
    assertThat(CanonicalUuid.format(-1, -1)).isEqualTo("ffffffff-ffff-ffff-ffff-ffffffffffff");
  }

  @Test
  void whatTheIdSourcesIssueIsCanonical() {
    IdSource random = IdSource.random();
    for (int i = 0; i < 1_000; i++) {
      assertThat(CanonicalUuid.isCanonical(Ids.randomUuid())).isTrue();
      String carrying = random.next("11111111-2222-3333-4444-555555555555", "execution", 0);
      assertThat(CanonicalUuid.isCanonical(carrying)).isTrue();
      UUID parsed = UUID.fromString(carrying);
      assertThat(parsed.version()).isEqualTo(4);
      assertThat(parsed.variant()).isEqualTo(2);
      assertThat(Ids.keyOf(parsed.getLeastSignificantBits())).as("the number of ids issued before it").isEqualTo(i);
      String seeded = IdSource.seeded(42).next("11111111-2222-3333-4444-555555555555", "execution", i);
      assertThat(CanonicalUuid.isCanonical(seeded)).isTrue();
      var halves = new CanonicalUuid.Halves();
      assertThat(halves.read(seeded)).isTrue();
      assertThat(CanonicalUuid.format(halves.high, halves.low)).isEqualTo(seeded);
    }
  }

  @Test
  void anIdSourceGivesTheIdItIssuesAsRead() {
    IdSource random = IdSource.random();
    IdSource seeded = IdSource.seeded(42);
    var key = new CanonicalUuid.Key();
    for (int i = 0; i < 1_000; i++) {
      String carrying = random.next("11111111-2222-3333-4444-555555555555", "execution", 0, key);
      UUID parsed = UUID.fromString(carrying);
      assertThat(key.text).isNull();
      assertThat(key.high).isEqualTo(parsed.getMostSignificantBits());
      assertThat(key.low).isEqualTo(parsed.getLeastSignificantBits());
      assertThat(parsed.version()).isEqualTo(4);
      assertThat(parsed.variant()).isEqualTo(2);
      assertThat(Ids.keyOf(key.low)).as("the number of ids issued before it").isEqualTo(i);
      String fromSeed = seeded.next("11111111-2222-3333-4444-555555555555", "execution", i, key);
      assertThat(key.text).isNull();
      assertThat(CanonicalUuid.format(key.high, key.low)).isEqualTo(fromSeed);
    }
  }

  @Test
  void aKeyHoldsACanonicalTextAsItsLongsAndAnyOtherAsText() {
    var key = new CanonicalUuid.Key();
    String canonical = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
    assertThat(key.take(canonical.toUpperCase())).isFalse();
    assertThat(key.text).isEqualTo(canonical.toUpperCase());
    assertThat(key.take(canonical)).isTrue();
    assertThat(key.text).isNull();
    assertThat(CanonicalUuid.format(key.high, key.low)).isEqualTo(canonical);
    key.take("token-1");
    key.take(-1, 1);
    assertThat(key.text).isNull();
    assertThat(CanonicalUuid.format(key.high, key.low)).isEqualTo("ffffffff-ffff-ffff-0000-000000000001");
  }

  @Test
  void onlyTheExactLowercaseFormIsCanonical() {
    String valid = "4f3a7c88-edcd-4843-a703-9927cd008d43";
    assertThat(CanonicalUuid.isCanonical(valid)).isTrue();
    assertThat(CanonicalUuid.isCanonical(valid.toUpperCase())).isFalse();
    assertThat(CanonicalUuid.isCanonical("4F3a7c88-edcd-4843-a703-9927cd008d43")).isFalse();
    assertThat(CanonicalUuid.isCanonical(valid.substring(1))).isFalse();
    assertThat(CanonicalUuid.isCanonical(valid + "0")).isFalse();
    assertThat(CanonicalUuid.isCanonical("4f3a7c88edcd-4843-a703-9927cd008d43-")).isFalse();
    assertThat(CanonicalUuid.isCanonical("4f3a7c88-edcd-4843-a703-9927cd008d4g")).isFalse();
    assertThat(CanonicalUuid.isCanonical("4f3a7c88-edcd-4843-a703-9927cd008d4\u0663")).isFalse();
    assertThat(CanonicalUuid.isCanonical("4f3a7c88-edcd-4843-a703-9927cd008d4\uff10")).isFalse();
    // Past ASCII, though the character's low seven bits are a digit's ('c').
    assertThat(CanonicalUuid.isCanonical("\u00e3f3a7c88-edcd-4843-a703-9927cd008d43")).isFalse();
    assertThat(CanonicalUuid.isCanonical("4f3a7c88-edcd-4843-a703-9927cd008d4 ")).isFalse();
    assertThat(CanonicalUuid.isCanonical("")).isFalse();
    assertThat(CanonicalUuid.isCanonical("exec-1")).isFalse();
    // UUID.fromString takes short groups; they are another id here.
    assertThat(CanonicalUuid.isCanonical("1-2-3-4-5")).isFalse();
  }

  @Test
  void longsCompareAsTheirTextsDo() {
    var random = new Random(11);
    long[] values = new long[EDGES.length + 20];
    System.arraycopy(EDGES, 0, values, 0, EDGES.length);
    for (int i = EDGES.length; i < values.length; i++) {
      values[i] = random.nextLong();
    }
    for (long a : values) {
      for (long b : values) {
        long low = random.nextLong();
        assertThat(Integer.signum(CanonicalUuid.compare(a, low, b, low ^ 1)))
            .isEqualTo(Integer.signum(CanonicalUuid.format(a, low).compareTo(CanonicalUuid.format(b, low ^ 1))));
      }
    }
  }

  private static void assertRoundTrip(long high, long low) {
    String text = CanonicalUuid.format(high, low);
    assertThat(text).isEqualTo(new UUID(high, low).toString());
    assertThat(CanonicalUuid.isCanonical(text)).as(text).isTrue();
    var halves = new CanonicalUuid.Halves();
    assertThat(halves.read(text)).as(text).isTrue();
    assertThat(halves.high).isEqualTo(high);
    assertThat(halves.low).isEqualTo(low);
  }
}
