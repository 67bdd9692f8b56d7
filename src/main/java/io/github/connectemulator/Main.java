package io.github.connectemulator;

import io.github.connectemulator.cluster.ClusterMode;
import io.github.connectemulator.config.ConfigException;
import io.github.connectemulator.config.ConfigLoader;
import io.github.connectemulator.config.EmulatorConfig;
import io.github.connectemulator.config.ServiceSettings;
import io.github.connectemulator.service.ClassPreloader;
import io.github.connectemulator.service.GracefulShutdown;
import io.github.connectemulator.service.JvmMeters;
import io.github.connectemulator.service.LogSetup;
import io.github.connectemulator.service.PortFile;
import io.github.connectemulator.service.ServiceMetrics;
import io.github.connectemulator.service.StartupDefaults;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the emulator: {@code java -jar connect-test-emulator.jar [--config FILE]}. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    ClassPreloader.start();
    StartupDefaults.apply();
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
    VertxOptions options = registry == null
        ? new VertxOptions()
        : ServiceMetrics.vertxOptions("connect-test-emulator", service.eventBusMetrics(),
            service.httpServerMetrics());
    options.setPreferNativeTransport(true);
    options.setEventLoopPoolSize(service.eventLoops());
    Future<Emulator> started;
    if (config.cluster().enabled()) {
      if (registry != null) {
        registry.config().commonTags("node", config.cluster().host() + ":" + config.cluster().port());
      }
      started = ClusterMode.join(builder(ClusterMode.configure(options, config.cluster()), registry), config.cluster())
          .compose(node -> Emulator.deploy(node, config, registry));
    } else {
      started = Emulator.deploy(builder(options, registry).build(), config, registry);
    }
    started
        .onSuccess(emulator -> {
          if (registry != null) {
            JvmMeters.bindInBackground(registry);
          }
          GracefulShutdown.onSignals(emulator.vertx(), emulator::shutdown,
              service.shutdownDrainDelayMillis() + service.shutdownGracePeriodMillis());
          log.info("Connect Test Case Emulator listening on port {} (profile {}, {} router verticles, {}, {} transport)",
              emulator.port(), config.profile(), config.httpVerticles(), config.cluster().enabled()
                  ? "cluster " + config.cluster().name() + " at " + config.cluster().host() + ":"
                      + config.cluster().port()
                  : config.ownerCount() + " execution owners",
              emulator.vertx().isNativeTransportEnabled() ? "epoll" : "NIO");
          PortFile.writeIfConfigured(service, emulator.port(), emulator.adminPort());
        })
        .onFailure(failure -> {
          if (failure instanceof ConfigException) {
            System.err.println("connect-test-emulator: " + failure.getMessage());
          } else {
            log.error("Connect Test Case Emulator failed to start", failure);
          }
          System.exit(failure instanceof ConfigException ? 2 : 1);
        });
  }

  private static VertxBuilder builder(VertxOptions options, PrometheusMeterRegistry registry) {
    VertxBuilder builder = Vertx.builder().with(options);
    return registry == null ? builder : builder.withMetrics(ServiceMetrics.metricsFactory(registry));
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
