package io.github.connectemulator.operations;

import java.util.ArrayList;
import java.util.List;

/** Single-node placement: a fixed set of owners in this process, and instances spread over them by hash. */
public final class LocalPlacement implements Placement {

  private static final String OWNER_PREFIX = "connect-emulator.owner.";

  private final List<OwnerRef> owners;

  public LocalPlacement(int ownerCount) {
    var refs = new ArrayList<OwnerRef>(ownerCount);
    for (int i = 0; i < ownerCount; i++) {
      refs.add(new OwnerRef(i, OWNER_PREFIX + i));
    }
    this.owners = List.copyOf(refs);
  }

  @Override
  public OwnerRef ownerOf(String instanceKey) {
    return owners.get(Math.floorMod(instanceKey.hashCode(), owners.size()));
  }

  @Override
  public List<OwnerRef> owners() {
    return owners;
  }
}
