package io.github.connectemulator.owner.protocol;

import io.github.connectemulator.model.ExecutionStatus;
import java.util.Map;

/**
 * One item of ListTestCaseExecutions, a snapshot.
 *
 * @param endTime epoch milliseconds, or -1 while the run is not terminal
 */
public record ExecutionView(
    String executionId,
    String testCaseId,
    ExecutionStatus status,
    long startTime,
    long endTime,
    Map<String, String> tags) {}
