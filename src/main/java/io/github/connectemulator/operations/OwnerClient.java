package io.github.connectemulator.operations;

import io.github.connectemulator.owner.protocol.AdminCommand;
import io.github.connectemulator.owner.protocol.OwnerCommand;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends commands to the owner of their instance over the event bus, for every face. Admission is here, so it is the
 * same for HTTP and bus callers: past the bound on requests in flight to one owner, a command fails at once with
 * ThrottlingException (which SDKs retry with backoff) instead of joining the owner's queue without limit.
 */
public final class OwnerClient {

  private final EventBus bus;
  private final Placement placement;
  private final OwnerAdmission admission;
  private final DeliveryOptions delivery;
  private final boolean clustered;
  private final long timeoutMillis;

  /** @param timeoutMillis how long an owner may take to answer before the request fails */
  public OwnerClient(EventBus bus, Placement placement, int maxInFlightPerOwner, long timeoutMillis) {
    this(bus, placement, maxInFlightPerOwner, timeoutMillis, false);
  }

  /**
   * @param clustered cluster mode: an owner that does not answer is moving or its node just died, so the caller gets
   *     ThrottlingException, which it retries, rather than an InternalServiceException; and owners on other nodes
   *     answer through the bus's replies, not through a reply inbox
   */
  public OwnerClient(EventBus bus, Placement placement, int maxInFlightPerOwner, long timeoutMillis,
      boolean clustered) {
    this.clustered = clustered;
    this.timeoutMillis = timeoutMillis;
    this.bus = bus;
    this.placement = placement;
    this.admission = new OwnerAdmission(placement.owners().size(), maxInFlightPerOwner);
    this.delivery = new DeliveryOptions().setSendTimeout(timeoutMillis);
  }

  /**
   * Opens a reply inbox on the calling verticle's event loop (see {@link ReplyInbox}), through which its requests to
   * owners then go; on a single node only (in a cluster, owners on other nodes answer through the bus's replies).
   */
  public void openReplyInbox(Vertx vertx) {
    if (!clustered) {
      ReplyInbox.open(vertx, timeoutMillis);
    }
  }

  /** The owner's reply to {@code command}, or its failure (an {@link AwsFailure} for the owner's verdicts). */
  public <R> Future<R> send(OwnerCommand command) {
    OwnerRef owner = placement.ownerOf(command.instanceId());
    if (!admission.tryEnter(owner.slot())) {
      return Future.failedFuture(new AwsFailure(AwsErrorType.THROTTLING, "The emulator is at capacity ("
          + admission.limit() + " requests in flight for this instance's owner); retry with backoff"));
    }
    ReplyInbox inbox = ReplyInbox.ofCurrentContext();
    if (inbox != null) {
      return inbox.<R>request(owner.address(), command).andThen(reply -> admission.leave(owner.slot()));
    }
    return bus.<R>request(owner.address(), command, delivery).transform(reply -> {
      admission.leave(owner.slot());
      if (reply.succeeded()) {
        return Future.succeededFuture(reply.result().body());
      }
      return Future.failedFuture(clustered && unreachable(reply.cause())
          ? new AwsFailure(AwsErrorType.THROTTLING, "This instance's owner is moving to another node; retry with backoff")
          : reply.cause());
    });
  }

  private static boolean unreachable(Throwable failure) {
    return failure instanceof io.vertx.core.eventbus.ReplyException reply
        && (reply.failureType() == io.vertx.core.eventbus.ReplyFailure.NO_HANDLERS
            || reply.failureType() == io.vertx.core.eventbus.ReplyFailure.TIMEOUT);
  }

  /** An admin command to the owner of one instance. */
  public Future<Object> ask(String instanceKey, AdminCommand command) {
    return bus.request(placement.ownerOf(instanceKey).address(), command, delivery).map(Message::body);
  }

  /** An admin command to every owner; the replies in owner order. */
  public List<Future<Object>> askEveryOwner(AdminCommand command) {
    var replies = new ArrayList<Future<Object>>(placement.owners().size());
    for (OwnerRef owner : placement.owners()) {
      replies.add(bus.request(owner.address(), command, delivery).map(Message::body));
    }
    return replies;
  }
}
