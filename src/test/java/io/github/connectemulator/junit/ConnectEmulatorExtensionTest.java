package io.github.connectemulator.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.connectemulator.Emulator;
import io.github.connectemulator.bus.BusAddresses;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The extension a user puts on a test class: one emulator, its endpoint, its Vertx, its configuration. */
@WithConnectEmulator({"timing.mode=immediate", "profile=loadtest"})
class ConnectEmulatorExtensionTest {

  @Test
  void injectsTheEndpointOfARunningEmulator(URI endpoint) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(endpoint.resolve("/test-cases-summary/" + UUID.randomUUID())).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(endpoint.getHost()).isEqualTo("127.0.0.1");
  }

  @Test
  void injectsTheEmulatorWithTheClassConfigurationAndItsVertx(Emulator emulator, Vertx vertx) throws Exception {
    assertThat(emulator.config().profile()).isEqualTo("loadtest");
    assertThat(emulator.controls().current().timing().mode().name()).isEqualTo("IMMEDIATE");
    JsonObject listed = vertx.eventBus()
        .<JsonObject>request(BusAddresses.operation("ListTestCases"),
            new JsonObject().put("InstanceId", UUID.randomUUID().toString()))
        .await(10, TimeUnit.SECONDS).body();
    assertThat(listed.getJsonArray("TestCaseSummaryList")).isEmpty();
  }
}
