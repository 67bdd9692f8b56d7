package io.github.connectemulator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.connectemulator.model.TestCaseStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @TempDir Path dir;

  @Test
  void embeddedDefaultsAreTheDocumentedOnes() {
    EmulatorConfig config = ConfigLoader.load(Map.of(), null);
    assertThat(config.httpPort()).isEqualTo(8080);
    assertThat(config.region()).isEqualTo("us-east-1");
    assertThat(config.accountId()).isEqualTo("123456789012");
    assertThat(config.defaultTestCaseStatus()).isEqualTo(TestCaseStatus.PUBLISHED);
    assertThat(config.maxBodyBytes()).isEqualTo(1_048_576);
    assertThat(config.ownerCount()).isEqualTo(Runtime.getRuntime().availableProcessors());
  }

  @Test
  void environmentNamesAreUpperSnakeCaseWithPrefix() {
    assertThat(ConfigLoader.environmentName("timing.observationMillis"))
        .isEqualTo("EMULATOR_TIMING_OBSERVATION_MILLIS");
    assertThat(ConfigLoader.environmentName("http.port")).isEqualTo("EMULATOR_HTTP_PORT");
  }

  @Test
  void environmentOverridesFileWhichOverridesDefaults() throws IOException {
    Path file = dir.resolve("emulator.properties");
    Files.writeString(file, "aws.region=eu-west-2\ntiming.observationMillis=7\n");
    EmulatorConfig config =
        ConfigLoader.load(Map.of("EMULATOR_TIMING_OBSERVATION_MILLIS", "9", "HTTP_PORT", "0",
            ConfigLoader.CONFIG_FILE_VARIABLE, file.toString()), null);
    assertThat(config.region()).isEqualTo("eu-west-2");
    assertThat(config.controls().timing().observationMillis()).isEqualTo(9);
    assertThat(config.httpPort()).isZero();
  }

  @Test
  void unknownKeysInAFileAreRejected() throws IOException {
    Path file = dir.resolve("typo.properties");
    Files.writeString(file, "timing.observationMilis=7\n");
    assertThatThrownBy(() -> ConfigLoader.load(Map.of(), file))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("timing.observationMilis");
  }

  @Test
  void invalidValuesAreAllReportedAtOnce() {
    assertThatThrownBy(() -> ConfigLoader.load(
            Map.of("HTTP_PORT", "http", "EMULATOR_TEST_CASE_DEFAULT_STATUS", "DRAFT"), null))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("http.port")
        .hasMessageContaining("testCase.defaultStatus");
  }
}
