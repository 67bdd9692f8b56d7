package io.github.connectemulator.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts one emulator for the test class (on 127.0.0.1 and a free port, in a Vertx of its own) and stops it after
 * the last test. Test methods and constructors can take the {@link io.github.connectemulator.Emulator}, its
 * endpoint as a {@link java.net.URI}, or its {@link io.vertx.core.Vertx} (to use the event bus) as parameters.
 *
 * <pre>{@code
 * @WithConnectEmulator({"timing.mode=immediate"})
 * class FlowTest {
 *   @Test void runs(URI endpoint) { ConnectClient.builder().endpointOverride(endpoint)... }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(ConnectEmulatorExtension.class)
public @interface WithConnectEmulator {

  /** Configuration keys as {@code key=value}, over the embedded defaults. */
  String[] value() default {};
}
