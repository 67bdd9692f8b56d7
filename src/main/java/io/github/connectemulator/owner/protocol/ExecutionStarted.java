package io.github.connectemulator.owner.protocol;

import io.github.connectemulator.model.ExecutionStatus;

/** Reply to {@link StartExecution}: the new run, or the existing one for a replayed ClientToken. */
public record ExecutionStarted(String executionId, String testCaseId, ExecutionStatus status) {}
