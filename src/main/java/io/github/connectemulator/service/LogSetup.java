package io.github.connectemulator.service;

import io.github.connectemulator.config.ServiceSettings;

/**
 * Chooses the log level and format before the first logger is made: {@link LogbackSetup} reads them from the system
 * properties {@code emulator.log.level} and {@code emulator.log.format} ({@code text} or {@code json}). A
 * {@code -Dlogback.configurationFile=...} of the user's still wins over all of it.
 */
public final class LogSetup {

  private LogSetup() {}

  public static void apply(ServiceSettings settings) {
    System.setProperty(LogbackSetup.LEVEL_PROPERTY, settings.logLevel());
    System.setProperty(LogbackSetup.FORMAT_PROPERTY, settings.logFormat());
  }
}
