package io.github.connectemulator.config;

import java.util.Map;

/**
 * SigV4 verification: keys {@code auth.*} of {@code conf/emulator.properties}.
 *
 * @param secretsByAccessKey the configured access keys and their secret keys
 * @param accountsByAccessKey the account of each access key configured with one: its state is its own
 * @param maxSkewMinutes how far X-Amz-Date may be from the emulator's clock
 */
public record AuthSettings(
    boolean sigv4, Map<String, String> secretsByAccessKey, Map<String, String> accountsByAccessKey,
    int maxSkewMinutes) {

  public AuthSettings {
    secretsByAccessKey = Map.copyOf(secretsByAccessKey);
    accountsByAccessKey = Map.copyOf(accountsByAccessKey);
  }
}
