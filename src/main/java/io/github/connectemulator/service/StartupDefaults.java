package io.github.connectemulator.service;

import io.github.connectemulator.config.EmulatorConfig;

/**
 * System properties of the libraries that the emulator run as a program ({@code Main}) sets before they are read,
 * each only when the user has not set it ({@code -Dname=value} wins). An embedded emulator never comes here.
 */
public final class StartupDefaults {

  /**
   * Netty's allocator emits JDK Flight Recorder events; the first allocation registers them with JFR, which loads
   * about 130 classes and costs 100 ms or more of the first request. {@code -Dio.netty.jfr.enabled=true} brings them
   * back for a recording that wants them.
   */
  static final String NETTY_JFR = "io.netty.jfr.enabled";
  /**
   * A single node connects to nothing: Vert.x's own DNS client (some 80 classes, and reading resolv.conf and the
   * hosts file while the {@code Vertx} is built) would only ever look up the hosts it listens on, which are addresses
   * by default; the JDK looks up a host name there once, at start-up. A cluster node keeps it: its event bus connects
   * to the other nodes by name, from the event loops.
   */
  static final String VERTX_DNS_OFF = "vertx.disableDnsResolver";

  private StartupDefaults() {}

  /** Call once the configuration is loaded, before any Netty or Vert.x class is initialised. */
  public static void apply(EmulatorConfig config) {
    setUnlessSet(NETTY_JFR, "false");
    if (!config.cluster().enabled()) {
      setUnlessSet(VERTX_DNS_OFF, "true");
    }
  }

  private static void setUnlessSet(String name, String value) {
    if (System.getProperty(name) == null) {
      System.setProperty(name, value);
    }
  }
}
