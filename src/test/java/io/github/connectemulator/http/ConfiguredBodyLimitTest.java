package io.github.connectemulator.http;

import static io.github.connectemulator.testing.EmulatorHttp.newInstanceId;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.connectemulator.Emulator;
import io.github.connectemulator.testing.EmulatorHttp;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code http.maxBodyBytes} set below the default: the configured limit, not 1 MiB, decides what is too large. */
@ExtendWith(VertxExtension.class)
@io.vertx.junit5.Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
class ConfiguredBodyLimitTest {

  private static final long LIMIT = 1024;

  private EmulatorHttp http;
  private String instance;

  @BeforeEach
  void deployEmulatorWithSmallBodyLimit(Vertx vertx, VertxTestContext test) {
    instance = newInstanceId();
    Emulator.deploy(vertx, EmulatorHttp.localConfig(LIMIT))
        .onComplete(test.succeeding(emulator -> {
          http = new EmulatorHttp(vertx, emulator.port());
          test.completeNow();
        }));
  }

  @Test
  void bodyOverTheConfiguredLimitIsRequestEntityTooLargeAndTheServerStillServes(VertxTestContext test) {
    String overLimit = savedCreateOfSize(LIMIT + 1);
    http.send(HttpMethod.PUT, "/test-cases/" + instance, json(), overLimit)
        .map(reply -> {
          String message = reply.assertError(413, "RequestEntityTooLargeException").getString("message");
          assertThat(message).as("413 message states the configured limit").contains(String.valueOf(LIMIT));
          return reply;
        })
        .compose(v -> http.send(HttpMethod.PUT, "/test-cases/" + instance, json(), savedCreateOfSize(LIMIT)))
        .onComplete(test.succeeding(reply -> test.verify(() -> {
          reply.assertOk();
          test.completeNow();
        })));
  }

  @Test
  void bodyAnnouncedOverTheConfiguredLimitIsRefusedBeforeItIsSent(VertxTestContext test) {
    http.sendAfterContinue(HttpMethod.PUT, "/test-cases/" + instance, json(),
            Buffer.buffer(savedCreateOfSize(4 * LIMIT)))
        .map(reply -> reply.assertError(413, "RequestEntityTooLargeException"))
        .compose(v -> http.send(HttpMethod.PUT, "/test-cases/" + instance, json(), savedCreateOfSize(LIMIT)))
        .onComplete(test.succeeding(reply -> test.verify(() -> {
          reply.assertOk();
          test.completeNow();
        })));
  }

  @Test
  void chunkedBodyOverTheConfiguredLimitIsAlwaysAnswered413(VertxTestContext test) {
    Buffer overLimit = Buffer.buffer(savedCreateOfSize(4 * LIMIT));
    EmulatorHttp.sequentially(20, i -> http.sendChunked(HttpMethod.PUT, "/test-cases/" + instance, json(), overLimit)
            .map(reply -> reply.assertError(413, "RequestEntityTooLargeException")))
        .compose(v -> http.send(HttpMethod.PUT, "/test-cases/" + instance, json(), savedCreateOfSize(LIMIT)))
        .onComplete(test.succeeding(reply -> test.verify(() -> {
          reply.assertOk();
          test.completeNow();
        })));
  }

  private static MultiMap json() {
    return MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/json");
  }

  /** A valid SAVED CreateTestCase body of exactly {@code bytes} bytes, padded in Content. */
  private static String savedCreateOfSize(long bytes) {
    JsonObject body = new JsonObject().put("Name", "sized-" + bytes).put("Status", "SAVED").put("Content", "");
    int padding = (int) (bytes - body.encode().length());
    return body.put("Content", "c".repeat(padding)).encode();
  }
}
