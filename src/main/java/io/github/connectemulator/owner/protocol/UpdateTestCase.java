package io.github.connectemulator.owner.protocol;

import io.github.connectemulator.model.EntryPoint;
import io.github.connectemulator.model.TestCaseStatus;
import io.github.connectemulator.operations.OperationNames;

/**
 * UpdateTestCase, validated. Every member but the ids is optional: null leaves it as it is (spec §11.6).
 *
 * @param lastModifiedTime epoch milliseconds from {@code x-amz-last-modified-time}, or null for now
 * @param lastModifiedRegion from {@code x-amz-last-modified-region}, or null for the emulator's region
 */
public record UpdateTestCase(
    String instanceId,
    String testCaseId,
    Long lastModifiedTime,
    String lastModifiedRegion,
    String name,
    String content,
    String description,
    EntryPoint entryPoint,
    String initializationData,
    TestCaseStatus status)
    implements OwnerCommand {

  @Override
  public String operation() {
    return OperationNames.UPDATE_TEST_CASE;
  }
}
