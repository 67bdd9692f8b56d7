package io.github.connectemulator.owner;

import io.github.connectemulator.operations.AwsFailure;
import io.github.connectemulator.model.TestCase;
import java.util.HashMap;
import java.util.Map;

/**
 * The instances one owner holds, and lookups that 404. Instances are implicit: one comes to exist when something is
 * stored in it (a test case), never because a request named it, so requests for unknown ids leave nothing behind.
 */
final class Instances {

  private final Map<String, InstanceState> byId = new HashMap<>();

  /** Only for a write that stores something in the instance, once it can no longer be refused. */
  InstanceState getOrCreate(String instanceId) {
    return byId.computeIfAbsent(instanceId, InstanceState::new);
  }

  java.util.Collection<InstanceState> all() {
    return byId.values();
  }

  /** The instance, or null when nothing was ever stored in it. */
  InstanceState get(String instanceId) {
    return byId.get(instanceId);
  }

  TestCase existingTestCase(String instanceId, String testCaseId) {
    InstanceState instance = byId.get(instanceId);
    TestCase testCase = instance == null ? null : instance.testCases.get(testCaseId);
    if (testCase == null) {
      throw AwsFailure.notFound("Test case " + testCaseId + " not found in instance " + instanceId);
    }
    return testCase;
  }
}
