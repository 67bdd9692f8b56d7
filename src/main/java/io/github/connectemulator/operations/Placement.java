package io.github.connectemulator.operations;

import java.util.List;

/**
 * Who owns an instance's state. Every command for an instance goes to that owner, so each instance has one owner and
 * needs no coordination. This is the only place owner addresses are known: cluster mode replaces this seam with
 * placement across nodes.
 */
public interface Placement {

  /** The owner of this instance (an instance key, account-scoped when SigV4 names an account). */
  OwnerRef ownerOf(String instanceKey);

  /** Every owner, for commands that concern them all (the admin API's stats and reset, the metrics' gauges). */
  List<OwnerRef> owners();
}
