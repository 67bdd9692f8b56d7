package io.github.connectemulator.owner.protocol;

import io.vertx.core.eventbus.EventBus;

/**
 * A command sent to an owner with where its answer goes: the requester's reply inbox and the number the inbox knows
 * the request by. The owner answers with an {@link OwnerReply} sent there, instead of a Vert.x reply.
 */
public record OwnerRequest(OwnerCommand command, String replyTo, long correlation) {

  /** Sends the owner's answer (a reply, or the {@code AwsFailure} it met) to the requester's inbox. */
  public void answer(EventBus bus, Object reply) {
    bus.send(replyTo, new OwnerReply(correlation, reply));
  }
}
