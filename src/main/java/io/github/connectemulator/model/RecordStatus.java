package io.github.connectemulator.model;

/** Status of one execution record (one observation reached); records are never INITIATED. */
public enum RecordStatus {
  PASSED,
  FAILED,
  IN_PROGRESS,
  STOPPED
}
