package io.github.connectemulator.admin;

import io.github.connectemulator.operations.Addresses;
import io.github.connectemulator.owner.protocol.AdminCommand;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import java.util.ArrayList;
import java.util.List;

/** One admin command to every execution owner, for the callers that need all of them (admin API, metrics). */
public final class EveryOwner {

  private EveryOwner() {}

  /** The owners' replies, in owner order. */
  public static List<Future<Object>> ask(EventBus bus, int ownerCount, AdminCommand command) {
    var replies = new ArrayList<Future<Object>>(ownerCount);
    for (int i = 0; i < ownerCount; i++) {
      replies.add(bus.request(Addresses.owner(i), command).map(message -> message.body()));
    }
    return replies;
  }
}
