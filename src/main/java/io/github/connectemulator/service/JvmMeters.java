package io.github.connectemulator.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmCompilationMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmHeapPressureMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import java.util.List;

/**
 * The JVM's meters ({@code jvm_*}, {@code process_*}, {@code system_*}): the binders vertx-micrometer binds when its
 * JVM metrics are on, bound here instead once the emulator serves. Binding them reads the platform's management
 * beans, 40-70 ms of a cold start that the first request need not wait for.
 */
public final class JvmMeters {

  private JvmMeters() {}

  /** Binds the meters now. */
  public static void bind(MeterRegistry registry) {
    for (MeterBinder binder : List.of(new ClassLoaderMetrics(), new JvmCompilationMetrics(), new JvmGcMetrics(),
        new JvmHeapPressureMetrics(), new JvmInfoMetrics(), new JvmMemoryMetrics(), new JvmThreadMetrics(),
        new ProcessorMetrics(), new UptimeMetrics())) {
      binder.bindTo(registry);
    }
  }

  /**
   * Binds the meters on a thread of their own, off the event loops. They are bound for the life of the process (the
   * GC meters listen to the collector until it exits), so this is for the standalone emulator's registry.
   */
  public static void bindInBackground(MeterRegistry registry) {
    Thread binder = new Thread(() -> bind(registry), "jvm-meters");
    binder.setDaemon(true);
    binder.start();
  }
}
