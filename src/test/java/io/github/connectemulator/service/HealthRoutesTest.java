package io.github.connectemulator.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.connectemulator.testing.EmulatorHttp;
import io.github.connectemulator.testing.HttpReply;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Readiness through the emulator's phases: DOWN while starting, UP when deployed, DOWN again once stopping. */
class HealthRoutesTest {

  private Vertx vertx;
  private HttpClientAgent client;
  private int port;
  private final Readiness readiness = new Readiness();

  @BeforeEach
  void serve() throws Exception {
    vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    HealthRoutes.mountOn(router, vertx, readiness);
    port = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
        .await(10, TimeUnit.SECONDS).actualPort();
    client = vertx.createHttpClient();
  }

  @AfterEach
  void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private JsonObject probe(String path, int expectedStatus) throws Exception {
    HttpReply reply = EmulatorHttp.get(client, port, path).await(10, TimeUnit.SECONDS);
    assertThat(reply.status()).as(path + " in phase " + readiness.phase()).isEqualTo(expectedStatus);
    return reply.json();
  }

  @Test
  void readinessFollowsThePhases() throws Exception {
    JsonObject starting = probe(HealthRoutes.READY, 503);
    assertThat(starting.getString("status")).isEqualTo("DOWN");
    assertThat(starting.getJsonArray("checks").getJsonObject(0).getJsonObject("data").getString("phase"))
        .isEqualTo("STARTING");
    assertThat(probe(HealthRoutes.LIVE, 200).getString("status")).isEqualTo("UP");

    readiness.markReady();
    assertThat(probe(HealthRoutes.READY, 200).getString("status")).isEqualTo("UP");

    readiness.markStopping();
    assertThat(probe(HealthRoutes.READY, 503).getString("status")).isEqualTo("DOWN");
    readiness.markReady();
    assertThat(probe(HealthRoutes.READY, 503).getString("status")).as("stopping is final").isEqualTo("DOWN");
  }
}
