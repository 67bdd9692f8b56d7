package io.github.connectemulator.service;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Loads the classes that start-up and the first request need, in the order they need them, on a daemon thread of its
 * own. Until its event loops start, the program runs on one thread (configuration, logging, metrics, Vert.x), so on
 * a machine of two cores or more the reading, parsing and defining of some 2 000 classes moves to a core that would
 * otherwise wait. Classes are loaded, never initialised: no static initialiser runs early, out of order or on this
 * thread, and nothing logs. The list ({@value #LIST}, written by {@code bench/startup-classes.sh}) only has to be
 * close: a name that no longer exists is skipped, and a class it lacks is loaded when first used, as without it.
 * {@code -Dconnect-emulator.preload=false} turns it off.
 */
public final class ClassPreloader {

  static final String LIST = "startup-classes.txt";
  static final String SWITCH = "connect-emulator.preload";

  private ClassPreloader() {}

  /** Starts loading in the background; does nothing on one core, where it would only take turns with the caller. */
  public static void start() {
    if (Boolean.parseBoolean(System.getProperty(SWITCH, "true"))
        && Runtime.getRuntime().availableProcessors() > 1) {
      Thread loader = new Thread(ClassPreloader::loadAll, "class-preloader");
      loader.setDaemon(true);
      loader.start();
    }
  }

  /** Loads every listed class that exists; returns how many did. */
  static int loadAll() {
    ClassLoader classes = ClassPreloader.class.getClassLoader();
    int loaded = 0;
    try (InputStream list = ClassPreloader.class.getResourceAsStream(LIST)) {
      if (list == null) {
        return 0;
      }
      var names = new BufferedReader(new InputStreamReader(list, StandardCharsets.UTF_8));
      for (String name = names.readLine(); name != null; name = names.readLine()) {
        try {
          Class.forName(name, false, classes);
          loaded++;
        } catch (ClassNotFoundException | LinkageError notHere) {
          // A stale entry: the class is gone, or needs what this classpath lacks. Start-up does not need it.
        }
      }
    } catch (IOException unreadable) {
      // Nothing loaded ahead: start-up loads its classes itself, as without the list.
    }
    return loaded;
  }
}
