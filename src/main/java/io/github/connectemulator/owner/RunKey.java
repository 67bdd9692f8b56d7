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
  /** The key's hash, as {@link #set} returned it. */
  int hash;
  /** The text {@link #of} last read, so that reading it again is free. */
  private String read;

  /** Takes this key to look for; returns its hash. */
  int set(String key) {
    read = null;
    if (parseCanonical(key)) {
      text = null;
      hash = uuidHash(high, low);
    } else {
      text = key;
      hash = key.hashCode();
    }
    return hash;
  }

  /**
   * Takes this key to look for, unless it is the very text taken last (a poll looks its id up among the live runs,
   * then among the finished ones); returns this key.
   */
  RunKey of(String key) {
    if (key != read) {
      set(key);
      read = key;
    }
    return this;
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
