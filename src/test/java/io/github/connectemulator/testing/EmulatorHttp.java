package io.github.connectemulator.testing;

import io.github.connectemulator.config.EmulatorConfig;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Raw HTTP access to an emulator deployed in a test's Vertx, as an SDK would reach it but with full control over
 * method, path, headers and body bytes. Also holds the fixtures the HTTP tests share.
 */
public final class EmulatorHttp {

  public static final String HOST = "127.0.0.1";
  public static final String REGION = "us-east-1";
  public static final String ACCOUNT = "123456789012";

  /** A PUBLISHED-valid document with two observations (spec §6), run in this order: start, greeting. */
  public static final String CONTENT = io.github.connectemulator.Fixtures.CONTENT;

  /** A response that takes longer than this is a hang: fail the request, naming it, rather than the whole test. */
  private static final long RESPONSE_TIMEOUT_MILLIS = 5_000;

  private static final int CHUNK_BYTES = 64 * 1024;

  private final HttpClientAgent client;
  private final int port;

  public EmulatorHttp(Vertx vertx, int port) {
    this.client = vertx.createHttpClient();
    this.port = port;
  }

  /**
   * The embedded defaults, but local-only, on a free port, with the given body limit and runs that finish in
   * tens of milliseconds.
   */
  public static EmulatorConfig localConfig(long maxBodyBytes) {
    return EmulatorConfig.withKeys(Map.of(
        "http.host", HOST,
        "http.port", "0",
        "http.maxBodyBytes", Long.toString(maxBodyBytes),
        "timing.initiatedMillis", "10",
        "timing.observationMillis", "20"));
  }

  public static EmulatorConfig localConfig() {
    return localConfig(EmulatorConfig.defaults().maxBodyBytes());
  }

  public static String newInstanceId() {
    return UUID.randomUUID().toString();
  }

  /** The instance ARN of an id, percent-encoded as one path label the way SDKs send it. */
  public static String encodedInstanceArn(String instanceId) {
    return "arn%3Aaws%3Aconnect%3A" + REGION + "%3A" + ACCOUNT + "%3Ainstance%2F" + instanceId;
  }

  /** The smallest valid CreateTestCase body: a name and a publishable Content. */
  public static JsonObject createBody(String name) {
    return new JsonObject().put("Name", name).put("Content", CONTENT);
  }

  public Future<HttpReply> send(HttpMethod method, String uri, MultiMap headers, Buffer body) {
    return exchange(method, uri, headers, request -> {
      if (body == null) {
        request.end();
      } else {
        request.end(body);
      }
    });
  }

  /** Sends the body with chunked transfer encoding, so the server learns its size only as it arrives. */
  public Future<HttpReply> sendChunked(HttpMethod method, String uri, MultiMap headers, Buffer body) {
    return exchange(method, uri, headers, request -> {
      request.setChunked(true);
      for (int from = 0; from < body.length(); from += CHUNK_BYTES) {
        request.write(body.getBuffer(from, Math.min(body.length(), from + CHUNK_BYTES)));
      }
      request.end();
    });
  }

  /**
   * Announces the body with {@code Expect: 100-continue} and sends it only if the server asks for it, as curl does
   * for large bodies. A server that refuses the body from its Content-Length alone answers before any of it is sent.
   */
  public Future<HttpReply> sendAfterContinue(HttpMethod method, String uri, MultiMap headers, Buffer body) {
    return exchange(method, uri, headers, request -> {
      request.putHeader("Expect", "100-continue");
      request.putHeader("Content-Length", String.valueOf(body.length()));
      request.continueHandler(proceed -> request.end(body));
      // A refused body is never sent, so the server's close after its answer is expected, not an error.
      request.exceptionHandler(closedAfterAnswer -> {});
      request.sendHead();
    });
  }

