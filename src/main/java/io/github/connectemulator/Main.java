package io.github.connectemulator;

import io.github.connectemulator.config.ConfigException;
import io.github.connectemulator.config.ConfigLoader;
import io.github.connectemulator.config.EmulatorConfig;
import io.vertx.core.Vertx;
import java.nio.file.Path;

/** Starts the emulator: {@code java -jar connect-test-emulator.jar [--config FILE]}. */
public final class Main {

  private static final System.Logger LOG = System.getLogger(Main.class.getName());

  private Main() {}

  public static void main(String[] args) {
    if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
      System.setProperty(
          "java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tL %4$s %3$s - %5$s%6$s%n");
    }
    EmulatorConfig config;
    try {
      config = ConfigLoader.load(System.getenv(), configFileArgument(args));
    } catch (ConfigException e) {
      System.err.println("connect-test-emulator: " + e.getMessage());
      System.exit(2);
      return;
    }
    Vertx vertx = Vertx.vertx();
    Emulator.deploy(vertx, config)
        .onSuccess(emulator -> LOG.log(System.Logger.Level.INFO,
            "Connect Test Case Emulator listening on port {0} (profile {1}, {2} router verticles, {3} execution owners)",
            String.valueOf(emulator.port()), config.profile(), config.httpVerticles(), config.ownerCount()))
        .onFailure(failure -> {
          if (failure instanceof ConfigException) {
            System.err.println("connect-test-emulator: " + failure.getMessage());
          } else {
            LOG.log(System.Logger.Level.ERROR, "Connect Test Case Emulator failed to start", failure);
          }
          vertx.close().onComplete(closed -> System.exit(failure instanceof ConfigException ? 2 : 1));
        });
  }

  private static Path configFileArgument(String[] args) {
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals("--config")) {
        return Path.of(args[i + 1]);
      }
    }
    return null;
  }
}
