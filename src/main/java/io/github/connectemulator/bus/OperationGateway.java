package io.github.connectemulator.bus;

import io.github.connectemulator.operations.AwsErrorType;
import io.github.connectemulator.http.RouterServices;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The operations on the event bus, at {@link BusAddresses#operation(String)}: a message is a JSON object with the
 * operation's members (path and query members included, under their AWS names); the reply is the JSON the HTTP
 * response carries. Each message becomes the HTTP request an SDK would send, over loopback to the emulator's own
 * router, so validation, results and errors are the HTTP face's by construction.
 *
 * <p>Failures: {@code failureCode} is the HTTP status (400, 404, 429, ...); the message is a JSON object
 * {@code {"errorType":"ResourceNotFoundException","httpStatus":404,"message":"..."}} ({@link BusFailures} reads it).
 */
public final class OperationGateway extends VerticleBase {

  private final String host;
  private final int port;
  private final long timeoutMillis;
  private final String internalToken;
  private HttpClientAgent client;

  /**
   * @param host and port of the emulator's HTTP server
   * @param timeoutMillis how long a request may take before it fails with a 500
   * @param internalToken sent in {@link RouterServices#INTERNAL_TOKEN_HEADER}: bus callers are inside the process, not SigV4 signers
   */
  public OperationGateway(String host, int port, long timeoutMillis, String internalToken) {
    this.host = host;
    this.port = port;
    this.timeoutMillis = timeoutMillis;
    this.internalToken = internalToken;
  }

  @Override
  public Future<?> start() {
    client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(host).setDefaultPort(port));
    List<Future<Void>> registered = new ArrayList<>();
    for (BusOperation operation : BusOperation.ALL) {
      MessageConsumer<Object> consumer =
          vertx.eventBus().consumer(BusAddresses.operation(operation.name()), message -> handle(operation, message));
      registered.add(consumer.completion());
    }
    return Future.all(registered);
  }

  private void handle(BusOperation operation, Message<Object> message) {
    if (!(message.body() instanceof JsonObject members)) {
      fail(message, AwsErrorType.INVALID_PARAMETER, "The message must be a JSON object of the operation's members");
      return;
    }
    JsonObject body = members.copy();
    StringBuilder uri = new StringBuilder();
    String template = operation.template();
    int at = 0;
    for (String name : operation.pathMembers()) {
      Object value = body.remove(name);
      if (value == null || value.toString().isEmpty()) {
        fail(message, AwsErrorType.INVALID_PARAMETER, "Missing required member " + name);
        return;
      }
      int placeholder = template.indexOf("{" + name + "}", at);
      uri.append(template, at, placeholder).append(encode(value.toString()));
      at = placeholder + name.length() + 2;
    }
    uri.append(template.substring(at));
    char separator = '?';
    for (Map.Entry<String, String> query : operation.query().entrySet()) {
      Object value = body.remove(query.getKey());
      if (value != null) {
        uri.append(separator).append(query.getValue()).append('=').append(encode(value.toString()));
        separator = '&';
      }
    }
    var options = new RequestOptions().setMethod(operation.method()).setURI(uri.toString())
        .setTimeout(timeoutMillis);
    Buffer payload = operation.hasBody() ? body.toBuffer() : null;
    client.request(options)
        .compose(request -> {
          request.putHeader(RouterServices.INTERNAL_TOKEN_HEADER, internalToken);
          if (payload != null) {
            request.putHeader("Content-Type", "application/json");
            return request.send(payload);
          }
          return request.send();
        })
        .compose(response -> response.body().map(bytes -> reply(message, response, bytes)))
        .onFailure(failure -> fail(message, AwsErrorType.INTERNAL_SERVICE, "The emulator did not answer: " + failure));
  }

  private static Void reply(Message<Object> message, HttpClientResponse response, Buffer bytes) {
    if (response.statusCode() == 200) {
      message.reply(bytes.length() == 0 ? new JsonObject() : bytes.toJsonObject());
      return null;
    }
    String errorType = response.getHeader("x-amzn-ErrorType");
    String text = bytes.length() == 0 ? "" : bytes.toJsonObject().getString("message", "");
    message.fail(response.statusCode(), BusFailures.encode(
        errorType == null ? AwsErrorType.INTERNAL_SERVICE.wireName() : errorType, response.statusCode(), text));
    return null;
  }

  private static void fail(Message<Object> message, AwsErrorType type, String text) {
    message.fail(type.httpStatus(), BusFailures.encode(type.wireName(), type.httpStatus(), text));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Reads the failures of the bus operations; for consumers in Java. */
  public static final class BusFailures {
    private BusFailures() {}

    static String encode(String errorType, int httpStatus, String message) {
      return new JsonObject().put("errorType", errorType).put("httpStatus", httpStatus).put("message", message)
          .encode();
    }

    /** The AWS error type of a failed bus request, e.g. "ThrottlingException", or null if it is not one. */
    public static String errorType(Throwable failure) {
      JsonObject details = details(failure);
      return details == null ? null : details.getString("errorType");
    }

    /** The failure's {@code {errorType, httpStatus, message}}, or null if it is not a bus operation's failure. */
    public static JsonObject details(Throwable failure) {
      if (!(failure instanceof ReplyException reply) || reply.failureType() != ReplyFailure.RECIPIENT_FAILURE) {
        return null;
      }
      try {
        return new JsonObject(String.valueOf(reply.getMessage()));
      } catch (RuntimeException notJson) {
        return null;
      }
    }
  }
}
