package io.github.connectemulator.config;

/**
 * Where the admin API is served and who may call it: keys {@code admin.*} of {@code conf/emulator.properties}.
 *
 * @param token required on every admin request when not empty
 * @param port a port of its own, or null for the AWS port
 */
public record AdminSettings(boolean enabled, String token, Integer port, String host) {

  public boolean ownPort() {
    return port != null;
  }
}
