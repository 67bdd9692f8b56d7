package io.github.connectemulator.bus;

import io.github.connectemulator.operations.AwsError;
import io.github.connectemulator.operations.AwsErrorType;
import io.github.connectemulator.operations.AwsFailure;
import io.github.connectemulator.operations.OperationCatalog;
import io.github.connectemulator.operations.OwnerClient;
import io.github.connectemulator.operations.OperationSpec;
import io.github.connectemulator.service.OperationMetrics;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The event-bus face of the operations, at {@link BusAddresses#operation(String)}: a message is a JSON object of the
 * operation's members under their AWS names (path, query and header members included); it is validated by the rules
 * the HTTP face uses and sent to the instance's owner directly. The reply is the JSON the HTTP response carries; a
 * failure is described in {@link BusFailures}.
 *
 * <p>An {@code InstanceId} of the form {@code ACCOUNT_ID/instance-id} (as the admin API shows account-scoped
 * instances) names an instance of that account, as SigV4 credentials configured with that account would over HTTP.
 */
public final class BusOperationsVerticle extends VerticleBase {

  private static final Pattern ACCOUNT_SCOPED = Pattern.compile("^(\\d{12})/(.+)$");
  private static final String INSTANCE_ID = "InstanceId";

  private final OperationCatalog catalog;
  private final OwnerClient owners;
  private final OperationMetrics metrics;

  /**
   * @param owners where the operations' commands go (this verticle opens its reply inbox there)
   * @param metrics where bus calls are timed, or null when metrics are off
   */
  public BusOperationsVerticle(OperationCatalog catalog, OwnerClient owners, OperationMetrics metrics) {
    this.catalog = catalog;
    this.owners = owners;
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    owners.openReplyInbox(vertx);
    List<Future<Void>> registered = new ArrayList<>();
    for (OperationSpec operation : catalog.operations()) {
      var validation = new BusValidation(operation);
      registered.add(vertx.eventBus()
          .consumer(BusAddresses.operation(operation.name()), message -> handle(operation, validation, message))
          .completion());
    }
    return Future.all(registered);
  }

  private void handle(OperationSpec operation, BusValidation validation, Message<Object> message) {
    long start = System.nanoTime();
    call(operation, validation, message.body()).onComplete(reply -> {
      if (reply.succeeded()) {
        Buffer body = reply.result();
        message.reply(body == null || body.length() == 0 ? new JsonObject() : body.toJsonObject());
        record(operation, OperationMetrics.SUCCESS, start);
      } else {
        AwsError error = AwsError.of(reply.cause());
        message.fail(error.type().httpStatus(), BusFailures.encode(error));
        record(operation, error.type().wireName(), start);
      }
    });
  }

  private static Future<Buffer> call(OperationSpec operation, BusValidation validation, Object body) {
    if (!(body instanceof JsonObject message)) {
      return Future.failedFuture(new AwsFailure(AwsErrorType.INVALID_PARAMETER,
          "The message must be a JSON object of the operation's members"));
    }
    String account = null;
    if (message.getValue(INSTANCE_ID) instanceof String instance) {
      Matcher scoped = ACCOUNT_SCOPED.matcher(instance);
      if (scoped.matches()) {
        account = scoped.group(1);
        message = message.copy().put(INSTANCE_ID, scoped.group(2));
      }
    }
    try {
      validation.check(message);
    } catch (AwsFailure invalid) {
      return Future.failedFuture(invalid);
    }
    return operation.invoke(new BusMembers(message), account);
  }

  private void record(OperationSpec operation, String outcome, long start) {
    if (metrics != null) {
      metrics.record(operation.name(), OperationMetrics.BUS, outcome, System.nanoTime() - start);
    }
  }
}
