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
}
