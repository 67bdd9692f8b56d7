package io.github.connectemulator.model;

import java.util.List;
import java.util.Map;

/**
 * SearchTestCases' tag filter (spec §4.7): an OR of AND-lists, an AND-list, or one condition. Each form present
 * must hold; a condition holds when the test case has the tag with exactly that value.
 *
 * @param or null when absent
 * @param and null when absent
 * @param single null when absent
 */
public record TagFilter(List<List<Tag>> or, List<Tag> and, Tag single) {

  public record Tag(String key, String value) {
    boolean heldBy(Map<String, String> tags) {
      return value.equals(tags.get(key));
    }
  }

  public TagFilter {
    or = or == null ? null : or.stream().map(List::copyOf).toList();
    and = and == null ? null : List.copyOf(and);
  }

  public boolean matches(Map<String, String> tags) {
    if (single != null && !single.heldBy(tags)) {
      return false;
    }
    if (and != null && !allHeld(and, tags)) {
      return false;
    }
    if (or != null) {
      return or.stream().anyMatch(group -> allHeld(group, tags));
    }
    return true;
  }

  private static boolean allHeld(List<Tag> conditions, Map<String, String> tags) {
    for (Tag tag : conditions) {
      if (!tag.heldBy(tags)) {
        return false;
      }
    }
    return true;
  }
}
