package io.github.connectemulator.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.connectemulator.model.ExecutionStatus;
import io.github.connectemulator.owner.protocol.ExecutionSummary;
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
}
