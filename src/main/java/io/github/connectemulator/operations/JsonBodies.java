package io.github.connectemulator.operations;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import io.github.connectemulator.owner.protocol.ExecutionStarted;
import io.github.connectemulator.owner.protocol.ExecutionSummary;
import io.github.connectemulator.owner.protocol.ExecutionView;
import io.github.connectemulator.owner.protocol.Page;
import io.github.connectemulator.owner.protocol.RecordView;
import io.github.connectemulator.owner.protocol.TestCaseCreated;
import io.github.connectemulator.owner.protocol.TestCaseView;
import io.github.connectemulator.model.EntryPoint;
import io.github.connectemulator.model.ExecutionStatus;
import io.github.connectemulator.model.TestCaseVersion;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Writes the restJson1 response bodies straight from the replies, member names as AWS spells them. Timestamps are
 * epoch seconds as JSON numbers with millisecond fractions: the JS SDK rejects any other form. Members without a
 * value are left out.
 */
public final class JsonBodies {

  private static final JsonFactory FACTORY = new JsonFactory();

  private JsonBodies() {}

  @FunctionalInterface
  private interface Writer {
    void write(JsonGenerator json) throws IOException;
  }

  public static Buffer testCaseCreated(TestCaseCreated created) {
    return object(json -> {
      json.writeStringField("TestCaseId", created.testCaseId());
      json.writeStringField("TestCaseArn", created.testCaseArn());
    });
  }

  public static Buffer testCase(TestCaseView view) {
    return object(json -> {
      json.writeObjectFieldStart("TestCase");
      writeTestCaseMembers(json, view);
      json.writeEndObject();
    });
  }

  public static Buffer testCaseSummaries(Page<TestCaseView> page, String nextToken) {
    return list("TestCaseSummaryList", page, nextToken, (json, view) -> {
      TestCaseVersion version = view.version();
      json.writeStringField("Id", view.id());
      json.writeStringField("Arn", view.arn());
      json.writeStringField("Name", version.name());
      json.writeStringField("Status", version.status().name());
      timestamp(json, "LastModifiedTime", version.lastModifiedTime());
      json.writeStringField("LastModifiedRegion", version.lastModifiedRegion());
    }, json -> {});
  }

  public static Buffer searchResults(Page<TestCaseView> page, String nextToken) {
    return list("TestCases", page, nextToken, JsonBodies::writeTestCaseMembers,
        json -> json.writeNumberField("ApproximateTotalCount", page.total()));
  }

  public static Buffer executions(Page<ExecutionView> page, String nextToken) {
    return list("TestCaseExecutions", page, nextToken, (json, execution) -> {
      timestamp(json, "StartTime", execution.startTime());
      if (execution.endTime() >= 0) {
        timestamp(json, "EndTime", execution.endTime());
      }
      json.writeStringField("TestCaseExecutionId", execution.executionId());
      json.writeStringField("TestCaseId", execution.testCaseId());
      json.writeStringField("TestCaseExecutionStatus", execution.status().name());
      writeTags(json, execution.tags());
    }, json -> {});
  }

  public static Buffer records(Page<RecordView> page, String nextToken) {
    return list("ExecutionRecords", page, nextToken, (json, record) -> {
      json.writeStringField("ObservationId", record.observationId());
      json.writeStringField("Status", record.status().name());
      timestamp(json, "Timestamp", record.timestamp());
      json.writeStringField("Record", record.record());
    }, json -> {});
  }

  /** Writes the members of one list item, inside its object. */
  @FunctionalInterface
  private interface ItemWriter<T> {
    void write(JsonGenerator json, T item) throws IOException;
  }

  /** A page of a list operation: the items as objects under {@code listName}, the NextToken, then {@code more}. */
  private static <T> Buffer list(String listName, Page<T> page, String nextToken, ItemWriter<T> item, Writer more) {
    return object(json -> {
      json.writeArrayFieldStart(listName);
      for (T each : page.items()) {
        json.writeStartObject();
        item.write(json, each);
        json.writeEndObject();
      }
      json.writeEndArray();
      optionalString(json, "NextToken", nextToken);
      more.write(json);
    });
  }

