package io.github.connectemulator.http;

import io.github.connectemulator.operations.AwsErrorType;
import io.github.connectemulator.config.AuthSettings;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks AWS Signature Version 4 on the AWS routes when {@code auth.sigv4=true}: the signature is computed again
 * from the request as received and the configured secret of its access key, following the SigV4 specification for
 * services other than S3 (each path segment encoded twice), and compared in constant time.
 *
 * <p>Answers, as AWS does: no Authorization header, 403 {@code MissingAuthenticationTokenException}; a header that is
 * not SigV4, 400 {@code IncompleteSignatureException}; an access key nobody configured, 403
 * {@code UnrecognizedClientException}; a wrong signature, or an X-Amz-Date further than {@code auth.maxSkewMinutes}
 * from now, 403 {@code InvalidSignatureException}. (AWS SDKs sign; a library to verify a signature does not exist in
 * them, so the check is here, in one place.)
 */
final class SigV4Verifier {

  private static final String ALGORITHM = "AWS4-HMAC-SHA256";
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final HexFormat HEX = HexFormat.of();

  /** Routing-context key of the caller's account, when its access key is configured with one. */
  static final String ACCOUNT = "emulator.account";

  private final Map<String, String> secrets;
  private final Map<String, String> accounts;
  private final long maxSkewMillis;
  private final Clock clock;

  SigV4Verifier(AuthSettings settings, Clock clock) {
    this.secrets = settings.secretsByAccessKey();
    this.accounts = settings.accountsByAccessKey();
    this.maxSkewMillis = settings.maxSkewMinutes() * 60_000L;
    this.clock = clock;
  }

  void verify(RoutingContext ctx) {
    if (holds(ctx)) {
      ctx.next();
    }
  }

  /** True when the signature holds; otherwise the AWS error has been answered. */
  private boolean holds(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    Buffer body = ctx.body().buffer();
    String authorization = request.getHeader("Authorization");
    if (authorization == null || authorization.isBlank()) {
      return fail(ctx, AwsErrorType.MISSING_AUTHENTICATION_TOKEN, "Missing Authentication Token");
    }
    Map<String, String> parts = authorizationParts(authorization);
    String amzDate = request.getHeader("X-Amz-Date");
    String[] scope = parts.getOrDefault("Credential", "").split("/");
    if (!authorization.startsWith(ALGORITHM + " ") || scope.length != 5 || !parts.containsKey("SignedHeaders")
        || !parts.containsKey("Signature") || amzDate == null) {
      return fail(ctx, AwsErrorType.INCOMPLETE_SIGNATURE, "Authorization header requires 'Credential', "
          + "'Signature', 'SignedHeaders' and an X-Amz-Date header, signed with " + ALGORITHM);
    }
    String secret = secrets.get(scope[0]);
    if (secret == null) {
      return fail(ctx, AwsErrorType.UNRECOGNIZED_CLIENT, "The security token included in the request is invalid.");
    }
    Instant signedAt;
    try {
      signedAt = Instant.from(AMZ_DATE.parse(amzDate));
    } catch (DateTimeParseException e) {
      return fail(ctx, AwsErrorType.INCOMPLETE_SIGNATURE, "X-Amz-Date must be yyyyMMdd'T'HHmmss'Z'");
    }
    Instant now = clock.instant();
    if (Math.abs(now.toEpochMilli() - signedAt.toEpochMilli()) > maxSkewMillis) {
      return fail(ctx, AwsErrorType.INVALID_SIGNATURE, "Signature expired: " + amzDate + " is now earlier than "
          + AMZ_DATE.format(now.minusMillis(maxSkewMillis)) + " (" + AMZ_DATE.format(now) + " - "
          + maxSkewMillis / 60_000 + " min.)");
    }
    String expected = signature(request, body, parts.get("SignedHeaders"), amzDate, scope, secret);
    if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
        parts.get("Signature").getBytes(StandardCharsets.US_ASCII))) {
      return fail(ctx, AwsErrorType.INVALID_SIGNATURE, "The request signature we calculated does not match the "
          + "signature you provided. Check your AWS Secret Access Key and signing method. Consult the service "
          + "documentation for details.");
    }
    String account = accounts.get(scope[0]);
    if (account != null) {
      ctx.put(ACCOUNT, account);
    }
    return true;
  }

  private static boolean fail(RoutingContext ctx, AwsErrorType type, String message) {
    AwsErrors.send(ctx, type, message);
    return false;
  }

  static String signature(HttpServerRequest request, Buffer body, String signedHeaders, String amzDate,
      String[] scope, String secret) {
    String canonicalRequest = String.join("\n",
        request.method().name(),
        canonicalPath(request.path()),
        canonicalQuery(request.query()),
        canonicalHeaders(request.headers(), signedHeaders),
        signedHeaders,
        payloadHash(request, body));
    String credentialScope = String.join("/", scope[1], scope[2], scope[3], scope[4]);
    String stringToSign = String.join("\n", ALGORITHM, amzDate, credentialScope, sha256Hex(canonicalRequest));
    byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), scope[1]);
    key = hmac(key, scope[2]);
    key = hmac(key, scope[3]);
    key = hmac(key, scope[4]);
    return HEX.formatHex(hmac(key, stringToSign));
  }

  /** The path as sent (already percent-encoded once by the SDK), encoded again segment by segment. */
  static String canonicalPath(String rawPath) {
    if (rawPath == null || rawPath.isEmpty()) {
      return "/";
    }
    List<String> segments = new ArrayList<>();
    for (String segment : rawPath.split("/", -1)) {
      segments.add(encode(segment));
    }
    return String.join("/", segments);
  }

  /** Names and values decoded, encoded strictly, sorted by name then value. */
  static String canonicalQuery(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return "";
    }
    List<String> pairs = new ArrayList<>();
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      pairs.add(encode(decode(name)) + "=" + encode(decode(value)));
    }
    pairs.sort(null);
    return String.join("&", pairs);
  }

  private static String canonicalHeaders(MultiMap headers, String signedHeaders) {
    StringBuilder canonical = new StringBuilder();
    for (String name : signedHeaders.split(";")) {
      List<String> values = new ArrayList<>();
      for (String value : headers.getAll(name)) {
        values.add(value.trim().replaceAll(" +", " "));
      }
      canonical.append(name.toLowerCase(Locale.ROOT)).append(':').append(String.join(",", values)).append('\n');
    }
    return canonical.toString();
  }

  private static String payloadHash(HttpServerRequest request, Buffer body) {
    String declared = request.getHeader("x-amz-content-sha256");
    if (declared != null) {
      return declared;
    }
    return sha256Hex(body == null ? new byte[0] : body.getBytes());
  }

  /** RFC 3986: unreserved characters stay, every other byte of the UTF-8 form becomes %XX. */
  static String encode(String text) {
    StringBuilder encoded = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xFF);
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_' || c == '.' || c == '~') {
        encoded.append(c);
      } else {
        encoded.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
            .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
      }
    }
    return encoded.toString();
  }

  private static String decode(String text) {
    try {
      return java.net.URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return text;
    }
  }

  private static Map<String, String> authorizationParts(String authorization) {
    var parts = new java.util.HashMap<String, String>();
    int space = authorization.indexOf(' ');
    for (String part : authorization.substring(space + 1).split(",")) {
      int equals = part.indexOf('=');
      if (equals > 0) {
        parts.put(part.substring(0, equals).trim(), part.substring(equals + 1).trim());
      }
    }
    return parts;
  }

  private static String sha256Hex(String text) {
    return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String sha256Hex(byte[] bytes) {
    try {
      return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
