package io.github.connectemulator.owner.protocol;

/** An owner's answer to an {@link OwnerRequest}: its reply, or the {@code AwsFailure} it met. */
public record OwnerReply(long correlation, Object body) {}
