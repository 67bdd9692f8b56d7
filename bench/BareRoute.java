import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;

/**
 * The stack's own limit: one vertx-web route per verticle answering every request with a fixed 200 JSON reply the
 * size of StartTestCaseExecution's, with no body parsing, no JSON and no state. One verticle per core shares the
 * port, as in the emulator. Beside {@code ReferenceServer} (the same work without the emulator's machinery) it shows
 * how far the emulator is from what Vert.x itself can do on this machine.
 *
 * <p>Run: {@code java -cp target/connect-test-emulator.jar bench/BareRoute.java PORT}
 */
public class BareRoute extends VerticleBase {

  static final CharSequence JSON = HttpHeaders.createOptimized("application/json");
  /** Start's reply has this shape and size: two UUIDs' worth of ids and a status. */
  static final Buffer REPLY = Buffer.buffer("{\"TestCaseExecutionId\":\"4f3a7c88-edcd-4843-a703-9927cd008d43\","
      + "\"TestCaseId\":\"9d1e5b7a-0c2f-4e8b-a1d3-6f5e4c3b2a10\",\"Status\":\"INITIATED\"}");

  private final int port;

  BareRoute(int port) {
    this.port = port;
  }

  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    int instances = Runtime.getRuntime().availableProcessors();
    // The emulator's transport: epoll where Netty's native library loads, NIO elsewhere.
    Vertx.vertx(new VertxOptions().setPreferNativeTransport(true))
        .deployVerticle(() -> new BareRoute(port), new DeploymentOptions().setInstances(instances))
        .onSuccess(id -> System.out.println("bare route listening on port " + port))
        .onFailure(failure -> {
          failure.printStackTrace();
          System.exit(1);
        });
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.route().handler(ctx -> ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(REPLY));
    return vertx.createHttpServer().requestHandler(router).listen(port, "127.0.0.1");
  }
}
