package io.github.connectemulator.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.connectemulator.Emulator;
import io.github.connectemulator.config.ConfigLoader;
import io.github.connectemulator.config.EmulatorConfig;
import io.github.connectemulator.testing.EmulatorHttp;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** service.portFile: the port in use, written whole, where a probe that cannot know the configuration reads it. */
class PortFileTest {

  @TempDir
  Path dir;

  @Test
  void theHttpPortIsTheFirstLineAndASeparateAdminPortTheSecond() throws Exception {
    Path file = dir.resolve("emulator.port");
    PortFile.write(file, 18080, -1);
    assertThat(Files.readAllLines(file)).containsExactly("18080");

    PortFile.write(file, 18080, 19090);
    assertThat(Files.readAllLines(file)).as("rewritten, not appended").containsExactly("18080", "19090");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).as("no temporary file left behind").containsExactly(file);
    }
  }

  @Test
  void theKeyAndItsEnvironmentVariableNameTheFile() {
    assertThat(EmulatorConfig.defaults().service().portFile()).as("off by default").isNull();
    assertThat(ConfigLoader.environmentName("service.portFile")).isEqualTo("EMULATOR_SERVICE_PORT_FILE");
    EmulatorConfig fromEnvironment =
        ConfigLoader.load(Map.of("EMULATOR_SERVICE_PORT_FILE", "/tmp/emulator.port"), null);
    assertThat(fromEnvironment.service().portFile()).isEqualTo(Path.of("/tmp/emulator.port"));
  }

  @Test
  void aFileThatCannotBeWrittenIsLoggedAndNotThrown() {
    Path inMissingDirectory = dir.resolve("missing").resolve("emulator.port");
    EmulatorConfig config = EmulatorConfig.withKeys(Map.of("service.portFile", inMissingDirectory.toString()));
    PortFile.writeIfConfigured(config.service(), 18080, -1);
    assertThat(inMissingDirectory).doesNotExist();
  }

  @Test
  void aProbeReadingTheFileReachesTheReadinessOfAnEmulatorOnAFreePort() throws Exception {
    Path file = dir.resolve("emulator.port");
    Vertx vertx = Vertx.vertx();
    try {
      EmulatorConfig config = EmulatorConfig.withKeys(Map.of("http.host", EmulatorHttp.HOST, "http.port", "0",
          "admin.port", "0", "service.portFile", file.toString()));
      Emulator emulator = Emulator.deploy(vertx, config).await(10, TimeUnit.SECONDS);
      PortFile.writeIfConfigured(config.service(), emulator.port(), emulator.adminPort());

      List<String> lines = Files.readAllLines(file);
      assertThat(lines).containsExactly(Integer.toString(emulator.port()), Integer.toString(emulator.adminPort()));
      int port = Integer.parseInt(lines.get(0));
      var client = vertx.createHttpClient();
      assertThat(EmulatorHttp.get(client, port, HealthRoutes.READY).await(10, TimeUnit.SECONDS).status())
          .isEqualTo(200);
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }
}
