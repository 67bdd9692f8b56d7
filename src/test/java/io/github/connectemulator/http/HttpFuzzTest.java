package io.github.connectemulator.http;

import static io.github.connectemulator.testing.Gen.weighted;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.connectemulator.Emulator;
import io.github.connectemulator.config.EmulatorConfig;
import io.github.connectemulator.testing.EmulatorHttp;
import io.github.connectemulator.testing.Gen;
import io.github.connectemulator.testing.SeededRun;
import io.vertx.core.Vertx;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated requests against every operation, written byte by byte on a socket so that nothing a client
 * library would refuse is out of reach: wrong methods, odd paths and percent-encodings, query strings, headers,
 * bodies of wrong types, deep nesting, huge numbers, unicode, control characters, invalid UTF-8, duplicate members.
 * Every one must get a success or a well-formed AWS client error, never a 5xx or a dropped connection, and the
 * emulator must still serve afterwards.
 *
 * <p>1 500 requests per run, from a fresh seed that is printed; {@code -Dfuzz.seed=S} replays a run (the emulator's
 * ids come from the seed too), {@code -Dfuzz.case=N} sends only request N of it to a fresh emulator, and
 * {@code -Dfuzz.requests=100000} sends more.
 */
class HttpFuzzTest {

  private static final int REQUESTS = 1500;
  /** About 2 ms each on a quiet machine; the limit only catches hangs (each exchange also times out on its own). */
  private static final Duration TIME_PER_REQUEST = Duration.ofMillis(40);

  private static final SeededRun RUN = new SeededRun(HttpFuzzTest.class, "fuzz", "requests", REQUESTS,
      TIME_PER_REQUEST);
  private static Vertx vertx;
  private static Emulator emulator;
  private static String instance;
  private static String testCase;
  private static String execution;

