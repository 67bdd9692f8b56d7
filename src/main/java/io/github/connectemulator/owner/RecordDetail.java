package io.github.connectemulator.owner;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.connectemulator.model.Execution;
import io.github.connectemulator.model.Observation;
import io.github.connectemulator.model.RecordStatus;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;

/**
 * The {@code Record} string of an execution record: a JSON object saying what the emulator observed and did at
 * one observation. AWS does not document the format; this one is the emulator's (see the README):
 *
 * <pre>{"observationId":"greeting","eventType":"MessageReceived","status":"PASSED",
 *  "startedAt":1700000000.1,"endedAt":1700000000.2,"actions":["TestControl"],"message":"..."}</pre>
 *
 * Times are epoch seconds; {@code endedAt} is absent while the record is IN_PROGRESS.
 */
final class RecordDetail {

  private static final JsonFactory JSON = new JsonFactory();

  private RecordDetail() {}

  static String json(Execution execution, int index) {
    Observation observation = execution.observations().get(index);
    RecordStatus status = execution.recordStatus(index);
    long startedAt = index == 0 ? execution.runStartedAt() : execution.recordTime(index - 1);
    var out = new StringWriter(160);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("observationId", observation.identifier());
      if (observation.eventType() != null) {
        json.writeStringField("eventType", observation.eventType());
      }
      json.writeStringField("status", status.name());
      json.writeFieldName("startedAt");
      json.writeNumber(BigDecimal.valueOf(startedAt, 3));
      if (status != RecordStatus.IN_PROGRESS) {
        json.writeFieldName("endedAt");
        json.writeNumber(BigDecimal.valueOf(execution.recordTime(index), 3));
      }
      json.writeArrayFieldStart("actions");
      if (status == RecordStatus.PASSED) {
        for (String action : observation.actionTypes()) {
          json.writeString(action);
        }
      }
      json.writeEndArray();
      json.writeStringField("message", message(execution, index, observation, status));
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to memory cannot fail", e);
    }
    return out.toString();
  }

  private static String message(Execution execution, int index, Observation observation, RecordStatus status) {
    String event = observation.eventType() == null ? "the expected event" : "event " + observation.eventType();
    return switch (status) {
      case IN_PROGRESS -> "Waiting for " + event;
      case PASSED -> "Observed " + event + " and ran " + observation.actionTypes().size() + " action(s)";
      case STOPPED -> "The execution was stopped before " + event + " was observed";
      case FAILED -> index == execution.failingObservation()
          ? "Observation failed as planned by the emulator's outcome tags"
          : "The execution reached its time limit before " + event + " was observed";
    };
  }
}
