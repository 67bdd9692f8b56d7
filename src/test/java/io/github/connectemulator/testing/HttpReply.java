package io.github.connectemulator.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.regex.Pattern;

/**
 * One HTTP response from the emulator, read in full, with the checks every response must pass: a request id on
 * success and error alike, and on errors the AWS restJson1 error shape (status, {@code x-amzn-ErrorType}, JSON
 * {@code message}).
 */
public record HttpReply(String request, HttpVersion version, int status, MultiMap headers, Buffer body) {

  private static final Pattern UUID =
      Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");

  public String header(String name) {
    return headers.get(name);
  }

  public String errorType() {
    return headers.get("x-amzn-ErrorType");
  }

  public JsonObject json() {
    assertThat(body.length()).as("%s: response body", request).isPositive();
    return body.toJsonObject();
  }

  /** A 200 with a JSON body; returns the body. */
  public JsonObject assertOk() {
    assertRequestId();
    assertThat(status).as("%s: status (body %s)", request, body).isEqualTo(200);
    assertThat(errorType()).as("%s: x-amzn-ErrorType on a success", request).isNull();
    assertThat(header("Content-Type")).as("%s: Content-Type", request).startsWith("application/json");
    return json();
  }

  /**
   * An AWS error of the given type and status with a non-blank {@code message}; returns the body. Every error
   * other than InvalidTestCaseException also carries the modelled {@code Message} with the same text.
   */
  public JsonObject assertError(int expectedStatus, String expectedType) {
    assertRequestId();
    assertThat(status).as("%s: status (body %s)", request, body).isEqualTo(expectedStatus);
    assertThat(errorType()).as("%s: x-amzn-ErrorType (body %s)", request, body).isEqualTo(expectedType);
    assertThat(header("Content-Type")).as("%s: Content-Type of the error", request).startsWith("application/json");
    JsonObject json = json();
    assertThat(json.getValue("message")).as("%s: JSON message of %s", request, body).isInstanceOf(String.class);
    assertThat(json.getString("message")).as("%s: JSON message", request).isNotBlank();
    if (!expectedType.equals("InvalidTestCaseException")) {
      assertThat(json.getString("Message")).as("%s: JSON Message", request).isEqualTo(json.getString("message"));
    }
    return json;
  }

  /** InvalidParameterException 400; returns its message. */
  public String assertInvalidParameter() {
    return assertError(400, "InvalidParameterException").getString("message");
  }

  /** Any AWS-shaped client error (never a 5xx), whatever its type. */
  public void assertClientError() {
    assertRequestId();
    assertThat(status).as("%s: status (body %s)", request, body).isBetween(400, 499);
    assertThat(errorType()).as("%s: x-amzn-ErrorType", request).isNotBlank();
    assertThat(json().getString("message")).as("%s: JSON message", request).isNotBlank();
  }

  public void assertRequestId() {
    assertThat(header("x-amzn-RequestId")).as("%s: x-amzn-RequestId", request).isNotNull().matches(UUID);
  }

  public static JsonArray problems(JsonObject error) {
    return error.getJsonArray("Problems");
  }
}
