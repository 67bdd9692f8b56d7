package io.github.connectemulator.owner.protocol;

import io.github.connectemulator.model.RecordStatus;

/**
 * One item of ListTestCaseExecutionRecords.
 *
 * @param timestamp epoch milliseconds
 * @param record the JSON text of the record's detail (its format is documented in the README)
 */
public record RecordView(String observationId, RecordStatus status, long timestamp, String record) {}
