package io.github.connectemulator.model;

import java.util.Map;

/**
 * A test case as its owner keeps it: identity, tags (set once, at creation) and up to two versions. Mutable, and
 * touched only by the execution owner that holds its instance.
 */
public final class TestCase {

  private final String id;
  private final long sequence;
  private final String arn;
  private final Map<String, String> tags;
  private TestCaseVersion published;
  private TestCaseVersion saved;
  private long runsStarted;

  /**
   * @param sequence creation order within the instance: the listing order, and the cursor of list pages
   * @param tags immutable, or null for none
   */
  public TestCase(String id, long sequence, String arn, Map<String, String> tags, TestCaseVersion first) {
    this.id = id;
    this.sequence = sequence;
    this.arn = arn;
    this.tags = tags == null ? Map.of() : tags;
    apply(first, false);
  }

  /**
   * Stores a version in the slot of its status. Publishing may clear the draft, as publishing an edited draft does
   * (spec §8.2); a SAVED version never touches the published one, which stays runnable.
   */
  public void apply(TestCaseVersion version, boolean clearDraft) {
    if (version.status() == TestCaseStatus.PUBLISHED) {
      published = version;
      if (clearDraft) {
        saved = null;
      }
    } else {
      saved = version;
    }
  }

  /** Numbers its runs 0, 1, 2, ...: what makes a seeded outcome draw reproducible. */
  public long nextRunNumber() {
    return runsStarted++;
  }

  public long sequence() {
    return sequence;
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

  /** The version Describe does not show by default, or null. */
  public TestCaseVersion other() {
    return published != null ? saved : null;
  }

  /** The names its versions carry (names are unique per instance across versions). */
  public java.util.Set<String> names() {
    var names = new java.util.HashSet<String>(2);
    if (published != null) {
      names.add(published.name());
    }
    if (saved != null) {
      names.add(saved.name());
    }
    return names;
  }
}
