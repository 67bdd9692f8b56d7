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
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import java.util.List;

/**
 * Micrometer's JVM and process meters, the ones vertx-micrometer binds when its JVM metrics are on, bound by a worker
 * verticle instead: binding them loads some 300 classes (management beans, GC listeners), which on the main thread
 * held up the whole start-up; here it runs beside the deployment. Undeployed with the {@code Vertx}, which closes the
 * GC listeners.
 */
public final class JvmMeters extends VerticleBase {

  private final MeterRegistry registry;
  private List<MeterBinder> binders = List.of();

  private JvmMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Completes once every meter is in {@code registry}. */
  public static Future<String> deploy(Vertx vertx, MeterRegistry registry) {
    return vertx.deployVerticle(new JvmMeters(registry),
        new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER));
  }

  @Override
  public Future<?> start() {
    binders = List.of(new ClassLoaderMetrics(), new JvmCompilationMetrics(), new JvmGcMetrics(),
        new JvmHeapPressureMetrics(), new JvmInfoMetrics(), new JvmMemoryMetrics(), new JvmThreadMetrics(),
        new ProcessorMetrics(), new UptimeMetrics());
    binders.forEach(binder -> binder.bindTo(registry));
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() throws Exception {
    for (MeterBinder binder : binders) {
      if (binder instanceof AutoCloseable closeable) {
        closeable.close();
      }
    }
    return Future.succeededFuture();
  }
}
