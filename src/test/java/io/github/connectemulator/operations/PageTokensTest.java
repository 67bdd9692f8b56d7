package io.github.connectemulator.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class PageTokensTest {

  final Instant now = Instant.parse("2026-01-01T00:00:00Z");
  final PageTokens tokens = new PageTokens(Clock.fixed(now, ZoneOffset.UTC));

  static void assertInvalid(Runnable action) {
    assertThatThrownBy(action::run).isInstanceOfSatisfying(AwsFailure.class,
        failure -> assertThat(failure.type()).isEqualTo(AwsErrorType.INVALID_PARAMETER));
  }

  @Test
  void aTokenCarriesItsCursorBackForTheSameQueryAndIsUrlSafe() {
    String token = tokens.issue("ListTestCases|i-1", "42");
    assertThat(token).matches("[A-Za-z0-9_.-]+");
    assertThat(tokens.cursor("ListTestCases|i-1", token)).isEqualTo("42");
    assertThat(tokens.issue("ListTestCases|i-1", null)).as("no next page, no token").isNull();
  }

  @Test
  void aTokenForAnotherQueryIsRejected() {
    String token = tokens.issue("ListTestCases|i-1", "42");
    assertInvalid(() -> tokens.cursor("ListTestCases|i-2", token));
  }

  @Test
  void forgedOrGarbageTokensAreRejected() {
    String token = tokens.issue("ListTestCases|i-1", "42");
    char flipped = token.charAt(5) == 'A' ? 'B' : 'A';
    assertInvalid(() -> tokens.cursor("ListTestCases|i-1", token.substring(0, 5) + flipped + token.substring(6)));
    assertInvalid(() -> tokens.cursor("ListTestCases|i-1", "abc"));
    assertInvalid(() -> tokens.cursor("ListTestCases|i-1", "."));
    assertInvalid(() -> tokens.cursor("ListTestCases|i-1", "%%%.%%%"));
    var otherProcess = new PageTokens(Clock.fixed(now, ZoneOffset.UTC));
    assertInvalid(() -> otherProcess.cursor("ListTestCases|i-1", token));
  }

  @Test
  void aTokenOlderThanADayIsRejected() {
    var clock = new MovableClock(now);
    var aging = new PageTokens(clock);
    String token = aging.issue("ListTestCases|i-1", "42");
    clock.now = now.plus(Duration.ofHours(23));
    assertThat(aging.cursor("ListTestCases|i-1", token)).isEqualTo("42");
    clock.now = now.plus(Duration.ofHours(25));
    assertInvalid(() -> aging.cursor("ListTestCases|i-1", token));
  }

  /** A clock a test moves by hand. */
  static final class MovableClock extends Clock {
    Instant now;

    MovableClock(Instant start) {
      now = start;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
