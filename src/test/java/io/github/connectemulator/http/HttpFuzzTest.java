package io.github.connectemulator.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.connectemulator.Emulator;
import io.github.connectemulator.config.EmulatorConfig;
import io.github.connectemulator.testing.EmulatorHttp;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random and mutated requests against every operation, written byte by byte on a socket so that nothing a client
 * library would refuse is out of reach: wrong methods, odd paths and percent-encodings, query strings, headers,
 * bodies of wrong types, deep nesting, huge numbers, unicode, control characters, invalid UTF-8, duplicate members.
 * Every one must get a success or a well-formed AWS client error, never a 5xx or a dropped connection, and the
 * emulator must still serve afterwards.
 */
class HttpFuzzTest {

  private static final int TRIES = 1500;
  private static Vertx vertx;
  private static Emulator emulator;
  private static String instance;
  private static String testCase;
  private static String execution;
  private static final AtomicInteger SENT = new AtomicInteger();

  private static final List<String> TEMPLATES = List.of(
      "PUT /test-cases/{i}", "POST /test-cases/{i}/{t}", "GET /test-cases/{i}/{t}", "DELETE /test-cases/{i}/{t}",
      "GET /test-cases-summary/{i}", "POST /search-test-cases", "PUT /test-cases/{i}/{t}/start-execution",
      "POST /test-cases/{i}/{t}/{e}/stop-execution", "GET /test-cases/{i}/{t}/{e}/summary",
      "GET /test-case-executions/{i}", "GET /test-cases/{i}/{t}/{e}/records", "GET /_emulator/stats",
      "PUT /_emulator/controls", "GET /health/ready", "GET /metrics");

  @BeforeContainer
  static void start() throws Exception {
    vertx = Vertx.vertx();
    emulator = Emulator.deploy(vertx, EmulatorConfig.withKeys(Map.of("http.host", "127.0.0.1", "http.port", "0",
        "http.maxBodyBytes", "65536", "timing.mode", "manual"))).await(10, TimeUnit.SECONDS);
    var http = new EmulatorHttp(vertx, emulator.port());
    instance = EmulatorHttp.newInstanceId();
    testCase = http.createdTestCase(instance, "fuzz").await(10, TimeUnit.SECONDS);
    execution = http.start(instance, testCase).await(10, TimeUnit.SECONDS).assertOk()
        .getString("TestCaseExecutionId");
  }

  @AfterContainer
  static void stillServesAfterwards() throws Exception {
    try {
      var http = new EmulatorHttp(vertx, emulator.port());
      http.summary(instance, testCase, execution).await(10, TimeUnit.SECONDS).assertOk();
      System.out.println("fuzz: " + SENT.get() + " requests sent, every one answered well-formed");
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

  @Property(tries = TRIES)
  void everyRequestGetsASuccessOrAWellFormedAwsClientError(@ForAll("requests") RawRequest request) throws Exception {
    SENT.incrementAndGet();
    RawResponse response = exchange(request);
    assertThat(response.status()).as("%s", request).isBetween(200, 499);
    assertThat(response.headers()).as("request id on %s", request).containsKey("x-amzn-requestid");
    if (response.status() >= 400 && !request.method().equals("HEAD")) {
      assertThat(response.headers()).as("error type on %s", request).containsKey("x-amzn-errortype");
      JsonObject body = new JsonObject(response.body());
      assertThat(body.getString("message")).as("message on %s", request).isNotBlank();
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

  /** Reads until the server closes (Connection: close) or the whole Content-Length has come. */
  private static byte[] readAll(InputStream in) throws IOException {
    var out = new ByteArrayOutputStream();
    byte[] chunk = new byte[8192];
    int read;
    while ((read = in.read(chunk)) >= 0) {
      out.write(chunk, 0, read);
    }
    return out.toByteArray();
  }

  @Provide
  Arbitrary<RawRequest> requests() {
    Arbitrary<String> method = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(8, Arbitraries.just("template")),
        net.jqwik.api.Tuple.of(1, Arbitraries.of("GET", "PUT", "POST", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE",
            "get", "BREW")));
    return Combinators.combine(Arbitraries.of(TEMPLATES), method, segments(), segments(), segments(), queries(),
            headers(), bodies())
        .as((template, methodChoice, i, t, e, query, headers, body) -> {
          String[] parts = template.split(" ", 2);
          String path = parts[1].replace("{i}", i == null ? instance : i)
              .replace("{t}", t == null ? testCase : t).replace("{e}", e == null ? execution : e);
          return new RawRequest(methodChoice.equals("template") ? parts[0] : methodChoice, path + query, headers,
              body);
        });
  }

  /** Path segments: the real ids mostly, or mutations of them. */
  private Arbitrary<String> segments() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, Arbitraries.of("__real__")),
        net.jqwik.api.Tuple.of(1, Arbitraries.of("", "%2F", "%00", "%ZZ", "..", "%2e%2e", "a%20b", "%F0%9F%98%80",
            "%C3%28", "arn%3Aaws%3Aconnect%3Aus-east-1%3A1%3Ainstance%2Fx", "x".repeat(600), ";", "%25")),
        net.jqwik.api.Tuple.of(1, Arbitraries.strings().withCharRange('!', '~').excludeChars('/', '?', '#', '%')
            .ofMinLength(1).ofMaxLength(40)))
        .map(segment -> segment.equals("__real__") ? null : segment);
  }

