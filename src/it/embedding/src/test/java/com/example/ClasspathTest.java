package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.connectemulator.Emulator;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * What a user gets from the installed artifact: the emulator's classes alone, with Vert.x, Netty and Jackson as
 * dependencies (one copy each, from their own jars), and no Logback.
 */
class ClasspathTest {

  @Test
  void vertxIsLoadedFromVertxCoreOnce() throws Exception {
    Path vertxJar = jarOf(Vertx.class);
    assertTrue(vertxJar.getFileName().toString().matches("vertx-core-5\\.0\\.[0-9]+\\.jar"), vertxJar.toString());
    ClassLoader loader = ClasspathTest.class.getClassLoader();
    assertEquals(1, Collections.list(loader.getResources("io/vertx/core/Vertx.class")).size());
    assertEquals(1, Collections.list(loader.getResources("io/netty/channel/Channel.class")).size());
    assertEquals(1, Collections.list(loader.getResources("com/fasterxml/jackson/databind/ObjectMapper.class")).size());
  }

  @Test
  void theEmulatorJarHoldsOnlyTheEmulator() throws Exception {
    Path emulatorJar = jarOf(Emulator.class);
    assertTrue(emulatorJar.getFileName().toString().matches("connect-test-emulator-.+\\.jar"), emulatorJar.toString());
    try (JarFile jar = new JarFile(emulatorJar.toFile())) {
      List<String> foreign = jar.stream().map(JarEntry::getName)
          .filter(name -> name.endsWith(".class") && !name.startsWith("io/github/connectemulator/")
              || name.startsWith("META-INF/services/") && !name.equals("META-INF/services/"))
          .toList();
      assertTrue(foreign.isEmpty(), foreign.size() + " entries that are not the emulator's, e.g. " + foreign.subList(0,
          Math.min(5, foreign.size())));
    }
  }

  @Test
  void logbackIsNotForcedOnTheUser() {
    assertThrows(ClassNotFoundException.class, () -> Class.forName("ch.qos.logback.classic.Logger"));
  }

  private static Path jarOf(Class<?> type) throws Exception {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }
}
