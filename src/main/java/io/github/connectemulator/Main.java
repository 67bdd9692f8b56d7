package io.github.connectemulator;

import io.github.connectemulator.config.ConfigException;
import io.github.connectemulator.config.ConfigLoader;
import io.github.connectemulator.config.EmulatorConfig;
import io.github.connectemulator.config.ServiceSettings;
import io.github.connectemulator.service.GracefulShutdown;
import io.github.connectemulator.service.LogSetup;
import io.github.connectemulator.service.PortFile;
import io.github.connectemulator.service.ServiceMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.micrometer.MicrometerMetricsFactory;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the emulator: {@code java -jar connect-test-emulator.jar [--config FILE]}. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    EmulatorConfig config;
    try {
      config = ConfigLoader.load(System.getenv(), configFileArgument(args));
    } catch (ConfigException e) {
      System.err.println("connect-test-emulator: " + e.getMessage());
      System.exit(2);
      return;
    }
    ServiceSettings service = config.service();
    LogSetup.apply(service);
    // Made after LogSetup, so that logging starts with the configured level and format.
    Logger log = LoggerFactory.getLogger(Main.class);

    PrometheusMeterRegistry registry = service.metricsEnabled() ? ServiceMetrics.newRegistry() : null;
    Vertx vertx = registry == null
        ? Vertx.vertx()
        : Vertx.builder()
            .with(ServiceMetrics.vertxOptions("connect-test-emulator", service.eventBusMetrics()))
            .withMetrics(new MicrometerMetricsFactory(registry))
            .build();
    Emulator.deploy(vertx, config, registry)
        .onSuccess(emulator -> {
          GracefulShutdown.onSignals(vertx, emulator::shutdown,
              service.shutdownDrainDelayMillis() + service.shutdownGracePeriodMillis());
          log.info("Connect Test Case Emulator listening on port {} (profile {}, {} router verticles, {} execution "
                  + "owners)", emulator.port(), config.profile(), config.httpVerticles(), config.ownerCount());
          PortFile.writeIfConfigured(service, emulator.port(), emulator.adminPort());
        })
        .onFailure(failure -> {
          if (failure instanceof ConfigException) {
            System.err.println("connect-test-emulator: " + failure.getMessage());
          } else {
            log.error("Connect Test Case Emulator failed to start", failure);
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
