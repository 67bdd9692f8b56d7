package io.github.connectemulator.api;

import io.github.connectemulator.model.TagFilter;
import io.github.connectemulator.model.TestCaseCriteria;

/** SearchTestCases, validated; criteria and filter are null when absent (everything matches). */
public record SearchTestCases(String instanceId, TestCaseCriteria criteria, TagFilter filter, PageRequest page)
    implements OwnerCommand {

  @Override
  public String operation() {
    return "SearchTestCases";
  }
}
