package io.github.connectemulator.junit;

import io.github.connectemulator.Emulator;
import io.github.connectemulator.config.EmulatorConfig;
import io.vertx.core.Vertx;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/** The JUnit 5 extension behind {@link WithConnectEmulator}; it can also be used with {@code @ExtendWith}. */
public final class ConnectEmulatorExtension implements BeforeAllCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(ConnectEmulatorExtension.class);
  private static final long START_SECONDS = 30;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    Map<String, String> keys = new HashMap<>(Map.of("http.host", "127.0.0.1", "http.port", "0"));
    WithConnectEmulator annotation = context.getRequiredTestClass().getAnnotation(WithConnectEmulator.class);
    if (annotation != null) {
      for (String pair : annotation.value()) {
        int equals = pair.indexOf('=');
        if (equals <= 0) {
          throw new IllegalArgumentException("@WithConnectEmulator takes key=value, not '" + pair + "'");
        }
        keys.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
      }
    }
    Vertx vertx = Vertx.vertx();
    try {
      Emulator emulator = Emulator.deploy(vertx, EmulatorConfig.withKeys(keys)).await(START_SECONDS, TimeUnit.SECONDS);
      context.getStore(NAMESPACE).put(Running.class, new Running(vertx, emulator));
    } catch (Exception e) {
      vertx.close();
      throw e;
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == Emulator.class || type == URI.class || type == Vertx.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Running running = context.getStore(NAMESPACE).get(Running.class, Running.class);
    if (running == null) {
      throw new ParameterResolutionException("no emulator started for " + context.getDisplayName());
    }
    Class<?> type = parameter.getParameter().getType();
    if (type == Emulator.class) {
      return running.emulator();
    }
    return type == URI.class ? URI.create(running.emulator().endpoint()) : running.vertx();
  }

  /** Closed by JUnit with the class's store, after its last test. */
  private record Running(Vertx vertx, Emulator emulator)
      implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    @Override
    public void close() throws Exception {
      vertx.close().await(START_SECONDS, TimeUnit.SECONDS);
    }
  }
}
