package io.github.connectemulator.model;

import java.util.Map;

/**
 * A test case as its owner keeps it: identity, tags (set once, at creation) and up to two versions. Mutable, and
 * touched only by the execution owner that holds its instance.
 */
public final class TestCase {

  private final String id;
  private final String arn;
  private final Map<String, String> tags;
  private TestCaseVersion published;
  private TestCaseVersion saved;

  public TestCase(String id, String arn, Map<String, String> tags, TestCaseVersion first) {
    this.id = id;
    this.arn = arn;
    this.tags = tags == null ? Map.of() : Map.copyOf(tags);
    if (first.status() == TestCaseStatus.PUBLISHED) {
      published = first;
    } else {
      saved = first;
    }
  }

  public String id() {
    return id;
  }

  public String arn() {
    return arn;
  }

  /** Immutable; empty when the test case has no tags. */
  public Map<String, String> tags() {
    return tags;
  }

  /** The runnable version, or null when the test case exists only as a draft. */
  public TestCaseVersion published() {
    return published;
  }

  /** The draft, or null. */
  public TestCaseVersion saved() {
    return saved;
  }

  /** The version Describe shows without a status: the published one if present, else the draft. */
  public TestCaseVersion current() {
    return published != null ? published : saved;
  }

  /** The version with the given status, or null; a null status means {@link #current()}. */
  public TestCaseVersion version(TestCaseStatus status) {
    if (status == null) {
      return current();
    }
    return status == TestCaseStatus.PUBLISHED ? published : saved;
  }

  /** True when either version carries this name (names are unique per instance across versions). */
  public boolean hasName(String name) {
    return (published != null && published.name().equals(name)) || (saved != null && saved.name().equals(name));
  }
}
