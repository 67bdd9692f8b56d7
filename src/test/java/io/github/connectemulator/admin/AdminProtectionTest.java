package io.github.connectemulator.admin;

import static io.github.connectemulator.testing.EmulatorHttp.HOST;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.connectemulator.Emulator;
import io.github.connectemulator.config.EmulatorConfig;
import io.github.connectemulator.testing.EmulatorHttp;
import io.github.connectemulator.testing.HttpReply;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The admin API behind a token, or on a port of its own away from the AWS port. */
class AdminProtectionTest {

  private Vertx vertx;

  private Emulator start(Map<String, String> keys) throws Exception {
    vertx = Vertx.vertx();
    var all = new HashMap<>(Map.of("http.host", HOST, "http.port", "0"));
    all.putAll(keys);
    return Emulator.deploy(vertx, EmulatorConfig.withKeys(all)).await(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private static HttpReply get(EmulatorHttp http, String uri, String header, String value) throws Exception {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    if (header != null) {
      headers.add(header, value);
    }
    return http.send(HttpMethod.GET, uri, headers, (Buffer) null).await(10, TimeUnit.SECONDS);
  }

  @Test
  void aTokenIsRequiredOnEveryAdminPathAndOnlyThere() throws Exception {
    Emulator emulator = start(Map.of("admin.token", "s3cret"));
    var http = new EmulatorHttp(vertx, emulator.port());

    HttpReply without = get(http, "/_emulator/stats", null, null);
    assertThat(without.status()).isEqualTo(403);
    assertThat(without.errorType()).isEqualTo("AccessDeniedException");
    assertThat(get(http, "/_emulator/config", "Authorization", "Bearer wrong").status()).isEqualTo(403);
    assertThat(get(http, "/_emulator/config", "x-emulator-admin-token", "s3cre").status()).isEqualTo(403);

    assertThat(get(http, "/_emulator/stats", "Authorization", "Bearer s3cret").status()).isEqualTo(200);
    assertThat(get(http, "/_emulator/config", "x-emulator-admin-token", "s3cret").status()).isEqualTo(200);
    assertThat(get(http, "/test-cases-summary/" + EmulatorHttp.newInstanceId(), null, null).status())
        .as("the AWS API needs no admin token").isEqualTo(200);
  }

  @Test
  void onItsOwnPortTheAdminApiIsNotOnTheAwsPort() throws Exception {
    Emulator emulator = start(Map.of("admin.port", "0"));
    assertThat(emulator.adminPort()).isPositive().isNotEqualTo(emulator.port());

    HttpReply onAwsPort = get(new EmulatorHttp(vertx, emulator.port()), "/_emulator/stats", null, null);
    assertThat(onAwsPort.status()).isEqualTo(404);
    assertThat(onAwsPort.errorType()).isEqualTo("UnknownOperationException");

    HttpReply onAdminPort = get(new EmulatorHttp(vertx, emulator.adminPort()), "/_emulator/stats", null, null);
    assertThat(onAdminPort.status()).isEqualTo(200);
    assertThat(onAdminPort.body().toJsonObject().containsKey("executions")).isTrue();

    HttpReply malformed = get(new EmulatorHttp(vertx, emulator.adminPort()), "/_emulator/stats?x=%ZZ", null, null);
    assertThat(malformed.status()).as("the admin port answers a bad query as the AWS port does").isEqualTo(400);
    assertThat(malformed.errorType()).isEqualTo("InvalidParameterException");
  }
}
