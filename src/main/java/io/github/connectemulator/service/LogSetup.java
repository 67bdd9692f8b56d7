package io.github.connectemulator.service;

import io.github.connectemulator.config.ServiceSettings;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * The log level and format of the emulator run as a program ({@code Main}): when SLF4J is bound to Logback and the
 * user has no configuration of their own ({@code -Dlogback.configurationFile=...} or a {@code logback-test.xml}),
 * {@link LogbackSetup} replaces Logback's default configuration with the emulator's. With another binding, or none,
 * nothing is done, and no Logback class is loaded. An emulator embedded in an application or a test never comes
 * here: its logs go wherever the application's SLF4J binding sends them.
 */
public final class LogSetup {

  private static final String LOGBACK_CONTEXT = "ch.qos.logback.classic.LoggerContext";

  private LogSetup() {}

  /** Call before the first logger is made, so that logging starts with the configured level and format. */
  public static void apply(ServiceSettings settings) {
    // Binds SLF4J; Logback, if that is the binding, configures itself from the user's files or its defaults.
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (factory.getClass().getName().equals(LOGBACK_CONTEXT) && !userConfigured()) {
      LogbackSetup.configure(factory, settings.logLevel(), settings.logFormat());
    }
  }

  private static boolean userConfigured() {
    return System.getProperty("logback.configurationFile") != null
        || LogSetup.class.getClassLoader().getResource("logback-test.xml") != null;
  }
}
