package io.github.connectemulator.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.connectemulator.api.AwsErrorType;
import io.github.connectemulator.api.ExecutionStarted;
import io.github.connectemulator.api.ExecutionSummary;
import io.github.connectemulator.api.TestCaseCreated;
import io.github.connectemulator.api.TestCaseView;
import io.github.connectemulator.model.EntryPoint;
import io.github.connectemulator.model.TestCaseVersion;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Writes the restJson1 response bodies straight from the replies, member names as AWS spells them. Timestamps are
 * epoch seconds as JSON numbers with millisecond fractions: the JS SDK rejects any other form. Members without a
 * value are left out.
 */
final class JsonBodies {

  private static final JsonFactory FACTORY = new JsonFactory();

  private JsonBodies() {}

  @FunctionalInterface
  private interface Writer {
    void write(JsonGenerator json) throws IOException;
  }

  static Buffer testCaseCreated(TestCaseCreated created) {
    return object(json -> {
      json.writeStringField("TestCaseId", created.testCaseId());
      json.writeStringField("TestCaseArn", created.testCaseArn());
    });
  }

  static Buffer testCase(TestCaseView view) {
    return object(json -> {
      TestCaseVersion version = view.version();
      json.writeObjectFieldStart("TestCase");
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
      if (!view.tags().isEmpty()) {
        json.writeObjectFieldStart("Tags");
        for (Map.Entry<String, String> tag : view.tags().entrySet()) {
          json.writeStringField(tag.getKey(), tag.getValue());
        }
        json.writeEndObject();
      }
      json.writeStringField("TestCaseSha256", version.sha256());
      json.writeEndObject();
    });
  }

  static Buffer executionStarted(ExecutionStarted started) {
    return object(json -> {
      json.writeStringField("TestCaseExecutionId", started.executionId());
      json.writeStringField("TestCaseId", started.testCaseId());
      json.writeStringField("Status", started.status().name());
    });
  }

  static Buffer executionSummary(ExecutionSummary summary) {
    return object(json -> {
      timestamp(json, "StartTime", summary.startTime());
      if (summary.endTime() >= 0) {
        timestamp(json, "EndTime", summary.endTime());
      }
      json.writeStringField("Status", summary.status().name());
      json.writeObjectFieldStart("ObservationSummary");
      json.writeNumberField("TotalObservations", summary.totalObservations());
      json.writeNumberField("ObservationsPassed", summary.observationsPassed());
      json.writeNumberField("ObservationsFailed", summary.observationsFailed());
      json.writeEndObject();
    });
  }

  /**
   * An error body. Every SDK reads {@code message} or {@code Message}, so both are sent; InvalidTestCaseException
   * has no {@code Message} member but a {@code Problems} list.
   */
  static Buffer error(AwsErrorType type, String message, List<String> problems) {
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
    json.writeNumber(BigDecimal.valueOf(epochMillis, 3));
  }

  private static Buffer object(Writer members) {
    var out = new ByteArrayOutputStream(256);
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      json.writeStartObject();
      members.write(json);
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to memory cannot fail", e);
    }
    return Buffer.buffer(out.toByteArray());
  }
}
