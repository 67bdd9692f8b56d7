package io.github.connectemulator.config;

import io.github.connectemulator.model.TestCaseStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Resolves the configuration: the embedded {@code emulator.properties}, then an optional file of the same form,
 * then environment variables ({@code EMULATOR_} + the key in upper snake case, and {@code HTTP_PORT}).
 */
public final class ConfigLoader {

  /** The environment variable naming an override file. */
  public static final String CONFIG_FILE_VARIABLE = "EMULATOR_CONFIG_FILE";

  static final String ENV_PREFIX = "EMULATOR_";
  private static final String EMBEDDED = "/emulator.properties";

  private ConfigLoader() {}

  /**
   * Loads the configuration.
   *
   * @param environment the process environment (or a test's)
   * @param file an override file, or null for the one named by {@value #CONFIG_FILE_VARIABLE}, if any
   * @throws ConfigException when a file cannot be read, a key is unknown or a value is invalid
   */
  public static EmulatorConfig load(Map<String, String> environment, Path file) {
    Properties values = embeddedDefaults();
    Path overrideFile = file != null ? file : pathOrNull(environment.get(CONFIG_FILE_VARIABLE));
    if (overrideFile != null) {
      overlayFile(values, overrideFile);
    }
    overlayEnvironment(values, environment);
    return resolve(values);
  }

  /** The environment variable that sets {@code key}: e.g. timing.observationMillis → EMULATOR_TIMING_OBSERVATION_MILLIS. */
  public static String environmentName(String key) {
    StringBuilder name = new StringBuilder(ENV_PREFIX);
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c == '.') {
        name.append('_');
      } else if (Character.isUpperCase(c)) {
        name.append('_').append(c);
      } else {
        name.append(Character.toUpperCase(c));
      }
    }
    return name.toString();
  }

  private static Properties embeddedDefaults() {
    try (InputStream in = ConfigLoader.class.getResourceAsStream(EMBEDDED)) {
      if (in == null) {
        throw new ConfigException("embedded " + EMBEDDED + " is missing from the classpath");
      }
      Properties defaults = new Properties();
      defaults.load(in);
      return defaults;
    } catch (IOException e) {
      throw new ConfigException("cannot read embedded " + EMBEDDED + ": " + e.getMessage());
    }
  }

  private static void overlayFile(Properties values, Path file) {
    Properties overrides = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      overrides.load(reader);
    } catch (IOException e) {
      throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage());
    }
    var unknown = new TreeSet<String>(overrides.stringPropertyNames());
    unknown.removeAll(values.stringPropertyNames());
    if (!unknown.isEmpty()) {
      throw new ConfigException("unknown keys in " + file + ": " + unknown);
    }
    values.putAll(overrides);
  }

  private static void overlayEnvironment(Properties values, Map<String, String> environment) {
    String httpPort = environment.get("HTTP_PORT");
    if (httpPort != null && !httpPort.isBlank()) {
      values.setProperty("http.port", httpPort.trim());
    }
    for (String key : values.stringPropertyNames()) {
      String value = environment.get(environmentName(key));
      if (value != null) {
        values.setProperty(key, value.trim());
      }
    }
  }

  private static EmulatorConfig resolve(Properties values) {
    var reader = new ValueReader(values);
    int cores = Runtime.getRuntime().availableProcessors();
    var config =
        new EmulatorConfig(
            reader.text("http.host"),
            reader.integer("http.port", 0, 65535),
            reader.number("http.maxBodyBytes", 1, Integer.MAX_VALUE),
            orDefault(reader.integer("http.verticles", 0, 1024), cores),
            orDefault(reader.integer("owners.count", 0, 1024), cores),
            reader.number("owners.requestTimeoutMillis", 1, Long.MAX_VALUE),
            reader.text("aws.partition"),
            reader.text("aws.region"),
            reader.text("aws.accountId"),
            reader.status("testCase.defaultStatus"),
            reader.number("timing.initiatedMillis", 0, Long.MAX_VALUE),
            reader.number("timing.observationMillis", 0, Long.MAX_VALUE),
            reader.number("timing.maxRunMillis", 1, Long.MAX_VALUE),
            reader.integer("retention.maxFinishedExecutions", 0, Integer.MAX_VALUE),
            reader.number("retention.finishedTtlMillis", 0, Long.MAX_VALUE));
    reader.throwIfInvalid();
    return config;
  }

  private static int orDefault(int configured, int fallback) {
    return configured == 0 ? fallback : configured;
  }

  private static Path pathOrNull(String value) {
    return value == null || value.isBlank() ? null : Path.of(value.trim());
  }

  /** Reads typed values and collects every problem, so one start reports all bad keys at once. */
  private static final class ValueReader {
    private final Properties values;
    private final List<String> problems = new ArrayList<>();

    ValueReader(Properties values) {
      this.values = values;
    }

    String text(String key) {
      String value = values.getProperty(key, "").trim();
      if (value.isEmpty()) {
        problems.add(key + " must not be empty");
      }
      return value;
    }

    long number(String key, long min, long max) {
      String value = text(key);
      try {
        long parsed = Long.parseLong(value);
        if (parsed < min || parsed > max) {
          problems.add(key + " must be between " + min + " and " + max + ", was " + value);
        }
        return parsed;
      } catch (NumberFormatException e) {
        problems.add(key + " must be a whole number, was '" + value + "'");
        return min;
      }
    }

    int integer(String key, int min, int max) {
      return (int) number(key, min, max);
    }

    TestCaseStatus status(String key) {
      String value = text(key);
      try {
        return TestCaseStatus.valueOf(value.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        problems.add(key + " must be PUBLISHED or SAVED, was '" + value + "'");
        return TestCaseStatus.PUBLISHED;
      }
    }

    void throwIfInvalid() {
      if (!problems.isEmpty()) {
        throw new ConfigException("invalid configuration: " + String.join("; ", problems));
      }
    }
  }
}
