package io.github.connectemulator.owner;

import io.github.connectemulator.model.CanonicalUuid;
import io.github.connectemulator.model.Ids;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Where test case and execution ids come from: random UUIDs, or, with a seed, UUIDs derived from the seed, the
 * instance and a per-instance counter, so that the same sequence of operations on an instance yields the same ids
 * in every run whatever other instances do meanwhile.
 */
public interface IdSource {

  String next(String instanceId, String kind, long counter);

  /** As {@link #next(String, String, long)}, with the id also read into {@code into}. */
  default String next(String instanceId, String kind, long counter, CanonicalUuid.Key into) {
    String id = next(instanceId, kind, counter);
    into.take(id);
    return id;
  }

  /**
   * Random UUIDs, each carrying the number of ids this source issued before it ({@link Ids#randomUuidCarrying}): an
   * owner's finished runs are found by that number, in the order they started, rather than by a hash of the id
   * (see FinishedRuns). One source per owner.
   */
  static IdSource random() {
    return new IdSource() {
      private int issued;

      @Override
      public String next(String instanceId, String kind, long counter) {
        return Ids.randomUuidCarrying(issued++);
      }

      @Override
      public String next(String instanceId, String kind, long counter, CanonicalUuid.Key into) {
        // Made from two longs: the run takes those, not a parse of the text.
        return Ids.randomUuidCarrying(issued++, into);
      }
    };
  }

  static IdSource seeded(long seed) {
    return (instanceId, kind, counter) -> {
      UUID named = UUID.nameUUIDFromBytes(
          (seed + "/" + instanceId + "/" + kind + "/" + counter).getBytes(StandardCharsets.UTF_8));
      // Shown as version 4, the form AWS ids have, rather than the version 3 of a name-based UUID.
      long most = (named.getMostSignificantBits() & ~0xF000L) | 0x4000L;
      return new UUID(most, named.getLeastSignificantBits()).toString();
    };
  }
}
