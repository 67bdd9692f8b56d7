package io.github.connectemulator.bus;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.bridge.BridgeOptions;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.eventbus.bridge.tcp.TcpEventBusBridge;
import java.util.regex.Pattern;

/**
 * The event bus for processes outside the JVM, through vertx-tcp-eventbus-bridge: frames of a 4-byte big-endian
 * length and a JSON object. Inbound, a client may only send to the operations' addresses; outbound, it may only
 * register for the status events. Everything else, the owners' addresses included, is refused with
 * {@code {"type":"err","message":"access_denied"}}.
 */
public final class TcpBridge {

  static final String OPERATIONS = Pattern.quote(BusAddresses.API_PREFIX) + "[A-Za-z]+";
  static final String EVENTS = Pattern.quote(BusAddresses.EVENTS) + "(\\..+)?";

  private TcpBridge() {}

  public static Future<TcpEventBusBridge> listen(Vertx vertx, String host, int port) {
    var options = new BridgeOptions()
        .addInboundPermitted(new PermittedOptions().setAddressRegex(OPERATIONS))
        .addOutboundPermitted(new PermittedOptions().setAddressRegex(EVENTS));
    return TcpEventBusBridge.create(vertx, options).listen(port, host);
  }
}
