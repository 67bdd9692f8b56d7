package io.github.connectemulator.operations;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque, URL-safe NextTokens (spec §8.6). A token carries the owner's cursor and is bound to the query that made
 * it (operation, instance and filters, but not MaxResults: the page size may change between pages, spec §11.7).
 * It is signed with a key drawn at start, so a forged or altered token, one from another query, one older than
 * {@link #MAX_AGE_SECONDS}, or one from before a restart is InvalidParameterException.
 *
 * <p>Form: base64url(payload) "." base64url(first 16 bytes of HMAC-SHA256(payload)), where payload is
 * {@code 1|issuedAtSeconds|bindingHash|cursor}.
 */
public final class PageTokens {

  static final long MAX_AGE_SECONDS = 24 * 3600;
  private static final String VERSION = "1";
  private static final int SIGNATURE_BYTES = 16;
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final SecretKeySpec key;
  private final Clock clock;

  public PageTokens(Clock clock) {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    this.key = new SecretKeySpec(secret, "HmacSHA256");
    this.clock = clock;
  }

  /** The token for the page after {@code cursor}, or null when there is no next page. */
  public String issue(String binding, String cursor) {
    if (cursor == null) {
      return null;
    }
    String payload = VERSION + "|" + clock.instant().getEpochSecond() + "|" + hash(binding) + "|" + cursor;
    byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
    return ENCODER.encodeToString(bytes) + "." + ENCODER.encodeToString(sign(bytes));
  }

  /** The cursor in {@code token}, or null for no token; throws InvalidParameterException for a token not ours. */
  public String cursor(String binding, String token) {
    if (token == null) {
      return null;
    }
    int dot = token.indexOf('.');
    byte[] payload;
    byte[] signature;
    try {
      payload = DECODER.decode(token.substring(0, Math.max(dot, 0)));
      signature = DECODER.decode(token.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    if (dot <= 0 || !MessageDigest.isEqual(sign(payload), signature)) {
      throw invalid();
    }
    String[] parts = new String(payload, StandardCharsets.UTF_8).split("\\|", 4);
    if (parts.length != 4 || !parts[0].equals(VERSION) || !parts[2].equals(hash(binding))) {
      throw AwsFailure.invalidParameter("The NextToken was issued for a different request");
    }
    long age = clock.instant().getEpochSecond() - Long.parseLong(parts[1]);
    if (age > MAX_AGE_SECONDS) {
      throw AwsFailure.invalidParameter("The NextToken has expired");
    }
    return parts[3];
  }

  private byte[] sign(byte[] payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      byte[] full = mac.doFinal(payload);
      byte[] truncated = new byte[SIGNATURE_BYTES];
      System.arraycopy(full, 0, truncated, 0, SIGNATURE_BYTES);
      return truncated;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JVM has HmacSHA256", e);
    }
  }

  private static String hash(String binding) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(binding.getBytes(StandardCharsets.UTF_8));
      return ENCODER.encodeToString(java.util.Arrays.copyOf(digest, 12));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static AwsFailure invalid() {
    return AwsFailure.invalidParameter("The NextToken is malformed or was not issued by this emulator");
  }
}
