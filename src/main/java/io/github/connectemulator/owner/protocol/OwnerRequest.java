package io.github.connectemulator.owner.protocol;

/**
 * A command sent to an owner of this JVM with who answers it: the requester's reply inbox and the number the inbox
 * knows the request by. The owner hands its answer to the requester instead of a Vert.x reply.
 */
public record OwnerRequest(OwnerCommand command, Requester from, long correlation) {

  /** Hands the owner's answer (a reply, or the {@code AwsFailure} it met) to the requester. */
  public void answer(Object reply) {
    from.answer(correlation, reply);
  }
}
