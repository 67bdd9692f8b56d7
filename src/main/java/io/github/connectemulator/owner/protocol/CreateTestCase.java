package io.github.connectemulator.owner.protocol;

import io.github.connectemulator.model.EntryPoint;
import io.github.connectemulator.model.TestCaseStatus;
import io.github.connectemulator.operations.OperationNames;
import java.util.Map;

/**
 * CreateTestCase, validated.
 *
 * @param testCaseId the caller's id from {@code x-amz-resource-id}, or null to generate one
 * @param lastModifiedTime epoch milliseconds from {@code x-amz-last-modified-time}, or null for now
 * @param lastModifiedRegion from {@code x-amz-last-modified-region}, or null for the emulator's region
 * @param status the requested status, or null for the configured default
 * @param tags immutable, or null when none were given
 */
public record CreateTestCase(
    String instanceId,
    String testCaseId,
    Long lastModifiedTime,
    String lastModifiedRegion,
    String name,
    String content,
    String description,
    EntryPoint entryPoint,
    String initializationData,
    TestCaseStatus status,
    Map<String, String> tags)
    implements OwnerCommand {

  @Override
  public String operation() {
    return OperationNames.CREATE_TEST_CASE;
  }
}
