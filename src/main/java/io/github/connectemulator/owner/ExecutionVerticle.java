package io.github.connectemulator.owner;

import io.github.connectemulator.config.Controls;
import io.github.connectemulator.config.EmulatorConfig;
import io.github.connectemulator.operations.AwsFailure;
import io.github.connectemulator.owner.journal.Journal;
import io.github.connectemulator.owner.journal.ReplayClock;
import io.github.connectemulator.owner.journal.ReplayableIds;
import io.github.connectemulator.owner.protocol.AdminCommand;
import io.github.connectemulator.owner.protocol.CreateTestCase;
import io.github.connectemulator.owner.protocol.DeleteTestCase;
import io.github.connectemulator.owner.protocol.OwnerCommand;
import io.github.connectemulator.owner.protocol.StartExecution;
import io.github.connectemulator.owner.protocol.StopExecution;
import io.github.connectemulator.owner.protocol.UpdateTestCase;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Clock;
import java.util.List;

/**
 * One execution owner on the event bus: takes the {@link OwnerCommand}s of the instances it holds (and the admin
 * API's {@link AdminCommand}s) at the address its placement gave it, replies from its event loop, and moves its runs
 * forward with a single timer armed for the earliest due step.
 */
public final class ExecutionVerticle extends VerticleBase {

  /** Finished runs also age out, and queued runs get freed slots, while no traffic arrives. */
  private static final long SWEEP_MILLIS = 1000;

  private final int index;
  private final String address;
  private final EmulatorConfig config;
  private final Controls controls;
  private final Clock clock;
  private final RunListener listener;
  private ExecutionOwner owner;
  /** The owner's view of time: pinned while a command runs with a journal, so that it can be replayed exactly. */
  private ReplayClock ownerClock;
  private Journal journal;
  private ReplayableIds journaledIds;
  private long timerId = -1;
  private long armedFor = Long.MAX_VALUE;

  /**
   * @param index this owner's number on this node (its journal file is named after it)
   * @param address where it takes commands, from the placement
   */
  public ExecutionVerticle(int index, String address, EmulatorConfig config, Controls controls, Clock clock,
      RunListener listener) {
    this.index = index;
    this.address = address;
    this.config = config;
    this.controls = controls;
    this.clock = clock;
    this.listener = listener;
  }

  @Override
  public Future<?> start() {
    ownerClock = new ReplayClock(clock);
    owner = new ExecutionOwner(config, controls, ownerClock, listener);
    Future<Void> restored = Future.succeededFuture();
    if (config.dataDir() != null) {
      journaledIds = owner.useReplayableIds();
      java.nio.file.Path file = Journal.file(config.dataDir(), index);
      restored = vertx.executeBlocking(() -> {
        List<Journal.Entry> entries = Journal.read(file);
        journal = Journal.open(vertx, file);
        return entries;
      }).map(entries -> {
        replay(entries);
        return null;
      });
    }
    return restored.compose(v -> {
      vertx.setPeriodic(SWEEP_MILLIS, id -> advance());
      MessageConsumer<Object> consumer = vertx.eventBus().consumer(address, this::handle);
      return consumer.completion();
    });
  }

  /**
   * Runs the journal's commands again, each at its own time and with the ids it issued, letting runs step between
   * them as they did; then the clock is let go, and runs catch up to now (finishing, or going on where they are).
   */
  private void replay(List<Journal.Entry> entries) {
    for (Journal.Entry entry : entries) {
      ownerClock.pin(entry.at());
      if (entry.isReset()) {
        owner.reset();
        continue;
      }
      owner.advance();
      journaledIds.beginCommand(entry.ids());
      try {
        owner.handle(entry.command());
      } catch (AwsFailure refusedAsBefore) {
        // Only commands that succeeded were journaled; one refused now changes nothing either.
      }
    }
    ownerClock.unpin();
    owner.advance();
  }

  @Override
  public Future<?> stop() {
    if (journal != null) {
      journal.close();
    }
    return Future.succeededFuture();
  }

  private void handle(Message<Object> message) {
    if (message.body() instanceof OwnerCommand command) {
      if (journal != null && changesState(command)) {
        executeJournaled(command).onComplete(written -> deliver(message, command, written.result()));
      } else {
        deliver(message, command, execute(command));
      }
    } else if (message.body() instanceof AdminCommand admin) {
      Object reply = owner.handle(admin);
      if (journal != null && admin instanceof AdminCommand.ResetState) {
        journal.append(Journal.Entry.reset(clock.millis())).onComplete(written -> message.reply(reply));
      } else {
        message.reply(reply);
      }
    }
    rearm();
  }

  /** The reply, after the injected latency if there is one for this command. */
  private void deliver(Message<Object> message, OwnerCommand command, Object reply) {
    long latency = owner.replyLatencyMillis(command);
    if (latency > 0) {
      vertx.setTimer(latency, id -> message.reply(reply));
    } else {
      message.reply(reply);
    }
  }

  /**
   * A command that changes state runs at one pinned time; its reply is ready once its journal line is on disk. The
   * future always succeeds: with the reply, or with the AWS failure to answer instead.
   */
  private Future<Object> executeJournaled(OwnerCommand command) {
    long at = clock.millis();
    ownerClock.pin(at);
    journaledIds.beginCommand(List.of());
    Object reply;
    try {
      reply = execute(command);
    } finally {
      ownerClock.unpin();
    }
    if (reply instanceof AwsFailure) {
      return Future.succeededFuture(reply);
    }
    return journal.append(new Journal.Entry(at, journaledIds.issued(), command))
        .map(written -> reply)
        .otherwise(failure -> new AwsFailure(io.github.connectemulator.operations.AwsErrorType.INTERNAL_SERVICE,
            "The change could not be written to data.dir: " + failure.getMessage()));
  }

  private static boolean changesState(OwnerCommand command) {
    return command instanceof CreateTestCase || command instanceof UpdateTestCase
        || command instanceof DeleteTestCase || command instanceof StartExecution
        || command instanceof StopExecution;
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
