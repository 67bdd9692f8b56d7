package io.github.connectemulator.owner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.connectemulator.model.CanonicalUuid;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RunKeyTest {

  private final RunKey key = new RunKey();

  @Test
  void aCanonicalUuidIsReadAsItsTwoHalves() {
    var random = new Random(7);
    for (int i = 0; i < 10_000; i++) {
      var uuid = new UUID(random.nextLong(), random.nextLong());
      int hash = key.set(uuid.toString());
      assertNull(key.text);
      assertEquals(uuid.getMostSignificantBits(), key.high);
      assertEquals(uuid.getLeastSignificantBits(), key.low);
      assertEquals(RunKey.uuidHash(uuid.getMostSignificantBits(), uuid.getLeastSignificantBits()), hash);
      assertEquals(CanonicalUuid.format(key.high, key.low), uuid.toString());
    }
  }

  @Test
  void anyOtherTextStaysText() {
    String canonical = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
    for (String other : new String[] {
        canonical.toUpperCase(), canonical.replace('-', '_'), canonical.substring(1) + "0",
        "0f1e2d3c4-b5a-6978-8796-a5b4c3d2e1f0", canonical.replace('f', 'g'), canonical.replace('0', '\u0660'),
        canonical + "0", "", "token-1"}) {
      assertEquals(other.hashCode(), key.set(other), other);
      assertEquals(other, key.text);
    }
    key.set(canonical);
    assertNull(key.text);
  }

  @Test
  void theSameTextIsReadOnceAndAnotherTextAgain() {
    String first = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
    assertEquals(key, key.of(first));
    long high = key.high;
    key.high = 0; // were it read again, this would be mended
    key.of(first);
    assertEquals(0, key.high);
    key.of(new String(first)); // equal text, another string: read again
    assertEquals(high, key.high);
    key.of("token");
    assertEquals("token", key.text);
    assertEquals("token".hashCode(), key.hash);
    key.set(first);
    key.high = 0;
    key.of(first); // set() forgets what of() read
    assertEquals(high, key.high);
  }
}
