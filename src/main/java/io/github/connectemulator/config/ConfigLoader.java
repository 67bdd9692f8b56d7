package io.github.connectemulator.config;

import io.github.connectemulator.model.TestCaseStatus;
import io.github.connectemulator.model.TransitionMode;
import io.github.connectemulator.operations.AwsErrorType;
import io.github.connectemulator.operations.OperationNames;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Resolves the configuration: the embedded {@code emulator.properties}, then the chosen profile's keys, then an
 * optional file of the same form, then environment variables ({@code EMULATOR_} + the key in upper snake case, and
 * {@code HTTP_PORT}). A profile only changes defaults: a file or the environment still overrides each key.
 */
public final class ConfigLoader {

  /** The environment variable naming an override file. */
  public static final String CONFIG_FILE_VARIABLE = "EMULATOR_CONFIG_FILE";
  /** The profiles shipped in the jar. */
  public static final Set<String> PROFILES = Set.of("aws", "loadtest");

  static final String ENV_PREFIX = "EMULATOR_";
  private static final String EMBEDDED = "/emulator.properties";
  private static final String PROFILE_KEY = "profile";

  private ConfigLoader() {}

  /**
   * Loads the configuration.
   *
   * @param environment the process environment (or a test's)
   * @param file an override file, or null for the one named by {@value #CONFIG_FILE_VARIABLE}, if any
   * @throws ConfigException when a file cannot be read, a key is unknown or a value is invalid
   */
  public static EmulatorConfig load(Map<String, String> environment, Path file) {
    Properties defaults = resource(EMBEDDED);
    Path overrideFile = file != null ? file : pathOrNull(environment.get(CONFIG_FILE_VARIABLE));
    Properties fromFile = overrideFile == null ? new Properties() : readFile(overrideFile);
    requireKnown(fromFile.stringPropertyNames(), defaults, "in " + overrideFile);
    Properties fromEnvironment = fromEnvironment(defaults, environment);

    var values = new TreeMap<String, String>();
    defaults.stringPropertyNames().forEach(key -> values.put(key, defaults.getProperty(key).trim()));
    String profile = firstNonNull(fromEnvironment.getProperty(PROFILE_KEY), fromFile.getProperty(PROFILE_KEY),
        values.get(PROFILE_KEY)).trim();
    Properties profileKeys = profile(profile);
    requireKnown(profileKeys.stringPropertyNames(), defaults, "in profile " + profile);
    var explicit = new TreeSet<String>();
    for (Properties layer : List.of(profileKeys, fromFile, fromEnvironment)) {
      layer.stringPropertyNames().forEach(key -> values.put(key, layer.getProperty(key).trim()));
    }
    explicit.addAll(fromFile.stringPropertyNames());
    explicit.addAll(fromEnvironment.stringPropertyNames());
    explicit.remove(PROFILE_KEY);
    return resolve(values, explicit);
  }

