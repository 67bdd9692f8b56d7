package io.github.connectemulator.operations;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.connectemulator.model.ExecutionStatus;
import io.github.connectemulator.model.RecordStatus;
import io.github.connectemulator.owner.protocol.ExecutionStarted;
import io.github.connectemulator.owner.protocol.ExecutionSummary;
import io.github.connectemulator.owner.protocol.Page;
import io.github.connectemulator.owner.protocol.RecordView;
import io.github.connectemulator.owner.protocol.TestCaseView;
import java.util.List;
import java.util.Map;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Reply bodies: timestamps are epoch seconds with three decimals, as the SDKs read them. */
class JsonBodiesTest {

  @Test
  void aSummaryHasItsTimesAsSecondsWithMillis() {
    Buffer reply = JsonBodies.executionSummary(
        new ExecutionSummary(ExecutionStatus.PASSED, 1_732_958_400_120L, 1_732_958_401_005L, 3, 3, 0));
    assertThat(reply.toString()).startsWith("{\"StartTime\":1732958400.120,\"EndTime\":1732958401.005,");
    JsonObject body = new JsonObject(reply);
    assertThat(body.getNumber("EndTime").doubleValue()).isEqualTo(1_732_958_401.005);
    assertThat(body.getString("Status")).isEqualTo("PASSED");
  }

  @Test
  void startAndSummaryRepliesNameEveryStatusAsItIsSpelt() {
    for (ExecutionStatus status : ExecutionStatus.values()) {
      assertThat(JsonBodies.executionStarted(new ExecutionStarted("e-1", "tc-1", status)).toString())
          .isEqualTo("{\"TestCaseExecutionId\":\"e-1\",\"TestCaseId\":\"tc-1\",\"Status\":\"" + status.name() + "\"}");
      assertThat(JsonBodies.executionSummary(new ExecutionSummary(status, 1_000L, -1L, 3, 2, 1)).toString())
          .isEqualTo("{\"StartTime\":1.000,\"Status\":\"" + status.name() + "\",\"ObservationSummary\":"
              + "{\"TotalObservations\":3,\"ObservationsPassed\":2,\"ObservationsFailed\":1}}");
    }
  }

  @Test
  void secondsAreWrittenAsBigDecimalWritesThem() {
    var random = new java.util.Random(3);
    long[] edges = {0, 1, 9, 10, 999, 1000, 1001, 59_999, 1_732_958_400_000L, Long.MAX_VALUE};
    for (int i = 0; i < 100_000 + edges.length; i++) {
      long millis = i < edges.length ? edges[i] : random.nextLong() >>> (1 + random.nextInt(63));
      char[] into = new char[JsonBodies.EPOCH_SECONDS_CHARS];
      int start = JsonBodies.epochSeconds(millis, into);
      assertThat(new String(into, start, into.length - start))
          .as("%d ms", millis).isEqualTo(java.math.BigDecimal.valueOf(millis, 3).toString());
    }
  }

  /* Each thread keeps one generator from body to body (JsonBodies.object): what one body leaves must not reach the next. */

  @Test
  void bodiesWrittenOneAfterAnotherAreEachOneWholeDocument() {
    var summary = new ExecutionSummary(ExecutionStatus.FAILED, 1_000L, 2_000L, 3, 2, 1);
    String first = JsonBodies.executionSummary(summary).toString();
    String second = JsonBodies.executionSummary(summary).toString();
    assertThat(second).isEqualTo(first).startsWith("{\"StartTime\":1.000,").endsWith("}");
    assertThat(new JsonObject(second).getJsonObject("ObservationSummary").getInteger("ObservationsFailed"))
        .isEqualTo(1);
  }

  @Test
  void aBodyLargerThanTheGeneratorsBufferComesWhole() {
    String detail = "{\"text\":\"" + "x".repeat(20_000) + "\"}";
    var records = List.of(new RecordView("a", RecordStatus.PASSED, 1_000L, detail),
        new RecordView("b", RecordStatus.FAILED, 2_000L, detail));
    Buffer reply = JsonBodies.records(new Page<>(records, null, 2), "next-page");
    JsonObject body = new JsonObject(reply);
    assertThat(body.getJsonArray("ExecutionRecords").getJsonObject(1).getString("Record")).isEqualTo(detail);
    assertThat(body.getString("NextToken")).isEqualTo("next-page");
    assertThat(JsonBodies.executionSummary(new ExecutionSummary(ExecutionStatus.PASSED, 1L, 2L, 1, 1, 0)).toString())
        .startsWith("{\"StartTime\":0.001,");
  }

  @Test
  void aBodyThatFailsHalfWrittenLeavesNothingInTheNext() {
    // No version: the writer fails after the test case's Arn and Id are written.
    var broken = new TestCaseView("tc-1", "arn:tc-1", Map.of(), null);
    assertThatThrownBy(() -> JsonBodies.testCase(broken)).isInstanceOf(NullPointerException.class);
    String next = JsonBodies.executionSummary(new ExecutionSummary(ExecutionStatus.PASSED, 1L, 2L, 1, 1, 0)).toString();
    assertThat(next).startsWith("{\"StartTime\":0.001,").doesNotContain("tc-1");
    assertThat(new JsonObject(next).getString("Status")).isEqualTo("PASSED");
  }
}
