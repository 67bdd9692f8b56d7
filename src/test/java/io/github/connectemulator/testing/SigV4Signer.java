package io.github.connectemulator.testing;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a request with AWS Signature Version 4 as the SDKs do for services other than S3 (the path as sent, encoded
 * again segment by segment; the query decoded, encoded strictly and sorted; {@code host} and {@code x-amz-date}
 * signed), for tests that call the emulator as a caller with credentials. Written from the specification, not from
 * the emulator's verifier, so that the two check each other.
 */
public final class SigV4Signer {

  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final HexFormat HEX = HexFormat.of();
  private static final String SERVICE = "connect";
  private static final String SIGNED_HEADERS = "host;x-amz-date";

  private final String accessKeyId;
  private final String secret;
  private final String region;

  public SigV4Signer(String accessKeyId, String secret, String region) {
    this.accessKeyId = accessKeyId;
    this.secret = secret;
    this.region = region;
  }

  /**
   * The headers that sign this request: {@code Authorization} and {@code X-Amz-Date}.
   *
   * @param host the Host header the request carries ({@code 127.0.0.1:port})
   * @param uri the path and query exactly as sent (percent-encoded once)
   */
  public MultiMap sign(HttpMethod method, String host, String uri, byte[] body) {
    String amzDate = AMZ_DATE.format(Instant.now());
    String day = amzDate.substring(0, 8);
    int question = uri.indexOf('?');
    String path = question < 0 ? uri : uri.substring(0, question);
    String query = question < 0 ? "" : uri.substring(question + 1);
    String canonicalRequest = String.join("\n",
        method.name(),
        canonicalPath(path),
        canonicalQuery(query),
        "host:" + host + "\n" + "x-amz-date:" + amzDate + "\n",
        SIGNED_HEADERS,
        sha256Hex(body == null ? new byte[0] : body));
    String scope = day + "/" + region + "/" + SERVICE + "/aws4_request";
    String stringToSign = String.join("\n", "AWS4-HMAC-SHA256", amzDate, scope,
        sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
    byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), day);
    key = hmac(key, region);
    key = hmac(key, SERVICE);
    key = hmac(key, "aws4_request");
    String signature = HEX.formatHex(hmac(key, stringToSign));
    return MultiMap.caseInsensitiveMultiMap()
        .set("X-Amz-Date", amzDate)
        .set("Authorization", "AWS4-HMAC-SHA256 Credential=" + accessKeyId + "/" + scope
            + ", SignedHeaders=" + SIGNED_HEADERS + ", Signature=" + signature);
  }

  private static String canonicalPath(String path) {
    List<String> segments = new ArrayList<>();
    for (String segment : path.split("/", -1)) {
      segments.add(uriEncode(segment));
    }
    return String.join("/", segments);
  }

  private static String canonicalQuery(String query) {
    List<String> pairs = new ArrayList<>();
    for (String pair : query.split("&")) {
      if (!pair.isEmpty()) {
        int equals = pair.indexOf('=');
        String name = equals < 0 ? pair : pair.substring(0, equals);
        String value = equals < 0 ? "" : pair.substring(equals + 1);
        pairs.add(uriEncode(URLDecoder.decode(name, StandardCharsets.UTF_8)) + "="
            + uriEncode(URLDecoder.decode(value, StandardCharsets.UTF_8)));
      }
    }
    pairs.sort(null);
    return String.join("&", pairs);
  }

  private static String uriEncode(String text) {
    StringBuilder encoded = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_' || c == '.' || c == '~') {
        encoded.append((char) c);
      } else {
        encoded.append(String.format("%%%02X", c));
      }
    }
    return encoded.toString();
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
