package io.github.connectemulator.model;

/** The two versions a test case can have: a runnable PUBLISHED one and a SAVED draft. */
public enum TestCaseStatus {
  PUBLISHED,
  SAVED
}
