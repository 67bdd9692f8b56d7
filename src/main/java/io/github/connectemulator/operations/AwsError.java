package io.github.connectemulator.operations;

import io.vertx.core.eventbus.ReplyException;
import java.util.List;

/**
 * An AWS error as every face answers it: the type (which gives the HTTP status), the message and, for
 * InvalidTestCaseException, its problems. {@link #of(Throwable)} is the one mapping from failures to AWS errors.
 *
 * @param unexpected the emulator's own fault, not the caller's: the one case worth a stack trace in the log
 */
public record AwsError(AwsErrorType type, String message, List<String> problems, boolean unexpected) {

  public AwsError(AwsErrorType type, String message) {
    this(type, message, List.of(), false);
  }

  /** The AWS error a failure stands for: an owner's verdict, a failed bus request, or an emulator fault. */
  public static AwsError of(Throwable failure) {
    if (failure instanceof AwsFailure aws) {
      return new AwsError(aws.type(), aws.getMessage(), aws.problems(), false);
    }
    if (failure instanceof ReplyException reply) {
      return switch (reply.failureType()) {
        case TIMEOUT -> new AwsError(AwsErrorType.INTERNAL_SERVICE, "The request timed out inside the emulator");
        case NO_HANDLERS -> new AwsError(AwsErrorType.INTERNAL_SERVICE, "The emulator is not ready to serve this");
        default -> {
          AwsErrorType type = AwsErrorType.fromFailureCode(reply.failureCode());
          yield new AwsError(type != null ? type : AwsErrorType.INTERNAL_SERVICE, String.valueOf(reply.getMessage()));
        }
      };
    }
    return new AwsError(AwsErrorType.INTERNAL_SERVICE, "Internal service error", List.of(), true);
  }
}
