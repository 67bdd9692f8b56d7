package io.github.connectemulator.operations;

/**
 * The AWS error types the emulator answers with, each with the HTTP status AWS uses for it (spec §7.3 and §7.5).
 * The wire name goes into {@code x-amzn-ErrorType}.
 */
public enum AwsErrorType {
  ACCESS_DENIED("AccessDeniedException", 403),
  DUPLICATE_RESOURCE("DuplicateResourceException", 409),
  IDEMPOTENCY("IdempotencyException", 409),
  INTERNAL_SERVICE("InternalServiceException", 500),
  INVALID_PARAMETER("InvalidParameterException", 400),
  INVALID_REQUEST("InvalidRequestException", 400),
  INVALID_TEST_CASE("InvalidTestCaseException", 400),
  LIMIT_EXCEEDED("LimitExceededException", 429),
  RESOURCE_NOT_FOUND("ResourceNotFoundException", 404),
  SERVICE_QUOTA_EXCEEDED("ServiceQuotaExceededException", 402),
  THROTTLING("ThrottlingException", 429),
  /** Not in the Connect model: the general AWS answer to an unknown path or method. */
  UNKNOWN_OPERATION("UnknownOperationException", 404),
  /** Not in the Connect model: a body over the configured limit. */
  REQUEST_ENTITY_TOO_LARGE("RequestEntityTooLargeException", 413),
  /** Not in the Connect model: a request line over {@code http.maxInitialLineLength}. */
  REQUEST_URI_TOO_LONG("RequestURITooLongException", 414),
  /** Not in the Connect model: headers over {@code http.maxHeaderBytes}. */
  REQUEST_HEADER_FIELDS_TOO_LARGE("RequestHeaderFieldsTooLargeException", 431),
  /** SigV4 (auth.sigv4): a request without an Authorization header. */
  MISSING_AUTHENTICATION_TOKEN("MissingAuthenticationTokenException", 403),
  /** SigV4: an Authorization header that is not a whole SigV4 one. */
  INCOMPLETE_SIGNATURE("IncompleteSignatureException", 400),
  /** SigV4: an access key that is not configured. */
  UNRECOGNIZED_CLIENT("UnrecognizedClientException", 403),
  /** SigV4: a signature that does not match, or a date too far from now. */
  INVALID_SIGNATURE("InvalidSignatureException", 403);

  private static final AwsErrorType[] BY_CODE = values();

  private final String wireName;
  private final int httpStatus;

  AwsErrorType(String wireName, int httpStatus) {
    this.wireName = wireName;
    this.httpStatus = httpStatus;
  }

  /** The shape name sent in {@code x-amzn-ErrorType}. */
  public String wireName() {
    return wireName;
  }

  public int httpStatus() {
    return httpStatus;
  }

  /** The failure code this type travels as on the event bus ({@code message.fail(code, text)}). */
  public int failureCode() {
    return ordinal();
  }

  /** The type for a failure code, or null when the code is not one of ours. */
  public static AwsErrorType fromFailureCode(int code) {
    return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
  }
}
