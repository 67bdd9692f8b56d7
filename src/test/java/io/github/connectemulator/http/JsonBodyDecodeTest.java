package io.github.connectemulator.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A request body is read into the same values, and refused in the same cases, as Vert.x's Json.decodeValue. */
class JsonBodyDecodeTest {

  private static final List<String> VALID = List.of(
      "{}",
      "{\"ClientToken\":\"0f5f3c1e-1c8d-4c38-9a3e-8c2f8d1f7a10\"}",
      "{\"a\":1,\"b\":-2.5,\"c\":12345678901234,\"d\":123456789012345678901234567890,\"e\":true,\"f\":null}",
      "{\"nested\":{\"list\":[1,\"two\",{\"three\":[]}]},\"same\":1,\"same\":2}",
      "{\"unicode\":\"caf\\u00e9 \u00e9\u4e2d\ud83d\ude00\",\"escapes\":\"\\\"\\\\\\n\\t\"}",
      "[1,2,3]",
      "\"text\"",
      "42",
      "  {\"spaces\" : [ ] }  ");

  private static final List<String> INVALID = List.of(
      "", "{", "{\"a\":}", "{\"a\":1}}", "{\"a\":1} 2", "{'a':1}", "{\"a\":01}", "[1,]", "nul", "{\"a\":\"\u0001\"}");

  @Test
  void validBodiesGiveWhatJsonDecodeValueGives() {
    for (String text : VALID) {
      assertThat(ReusedValidators.JsonBody.decode(Buffer.buffer(text))).as(text)
          .isEqualTo(Json.decodeValue(Buffer.buffer(text)));
    }
  }

  @Test
  void aBodyReadFromTheMiddleOfItsBytesIsReadFromItsOwnStartToItsOwnEnd() {
    Buffer around = Buffer.buffer("xx{\"a\":[1,2]}yy");
    Buffer body = around.slice(2, around.length() - 2);
    assertThat(ReusedValidators.JsonBody.decode(body)).isEqualTo(Json.decodeValue(Buffer.buffer("{\"a\":[1,2]}")));
  }

  @Test
  void invalidBodiesAreRefusedAsJsonDecodeValueRefusesThem() {
    for (String text : INVALID) {
      assertThatThrownBy(() -> Json.decodeValue(Buffer.buffer(text))).as("Json.decodeValue(%s)", text)
          .isInstanceOf(DecodeException.class);
      assertThatThrownBy(() -> ReusedValidators.JsonBody.decode(Buffer.buffer(text))).as(text)
          .isInstanceOf(DecodeException.class);
    }
  }
}