  /** The embedded defaults (and the profile they or {@code keys} name) with {@code keys} applied on top. */
  static EmulatorConfig withKeys(Map<String, String> keys) {
    Properties defaults = resource(EMBEDDED);
    requireKnown(keys.keySet(), defaults, "given");
    var values = new TreeMap<String, String>();
    defaults.stringPropertyNames().forEach(key -> values.put(key, defaults.getProperty(key).trim()));
    Properties profileKeys = profile(keys.getOrDefault(PROFILE_KEY, values.get(PROFILE_KEY)));
    profileKeys.stringPropertyNames().forEach(key -> values.put(key, profileKeys.getProperty(key).trim()));
    values.putAll(keys);
    var explicit = new TreeSet<>(keys.keySet());
    explicit.remove(PROFILE_KEY);
    return resolve(values, explicit);
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

  /** Turns complete key values into settings, reporting every invalid value at once. */
  static EmulatorConfig resolve(Map<String, String> values, Set<String> explicitKeys) {
    var reader = new ValueReader(values);
    int cores = Runtime.getRuntime().availableProcessors();
    var timing = new RuntimeControls.Timing(
        reader.choice("timing.mode", TransitionMode.class),
        reader.number("timing.initiatedMillis", 0, Long.MAX_VALUE),
        reader.number("timing.observationMillis", 0, Long.MAX_VALUE),
        reader.number("timing.maxRunMillis", 1, Long.MAX_VALUE),
        reader.integer("timing.manualPollsPerStep", 1, Integer.MAX_VALUE));
    var quotas = new RuntimeControls.Quotas(
        reader.integer("quota.maxRunningPerInstance", 0, Integer.MAX_VALUE),
        reader.integer("quota.maxQueuedPerInstance", 0, Integer.MAX_VALUE));
    var outcomes = new RuntimeControls.Outcomes(
        reader.ratio("outcome.failureRatio"), reader.number("outcome.seed", Long.MIN_VALUE, Long.MAX_VALUE));
    var throttle = new RuntimeControls.Throttle(
        reader.decimal("throttle.requestsPerSecond", 0, 1e9),
        reader.integer("throttle.burst", 0, Integer.MAX_VALUE));
    var faults = new RuntimeControls.Faults(
        reader.ratio("faults.probability"),
        reader.errorType("faults.errorType"),
        reader.list("faults.operations"),
        reader.number("faults.latencyMinMillis", 0, 600_000),
        reader.number("faults.latencyMaxMillis", 0, 600_000),
        reader.number("faults.seed", Long.MIN_VALUE, Long.MAX_VALUE));
    for (String operation : faults.operations()) {
      if (!OperationNames.ALL.contains(operation)) {
        reader.problems.add("faults.operations names operations by their AWS names, such as "
            + OperationNames.START_EXECUTION + "; '" + operation + "' is none of them");
      }
    }
    if (faults.latencyMaxMillis() < faults.latencyMinMillis()) {
      reader.problems.add("faults.latencyMaxMillis must not be below faults.latencyMinMillis");
    }
    String profile = reader.text("profile");
    if (!PROFILES.contains(profile)) {
      reader.problems.add("profile must be one of " + new TreeSet<>(PROFILES) + ", was '" + profile + "'");
    }
    var config =
        new EmulatorConfig(
            values,
            explicitKeys,
            profile,
            reader.text("http.host"),
            reader.integer("http.port", 0, 65535),
            reader.number("http.maxBodyBytes", 1, Integer.MAX_VALUE),
            orDefault(reader.integer("http.verticles", 0, 1024), cores),
            orDefault(reader.integer("owners.count", 0, 1024), cores),
            reader.number("owners.requestTimeoutMillis", 1, Long.MAX_VALUE),
            reader.integer("owners.maxInFlightRequests", 0, Integer.MAX_VALUE),
            reader.integer("owners.maxLiveExecutions", 0, Integer.MAX_VALUE),
            reader.text("aws.partition"),
            reader.text("aws.region"),
            reader.text("aws.accountId"),
            reader.choice("testCase.defaultStatus", TestCaseStatus.class),
            reader.integer("retention.maxFinishedExecutions", 0, Integer.MAX_VALUE),
            reader.number("retention.finishedTtlMillis", 0, Long.MAX_VALUE),
            reader.optionalNumber("ids.seed"),
            pathOrNull(values.get("seed.file")),
            pathOrNull(values.get("data.dir")),
            new RuntimeControls(timing, quotas, outcomes, throttle, faults),
            new ServiceSettings(
                orDefault(reader.integer("eventLoops", 0, 1024), cores),
                reader.bool("http.h2c"),
                reader.integer("http.idleTimeoutSeconds", 0, Integer.MAX_VALUE),
                reader.integer("http.maxInitialLineLength", 256, 1 << 20),
                reader.integer("http.maxHeaderBytes", 1024, 1 << 20),
                reader.integer("http.maxConcurrentStreams", 1, 1 << 20),
                reader.bool("metrics.enabled"),
                reader.bool("metrics.eventBus"),
                reader.bool("metrics.httpServer"),
                reader.oneOf("log.level", Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR")),
                reader.oneOf("log.format", Set.of("text", "json")),
                reader.bool("log.requests"),
                reader.number("shutdown.drainDelayMillis", 0, 600_000),
                reader.number("shutdown.gracePeriodMillis", 0, 600_000),
                pathOrNull(values.get("service.portFile"))),
            new BusSettings(
                reader.bool("bus.operations"),
                reader.bool("bus.events"),
                reader.bool("bus.bridge"),
                reader.text("bus.bridgeHost"),
                reader.integer("bus.bridgePort", 0, 65535)),
            new AdminSettings(
                reader.bool("admin.enabled"),
                reader.raw("admin.token"),
                reader.raw("admin.port").isEmpty() ? null : reader.integer("admin.port", 0, 65535),
                reader.text("admin.host")),
            new AuthSettings(
                reader.bool("auth.sigv4"),
                reader.credentials("auth.credentials", 1),
                reader.credentials("auth.credentials", 2),
                reader.integer("auth.maxSkewMinutes", 1, 7 * 24 * 60)),
            new ClusterSettings(
                reader.bool("cluster.enabled"),
                reader.text("cluster.name"),
                reader.text("cluster.host"),
                reader.integer("cluster.port", 1, 65535),
                reader.integer("cluster.busPort", 0, 65535),
                List.copyOf(reader.list("cluster.members")),
                reader.raw("cluster.kubernetesService"),
                reader.integer("cluster.backups", 0, 6)));
    if (config.auth().sigv4() && config.auth().secretsByAccessKey().isEmpty()) {
      reader.problems.add("auth.sigv4=true needs auth.credentials (ACCESS_KEY_ID:SECRET_ACCESS_KEY, ...)");
    }
    reader.throwIfInvalid();
    return config;
  }

  private static Properties resource(String name) {
    try (InputStream in = ConfigLoader.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new ConfigException("embedded " + name + " is missing from the classpath");
      }
      Properties properties = new Properties();
      properties.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
      return properties;
    } catch (IOException e) {
      throw new ConfigException("cannot read embedded " + name + ": " + e.getMessage());
    }
  }

  /** The keys a profile sets, trimmed. */
  static Map<String, String> profileKeys(String name) {
    Properties keys = profile(name.trim());
    var values = new TreeMap<String, String>();
    keys.stringPropertyNames().forEach(key -> values.put(key, keys.getProperty(key).trim()));
    return values;
  }

  private static Properties profile(String name) {
    if (!PROFILES.contains(name)) {
      throw new ConfigException("profile must be one of " + new TreeSet<>(PROFILES) + ", was '" + name + "'");
    }
    return resource("/profiles/" + name + ".properties");
  }

  private static Properties readFile(Path file) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage());
    }
    return properties;
  }

  private static Properties fromEnvironment(Properties defaults, Map<String, String> environment) {
    Properties values = new Properties();
    String httpPort = environment.get("HTTP_PORT");
    if (httpPort != null && !httpPort.isBlank()) {
      values.setProperty("http.port", httpPort.trim());
    }
    for (String key : defaults.stringPropertyNames()) {
      String value = environment.get(environmentName(key));
      if (value != null) {
        values.setProperty(key, value.trim());
      }
    }
    return values;
  }

  private static void requireKnown(Set<String> keys, Properties defaults, String where) {
    var unknown = new TreeSet<>(keys);
    unknown.removeAll(defaults.stringPropertyNames());
    if (!unknown.isEmpty()) {
      throw new ConfigException("unknown keys " + where + ": " + unknown);
    }
  }

  private static int orDefault(int configured, int fallback) {
    return configured == 0 ? fallback : configured;
  }

  private static String firstNonNull(String... values) {
    return Arrays.stream(values).filter(v -> v != null).findFirst().orElse("");
  }

  private static Path pathOrNull(String value) {
    return value == null || value.isBlank() ? null : Path.of(value.trim());
  }

  /** Reads typed values and collects every problem, so one start reports all bad keys at once. */
  private static final class ValueReader {
    private final Map<String, String> values;
    private final List<String> problems = new ArrayList<>();

    ValueReader(Map<String, String> values) {
      this.values = values;
    }

    String raw(String key) {
      String value = values.get(key);
      return value == null ? "" : value.trim();
    }

    String text(String key) {
      String value = raw(key);
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
        return Math.max(min, 0);
      }
    }

    Long optionalNumber(String key) {
      return raw(key).isEmpty() ? null : number(key, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    int integer(String key, int min, int max) {
      return (int) number(key, min, max);
    }

    double decimal(String key, double min, double max) {
      String value = text(key);
      try {
        double parsed = Double.parseDouble(value);
        if (!(parsed >= min && parsed <= max)) {
          problems.add(key + " must be between " + min + " and " + max + ", was " + value);
        }
        return parsed;
      } catch (NumberFormatException e) {
        problems.add(key + " must be a number, was '" + value + "'");
        return min;
      }
    }

    double ratio(String key) {
      return decimal(key, 0, 1);
    }

    String oneOf(String key, Set<String> allowed) {
      String value = text(key);
      for (String candidate : allowed) {
        if (candidate.equalsIgnoreCase(value)) {
          return candidate;
        }
      }
      problems.add(key + " must be one of " + new TreeSet<>(allowed) + ", was '" + value + "'");
      return value;
    }

    boolean bool(String key) {
      String value = text(key).toLowerCase(Locale.ROOT);
      if (!value.equals("true") && !value.equals("false")) {
        problems.add(key + " must be true or false, was '" + value + "'");
      }
      return value.equals("true");
    }

    <E extends Enum<E>> E choice(String key, Class<E> type) {
      String value = text(key);
      try {
        return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        problems.add(key + " must be one of " + Arrays.toString(type.getEnumConstants()) + ", was '" + value + "'");
        return type.getEnumConstants()[0];
      }
    }

    AwsErrorType errorType(String key) {
      String value = text(key);
      for (AwsErrorType type : AwsErrorType.values()) {
        if (type.wireName().equals(value)) {
          return type;
        }
      }
      problems.add(key + " must be an AWS error type such as InternalServiceException or ThrottlingException, was '"
          + value + "'");
      return AwsErrorType.INTERNAL_SERVICE;
    }

    /** Access key → field {@code field} (1: secret, 2: account) of ACCESS_KEY_ID:SECRET[:ACCOUNT] items. */
    Map<String, String> credentials(String key, int field) {
      var values = new java.util.LinkedHashMap<String, String>();
      for (String item : list(key)) {
        String[] parts = item.split(":");
        if (parts.length < 2 || parts.length > 3 || parts[0].isBlank() || parts[1].isBlank()) {
          if (field == 1) {
            problems.add(key + " takes ACCESS_KEY_ID:SECRET_ACCESS_KEY[:ACCOUNT_ID] items, was '" + item + "'");
          }
        } else if (field < parts.length) {
          values.put(parts[0].trim(), parts[field].trim());
        }
      }
      return values;
    }

    Set<String> list(String key) {
      var items = new LinkedHashSet<String>();
      for (String item : raw(key).split(",")) {
        if (!item.isBlank()) {
          items.add(item.trim());
        }
      }
      return items;
    }

    void throwIfInvalid() {
      if (!problems.isEmpty()) {
        throw new ConfigException("invalid configuration: " + String.join("; ", problems));
      }
    }
  }
}
