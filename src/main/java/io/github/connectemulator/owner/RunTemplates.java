package io.github.connectemulator.owner;

import io.github.connectemulator.model.Execution;
import io.github.connectemulator.model.TestCaseVersion;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * What the finished runs of one test case version share (their instance, test case id, the version they ran, the
 * test case's tags), kept once and numbered, so that a retained run holds one int instead of four references. A
 * number is reused once no retained run holds it, so deleted and updated test cases leave nothing behind.
 */
final class RunTemplates {

  private InstanceState[] instances = new InstanceState[8];
  private String[] testCaseIds = new String[8];
  private TestCaseVersion[] versions = new TestCaseVersion[8];
  @SuppressWarnings("unchecked")
  private Map<String, String>[] tags = new Map[8];
  /** Retained runs holding each number; 0 for a free number. */
  private int[] holders = new int[8];
  private int used;
  private final ArrayDeque<Integer> free = new ArrayDeque<>();
  private final Map<Key, Integer> byKey = new HashMap<>();
  /** The number taken last: runs of one test case tend to finish together, and this spares the map lookup. */
  private int last = -1;

  /** The number of the run's template, held once more: every call is paired with a {@link #release}. */
  int hold(InstanceState instance, Execution run) {
    int template = last >= 0 && sameAs(last, instance, run) ? last : find(instance, run);
    holders[template]++;
    last = template;
    return template;
  }

  void release(int template) {
    if (--holders[template] == 0) {
      byKey.remove(new Key(instances[template], testCaseIds[template], versions[template], tags[template]));
      instances[template] = null;
      testCaseIds[template] = null;
      versions[template] = null;
      tags[template] = null;
      free.push(template);
      if (last == template) {
        last = -1;
      }
    }
  }

  InstanceState instance(int template) {
    return instances[template];
  }

  String testCaseId(int template) {
    return testCaseIds[template];
  }

  TestCaseVersion version(int template) {
    return versions[template];
  }

  Map<String, String> tags(int template) {
    return tags[template];
  }

  /** Numbers held by at least one run: for tests. */
  int live() {
    return byKey.size();
  }

  private boolean sameAs(int template, InstanceState instance, Execution run) {
    return instances[template] == instance && versions[template] == run.version() && tags[template] == run.tags()
        && testCaseIds[template].equals(run.testCaseId());
  }

  private int find(InstanceState instance, Execution run) {
    var key = new Key(instance, run.testCaseId(), run.version(), run.tags());
    Integer known = byKey.get(key);
    if (known != null) {
      return known;
    }
    int template = free.isEmpty() ? used++ : free.pop();
    if (template == instances.length) {
      int capacity = template * 2;
      instances = Arrays.copyOf(instances, capacity);
      testCaseIds = Arrays.copyOf(testCaseIds, capacity);
      versions = Arrays.copyOf(versions, capacity);
      tags = Arrays.copyOf(tags, capacity);
      holders = Arrays.copyOf(holders, capacity);
    }
    instances[template] = instance;
    testCaseIds[template] = run.testCaseId();
    versions[template] = run.version();
    tags[template] = run.tags();
    byKey.put(key, template);
    return template;
  }

  /**
   * A template's identity: the very instance, version and tags objects (a version belongs to one test case and is
   * never changed, so identity is equality here, and cheaper), and the test case id.
   */
  private record Key(InstanceState instance, String testCaseId, TestCaseVersion version, Map<String, String> tags) {

    @Override
    public boolean equals(Object other) {
      return other instanceof Key key && key.instance == instance && key.version == version && key.tags == tags
          && key.testCaseId.equals(testCaseId);
    }

    @Override
    public int hashCode() {
      return (System.identityHashCode(version) * 31 + System.identityHashCode(instance)) * 31 + testCaseId.hashCode();
    }
  }
}