  private static final List<String> TEMPLATES = List.of(
      "PUT /test-cases/{i}", "POST /test-cases/{i}/{t}", "GET /test-cases/{i}/{t}", "DELETE /test-cases/{i}/{t}",
      "GET /test-cases-summary/{i}", "POST /search-test-cases", "PUT /test-cases/{i}/{t}/start-execution",
      "POST /test-cases/{i}/{t}/{e}/stop-execution", "GET /test-cases/{i}/{t}/{e}/summary",
      "GET /test-case-executions/{i}", "GET /test-cases/{i}/{t}/{e}/records", "GET /_emulator/stats",
      "PUT /_emulator/controls", "GET /health/ready", "GET /metrics");
  private static final List<String> OTHER_METHODS = List.of(
      "GET", "PUT", "POST", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE", "get", "BREW");
  private static final List<String> ODD_SEGMENTS = List.of(
      "", "%2F", "%00", "%ZZ", "..", "%2e%2e", "a%20b", "%F0%9F%98%80", "%C3%28",
      "arn%3Aaws%3Aconnect%3Aus-east-1%3A1%3Ainstance%2Fx", "x".repeat(600), ";", "%25");
  private static final List<String> QUERY_NAMES = List.of(
      "maxResults", "nextToken", "status", "testCaseId", "startTime", "endTime", "x", "");
  private static final List<String> QUERY_VALUES = List.of(
      "1", "0", "-1", "100000000000000000000", "abc", "PASSED", "%ZZ", "%00", "", "a%26b=c", "1e3", "%F0%9F%98%80");
  private static final List<String> CONTENT_TYPES = List.of(
      "application/json", "text/plain", "application/x-amz-json-1.1", "application/json; charset=latin1",
      "multipart/form-data; boundary=x", "");
  private static final List<String> HEADER_NAMES = List.of(
      "x-amz-resource-id", "x-amz-last-modified-region", "x-amz-last-modified-time", "x-request-id", "traceparent",
      "Authorization", "Expect", "Transfer-Encoding-Ignored");
  private static final List<String> ODD_BODIES = List.of(
      "{\"Name\":\"a\",\"Name\":\"b\",\"Content\":\"{}\"}", "{\"ClientToken\":1e400}", "{\"MaxResults\":1e400}",
      "[".repeat(3000), "{\"a\":".repeat(200) + "1" + "}".repeat(200), "{\"Name\":\"\\u0000\\u001f\"}",
      "{\"Name\":\"\uD83D\uDE00\",\"Content\":\"\\ud800\"}", "null", "\"text\"", "{", "{\"Tags\":{\"aws:x\":\"y\"}}",
      "{\"InstanceId\":\"" + "i".repeat(300) + "\"}");
  private static final byte[] INVALID_UTF8_BODY =
      {'{', '"', 'N', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
  private static final List<String> JSON_KEYS = List.of(
      "Name", "Content", "Description", "Status", "Tags", "EntryPoint", "InitializationData", "ClientToken",
      "InstanceId", "MaxResults", "NextToken", "SearchCriteria", "SearchFilter", "OrConditions", "StringCondition",
      "FieldName", "Value", "ComparisonType", "x");
  private static final List<String> JSON_LITERALS = List.of(
      "0", "-1", "1.5", "123456789012345678901234567890", "true", "false", "null", "1e308", "-0");

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    // Ids from the seed, so that a replayed run sends the very same bytes.
    emulator = Emulator.deploy(vertx, EmulatorConfig.withKeys(Map.of("http.host", "127.0.0.1", "http.port", "0",
        "http.maxBodyBytes", "65536", "timing.mode", "manual", "ids.seed", Long.toString(RUN.seed()))))
        .await(10, TimeUnit.SECONDS);
    var http = new EmulatorHttp(vertx, emulator.port());
    instance = new UUID(RUN.seed(), ~RUN.seed()).toString();
    testCase = http.createdTestCase(instance, "fuzz").await(10, TimeUnit.SECONDS);
    execution = http.start(instance, testCase).await(10, TimeUnit.SECONDS).assertOk()
        .getString("TestCaseExecutionId");
  }

  @AfterAll
  static void stillServesAfterwards() throws Exception {
    try {
      var http = new EmulatorHttp(vertx, emulator.port());
      http.summary(instance, testCase, execution).await(10, TimeUnit.SECONDS).assertOk();
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  /** One request as bytes on the wire. */
  record RawRequest(String method, String target, Map<String, String> headers, byte[] body) {
    byte[] bytes() {
      var out = new ByteArrayOutputStream();
      out.writeBytes((method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n")
          .getBytes(StandardCharsets.UTF_8));
      headers.forEach((name, value) -> out.writeBytes((name + ": " + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
      out.writeBytes(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.writeBytes(body);
      return out.toByteArray();
    }

    @Override
    public String toString() {
      return method + " " + target + " " + headers + " body " + new String(body, StandardCharsets.UTF_8);
    }
  }

  record RawResponse(int status, Map<String, String> headers, String body) {}

  @Test
  void everyRequestGetsASuccessOrAWellFormedAwsClientError() {
    Map<String, Integer> answers = new TreeMap<>();
    RUN.forEachCase((index, gen) -> {
      RawRequest request = request(gen);
      RawResponse response = exchange(request);
      assertThat(response.status()).as("%s", request).isBetween(200, 499);
      assertThat(response.headers()).as("request id on %s", request).containsKey("x-amzn-requestid");
      String errorType = response.headers().get("x-amzn-errortype");
      if (response.status() >= 400 && !request.method().equals("HEAD")) {
        assertThat(errorType).as("x-amzn-ErrorType of the %s answer to %s", response.status(), request).isNotNull();
        JsonObject body = new JsonObject(response.body());
        assertThat(body.getString("message")).as("message on %s", request).isNotBlank();
      }
      answers.merge(errorType != null ? errorType : "HTTP " + response.status(), 1, Integer::sum);
    });
    System.out.println("HttpFuzzTest answers: " + answers);
    if (RUN.isFullRun()) {
      // The run means something only if requests get past the door as well as being refused for each kind of reason:
      // each share is a fifth or less of what runs show, far above chance at this count.
      int total = answers.values().stream().mapToInt(Integer::intValue).sum();
      assertThat(answers.getOrDefault("HTTP 200", 0)).as("successes in %s", answers).isGreaterThan(total / 25);
      for (String refusal : List.of("InvalidParameterException", "InvalidRequestException",
          "ResourceNotFoundException", "UnknownOperationException")) {
        assertThat(answers.getOrDefault(refusal, 0)).as("%s in %s", refusal, answers).isGreaterThan(total / 100);
      }
    }
  }

  private static RawResponse exchange(RawRequest request) throws IOException {
    try (var socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", emulator.port()), 2000);
      socket.setSoTimeout(5000);
      socket.getOutputStream().write(request.bytes());
      socket.getOutputStream().flush();
      byte[] all;
      try {
        all = readAll(socket.getInputStream());
      } catch (java.net.SocketTimeoutException e) {
        throw new AssertionError("no response within 5 s (connection left open) to " + request, e);
      }
      String text = new String(all, StandardCharsets.UTF_8);
      int headEnd = text.indexOf("\r\n\r\n");
      assertThat(headEnd).as("a whole response to %s, got '%s'", request, text).isPositive();
      String[] lines = text.substring(0, headEnd).split("\r\n");
      int status = Integer.parseInt(lines[0].split(" ")[1]);
      Map<String, String> headers = new LinkedHashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
      }
      return new RawResponse(status, headers, text.substring(headEnd + 4));
    }
  }

  /** Reads until the server closes (Connection: close). */
  private static byte[] readAll(InputStream in) throws IOException {
    var out = new ByteArrayOutputStream();
    byte[] chunk = new byte[8192];
    int read;
    while ((read = in.read(chunk)) >= 0) {
      out.write(chunk, 0, read);
    }
    return out.toByteArray();
  }

  /** An operation's template, mostly with its own method, its ids real or mutated, and any query, headers, body. */
  private static RawRequest request(Gen gen) {
    String[] template = gen.pick(TEMPLATES).split(" ", 2);
    String method = gen.frequency(weighted(8, () -> template[0]), weighted(1, () -> gen.pick(OTHER_METHODS)));
    String path = template[1].replace("{i}", segment(gen, instance)).replace("{t}", segment(gen, testCase))
        .replace("{e}", segment(gen, execution));
    return new RawRequest(method, path + query(gen), headers(gen), body(gen));
  }

  /** A path segment: the real id mostly, or an odd one, or any printable characters that stay in the segment. */
  private static String segment(Gen gen, String real) {
    return gen.frequency(
        weighted(4, () -> real),
        weighted(1, () -> gen.pick(ODD_SEGMENTS)),
        weighted(1, () -> gen.string('!', '~', 1, 40, '/', '?', '#', '%')));
  }

  private static String query(Gen gen) {
    List<String> pairs = gen.list(0, 4, () -> gen.pick(QUERY_NAMES) + "=" + gen.pick(QUERY_VALUES));
    return pairs.isEmpty() ? "" : "?" + String.join("&", pairs);
  }

  /** Up to four headers, each a Content-Type or a header the emulator reads, with any printable value. */
  private static Map<String, String> headers(Gen gen) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (Map.Entry<String, String> header : gen.list(0, 4, () -> gen.oneOf(
        () -> Map.entry("Content-Type", gen.pick(CONTENT_TYPES)),
        () -> Map.entry(gen.pick(HEADER_NAMES), gen.string(' ', '~', 0, 60).trim())))) {
      headers.put(header.getKey(), header.getValue());
    }
    return headers;
  }

  private static byte[] body(Gen gen) {
    return gen.oneOf(
        () -> new byte[0],
        () -> jsonValue(gen, 4).getBytes(StandardCharsets.UTF_8),
        () -> gen.pick(ODD_BODIES).getBytes(StandardCharsets.UTF_8),
        () -> gen.bytes(0, 64),
        () -> INVALID_UTF8_BODY.clone());
  }

  /** JSON text: objects with the operations' member names and others (repeated ones too), of every JSON type. */
  private static String jsonValue(Gen gen, int depth) {
    if (depth == 0) {
      return jsonScalar(gen);
    }
    return gen.oneOf(
        () -> jsonScalar(gen),
        () -> "{" + String.join(",",
            gen.list(0, 5, () -> "\"" + gen.pick(JSON_KEYS) + "\":" + jsonValue(gen, depth - 1))) + "}",
        () -> "[" + String.join(",", gen.list(0, 3, () -> jsonValue(gen, depth - 1))) + "]");
  }

  private static String jsonScalar(Gen gen) {
    return gen.oneOf(() -> Json.encode(gen.unicode(0, 20)), () -> gen.pick(JSON_LITERALS));
  }
}
