package io.github.connectemulator.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.connectemulator.config.EmulatorConfig;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The program's library defaults fill in what the user left unset and leave the rest alone. */
class StartupDefaultsTest {

  private static final EmulatorConfig SINGLE_NODE = EmulatorConfig.withKeys(Map.of());
  private static final EmulatorConfig CLUSTER_NODE = EmulatorConfig.withKeys(Map.of("cluster.enabled", "true"));

  private final String nettyJfr = System.getProperty(StartupDefaults.NETTY_JFR);
  private final String dnsOff = System.getProperty(StartupDefaults.VERTX_DNS_OFF);

  @AfterEach
  void restore() {
    restore(StartupDefaults.NETTY_JFR, nettyJfr);
    restore(StartupDefaults.VERTX_DNS_OFF, dnsOff);
  }

  @Test
  void turnsNettyJfrEventsAndVertxDnsClientOffOnASingleNode() {
    clear();
    StartupDefaults.apply(SINGLE_NODE);
    assertThat(System.getProperty(StartupDefaults.NETTY_JFR)).isEqualTo("false");
    assertThat(System.getProperty(StartupDefaults.VERTX_DNS_OFF)).isEqualTo("true");
  }

  @Test
  void keepsVertxDnsClientOnAClusterNode() {
    clear();
    StartupDefaults.apply(CLUSTER_NODE);
    assertThat(System.getProperty(StartupDefaults.NETTY_JFR)).isEqualTo("false");
    assertThat(System.getProperty(StartupDefaults.VERTX_DNS_OFF)).isNull();
  }

  @Test
  void keepsTheUsersChoice() {
    System.setProperty(StartupDefaults.NETTY_JFR, "true");
    System.setProperty(StartupDefaults.VERTX_DNS_OFF, "false");
    StartupDefaults.apply(SINGLE_NODE);
    assertThat(System.getProperty(StartupDefaults.NETTY_JFR)).isEqualTo("true");
    assertThat(System.getProperty(StartupDefaults.VERTX_DNS_OFF)).isEqualTo("false");
  }

  private static void clear() {
    System.clearProperty(StartupDefaults.NETTY_JFR);
    System.clearProperty(StartupDefaults.VERTX_DNS_OFF);
  }

  private static void restore(String name, String value) {
    if (value == null) {
      System.clearProperty(name);
    } else {
      System.setProperty(name, value);
    }
  }
}
