package io.github.connectemulator.http;

import static io.github.connectemulator.testing.EmulatorHttp.HOST;
import static io.github.connectemulator.testing.EmulatorHttp.newInstanceId;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.connectemulator.Emulator;
import io.github.connectemulator.config.EmulatorConfig;
import io.github.connectemulator.service.JvmMeters;
import io.github.connectemulator.service.ServiceMetrics;
import io.github.connectemulator.testing.EmulatorHttp;
import io.github.connectemulator.testing.Eventually;
import io.github.connectemulator.testing.HttpReply;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * The emulator as a service behind a mesh: probes, Prometheus metrics after traffic, request ids and trace headers
 * in the logs, h2c, HTTP limits answered as AWS errors. The Vertx is built with Micrometer, as {@code Main} builds it.
 */
class ServiceEndpointsTest {

  private static final long WAIT_SECONDS = 10;

  private Vertx vertx;
  private Emulator emulator;
  private EmulatorHttp http;

  private void start(Map<String, String> keys) throws Exception {
    PrometheusMeterRegistry registry = ServiceMetrics.newRegistry();
    vertx = Vertx.builder()
        .with(ServiceMetrics.vertxOptions("test-" + UUID.randomUUID(), true, true))
        .withMetrics(ServiceMetrics.metricsFactory(registry))
        .build();
    var all = new HashMap<>(Map.of("http.host", HOST, "http.port", "0",
        "timing.initiatedMillis", "10", "timing.observationMillis", "20"));
    all.putAll(keys);
    emulator = Emulator.deploy(vertx, EmulatorConfig.withKeys(all), registry).await(WAIT_SECONDS, TimeUnit.SECONDS);
    JvmMeters.bind(registry); // as Main binds them once the emulator serves
    http = new EmulatorHttp(vertx, emulator.port());
  }

  @AfterEach
  void close() throws Exception {
    if (vertx != null) {
      vertx.close().await(WAIT_SECONDS, TimeUnit.SECONDS);
    }
  }

