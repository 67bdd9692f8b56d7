package io.github.connectemulator.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;
import java.util.List;

/**
 * Passes immutable messages between verticles of one JVM by reference: no copy, no serialisation. Messages that
 * would leave the JVM need a wire form, which this codec refuses to invent.
 */
public final class LocalCodec<T> implements MessageCodec<T, T> {

  /** Every class that travels on the emulator's addresses. */
  private static final List<Class<?>> MESSAGE_TYPES =
      List.of(
          CreateTestCase.class,
          DescribeTestCase.class,
          UpdateTestCase.class,
          DeleteTestCase.class,
          ListTestCases.class,
          SearchTestCases.class,
          StartExecution.class,
          StopExecution.class,
          GetExecutionSummary.class,
          ListExecutions.class,
          ListRecords.class,
          TestCaseCreated.class,
          TestCaseView.class,
          ExecutionStarted.class,
          ExecutionSummary.class,
          Page.class,
          Done.class,
          AwsFailure.class,
          AdminCommand.ResetState.class,
          AdminCommand.Nudge.class,
          AdminCommand.StepRuns.class,
          AdminCommand.ReadStats.class,
          AdminCommand.RunsStepped.class,
          AdminCommand.OwnerStats.class,
          AdminCommand.ReadLoad.class,
          AdminCommand.OwnerLoad.class);

  private final String name;

  private LocalCodec(Class<T> type) {
    this.name = "local:" + type.getName();
  }

  /** Registers this codec as the default for every emulator message type; a second call changes nothing. */
  public static void registerAll(EventBus bus) {
    for (Class<?> type : MESSAGE_TYPES) {
      register(bus, type);
    }
  }

  private static <T> void register(EventBus bus, Class<T> type) {
    try {
      bus.registerDefaultCodec(type, new LocalCodec<>(type));
    } catch (IllegalStateException alreadyRegistered) {
      // An emulator deployed again into the same Vertx finds its codecs in place.
    }
  }

  @Override
  public T transform(T message) {
    return message;
  }

  @Override
  public void encodeToWire(Buffer buffer, T message) {
    throw new UnsupportedOperationException(name + " messages stay inside one JVM");
  }

  @Override
  public T decodeFromWire(int pos, Buffer buffer) {
    throw new UnsupportedOperationException(name + " messages stay inside one JVM");
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
