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
 * The limit of the stack: the smallest Vert.x 5 server that parses the same requests as the emulator (path, JSON
 * body) and writes the same JSON replies, with no validation, no event bus and no state. One verticle per core
 * shares the port, as in the emulator.
 *
 * <p>With {@code bus-hop}, the same work plus the one thing the emulator's design card adds to every request: the
 * request goes over the event bus to the verticle that owns its instance, which only answers, and the reply is
 * written when the answer comes back; beside the plain reference this shows what the hop alone costs. It is set up
 * as the emulator is: one event loop per core with an owner and an HTTP verticle on each, all of one instance's
 * requests to one owner, delivery on the handler's context (the emulator's DeliverOnContext), Strings passed on the
 * local bus as they are. The reply comes back through the bus's request/reply; the emulator answers through a
 * cheaper reply inbox (ReplyInbox), so the emulator can pass the hop.
 *
 * <p>Run: {@code java -cp target/connect-test-emulator.jar bench/ReferenceServer.java PORT [bus-hop]}
 */
public class ReferenceServer extends VerticleBase {

  static final CharSequence JSON = HttpHeaders.createOptimized("application/json");
  static final CharSequence REQUEST_ID = HttpHeaders.createOptimized("x-amzn-RequestId");
  static final Buffer RECORDS = Buffer.buffer("{\"ExecutionRecords\":["
      + record("a") + "," + record("b") + "," + record("c") + "]}");

  static final String OWNER = "reference.owner.";

  private final int port;
  /** Owners to send each request to first, by instance; 0 for the plain reference. */
  private final int owners;

  ReferenceServer(int port, int owners) {
    this.port = port;
    this.owners = owners;
  }

  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    boolean busHop = args.length > 1 && args[1].equals("bus-hop");
    int instances = Runtime.getRuntime().availableProcessors();
    // The emulator's transport: epoll where Netty's native library loads, NIO elsewhere.
    var options = new VertxOptions().setPreferNativeTransport(true);
    if (busHop) {
      options.setEventLoopPoolSize(instances); // an owner and an HTTP verticle on each core's loop
    }
    Vertx vertx = Vertx.vertx(options);
    Future<String> ownersDeployed = Future.succeededFuture();
    if (busHop) {
      vertx.eventBus().addInboundInterceptor(DeliveryContext::next);
      int[] next = {0};
      ownersDeployed = vertx.deployVerticle(() -> new Owner(OWNER + next[0]++),
          new DeploymentOptions().setInstances(instances));
    }
    ownersDeployed
        .compose(id -> vertx.deployVerticle(() -> new ReferenceServer(port, busHop ? instances : 0),
            new DeploymentOptions().setInstances(instances)))
        .onSuccess(id -> System.out.println((busHop ? "bus hop" : "reference server") + " listening on port " + port))
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
      if (owners == 0) {
        reply(request, segments, body);
        return;
      }
      String instance = segments.length > 2 ? segments[2] : "";
      vertx.eventBus().<String>request(OWNER + Math.floorMod(instance.hashCode(), owners), request.path())
          .onSuccess(answer -> reply(request, segments, body));
    });
  }

  private static void reply(HttpServerRequest request, String[] segments, Buffer body) {
    var response = request.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
        .putHeader(REQUEST_ID, uuid());
    String last = segments.length == 0 ? "" : segments[segments.length - 1];
    if (last.equals("start-execution")) {
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
  }

  /** With {@code bus-hop}: the owner of some instances, which holds nothing and answers each request at once. */
  static final class Owner extends VerticleBase {
    private final String address;

    Owner(String address) {
      this.address = address;
    }

    @Override
    public Future<?> start() {
      return vertx.eventBus().<String>consumer(address, message -> message.reply(message.body())).completion();
    }
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