  private Arbitrary<String> queries() {
    Arbitrary<String> pair = Combinators.combine(
            Arbitraries.of("maxResults", "nextToken", "status", "testCaseId", "startTime", "endTime", "x", ""),
            Arbitraries.of("1", "0", "-1", "100000000000000000000", "abc", "PASSED", "%ZZ", "%00", "", "a%26b=c",
                "1e3", "%F0%9F%98%80"))
        .as((name, value) -> name + "=" + value);
    return pair.list().ofMaxSize(4).map(pairs -> pairs.isEmpty() ? "" : "?" + String.join("&", pairs));
  }

  private Arbitrary<Map<String, String>> headers() {
    Arbitrary<Map.Entry<String, String>> header = Arbitraries.oneOf(
        Arbitraries.of("application/json", "text/plain", "application/x-amz-json-1.1", "application/json; charset=latin1",
            "multipart/form-data; boundary=x", "").map(value -> Map.entry("Content-Type", value)),
        Arbitraries.of("x-amz-resource-id", "x-amz-last-modified-region", "x-amz-last-modified-time", "x-request-id",
            "traceparent", "Authorization", "Expect", "Transfer-Encoding-Ignored")
            .flatMap(name -> Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(60)
                .map(value -> Map.entry(name, value.trim()))));
    return header.list().ofMaxSize(4).map(entries -> {
      Map<String, String> map = new LinkedHashMap<>();
      entries.forEach(entry -> map.put(entry.getKey(), entry.getValue()));
      return map;
    });
  }

  private Arbitrary<byte[]> bodies() {
    return Arbitraries.oneOf(
        Arbitraries.just(new byte[0]),
        jsonValues(4).map(json -> json.getBytes(StandardCharsets.UTF_8)),
        Arbitraries.of(
            "{\"Name\":\"a\",\"Name\":\"b\",\"Content\":\"{}\"}", "{\"ClientToken\":1e400}", "{\"MaxResults\":1e400}",
            "[" .repeat(3000), "{\"a\":" .repeat(200) + "1" + "}".repeat(200), "{\"Name\":\"\\u0000\\u001f\"}",
            "{\"Name\":\"\uD83D\uDE00\",\"Content\":\"\\ud800\"}", "null", "\"text\"", "{", "{\"Tags\":{\"aws:x\":\"y\"}}",
            "{\"InstanceId\":\"" + "i".repeat(300) + "\"}").map(text -> text.getBytes(StandardCharsets.UTF_8)),
        Arbitraries.bytes().array(byte[].class).ofMaxSize(64),
        Arbitraries.just(new byte[] {'{', '"', 'N', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}));
  }

  /** JSON text: objects with the operations' member names and others, of every JSON type. */
  private Arbitrary<String> jsonValues(int depth) {
    Arbitrary<String> scalars = Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(20).map(s -> JsonObject.of("v", s).encode().substring(5, JsonObject.of("v", s)
            .encode().length() - 1)),
        Arbitraries.of("0", "-1", "1.5", "123456789012345678901234567890", "true", "false", "null", "1e308", "-0"));
    if (depth == 0) {
      return scalars;
    }
    Arbitrary<String> keys = Arbitraries.of("Name", "Content", "Description", "Status", "Tags", "EntryPoint",
        "InitializationData", "ClientToken", "InstanceId", "MaxResults", "NextToken", "SearchCriteria",
        "SearchFilter", "OrConditions", "StringCondition", "FieldName", "Value", "ComparisonType", "x");
    Arbitrary<String> object = Combinators.combine(keys, jsonValues(depth - 1))
        .as((key, value) -> "\"" + key + "\":" + value).list().ofMaxSize(5)
        .map(members -> "{" + String.join(",", members) + "}");
    Arbitrary<String> array = jsonValues(depth - 1).list().ofMaxSize(3).map(items -> "[" + String.join(",", items) + "]");
    return Arbitraries.oneOf(scalars, object, array);
  }
}
