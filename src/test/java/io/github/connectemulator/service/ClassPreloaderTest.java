package io.github.connectemulator.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The start-up class list ships in the jar and still names the classes of this build: a few stale names are
 * harmless, but a list that has drifted far (after a dependency upgrade) should be written again with
 * {@code bench/startup-classes.sh}.
 */
class ClassPreloaderTest {

  @Test
  void loadsNearlyEveryListedClass() throws Exception {
    long listed;
    try (var list = new BufferedReader(new InputStreamReader(
        ClassPreloader.class.getResourceAsStream(ClassPreloader.LIST), StandardCharsets.UTF_8))) {
      listed = list.lines().count();
    }
    assertThat(listed).as("classes listed").isGreaterThan(1000);
    assertThat(ClassPreloader.loadAll()).as("of %d listed, loaded", listed)
        .isGreaterThanOrEqualTo((int) (listed * 0.9));
  }
}
