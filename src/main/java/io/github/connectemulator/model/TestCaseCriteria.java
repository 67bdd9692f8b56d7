package io.github.connectemulator.model;

import java.util.List;

/**
 * SearchTestCases' criteria tree (spec §4.6, §8.7). A node matches when every member it holds matches: all of
 * {@code and}, at least one of {@code or}, the string condition and the status. A node with no members matches.
 *
 * @param or null when absent
 * @param and null when absent
 * @param string null when absent
 * @param status null when absent
 */
public record TestCaseCriteria(
    List<TestCaseCriteria> or, List<TestCaseCriteria> and, StringCondition string, TestCaseStatus status) {

  /** The fields a string condition can name; the wire names match case-insensitively. */
  public enum Field {
    NAME,
    DESCRIPTION,
    RESOURCE_ID
  }

  public enum Comparison {
    STARTS_WITH,
    CONTAINS,
    EXACT
  }

  /** A case-sensitive comparison of one field of a version with a value. */
  public record StringCondition(Field field, String value, Comparison comparison) {

    boolean matches(String testCaseId, TestCaseVersion version) {
      String actual =
          switch (field) {
            case NAME -> version.name();
            case DESCRIPTION -> version.description();
            case RESOURCE_ID -> testCaseId;
          };
      if (actual == null) {
        return false;
      }
      return switch (comparison) {
        case STARTS_WITH -> actual.startsWith(value);
        case CONTAINS -> actual.contains(value);
        case EXACT -> actual.equals(value);
      };
    }
  }

  public TestCaseCriteria {
    or = or == null ? null : List.copyOf(or);
    and = and == null ? null : List.copyOf(and);
  }

  /** Whether this version of the test case {@code testCaseId} matches. */
  public boolean matches(String testCaseId, TestCaseVersion version) {
    if (string != null && !string.matches(testCaseId, version)) {
      return false;
    }
    if (status != null && version.status() != status) {
      return false;
    }
    if (and != null) {
      for (TestCaseCriteria child : and) {
        if (!child.matches(testCaseId, version)) {
          return false;
        }
      }
    }
    if (or != null) {
      for (TestCaseCriteria child : or) {
        if (child.matches(testCaseId, version)) {
          return true;
        }
      }
      return false;
    }
    return true;
  }
}
