package io.github.connectemulator.owner.protocol;

import io.vertx.core.Handler;
import io.vertx.core.eventbus.DeliveryContext;
import io.vertx.core.eventbus.EventBus;

/**
 * Has the event bus deliver every message on its handler's context. Without an inbound interceptor, Vert.x 5.0.7 runs
 * a reply outside any context: the requester's reply handler, unregistering itself, finds no current context and
 * makes a new one for every reply, and the reply's future, completed off its own context, reaches its listener
 * through one more event-loop task. With one, the bus dispatches on the handler's context first (in
 * {@code DeliveryContextBase.next}), so the reply completes in place. The interceptor only passes the message on.
 */
public final class DeliverOnContext {

  private static final Handler<DeliveryContext<Object>> PASS_ON = DeliveryContext::next;

  private DeliverOnContext() {}

  /** Installs the interceptor; a second call changes nothing. */
  public static void installOn(EventBus bus) {
    bus.removeInboundInterceptor(PASS_ON).addInboundInterceptor(PASS_ON);
  }
}
