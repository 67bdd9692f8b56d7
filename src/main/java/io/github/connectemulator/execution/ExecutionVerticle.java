package io.github.connectemulator.execution;

import io.github.connectemulator.api.Addresses;
import io.github.connectemulator.api.AwsFailure;
import io.github.connectemulator.api.OwnerCommand;
import io.github.connectemulator.config.EmulatorConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Clock;

/**
 * One execution owner on the event bus: takes the {@link OwnerCommand}s of the instances it holds at
 * {@link Addresses#owner(int)}, replies from its event loop, and moves its runs forward with a single timer armed
 * for the earliest due step.
 */
public final class ExecutionVerticle extends VerticleBase {

  /** Finished runs also age out while no traffic arrives. */
  private static final long RETENTION_SWEEP_MILLIS = 1000;

  private final int index;
  private final EmulatorConfig config;
  private final Clock clock;
  private ExecutionOwner owner;
  private long timerId = -1;
  private long armedFor = Long.MAX_VALUE;

  public ExecutionVerticle(int index, EmulatorConfig config, Clock clock) {
    this.index = index;
    this.config = config;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    owner = new ExecutionOwner(config, clock);
    vertx.setPeriodic(RETENTION_SWEEP_MILLIS, id -> advance());
    MessageConsumer<OwnerCommand> consumer = vertx.eventBus().consumer(Addresses.owner(index), this::handle);
    return consumer.completion();
  }

  private void handle(Message<OwnerCommand> message) {
    try {
      message.reply(owner.handle(message.body()));
    } catch (AwsFailure failure) {
      message.reply(failure);
    }
    rearm();
  }

  private void advance() {
    owner.advance();
    rearm();
  }

  /** Keeps exactly one timer, armed for the earliest step; re-armed only when an earlier step appears. */
  private void rearm() {
    long next = owner.nextDeadline();
    if (next >= armedFor) {
      return;
    }
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
    }
    armedFor = next;
    if (next == Long.MAX_VALUE) {
      timerId = -1;
      return;
    }
    timerId = vertx.setTimer(Math.max(1, next - clock.millis()), id -> {
      timerId = -1;
      armedFor = Long.MAX_VALUE;
      advance();
    });
  }
}