  private Future<HttpReply> exchange(
      HttpMethod method, String uri, MultiMap headers, Consumer<HttpClientRequest> writeRequest) {
    var options = new RequestOptions().setMethod(method).setHost(HOST).setPort(port).setURI(uri);
    return exchange(client, options, request -> {
      if (headers != null) {
        request.headers().addAll(headers);
      }
      writeRequest.accept(request);
    });
  }

  /** A GET on any client (any HTTP version) to the emulator on this host. */
  public static Future<HttpReply> get(HttpClientAgent client, int port, String uri) {
    return exchange(client, new RequestOptions().setHost(HOST).setPort(port).setURI(uri), HttpClientRequest::end);
  }

  /**
   * One request and its whole response, on any client. The body is subscribed to from the response future of the
   * request itself, before the request is written. Subscribing from a later link of a future chain built on the
   * test's thread ({@code request(...).compose(HttpClientRequest::send).compose(response -> response.body())}) races
   * the event loop: on a kept-alive connection the response and its body can arrive before that link is attached,
   * the body is dropped, and the future never completes (the test then times out).
   */
  public static Future<HttpReply> exchange(
      HttpClientAgent client, RequestOptions options, Consumer<HttpClientRequest> writeRequest) {
    String uri = options.getURI();
    String what = options.getMethod() + " " + (uri.length() > 120 ? uri.substring(0, 120) + "..." : uri);
    options.setIdleTimeout(RESPONSE_TIMEOUT_MILLIS);
    return client.request(options)
        .compose(request -> {
          Future<HttpReply> reply = request.response().compose(response -> response.body()
              .map(bytes -> new HttpReply(
                  what, response.version(), response.statusCode(), response.headers(), bytes)));
          writeRequest.accept(request);
          return reply;
        })
        .recover(failure -> Future.failedFuture(new AssertionError(what + ": no response: " + failure, failure)));
  }

  public Future<HttpReply> send(HttpMethod method, String uri, MultiMap headers, String body) {
    return send(method, uri, headers, body == null ? null : Buffer.buffer(body));
  }

  public Future<HttpReply> get(String uri) {
    return send(HttpMethod.GET, uri, null, (Buffer) null);
  }

  /** A PUT with a JSON body and {@code Content-Type: application/json}, as every SDK sends it. */
  public Future<HttpReply> putJson(String uri, JsonObject body) {
    return putJson(uri, MultiMap.caseInsensitiveMultiMap(), body);
  }

  public Future<HttpReply> putJson(String uri, MultiMap headers, JsonObject body) {
    headers.set("Content-Type", "application/json");
    return send(HttpMethod.PUT, uri, headers, body.encode());
  }

  public Future<HttpReply> create(String instanceId, JsonObject body) {
    return putJson("/test-cases/" + instanceId, body);
  }

  public Future<HttpReply> describe(String instanceId, String testCaseId) {
    return get("/test-cases/" + instanceId + "/" + testCaseId);
  }

  public Future<HttpReply> start(String instanceId, String testCaseId) {
    return putJson("/test-cases/" + instanceId + "/" + testCaseId + "/start-execution", new JsonObject());
  }

  public Future<HttpReply> summary(String instanceId, String testCaseId, String executionId) {
    return get("/test-cases/" + instanceId + "/" + testCaseId + "/" + executionId + "/summary");
  }

  /** Runs {@code count} exchanges one after the other, each started when the previous one has been checked. */
  public static Future<Void> sequentially(int count, IntFunction<Future<?>> exchange) {
    Future<Void> chain = Future.succeededFuture();
    for (int i = 0; i < count; i++) {
      int index = i;
      chain = chain.compose(v -> exchange.apply(index)).mapEmpty();
    }
    return chain;
  }

  /** Creates a test case that must succeed, and yields its id. */
  public Future<String> createdTestCase(String instanceId, String name) {
    return create(instanceId, createBody(name)).map(reply -> reply.assertOk().getString("TestCaseId"));
  }
}
