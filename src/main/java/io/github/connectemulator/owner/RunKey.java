package io.github.connectemulator.owner;

import io.github.connectemulator.model.CanonicalUuid;
import io.github.connectemulator.model.Execution;
import io.github.connectemulator.model.Ids;

/**
 * An execution id or a ClientToken as the run stores index it: a canonical UUID as its two halves, any other text as
 * text; and the hashes they file runs under, the same from either form. One is kept per store as its probe (no
 * object per lookup).
 */
final class RunKey extends CanonicalUuid.Key {

  /** The key's hash, as {@link #set} returned it. */
  int hash;
  /**
   * Where {@link FinishedRuns} looks for an execution id first: the number a random id carries ({@link Ids#keyOf}),
   * the text's hash for any other id.
   */
  int locator;
  /** The text {@link #of} last read, so that reading it again is free. */
  private String lastRead;

  /** Takes this key to look for; returns its hash. */
  int set(String key) {
    lastRead = null;
    if (take(key)) {
      hash = uuidHash(high, low);
      locator = Ids.keyOf(low);
    } else {
      hash = key.hashCode();
      locator = hash;
    }
    return hash;
  }

  /**
   * Takes this key to look for, unless it is the very text taken last (a poll looks its id up among the live runs,
   * then among the finished ones); returns this key.
   */
  RunKey of(String key) {
    if (key != lastRead) {
      set(key);
      lastRead = key;
    }
    return this;
  }

  static int uuidHash(long high, long low) {
    return Long.hashCode(high) * 31 + Long.hashCode(low);
  }

  /** A ClientToken's hash within its instance and test case: tokens are scoped to the test case. */
  static int scopedHash(String instanceId, String testCaseId, int tokenHash) {
    return (instanceId.hashCode() * 31 + testCaseId.hashCode()) * 31 + tokenHash;
  }

  /** The scoped hash of a run's ClientToken, the same as a lookup of that token computes; the run must have one. */
  static int scopedTokenHash(Execution run) {
    int tokenHash = run.hasCanonicalToken() ? uuidHash(run.tokenHigh(), run.tokenLow()) : run.clientToken().hashCode();
    return scopedHash(run.instanceId(), run.testCaseId(), tokenHash);
  }
}