  private HttpReply await(io.vertx.core.Future<HttpReply> reply) throws Exception {
    return reply.await(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  @Test
  void probesAreUpWhenDeployedAndReadinessGoesDownAsShutdownBegins() throws Exception {
    start(Map.of("shutdown.drainDelayMillis", "1500"));
    HttpReply live = await(http.get("/health/live"));
    HttpReply ready = await(http.get("/health/ready"));
    assertThat(live.status()).isEqualTo(200);
    assertThat(ready.status()).isEqualTo(200);
    assertThat(ready.body().toJsonObject().getString("status")).isEqualTo("UP");

    var stopped = emulator.shutdown();
    HttpReply draining = await(http.get("/health/ready"));
    assertThat(draining.status()).as("readiness while draining").isEqualTo(503);
    assertThat(draining.body().toJsonObject().getString("status")).isEqualTo("DOWN");
    assertThat(await(http.get("/health/live")).status()).as("still alive while draining").isEqualTo(200);
    stopped.await(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  @Test
  void metricsShowOperationsByOutcomeExecutionsHttpEventBusAndJvm() throws Exception {
    start(Map.of());
    String instance = newInstanceId();
    String testCase = http.createdTestCase(instance, "metrics").await(WAIT_SECONDS, TimeUnit.SECONDS);
    await(http.start(instance, testCase)).assertOk();
    await(http.start(instance, testCase)).assertOk();
    await(http.summary(instance, testCase, UUID.randomUUID().toString()));
    await(http.putJson("/test-cases/" + instance + "/" + testCase + "/start-execution",
        new io.vertx.core.json.JsonObject().put("ClientToken", 42)));

    // The gauges are read from the owners just before the scrape, the counters as runs end: wait for both.
    String metrics = waitForMetrics("emulator_executions_finished_total{status=\"PASSED\"} 2.0",
        "emulator_executions_running 0.0");
    assertThat(metrics)
        .contains("emulator_requests_seconds_count{operation=\"StartTestCaseExecution\",outcome=\"success\","
            + "transport=\"http\"} 2")
        .contains("emulator_requests_seconds_count{operation=\"StartTestCaseExecution\","
            + "outcome=\"InvalidParameterException\",transport=\"http\"} 1")
        .contains("emulator_requests_seconds_count{operation=\"GetTestCaseExecutionSummary\","
            + "outcome=\"ResourceNotFoundException\",transport=\"http\"} 1")
        .contains("emulator_requests_seconds_bucket{operation=\"CreateTestCase\",outcome=\"success\","
            + "transport=\"http\",le=\"0.01\"}")
        .contains("emulator_executions_started_total 2.0")
        .contains("emulator_executions_running 0.0")
        .contains("emulator_executions_queued 0.0")
        .contains("emulator_executions_retained 2.0")
        .contains("vertx_http_server_requests_total{code=\"200\",method=\"PUT\",route=\"/test-cases/:InstanceId\"}")
        .contains("vertx_eventbus_processed_total")
        .contains("jvm_memory_used_bytes");
    assertThat(metrics).as("no ids in labels").doesNotContain(instance).doesNotContain(testCase);
  }

  private String waitForMetrics(String... expected) throws Exception {
    return Eventually.poll(() -> {
      HttpReply reply = await(http.get("/metrics"));
      assertThat(reply.status()).isEqualTo(200);
      assertThat(reply.header("Content-Type")).startsWith("text/plain");
      return reply.body().toString();
    }, text -> java.util.Arrays.stream(expected).allMatch(text::contains),
        "metrics with " + String.join(", ", expected));
  }

  @Test
  void requestAndTraceIdsReachTheLogLinesOfTheirRequest() throws Exception {
    start(Map.of("log.requests", "true"));
    Logger accessLogger = (Logger) LoggerFactory.getLogger(RequestLog.LOGGER);
    // The MDC of an event is read when first asked for; take it on the logging thread, as a real appender does.
    var lines = new ListAppender<ILoggingEvent>() {
      @Override
      protected void append(ILoggingEvent event) {
        event.prepareForDeferredProcessing();
        super.append(event);
      }
    };
    lines.start();
    accessLogger.addAppender(lines);
    Level previous = accessLogger.getLevel();
    accessLogger.setLevel(Level.INFO);
    try {
      String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
      MultiMap headers = MultiMap.caseInsensitiveMultiMap()
          .add("x-request-id", "mesh-request-7")
          .add("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01");
      HttpReply reply = await(http.send(HttpMethod.GET, "/test-cases-summary/" + newInstanceId(), headers,
          (io.vertx.core.buffer.Buffer) null));
      reply.assertOk();
      assertThat(reply.header("x-request-id")).isEqualTo("mesh-request-7");

      ILoggingEvent line = waitForLine(lines, "mesh-request-7");
      assertThat(line.getMDCPropertyMap())
          .containsEntry("xRequestId", "mesh-request-7")
          .containsEntry("traceId", traceId)
          .containsEntry("requestId", reply.header("x-amzn-RequestId"));
      assertThat(line.getFormattedMessage()).contains("GET /test-cases-summary/").contains(" 200 ");

      HttpReply failed = await(http.get("/test-cases/" + newInstanceId() + "/" + UUID.randomUUID()));
      ILoggingEvent errorLine = waitForLine(lines, failed.header("x-amzn-RequestId"));
      assertThat(errorLine.getFormattedMessage()).contains(" 404 ResourceNotFoundException ");
      assertThat(errorLine.getThrowableProxy()).as("no stack trace for a client's fault").isNull();
    } finally {
      accessLogger.detachAppender(lines);
      accessLogger.setLevel(previous);
    }
  }

  private static ILoggingEvent waitForLine(ListAppender<ILoggingEvent> lines, String id) throws Exception {
    return Eventually.poll(() -> {
      synchronized (lines.list) {
        return lines.list.stream().filter(event -> event.getMDCPropertyMap().containsValue(id)).findFirst();
      }
    }, java.util.Optional::isPresent, "a log line with " + id).orElseThrow();
  }

  @ParameterizedTest(name = "h2c with upgrade: {0}")
  @ValueSource(booleans = {false, true})
  void answersOverHttp2Cleartext(boolean upgrade) throws Exception {
    start(Map.of());
    HttpClientAgent client = vertx.createHttpClient(new HttpClientOptions()
        .setProtocolVersion(HttpVersion.HTTP_2)
        .setHttp2ClearTextUpgrade(upgrade));
    String instance = newInstanceId();
    HttpReply reply = EmulatorHttp.get(client, emulator.port(), "/test-cases-summary/" + instance)
        .await(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(reply.version()).isEqualTo(HttpVersion.HTTP_2);
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("x-amzn-RequestId")).as("headers %s", reply.headers()).isNotBlank();
    String body = reply.body().toString();
    assertThat(new io.vertx.core.json.JsonObject(body).getJsonArray("TestCaseSummaryList")).isEmpty();
  }

  @Test
  void requestLineAndHeadersOverTheirLimitsGetAwsErrors() throws Exception {
    start(Map.of("http.maxInitialLineLength", "1024", "http.maxHeaderBytes", "2048"));
    HttpReply longLine = await(http.get("/test-cases-summary/" + "a".repeat(1100)));
    assertThat(longLine.status()).isEqualTo(414);
    assertThat(longLine.errorType()).isEqualTo("RequestURITooLongException");
    assertThat(longLine.json().getString("message")).isNotBlank();

    HttpReply bigHeaders = await(http.send(HttpMethod.GET, "/test-cases-summary/" + newInstanceId(),
        MultiMap.caseInsensitiveMultiMap().add("x-amz-padding", "p".repeat(3000)), (io.vertx.core.buffer.Buffer) null));
    assertThat(bigHeaders.status()).isEqualTo(431);
    assertThat(bigHeaders.errorType()).isEqualTo("RequestHeaderFieldsTooLargeException");
    assertThat(bigHeaders.header("x-amzn-RequestId")).isNotBlank();

    assertThat(await(http.get("/health/live")).status()).as("still serving").isEqualTo(200);
  }

  @Test
  void aConnectionTheClientLeavesIdleIsClosedAndOneInUseIsNot() throws Exception {
    start(Map.of("http.idleTimeoutSeconds", "1"));
    try (var busy = new java.net.Socket(HOST, emulator.port()); var idle = new java.net.Socket(HOST, emulator.port())) {
      busy.setSoTimeout(5_000);
      idle.setSoTimeout(5_000);
      assertThat(probe(idle)).as("idle connection's first answer").startsWith("HTTP/1.1 200");
      // A request every 300 ms for 2.4 s, more than twice the timeout, on one connection: it stays open.
      for (int i = 0; i < 8; i++) {
        assertThat(probe(busy)).as("request %d on the busy connection", i).startsWith("HTTP/1.1 200");
        Thread.sleep(300);
      }
      // Nothing sent on the other for those 2.4 s: the server has closed it.
      assertThat(idle.getInputStream().read()).as("the idle connection's end").isEqualTo(-1);
    }
  }

  /** One GET of the liveness probe on a kept-alive connection; its answer's head and body. */
  private static String probe(java.net.Socket socket) throws java.io.IOException {
    socket.getOutputStream().write("GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n"
        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    var in = socket.getInputStream();
    var answer = new StringBuilder();
    int contentLength = -1;
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new java.io.EOFException("closed after " + answer);
      }
      answer.append((char) b);
      if (answer.toString().endsWith("\r\n\r\n")) {
        var m = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(answer);
        contentLength = m.find() ? Integer.parseInt(m.group(1)) : 0;
        break;
      }
    }
    answer.append(new String(in.readNBytes(contentLength), java.nio.charset.StandardCharsets.US_ASCII));
    return answer.toString();
  }
}
