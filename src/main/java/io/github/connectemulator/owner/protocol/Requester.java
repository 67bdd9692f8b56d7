package io.github.connectemulator.owner.protocol;

/**
 * Who sent an {@link OwnerRequest}, in this JVM: it takes the owner's answer, on whatever thread the owner gives it,
 * and completes the request on its own event loop.
 */
public interface Requester {

  /** The owner's answer to the request numbered {@code correlation}: its reply, or the {@code AwsFailure} it met. */
  void answer(long correlation, Object reply);
}
