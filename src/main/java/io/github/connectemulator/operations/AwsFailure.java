package io.github.connectemulator.operations;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.util.List;

/**
 * An AWS error decided by an execution owner, sent back as the reply to a request. It is a
 * {@link ReplyException} whose failure code is {@link AwsErrorType#failureCode()}, so a requester that only knows
 * Vert.x sees an ordinary failed reply, while the HTTP side also gets the problem list of InvalidTestCaseException.
 */
public final class AwsFailure extends ReplyException {

  private final AwsErrorType type;
  private final List<String> problems;

  public AwsFailure(AwsErrorType type, String message) {
    this(type, message, List.of());
  }

  public AwsFailure(AwsErrorType type, String message, List<String> problems) {
    super(ReplyFailure.RECIPIENT_FAILURE, type.failureCode(), message);
    this.type = type;
    this.problems = List.copyOf(problems);
  }

  public AwsErrorType type() {
    return type;
  }

  /** The {@code Problems} of an InvalidTestCaseException; empty for other types. */
  public List<String> problems() {
    return problems;
  }

  public static AwsFailure notFound(String message) {
    return new AwsFailure(AwsErrorType.RESOURCE_NOT_FOUND, message);
  }

  public static AwsFailure invalidParameter(String message) {
    return new AwsFailure(AwsErrorType.INVALID_PARAMETER, message);
  }
}
