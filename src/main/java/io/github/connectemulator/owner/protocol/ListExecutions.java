package io.github.connectemulator.owner.protocol;

import io.github.connectemulator.model.ExecutionStatus;
import io.github.connectemulator.operations.OperationNames;

/**
 * ListTestCaseExecutions, validated; every filter is null when absent, and they combine with AND.
 *
 * @param startedFrom epoch milliseconds, inclusive
 * @param startedBefore epoch milliseconds, exclusive
 */
public record ListExecutions(
    String instanceId,
    String testCaseId,
    String testCaseName,
    Long startedFrom,
    Long startedBefore,
    ExecutionStatus status,
    PageRequest page)
    implements OwnerCommand {

  @Override
  public String operation() {
    return OperationNames.LIST_EXECUTIONS;
  }
}