  private static void writeTestCaseMembers(JsonGenerator json, TestCaseView view) throws IOException {
    TestCaseVersion version = view.version();
    json.writeStringField("Arn", view.arn());
    json.writeStringField("Id", view.id());
    json.writeStringField("Name", version.name());
    json.writeStringField("Content", version.content());
    writeEntryPoint(json, version.entryPoint());
    optionalString(json, "InitializationData", version.initializationData());
    optionalString(json, "Description", version.description());
    json.writeStringField("Status", version.status().name());
    timestamp(json, "LastModifiedTime", version.lastModifiedTime());
    json.writeStringField("LastModifiedRegion", version.lastModifiedRegion());
    writeTags(json, view.tags());
    json.writeStringField("TestCaseSha256", version.sha256());
  }

  private static void writeTags(JsonGenerator json, Map<String, String> tags) throws IOException {
    if (tags.isEmpty()) {
      return;
    }
    json.writeObjectFieldStart("Tags");
    for (Map.Entry<String, String> tag : tags.entrySet()) {
      json.writeStringField(tag.getKey(), tag.getValue());
    }
    json.writeEndObject();
  }

  /*
   * The two replies a load test asks for most (Start's and the summary poll's) write their member names and statuses
   * from constants encoded once, which Jackson copies as bytes instead of escaping and encoding each character.
   */
  private static final SerializedString TEST_CASE_EXECUTION_ID = new SerializedString("TestCaseExecutionId");
  private static final SerializedString TEST_CASE_ID = new SerializedString("TestCaseId");
  private static final SerializedString STATUS = new SerializedString("Status");
  private static final SerializedString START_TIME = new SerializedString("StartTime");
  private static final SerializedString END_TIME = new SerializedString("EndTime");
  private static final SerializedString OBSERVATION_SUMMARY = new SerializedString("ObservationSummary");
  private static final SerializedString TOTAL_OBSERVATIONS = new SerializedString("TotalObservations");
  private static final SerializedString OBSERVATIONS_PASSED = new SerializedString("ObservationsPassed");
  private static final SerializedString OBSERVATIONS_FAILED = new SerializedString("ObservationsFailed");
  /** Each execution status's name, by ordinal. */
  private static final SerializedString[] STATUS_NAMES = Arrays.stream(ExecutionStatus.values())
      .map(status -> new SerializedString(status.name())).toArray(SerializedString[]::new);

  public static Buffer executionStarted(ExecutionStarted started) {
    return object(json -> {
      json.writeFieldName(TEST_CASE_EXECUTION_ID);
      json.writeString(started.executionId());
      json.writeFieldName(TEST_CASE_ID);
      json.writeString(started.testCaseId());
      json.writeFieldName(STATUS);
      json.writeString(STATUS_NAMES[started.status().ordinal()]);
    });
  }

  public static Buffer executionSummary(ExecutionSummary summary) {
    return object(json -> {
      json.writeFieldName(START_TIME);
      timestamp(json, summary.startTime());
      if (summary.endTime() >= 0) {
        json.writeFieldName(END_TIME);
        timestamp(json, summary.endTime());
      }
      json.writeFieldName(STATUS);
      json.writeString(STATUS_NAMES[summary.status().ordinal()]);
      json.writeFieldName(OBSERVATION_SUMMARY);
      json.writeStartObject();
      json.writeFieldName(TOTAL_OBSERVATIONS);
      json.writeNumber(summary.totalObservations());
      json.writeFieldName(OBSERVATIONS_PASSED);
      json.writeNumber(summary.observationsPassed());
      json.writeFieldName(OBSERVATIONS_FAILED);
      json.writeNumber(summary.observationsFailed());
      json.writeEndObject();
    });
  }

  /**
   * An error body. Every SDK reads {@code message} or {@code Message}, so both are sent; InvalidTestCaseException
   * has no {@code Message} member but a {@code Problems} list.
   */
  public static Buffer error(AwsErrorType type, String message, List<String> problems) {
    return object(json -> {
      if (type == AwsErrorType.INVALID_TEST_CASE) {
        json.writeStringField("message", message);
        json.writeArrayFieldStart("Problems");
        for (String problem : problems) {
          json.writeStartObject();
          json.writeStringField("message", problem);
          json.writeEndObject();
        }
        json.writeEndArray();
      } else {
        json.writeStringField("Message", message);
        json.writeStringField("message", message);
      }
    });
  }

