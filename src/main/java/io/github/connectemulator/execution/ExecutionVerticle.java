package io.github.connectemulator.execution;

import io.github.connectemulator.api.Addresses;
import io.github.connectemulator.api.AdminCommand;
import io.github.connectemulator.api.AwsFailure;
import io.github.connectemulator.api.OwnerCommand;
import io.github.connectemulator.config.Controls;
import io.github.connectemulator.config.EmulatorConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Clock;

/**
 * One execution owner on the event bus: takes the {@link OwnerCommand}s of the instances it holds (and the admin
 * API's {@link AdminCommand}s) at {@link Addresses#owner(int)}, replies from its event loop, and moves its runs
 * forward with a single timer armed for the earliest due step.
 */
public final class ExecutionVerticle extends VerticleBase {

  /** Finished runs also age out, and queued runs get freed slots, while no traffic arrives. */
  private static final long SWEEP_MILLIS = 1000;

  private final int index;
  private final EmulatorConfig config;
  private final Controls controls;
  private final Clock clock;
  private final RunListener listener;
  private ExecutionOwner owner;
  private long timerId = -1;
  private long armedFor = Long.MAX_VALUE;

  public ExecutionVerticle(int index, EmulatorConfig config, Controls controls, Clock clock) {
    this(index, config, controls, clock, RunListener.NONE);
  }

  public ExecutionVerticle(int index, EmulatorConfig config, Controls controls, Clock clock, RunListener listener) {
    this.index = index;
    this.config = config;
    this.controls = controls;
    this.clock = clock;
    this.listener = listener;
  }

  @Override
  public Future<?> start() {
    owner = new ExecutionOwner(config, controls, clock, listener);
    vertx.setPeriodic(SWEEP_MILLIS, id -> advance());
    MessageConsumer<Object> consumer = vertx.eventBus().consumer(Addresses.owner(index), this::handle);
    return consumer.completion();
  }

  private void handle(Message<Object> message) {
    if (message.body() instanceof OwnerCommand command) {
      Object reply = execute(command);
      long latency = owner.replyLatencyMillis(command);
      if (latency > 0) {
        vertx.setTimer(latency, id -> message.reply(reply));
      } else {
        message.reply(reply);
      }
    } else if (message.body() instanceof AdminCommand admin) {
      message.reply(owner.handle(admin));
    }
    rearm();
  }

  /** The reply: the operation's, or the AWS failure it met (throttled, injected, or its own). */
  private Object execute(OwnerCommand command) {
    AwsFailure refused = owner.admit(command);
    if (refused != null) {
      return refused;
    }
    try {
      return owner.handle(command);
    } catch (AwsFailure failure) {
      return failure;
    }
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
