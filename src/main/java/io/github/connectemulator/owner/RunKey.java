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
    if (CanonicalUuid.isCanonical(key)) {
      text = null;
      high = CanonicalUuid.high(key);
      low = CanonicalUuid.low(key);
      return uuidHash(high, low);
    }
    text = key;
    return key.hashCode();
  }

  static int uuidHash(long high, long low) {
    return Long.hashCode(high) * 31 + Long.hashCode(low);
  }

  /** A ClientToken's hash within its instance and test case: tokens are scoped to the test case. */
  static int scopedHash(String instanceId, String testCaseId, int tokenHash) {
    return (instanceId.hashCode() * 31 + testCaseId.hashCode()) * 31 + tokenHash;
  }
}
