import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The limit of the stack: the smallest Vert.x 5 server that parses the same requests as the emulator (path, JSON
 * body) and writes the same JSON replies, with no validation, no event bus and no state. One verticle per core
 * shares the port, as in the emulator.
 *
 * <p>Run: {@code java -cp target/connect-test-emulator.jar bench/ReferenceServer.java PORT}
 */
public class ReferenceServer extends VerticleBase {

  static final CharSequence JSON = HttpHeaders.createOptimized("application/json");
  static final CharSequence REQUEST_ID = HttpHeaders.createOptimized("x-amzn-RequestId");
  static final Buffer RECORDS = Buffer.buffer("{\"ExecutionRecords\":["
      + record("a") + "," + record("b") + "," + record("c") + "]}");

  private final int port;

  ReferenceServer(int port) {
    this.port = port;
  }

  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    int instances = Runtime.getRuntime().availableProcessors();
    // The emulator's transport: epoll where Netty's native library loads, NIO elsewhere.
    Vertx.vertx(new VertxOptions().setPreferNativeTransport(true))
        .deployVerticle(() -> new ReferenceServer(port), new DeploymentOptions().setInstances(instances))
        .onSuccess(id -> System.out.println("reference server listening on port " + port))
        .onFailure(failure -> {
          failure.printStackTrace();
          System.exit(1);
        });
  }

  @Override
  public Future<?> start() {
    return vertx.createHttpServer().requestHandler(this::handle).listen(port, "127.0.0.1");
  }

  private void handle(HttpServerRequest request) {
    String[] segments = request.path().split("/");
    request.body().onSuccess(body -> {
      var response = request.response()
          .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
          .putHeader(REQUEST_ID, uuid());
      String last = segments.length == 0 ? "" : segments[segments.length - 1];
      if (last.equals("start-execution")) {
        // Parsed like the emulator parses it, though the reference has no use for the token.
        // Parsed as the emulator parses it, though the reference has no use for the token.
        String clientToken = body.length() == 0 ? null : new JsonObject(body).getString("ClientToken");
        response.end(new JsonObject()
            .put("TestCaseExecutionId", uuid())
            .put("TestCaseId", segments[3])
            .put("Status", "INITIATED")
            .toBuffer());
      } else if (last.equals("summary")) {
        long now = System.currentTimeMillis();
        response.end(new JsonObject()
            .put("StartTime", now / 1000.0)
            .put("EndTime", now / 1000.0)
            .put("Status", "PASSED")
            .put("ObservationSummary", new JsonObject()
                .put("TotalObservations", 3).put("ObservationsPassed", 3).put("ObservationsFailed", 0))
            .toBuffer());
      } else {
        response.end(RECORDS);
      }
    });
  }

  static String uuid() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return new UUID((random.nextLong() & ~0xF000L) | 0x4000L,
        (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48)).toString();
  }

  static String record(String id) {
    return "{\"ObservationId\":\"" + id + "\",\"Status\":\"PASSED\",\"Timestamp\":1700000000.1,\"Record\":"
        + "\"{\\\"observationId\\\":\\\"" + id + "\\\",\\\"status\\\":\\\"PASSED\\\"}\"}";
  }
}