  private static void writeEntryPoint(JsonGenerator json, EntryPoint entryPoint) throws IOException {
    if (entryPoint == null) {
      return;
    }
    json.writeObjectFieldStart("EntryPoint");
    optionalString(json, "Type", entryPoint.type());
    if (entryPoint.voiceCall() != null) {
      EntryPoint.VoiceCall voice = entryPoint.voiceCall();
      json.writeObjectFieldStart("VoiceCallEntryPointParameters");
      optionalString(json, "SourcePhoneNumber", voice.sourcePhoneNumber());
      optionalString(json, "DestinationPhoneNumber", voice.destinationPhoneNumber());
      optionalString(json, "FlowId", voice.flowId());
      json.writeEndObject();
    }
    if (entryPoint.chat() != null) {
      json.writeObjectFieldStart("ChatEntryPointParameters");
      optionalString(json, "FlowId", entryPoint.chat().flowId());
      json.writeEndObject();
    }
    json.writeEndObject();
  }

  private static void optionalString(JsonGenerator json, String name, String value) throws IOException {
    if (value != null) {
      json.writeStringField(name, value);
    }
  }

  private static void timestamp(JsonGenerator json, String name, long epochMillis) throws IOException {
    json.writeFieldName(name);
    timestamp(json, epochMillis);
  }

  private static void timestamp(JsonGenerator json, long epochMillis) throws IOException {
    if (epochMillis < 0) {
      json.writeNumber(BigDecimal.valueOf(epochMillis, 3));
      return;
    }
    char[] digits = new char[EPOCH_SECONDS_CHARS];
    int start = epochSeconds(epochMillis, digits);
    json.writeNumber(digits, start, digits.length - start);
  }

  /** Enough for any positive long of milliseconds as seconds: 16 digits, the point, 3 decimals. */
  static final int EPOCH_SECONDS_CHARS = 20;

  /**
   * {@code epochMillis} (≥ 0) as seconds with three decimals, as {@code BigDecimal.valueOf(epochMillis, 3)} writes
   * it, at the end of {@code into}; returns where it starts. A summary has two of these, and BigDecimal's text took
   * a builder and a string each.
   */
  static int epochSeconds(long epochMillis, char[] into) {
    int at = into.length;
    long rest = epochMillis;
    for (int i = 0; i < 3; i++) {
      into[--at] = (char) ('0' + rest % 10);
      rest /= 10;
    }
    into[--at] = '.';
    do {
      into[--at] = (char) ('0' + rest % 10);
      rest /= 10;
    } while (rest > 0);
    return at;
  }

  /**
   * Written by this thread's generator into its buffer, which it hands over at the end (and, for a body over 8 KB, on
   * the way): the reply's buffer is made then, at its size, and that hand-over is the only copy on the way.
   */
  private static Buffer object(Writer members) {
    Output out = OUTPUTS.get();
    JsonGenerator json = out.json;
    try {
      json.writeStartObject();
      members.write(json);
      json.writeEndObject();
      json.flush();
      return out.take();
    } catch (IOException | RuntimeException e) {
      OUTPUTS.remove(); // its generator stopped inside a value: the next body needs a fresh one
      if (e instanceof RuntimeException unchecked) {
        throw unchecked;
      }
      throw new UncheckedIOException("writing JSON to memory cannot fail", (IOException) e);
    }
  }

  /**
   * One generator per thread, kept open from body to body, each written as a root value with nothing between them.
   * A generator made per body (its context, its buffer from Jackson's pool, its return there) and the first touch of
   * its buffer cost some 0.5 us per reply, about 3 % of a Summary's CPU (bench/cpu-profile.sh).
   */
  private static final ThreadLocal<Output> OUTPUTS = ThreadLocal.withInitial(Output::new);

  /** An OutputStream that puts what its generator flushes into a new Vert.x buffer, the HTTP response body as it is. */
  private static final class Output extends OutputStream {
    final JsonGenerator json;
    /** The body being written: made at the first flush, sized to it. */
    private Buffer buffer;

    Output() {
      try {
        json = FACTORY.createGenerator(this);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      json.setRootValueSeparator(null);
    }

    Buffer take() {
      Buffer body = buffer;
      buffer = null;
      return body;
    }

    @Override
    public void write(int b) {
      open(1).appendByte((byte) b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      open(length).appendBytes(bytes, offset, length);
    }

    private Buffer open(int length) {
      if (buffer == null) {
        buffer = Buffer.buffer(length);
      }
      return buffer;
    }
  }
}
