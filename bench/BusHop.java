import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryContext;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The reference server's work plus the one thing the emulator's design adds to every request: the event-bus hop from
 * the HTTP verticle to the verticle that owns the instance, and back. The owner does nothing but answer (the new
 * execution's id for a Start, the status for a poll): beside the reference it shows what the hop alone costs. It is
 * not a strict bound on the emulator, which writes its replies more cheaply than these JsonObjects do. As in the
 * emulator, there is one event loop per core, with an owner and an HTTP verticle on each; one instance's requests
 * all go to one owner; the bus delivers on the handler's context (the emulator's DeliverOnContext) and carries
 * Strings, which the local bus passes as they are.
 *
 * <p>Run: {@code java -cp target/connect-test-emulator.jar bench/BusHop.java PORT}
 */
public class BusHop {

  static final CharSequence JSON = HttpHeaders.createOptimized("application/json");
  static final CharSequence REQUEST_ID = HttpHeaders.createOptimized("x-amzn-RequestId");
  static final String OWNER = "bus-hop.owner.";

  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    int cores = Runtime.getRuntime().availableProcessors();
    Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true).setEventLoopPoolSize(cores));
    vertx.eventBus().addInboundInterceptor(DeliveryContext::next);
    int[] next = {0};
    vertx.deployVerticle(() -> new Owner(OWNER + next[0]++), new DeploymentOptions().setInstances(cores))
        .compose(id -> vertx.deployVerticle(() -> new HttpVerticle(port, cores), new DeploymentOptions().setInstances(cores)))
        .onSuccess(id -> System.out.println("bus hop listening on port " + port))
        .onFailure(failure -> {
          failure.printStackTrace();
          System.exit(1);
        });
  }

  /** Holds nothing: answers each request at once. */
  static final class Owner extends VerticleBase {
    private final String address;

    Owner(String address) {
      this.address = address;
    }

    @Override
    public Future<?> start() {
      return vertx.eventBus().<String>consumer(address, message ->
          message.reply(message.body().equals("summary") ? "PASSED" : uuid())).completion();
    }
  }

  /** The reference server's parsing and replies, with the owner's answer in between. */
  static final class HttpVerticle extends VerticleBase {
    private final int port;
    private final int owners;

    HttpVerticle(int port, int owners) {
      this.port = port;
      this.owners = owners;
    }

    @Override
    public Future<?> start() {
      return vertx.createHttpServer().requestHandler(this::handle).listen(port, "127.0.0.1");
    }

    private void handle(HttpServerRequest request) {
      String[] segments = request.path().split("/");
      request.body().onSuccess(body -> {
        String last = segments.length == 0 ? "" : segments[segments.length - 1];
        String instance = segments.length > 2 ? segments[2] : "";
        String owner = OWNER + Math.floorMod(instance.hashCode(), owners);
        String ask;
        if (last.equals("start-execution")) {
          ask = body.length() == 0 ? "start" : String.valueOf(new JsonObject(body).getString("ClientToken"));
        } else {
          ask = last.equals("summary") ? "summary" : "records";
        }
        vertx.eventBus().<String>request(owner, ask).onSuccess(answer -> reply(request, segments, last, answer.body()));
      });
    }

    private static void reply(HttpServerRequest request, String[] segments, String last, String answer) {
      var response = request.response()
          .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
          .putHeader(REQUEST_ID, uuid());
      if (last.equals("start-execution")) {
        response.end(new JsonObject()
            .put("TestCaseExecutionId", answer)
            .put("TestCaseId", segments[3])
            .put("Status", "INITIATED")
            .toBuffer());
      } else if (last.equals("summary")) {
        long now = System.currentTimeMillis();
        response.end(new JsonObject()
            .put("StartTime", now / 1000.0)
            .put("EndTime", now / 1000.0)
            .put("Status", answer)
            .put("ObservationSummary", new JsonObject()
                .put("TotalObservations", 3).put("ObservationsPassed", 3).put("ObservationsFailed", 0))
            .toBuffer());
      } else {
        response.end(RECORDS);
      }
    }
  }

  static final Buffer RECORDS = Buffer.buffer("{\"ExecutionRecords\":["
      + record("a") + "," + record("b") + "," + record("c") + "]}");

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
