package io.github.connectemulator.service;

import io.github.connectemulator.owner.RunListener;
import io.github.connectemulator.model.Execution;
import io.github.connectemulator.model.ExecutionStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Executions in the metrics: {@code emulator_executions_started_total}, {@code emulator_executions_finished_total
 * {status}} (counted by the owners as runs start and end), and the gauges {@code emulator_executions_running},
 * {@code emulator_executions_queued} (waiting for a slot) and {@code emulator_executions_retained} (finished, still
 * readable), which {@link MetricsRoute} refreshes from the owners before each scrape.
 */
public final class ExecutionMetrics implements RunListener {

  private final Counter started;
  private final Map<ExecutionStatus, Counter> finished = new EnumMap<>(ExecutionStatus.class);
  private final AtomicLong running = new AtomicLong();
  private final AtomicLong queued = new AtomicLong();
  private final AtomicLong retained = new AtomicLong();

  public ExecutionMetrics(MeterRegistry registry) {
    started = Counter.builder("emulator.executions.started")
        .description("Executions started (a ClientToken replay is not a new start)")
        .register(registry);
    for (ExecutionStatus status : ExecutionStatus.values()) {
      if (status.isTerminal()) {
        finished.put(status, Counter.builder("emulator.executions.finished")
            .description("Executions that reached a final status")
            .tag("status", status.name())
            .register(registry));
      }
    }
    Gauge.builder("emulator.executions.running", running, AtomicLong::get)
        .description("Executions holding a running slot").register(registry);
    Gauge.builder("emulator.executions.queued", queued, AtomicLong::get)
        .description("Executions waiting INITIATED for a running slot (the queue depth)").register(registry);
    Gauge.builder("emulator.executions.retained", retained, AtomicLong::get)
        .description("Finished executions kept for reading").register(registry);
  }

  @Override
  public void started(Execution execution) {
    started.increment();
  }

  @Override
  public void finished(Execution execution) {
    finished.get(execution.status()).increment();
  }

  void setLoad(long running, long queued, long retained) {
    this.running.set(running);
    this.queued.set(queued);
    this.retained.set(retained);
  }
}
