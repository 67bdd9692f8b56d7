package io.github.connectemulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.connectemulator.bus.BusAddresses;
import io.github.connectemulator.config.EmulatorConfig;
import io.github.connectemulator.owner.protocol.ListTestCases;
import io.github.connectemulator.testing.EmulatorHttp;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.json.JsonObject;
import java.net.ConnectException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The emulator as a library: deployed into an application's own Vertx, and undeployed from it cleanly. */
class EmbeddedEmulatorTest {

  @Test
  void deploysIntoAnExistingVertxAndUndeploysLeavingTheApplicationAsItWas() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      String application = vertx.deployVerticle(context -> Future.succeededFuture()).await(10, TimeUnit.SECONDS);

      Emulator emulator = Emulator.deploy(vertx, EmulatorConfig.withKeys(Map.of("http.host", "127.0.0.1",
          "http.port", "0", "profile", "loadtest"))).await(10, TimeUnit.SECONDS);
      assertThat(emulator.readiness().isReady()).isTrue();
      assertThat(emulator.endpoint()).isEqualTo("http://127.0.0.1:" + emulator.port());
      assertThat(status(vertx, emulator.port())).isEqualTo(200);
      assertThat(vertx.deploymentIDs()).hasSizeGreaterThan(1);

      emulator.undeploy().await(15, TimeUnit.SECONDS);
      assertThat(vertx.deploymentIDs()).containsExactly(application);
      assertThatThrownBy(() -> status(vertx, emulator.port())).as("the port is closed")
          .hasRootCauseInstanceOf(ConnectException.class);
      assertThatThrownBy(() -> vertx.eventBus().request(BusAddresses.operation("ListTestCases"),
              new JsonObject().put("InstanceId", "x")).await(5, TimeUnit.SECONDS))
          .isInstanceOfSatisfying(ReplyException.class,
              e -> assertThat(e.failureType()).isEqualTo(ReplyFailure.NO_HANDLERS));

      Emulator again = Emulator.deploy(vertx, EmulatorConfig.withKeys(Map.of("http.host", "127.0.0.1",
          "http.port", "0"))).await(10, TimeUnit.SECONDS);
      assertThat(status(vertx, again.port())).as("a second emulator in the same Vertx").isEqualTo(200);
      again.undeploy().await(15, TimeUnit.SECONDS);
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  /** The status of one request on a new connection, so that a closed port is seen as refused. */
  private static int status(Vertx vertx, int port) throws Exception {
    HttpClientAgent client = vertx.createHttpClient();
    try {
      return EmulatorHttp.get(client, port, "/test-cases-summary/" + UUID.randomUUID())
          .await(5, TimeUnit.SECONDS).status();
    } finally {
      client.close().await(5, TimeUnit.SECONDS);
    }
  }
}
