package io.github.connectemulator.config;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The current {@link RuntimeControls} of one emulator, read by every verticle on each decision and replaced as a
 * whole by the admin API. Configuration, not state: verticles share it read-only, so a change is seen at once.
 */
public final class Controls {

  private static final String PROFILE = "profile";

  private final AtomicReference<Snapshot> current;

  /** @param explicit keys set at start by the file or the environment, which a profile switch keeps */
  private record Snapshot(Map<String, String> values, RuntimeControls controls, java.util.Set<String> explicit) {}

  public Controls(EmulatorConfig config) {
    current = new AtomicReference<>(new Snapshot(config.values(), config.controls(), config.explicitKeys()));
  }

  public RuntimeControls current() {
    return current.get().controls();
  }

  /** Every key's effective value, the changed controls included. */
  public Map<String, String> values() {
    return current.get().values();
  }

  /** The runtime controls and the profile, by key in key order: what an admin call may change. */
  public java.util.SortedMap<String, String> runtimeValues() {
    var values = new java.util.TreeMap<String, String>();
    values().forEach((key, value) -> {
      if (RuntimeControls.KEYS.contains(key) || key.equals(PROFILE)) {
        values.put(key, value);
      }
    });
    return values;
  }

  /**
   * Applies changes given as configuration keys and values, validated as at start. A {@code profile} among them
   * switches profile: its runtime controls apply, except those the file or the environment set at start (as at
   * start, they beat a profile), then the other changes; its other keys (retention, for instance) need a restart.
   * An earlier admin change is just the current value: a later profile switch replaces it.
   *
   * @throws ConfigException for a key that is not a control or an invalid value; nothing changes then
   */
  public synchronized RuntimeControls update(Map<String, String> changes) {
    var notControls = new java.util.TreeSet<>(changes.keySet());
    notControls.removeAll(RuntimeControls.KEYS);
    notControls.remove(PROFILE);
    if (!notControls.isEmpty()) {
      throw new ConfigException("not runtime controls (they need a restart, or are unknown): " + notControls);
    }
    Snapshot before = current.get();
    var merged = new java.util.TreeMap<>(before.values());
    String profile = changes.get(PROFILE);
    if (profile != null) {
      ConfigLoader.profileKeys(profile).forEach((key, value) -> {
        if (RuntimeControls.KEYS.contains(key) && !before.explicit().contains(key)) {
          merged.put(key, value);
        }
      });
    }
    merged.putAll(changes);
    EmulatorConfig resolved = ConfigLoader.resolve(merged, before.explicit());
    current.set(new Snapshot(resolved.values(), resolved.controls(), before.explicit()));
    return resolved.controls();
  }
}
