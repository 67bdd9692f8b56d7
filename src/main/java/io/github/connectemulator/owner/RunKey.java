package io.github.connectemulator.owner;

import io.github.connectemulator.model.CanonicalUuid;

/**
 * An execution id or a ClientToken as the run stores index it: a canonical UUID as its two halves, any other text as
 * text; and the hashes they file runs under, the same from either form. One is kept per store as its probe (no
 * object per lookup).
 */
final class RunKey {

  /** The key when it is not a canonical UUID, else null. */
  String text;
  long high;
  long low;

  /** Takes this key to look for; returns its hash. */
  int set(String key) {
    if (parseCanonical(key)) {
      text = null;
      return uuidHash(high, low);
    }
    text = key;
    return key.hashCode();
  }

  /**
   * Whether {@code key} is a canonical UUID, reading it into {@link #high} and {@link #low} on the way: one pass over
   * the text, where checking it and then reading each half took three (a poll looks an id up in two stores).
   */
  private boolean parseCanonical(String key) {
    if (key.length() != CanonicalUuid.LENGTH) {
      return false;
    }
    long value = 0;
    for (int i = 0; i < CanonicalUuid.LENGTH; i++) {
      char c = key.charAt(i);
      if (CanonicalUuid.isDash(i)) {
        if (c != '-') {
          return false;
        }
        if (i == 18) {
          high = value;
          value = 0;
        }
        continue;
      }
      int digit = CanonicalUuid.digit(c);
      if (digit < 0) {
        return false;
      }
      value = value << 4 | digit;
    }
    low = value;
    return true;
  }

  static int uuidHash(long high, long low) {
    return Long.hashCode(high) * 31 + Long.hashCode(low);
  }

  /** A ClientToken's hash within its instance and test case: tokens are scoped to the test case. */
  static int scopedHash(String instanceId, String testCaseId, int tokenHash) {
    return (instanceId.hashCode() * 31 + testCaseId.hashCode()) * 31 + tokenHash;
  }
}
