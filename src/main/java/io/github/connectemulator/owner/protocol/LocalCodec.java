package io.github.connectemulator.owner.protocol;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.BasicPolymorphicTypeValidator;
import io.github.connectemulator.operations.AwsErrorType;
import io.github.connectemulator.operations.AwsFailure;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;
import java.util.List;

/**
 * Passes immutable messages between verticles of one JVM by reference: no copy, no serialisation. A message that
 * leaves the JVM (a clustered event bus) travels as JSON instead: a 4-byte length, then the record written by
 * Jackson with the class names of polymorphic members, limited to this project's types and the JDK's collections.
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
          OwnerRequest.class,
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
          AdminCommand.Inspect.class,
          AdminCommand.RunsStepped.class,
          AdminCommand.OwnerStats.class,
          AdminCommand.ReadLoad.class,
          AdminCommand.OwnerLoad.class);

  /**
   * The wire form's mapper, made on first use: only a clustered event bus and a journal need it, and building it
   * loads some 400 Jackson classes that a single node without data.dir would load for nothing at start-up.
   */
  private static final class Wire {
    static final ObjectMapper MAPPER = JsonMapper.builder()
        .activateDefaultTyping(
            BasicPolymorphicTypeValidator.builder()
                .allowIfSubType("io.github.connectemulator.")
                .allowIfSubType("java.util.")
                .build(),
            ObjectMapper.DefaultTyping.NON_FINAL)
        .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
        .build();
  }

  private final String name;
  private final Class<T> type;

  private LocalCodec(Class<T> type) {
    this.name = "local:" + type.getName();
    this.type = type;
  }

  /** A message in the wire form's JSON (without the length), e.g. for a journal. */
  public static byte[] toJson(Object message) {
    try {
      return Wire.MAPPER.writeValueAsBytes(message);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write " + message, e);
    }
  }

  /** The message a {@link #toJson} wrote. */
  public static <M> M fromJson(byte[] json, Class<M> type) throws java.io.IOException {
    return Wire.MAPPER.readValue(json, type);
  }

  /** The codec of one message type, as registered; for tests of the wire form. */
  static <T> LocalCodec<T> of(Class<T> type) {
    return new LocalCodec<>(type);
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
    try {
      byte[] json = message instanceof AwsFailure failure
          ? Wire.MAPPER.writeValueAsBytes(new WireFailure(failure.type(), failure.getMessage(), failure.problems()))
          : Wire.MAPPER.writeValueAsBytes(message);
      buffer.appendInt(json.length).appendBytes(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(name + ": cannot write " + message, e);
    }
  }

  @Override
  public T decodeFromWire(int pos, Buffer buffer) {
    int length = buffer.getInt(pos);
    byte[] json = buffer.getBytes(pos + 4, pos + 4 + length);
    try {
      if (type == AwsFailure.class) {
        WireFailure failure = Wire.MAPPER.readValue(json, WireFailure.class);
        return type.cast(new AwsFailure(failure.type(), failure.message(), failure.problems()));
      }
      return Wire.MAPPER.readValue(json, type);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(name + ": cannot read a message", e);
    }
  }

  /** An {@link AwsFailure} on the wire: an exception's own fields are no message. */
  private record WireFailure(AwsErrorType type, String message, List<String> problems) {}

  @Override
  public String name() {
    return name;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
