package io.github.connectemulator.owner.protocol;

import io.github.connectemulator.model.ExecutionStatus;

/**
 * Reply to {@link GetExecutionSummary}, a snapshot of the run.
 *
 * @param startTime epoch milliseconds
 * @param endTime epoch milliseconds, or -1 while the run is not terminal
 */
public record ExecutionSummary(
    ExecutionStatus status,
    long startTime,
    long endTime,
    int totalObservations,
    int observationsPassed,
    int observationsFailed) {}
