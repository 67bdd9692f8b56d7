package io.github.connectemulator.bus;

import io.github.connectemulator.Emulator;
import io.github.connectemulator.config.EmulatorConfig;
import io.github.connectemulator.testing.EmulatorHttp;
import io.github.connectemulator.testing.HttpReply;
import io.github.connectemulator.testing.SigV4Signer;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** An emulator in a Vertx of its own, with fast runs, called over the event bus: what the bus tests share. */
final class BusEmulator implements AutoCloseable {

  static final long WAIT = 10;

  /** Connections the HTTP client may open at once: enough for the concurrent tests' HTTP side to be concurrent too. */
  private static final int HTTP_CONNECTIONS = 128;

  final Vertx vertx;
  final Emulator emulator;
  private HttpClientAgent http;

  /**
   * What one call answered, on either face: 200 and the reply's JSON, or the failure's status (the bus's failureCode),
   * AWS error type and JSON (the bus's {@code {errorType, httpStatus, message}}, the HTTP error body).
   */
  record Outcome(int status, String errorType, JsonObject body) {
    boolean ok() {
      return status == 200;
    }

    /** Status and error type only, e.g. "200" or "400 InvalidParameterException". */
    String verdict() {
      return errorType == null ? Integer.toString(status) : status + " " + errorType;
    }
  }

  private BusEmulator(Vertx vertx, Emulator emulator) {
    this.vertx = vertx;
    this.emulator = emulator;
  }

  /** Local-only on a free port, runs of tens of milliseconds, and {@code keys} over that. */
  static BusEmulator start(Map<String, String> keys) throws Exception {
    Vertx vertx = Vertx.vertx();
    var all = new HashMap<>(Map.of("http.host", "127.0.0.1", "http.port", "0",
        "timing.initiatedMillis", "10", "timing.observationMillis", "20"));
    all.putAll(keys);
    return new BusEmulator(vertx, Emulator.deploy(vertx, EmulatorConfig.withKeys(all)).await(WAIT, TimeUnit.SECONDS));
  }

  /** An operation over the bus that must succeed; its reply. */
  JsonObject call(String operation, JsonObject members) throws Exception {
    return vertx.eventBus().<JsonObject>request(BusAddresses.operation(operation), members)
        .map(reply -> reply.body())
        .await(WAIT, TimeUnit.SECONDS);
  }

  /** An operation over the bus, whatever it answers; {@code message} need not be a JSON object. */
  Future<Outcome> busOutcome(String operation, Object message) {
    return vertx.eventBus().<JsonObject>request(BusAddresses.operation(operation), message)
        .map(reply -> new Outcome(200, null, reply.body()))
        .recover(failure -> {
          JsonObject details = BusFailures.details(failure);
          if (details == null) {
            return Future.failedFuture(new AssertionError(operation + " over the bus: not an operation's failure: "
                + failure, failure));
          }
          return Future.succeededFuture(
              new Outcome(((ReplyException) failure).failureCode(), details.getString("errorType"), details));
        });
  }

  /** A call over HTTP, unsigned, whatever it answers. */
  Future<Outcome> httpOutcome(HttpMethod method, String uri, JsonObject body) {
    return httpOutcome(method, uri, body, null);
  }

  /** A call over HTTP signed with {@code signer} (unsigned when null), whatever it answers. */
  Future<Outcome> httpOutcome(HttpMethod method, String uri, JsonObject body, SigV4Signer signer) {
    return httpOutcome(method, uri, MultiMap.caseInsensitiveMultiMap(), body, signer);
  }

  /** A call over HTTP with extra headers, signed with {@code signer} (unsigned when null), whatever it answers. */
  Future<Outcome> httpOutcome(HttpMethod method, String uri, MultiMap headers, JsonObject body, SigV4Signer signer) {
    Buffer bytes = body == null ? null : body.toBuffer();
    var options = new RequestOptions().setMethod(method).setHost(EmulatorHttp.HOST).setPort(emulator.port())
        .setURI(uri);
    return EmulatorHttp.exchange(httpClient(), options, request -> {
      request.headers().addAll(headers);
      if (signer != null) {
        request.headers().addAll(signer.sign(method, EmulatorHttp.HOST + ":" + emulator.port(), uri,
            bytes == null ? null : bytes.getBytes()));
      }
      if (bytes == null) {
        request.end();
      } else {
        request.putHeader("Content-Type", "application/json");
        request.end(bytes);
      }
    }).map(BusEmulator::outcome);
  }

  private static Outcome outcome(HttpReply reply) {
    JsonObject json = reply.body().length() == 0 ? new JsonObject() : reply.body().toJsonObject();
    return new Outcome(reply.status(), reply.errorType(), json);
  }

  /** The emulator's {@code /metrics} text. */
  String metrics() throws Exception {
    return EmulatorHttp.get(httpClient(), emulator.port(), "/metrics").await(WAIT, TimeUnit.SECONDS)
        .body().toString();
  }

  /** The admin API's {@code /_emulator/stats}. */
  JsonObject stats() throws Exception {
    return EmulatorHttp.get(httpClient(), emulator.port(), "/_emulator/stats").await(WAIT, TimeUnit.SECONDS)
        .assertOk();
  }

  private synchronized HttpClientAgent httpClient() {
    if (http == null) {
      http = vertx.createHttpClient(new PoolOptions().setHttp1MaxSize(HTTP_CONNECTIONS));
    }
    return http;
  }

  /**
   * The emulator first, in its order (bridge, bus gateway, routers, owners), so that no connection of the gateway is
   * left for the routers' graceful shutdown to wait on; then the Vertx.
   */
  @Override
  public void close() throws Exception {
    if (http != null) {
      http.close().await(WAIT, TimeUnit.SECONDS);
    }
    emulator.undeploy().await(WAIT * 2, TimeUnit.SECONDS);
    vertx.close().await(WAIT, TimeUnit.SECONDS);
  }
}
