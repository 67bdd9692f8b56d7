package io.github.connectemulator.owner;

import io.github.connectemulator.config.Controls;
import io.github.connectemulator.config.EmulatorConfig;
import io.github.connectemulator.operations.AwsErrorType;
import io.github.connectemulator.operations.AwsFailure;
import io.github.connectemulator.owner.journal.ChangeLog;
import io.github.connectemulator.owner.journal.Journal;
import io.github.connectemulator.owner.journal.ReplayClock;
import io.github.connectemulator.owner.journal.ReplayableIds;
import io.github.connectemulator.owner.protocol.AdminCommand;
import io.github.connectemulator.owner.protocol.CreateTestCase;
import io.github.connectemulator.owner.protocol.Done;
import io.github.connectemulator.owner.protocol.DeleteTestCase;
import io.github.connectemulator.owner.protocol.OwnerCommand;
import io.github.connectemulator.owner.protocol.OwnerRequest;
import io.github.connectemulator.owner.protocol.StartExecution;
import io.github.connectemulator.owner.protocol.StopExecution;
import io.github.connectemulator.owner.protocol.UpdateTestCase;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One execution owner on the event bus: takes the {@link OwnerCommand}s of the instances it holds (and the admin
 * API's {@link AdminCommand}s) at the address its placement gave it, replies from its event loop, and moves its runs
 * forward with a single timer armed for the earliest due step.
 */
public final class ExecutionVerticle extends VerticleBase {

  /** Finished runs also age out, and queued runs get freed slots, while no traffic arrives. */
  private static final long SWEEP_MILLIS = 1000;

  private final String address;
  private final EmulatorConfig config;
  private final Controls controls;
  private final Clock clock;
  private final RunListener listener;
  private QuietWhileReplaying replayListener;
  private ExecutionOwner owner;
  /** The owner's view of time: pinned while a command runs with a journal, so that it can be replayed exactly. */
  private ReplayClock ownerClock;
  /** Where changes are written before they are applied; null when nothing is kept (no data.dir, no cluster). */
  private final ChangeLog.Source changeLogSource;
  /** Whether this owner may serve now; in cluster mode, not while its partition moves. */
  private final BooleanSupplier serving;
  private ChangeLog journal;
  private ReplayableIds journaledIds;
  /** Journal lines not yet applied, in journal order: the changes they carry are not in memory yet. */
  private final ArrayDeque<Pending> inFlight = new ArrayDeque<>();
  /** Instances with a change pending, each with the changes that came since and wait for it, in arrival order. */
  private final Map<String, ArrayDeque<Write>> busyInstances = new HashMap<>();
  /** While a reset is pending, every change that came since, in arrival order; null otherwise. */
  private ArrayDeque<Write> heldForReset;
  private int resetsPending;
  /** Waiting changes let in once the lines settled together are all applied. */
  private final ArrayDeque<Runnable> released = new ArrayDeque<>();
  /** The time of the latest journal line: a line's time never goes back, even if the system clock does. */
  private long lastAt = Long.MIN_VALUE;
  /** The highest admin clock offset in a line on disk. */
  private long durableOffset;
  private long timerId = -1;
  private long armedFor = Long.MAX_VALUE;

  /**
   * @param index this owner's number on this node (its journal file is named after it)
   * @param address where it takes commands, from the placement
   */
  public ExecutionVerticle(int index, String address, EmulatorConfig config, Controls controls, Clock clock,
      RunListener listener) {
    this(address, config, controls, clock, listener,
        config.dataDir() == null ? null : Journal.source(config.dataDir(), index), () -> true);
  }

  /**
   * @param changeLog where changes are kept before they are applied, or null to keep nothing
   * @param serving false while this owner must refuse commands (ThrottlingException, which clients retry)
   */
  public ExecutionVerticle(String address, EmulatorConfig config, Controls controls, Clock clock,
      RunListener listener, ChangeLog.Source changeLog, BooleanSupplier serving) {
    this.changeLogSource = changeLog;
    this.serving = serving;
    this.address = address;
    this.config = config;
    this.controls = controls;
    this.clock = clock;
    this.listener = listener;
  }

  @Override
  public Future<?> start() {
    ownerClock = new ReplayClock(clock);
    replayListener = new QuietWhileReplaying(listener);
    owner = new ExecutionOwner(config, controls, ownerClock, replayListener);
    Future<Void> restored = Future.succeededFuture();
    if (changeLogSource != null) {
      journaledIds = owner.useReplayableIds();
      restored = changeLogSource.open(vertx).map(opened -> {
        journal = opened.log();
        replay(opened.entries());
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
    replayListener.replaying(true);
    restoreClock(entries);
    for (Journal.Entry entry : entries) {
      ownerClock.pin(entry.at());
      if (entry.kind() == Journal.Entry.Kind.RESET) {
        owner.reset();
        continue;
      }
      if (entry.kind() == Journal.Entry.Kind.CLOCK) {
        owner.handle(new AdminCommand.Nudge()); // as when the admin API moved the clock
        continue;
      }
      owner.advance();
      journaledIds.beginCommand(entry.ids());
      try {
        owner.handle(entry.command());
      } catch (AwsFailure refusedAsBefore) {
        // A line is written for a change that passed its checks; one refused when it was applied is refused again.
      }
    }
    replayListener.replaying(false);
    ownerClock.unpin();
    owner.advance();
  }

  /**
   * The admin clock goes on from where the journal left it: its offset comes back (the highest a line recorded, so a
   * move of the clock after the last change counts too), and, should the system clock now be behind the latest
   * line, it is moved up to that line's time. Times never go backwards across a restart.
   */
  private void restoreClock(List<Journal.Entry> entries) {
    for (Journal.Entry entry : entries) {
      lastAt = Math.max(lastAt, entry.at());
      durableOffset = Math.max(durableOffset, entry.clockOffset());
    }
    if (clock instanceof AdjustableClock adjustable && !entries.isEmpty()) {
      adjustable.raiseOffsetTo(durableOffset);
      long behind = lastAt - adjustable.millis();
      if (behind > 0) {
        adjustable.raiseOffsetTo(adjustable.offsetMillis() + behind);
      }
    }
  }

  private long clockOffset() {
    return clock instanceof AdjustableClock adjustable ? adjustable.offsetMillis() : 0;
  }

  /** This owner's journal file, null without data.dir: for tests. */
  Journal journal() {
    return journal instanceof Journal file ? file : null;
  }

  @Override
  public Future<?> stop() {
    if (journal != null) {
      journal.close();
    }
    return Future.succeededFuture();
  }

  private void handle(Message<Object> message) {
    Object body = message.body();
    if (body instanceof OwnerRequest request) {
      take(request.command(), request::answer);
    } else if (body instanceof OwnerCommand command) {
      take(command, message::reply);
    } else if (body instanceof AdminCommand admin) {
      if (journal != null && admin instanceof AdminCommand.ResetState) {
        journalReset(message);
      } else if (journal != null && admin instanceof AdminCommand.Nudge) {
        journalNudge(message);
      } else {
        message.reply(atSettledTime(() -> owner.handle(admin)));
      }
    }
    rearm();
  }

  /** Runs a command, or queues it behind its instance's pending change; its answer goes to {@code replyTo}. */
  private void take(OwnerCommand command, Consumer<Object> replyTo) {
    if (!serving.getAsBoolean()) {
      replyTo.accept(new AwsFailure(AwsErrorType.THROTTLING,
          "This instance's state is moving to another node; retry with backoff"));
      return;
    }
    if (journal != null && changesState(command)) {
      AwsFailure refused = owner.admit(command);
      if (refused != null) {
        deliver(replyTo, command, refused);
      } else {
        submit(new Write(replyTo, command));
      }
    } else {
      deliver(replyTo, command, atSettledTime(() -> execute(command)));
    }
  }

  /** The reply, after the injected latency if there is one for this command. */
  private void deliver(Consumer<Object> replyTo, OwnerCommand command, Object reply) {
    long latency = owner.replyLatencyMillis(command);
    if (latency > 0) {
      vertx.setTimer(latency, id -> replyTo.accept(reply));
    } else {
      replyTo.accept(reply);
    }
  }

  /*
   * Changes with a journal: checked, written, and only then applied.
   *
   * A change reaches memory only once its journal line is on disk, so a write that fails leaves no trace: the caller
   * gets InternalServiceException and the state is as if the request never came, and a retry is simply the first
   * attempt. Applying first and undoing on failure was rejected: by the time the write fails, the change has been
   * seen (replies to readers, status events, metrics) and has had consequences that cannot be taken back (a started
   * run may end at once and push another instance's finished run out of retention).
   *
   * Why this is consistent while writes are pending (group commit makes the append asynchronous, and the owner goes
   * on taking commands meanwhile):
   * - A change is checked against memory before its line is written, so only changes that will happen are written.
   *   Memory then holds every change already applied, none pending: readers only ever see acknowledged state.
   * - A change whose instance has a change pending waits until that one is applied or dropped (and every change waits
   *   while a reset is pending). So a change is checked against the very state it will be applied to: a Start right
   *   behind the Create of its test case sees the test case, or, if the Create failed, meets the same 404 it would
   *   have met had it come alone. Other instances are not held up, and their lines still share one write and one
   *   force; the cost is that concurrent changes to one instance take one force each. The ids a change issues are
   *   drawn by its check, written in its line, and given back when it is applied.
   * - Changes are applied in journal order, each at the time in its line, and runs are not stepped past the time of
   *   the earliest pending change: the owner goes through exactly the sequence a replay of the journal does, so a
   *   restart rebuilds what was answered. A change whose check passed but that is refused when applied (its run
   *   finished meanwhile, another instance's run took the owner's last live slot) is answered with that refusal,
   *   and its line is refused the same way on replay.
   * - A failed write is cut from the file (Journal#write); the lines around it stand on their own, since the changes
   *   that depended on it were still waiting, and none was applied.
   */

  /** A change waiting for its turn to be checked. */
  private record Write(Consumer<Object> replyTo, OwnerCommand command) {}

  /** A journal line written or being written, not yet applied; settled (in order) when its write completes. */
  private static final class Pending {
    final long at;
    final Consumer<Throwable> settle;
    boolean written;
    Throwable failure;

    Pending(long at, Consumer<Throwable> settle) {
      this.at = at;
      this.settle = settle;
    }
  }

  /** Takes a change now, or queues it behind the pending change of its instance, or behind a pending reset. */
  private void submit(Write write) {
    if (heldForReset != null) {
      heldForReset.add(write);
      return;
    }
    ArrayDeque<Write> waiting = busyInstances.get(write.command().instanceId());
    if (waiting != null) {
      waiting.add(write);
      return;
    }
    begin(write);
  }

  /** Checks the change at its time; a change is written, anything else is answered at once. */
  private void begin(Write write) {
    OwnerCommand command = write.command();
    long at = Math.max(clock.millis(), lastAt);
    boolean changes;
    ownerClock.pin(at);
    try {
      if (inFlight.isEmpty()) {
        owner.advance(); // the state the change is applied to, and replayed on
      }
      journaledIds.beginCommand(List.of());
      changes = owner.check(command);
    } catch (AwsFailure refused) {
      deliver(write.replyTo(), command, refused);
      return;
    } finally {
      ownerClock.unpin();
    }
    if (!changes) {
      deliver(write.replyTo(), command, atSettledTime(() -> answer(command)));
      return;
    }
    List<String> ids = journaledIds.issued();
    String instanceId = command.instanceId();
    busyInstances.put(instanceId, new ArrayDeque<>());
    lastAt = at;
    append(Journal.Entry.change(at, clockOffset(), ids, command), failure -> {
      Object reply = failure == null ? apply(at, ids, command) : notWritten(failure, "The change");
      deliver(write.replyTo(), command, reply);
      released.add(() -> {
        ArrayDeque<Write> waiting = busyInstances.remove(instanceId);
        waiting.forEach(this::submit);
      });
    });
  }

  /** A change whose line is on disk, at its own time and with its own ids, as a replay does it. */
  private Object apply(long at, List<String> ids, OwnerCommand command) {
    ownerClock.pin(at);
    try {
      owner.advance();
      journaledIds.beginCommand(ids);
      return answer(command);
    } finally {
      ownerClock.unpin();
    }
  }

  /** The admin API's reset, in journal order: every change waits until it is applied (or dropped). */
  private void journalReset(Message<Object> message) {
    if (heldForReset == null) {
      heldForReset = new ArrayDeque<>();
    }
    resetsPending++;
    long at = Math.max(clock.millis(), lastAt);
    lastAt = at;
    append(Journal.Entry.reset(at, clockOffset()), failure -> {
      if (failure == null) {
        ownerClock.pin(at);
        try {
          owner.reset();
        } finally {
          ownerClock.unpin();
        }
        message.reply(Done.INSTANCE);
      } else {
        message.reply(notWritten(failure, "The reset"));
      }
      if (--resetsPending == 0) {
        released.add(() -> {
          ArrayDeque<Write> waiting = heldForReset;
          heldForReset = null;
          waiting.forEach(this::submit);
        });
      }
    });
  }

  /**
   * Runs what is due once the changes pending before it are applied, so that its reply sees them. A clock moved
   * past the offset on disk is written first (the admin API nudges every owner after moving it), so that the move
   * survives a restart even if no change follows it.
   */
  private void journalNudge(Message<Object> message) {
    long at = Math.max(clock.millis(), lastAt);
    lastAt = at;
    Consumer<Throwable> nudge = failure -> {
      ownerClock.pin(at);
      try {
        Object done = owner.handle(new AdminCommand.Nudge());
        message.reply(failure == null ? done : notWritten(failure, "The clock"));
      } finally {
        ownerClock.unpin();
      }
    };
    long offset = clockOffset();
    if (offset > durableOffset) {
      append(Journal.Entry.clock(at, offset), nudge);
    } else {
      Pending pending = new Pending(at, nudge);
      inFlight.add(pending);
      settle(pending, null);
    }
  }

  private void append(Journal.Entry entry, Consumer<Throwable> settle) {
    Pending pending = new Pending(entry.at(), settle);
    inFlight.add(pending);
    journal.append(entry).onComplete(written -> {
      if (written.succeeded()) {
        durableOffset = Math.max(durableOffset, entry.clockOffset());
      }
      settle(pending, written.cause());
    });
  }

  /**
   * The caller's answer when a line could not be written: the change log's own verdict when it gave one (in cluster
   * mode, ThrottlingException when the partition moved while the line was written), else InternalServiceException.
   */
  private static AwsFailure notWritten(Throwable failure, String what) {
    return failure instanceof AwsFailure verdict
        ? verdict
        : new AwsFailure(AwsErrorType.INTERNAL_SERVICE, what + " could not be written: " + failure.getMessage());
  }

  /** Settles every pending line whose write completed, in journal order; then lets waiting changes in. */
  private void settle(Pending pending, Throwable failure) {
    pending.written = true;
    pending.failure = failure;
    while (!inFlight.isEmpty() && inFlight.peek().written) {
      Pending head = inFlight.poll();
      head.settle.accept(head.failure);
    }
    while (!released.isEmpty()) {
      released.poll().run();
    }
    advance();
  }

  /**
   * Runs something that reads the owner's clock (a read, an admin command) while changes may be pending: at the
   * time of the earliest pending one, which the owner has not gone past, so that its time never goes backwards.
   */
  private <T> T atSettledTime(Supplier<T> action) {
    if (inFlight.isEmpty()) {
      return action.get();
    }
    ownerClock.pin(Math.min(clock.millis(), inFlight.peek().at));
    try {
      return action.get();
    } finally {
      ownerClock.unpin();
    }
  }

  private static boolean changesState(OwnerCommand command) {
    return command instanceof CreateTestCase || command instanceof UpdateTestCase
        || command instanceof DeleteTestCase || command instanceof StartExecution
        || command instanceof StopExecution;
  }

  /** The reply: the operation's, or the AWS failure it met (throttled, injected, or its own). */
  private Object execute(OwnerCommand command) {
    AwsFailure refused = owner.admit(command);
    return refused != null ? refused : answer(command);
  }

  /** The operation's reply, or the AWS failure it met. */
  private Object answer(OwnerCommand command) {
    try {
      return owner.handle(command);
    } catch (AwsFailure failure) {
      return failure;
    }
  }

  /** Steps the runs that are due, but not past a pending change: settling it steps them on. */
  private void advance() {
    atSettledTime(() -> {
      owner.advance();
      return null;
    });
    rearm();
  }

  /**
   * Keeps exactly one timer, armed for the earliest step; re-armed only when an earlier step appears. None while a
   * change is pending: runs wait for it, and settling it steps them.
   */
  private void rearm() {
    if (!inFlight.isEmpty()) {
      return;
    }
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
