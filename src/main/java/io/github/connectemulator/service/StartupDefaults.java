package io.github.connectemulator.service;

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

  private StartupDefaults() {}

  /** Call first in {@code main}, before any Netty or Vert.x class is initialised. */
  public static void apply() {
    setUnlessSet(NETTY_JFR, "false");
  }

  private static void setUnlessSet(String name, String value) {
    if (System.getProperty(name) == null) {
      System.setProperty(name, value);
    }
  }
}
