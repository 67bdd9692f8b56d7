package io.github.connectemulator.owner.protocol;

import io.github.connectemulator.model.TagFilter;
import io.github.connectemulator.model.TestCaseCriteria;
import io.github.connectemulator.operations.OperationNames;

/** SearchTestCases, validated; criteria and filter are null when absent (everything matches). */
public record SearchTestCases(String instanceId, TestCaseCriteria criteria, TagFilter filter, PageRequest page)
    implements OwnerCommand {

  @Override
  public String operation() {
    return OperationNames.SEARCH_TEST_CASES;
  }
}
