package io.github.connectemulator.operations;

/** Event-bus addresses of the emulator. */
public final class Addresses {

  private static final String OWNER_PREFIX = "connect-emulator.owner.";

  private Addresses() {}

  /** Where execution owner {@code index} (0-based) takes its {@link OwnerCommand}s. */
  public static String owner(int index) {
    return OWNER_PREFIX + index;
  }

  /**
   * The owner of an instance: instances are spread over owners by hash, and all state of one instance stays
   * with one owner, so operations on one instance need no coordination.
   */
  public static int ownerIndex(String instanceId, int ownerCount) {
    return Math.floorMod(instanceId.hashCode(), ownerCount);
  }
}
