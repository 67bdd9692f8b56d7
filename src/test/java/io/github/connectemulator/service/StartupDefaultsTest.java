package io.github.connectemulator.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The program's library defaults fill in what the user left unset and leave the rest alone. */
class StartupDefaultsTest {

  private final String before = System.getProperty(StartupDefaults.NETTY_JFR);

  @AfterEach
  void restore() {
    if (before == null) {
      System.clearProperty(StartupDefaults.NETTY_JFR);
    } else {
      System.setProperty(StartupDefaults.NETTY_JFR, before);
    }
  }

  @Test
  void turnsNettyJfrEventsOffWhenUnset() {
    System.clearProperty(StartupDefaults.NETTY_JFR);
    StartupDefaults.apply();
    assertThat(System.getProperty(StartupDefaults.NETTY_JFR)).isEqualTo("false");
  }

  @Test
  void keepsTheUsersChoice() {
    System.setProperty(StartupDefaults.NETTY_JFR, "true");
    StartupDefaults.apply();
    assertThat(System.getProperty(StartupDefaults.NETTY_JFR)).isEqualTo("true");
  }
}
