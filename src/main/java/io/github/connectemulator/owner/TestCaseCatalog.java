package io.github.connectemulator.owner;

import io.github.connectemulator.operations.AwsErrorType;
import io.github.connectemulator.operations.AwsFailure;
import io.github.connectemulator.owner.protocol.CreateTestCase;
import io.github.connectemulator.owner.protocol.DescribeTestCase;
import io.github.connectemulator.owner.protocol.ListTestCases;
import io.github.connectemulator.owner.protocol.Page;
import io.github.connectemulator.owner.protocol.SearchTestCases;
import io.github.connectemulator.owner.protocol.TestCaseCreated;
import io.github.connectemulator.owner.protocol.TestCaseView;
import io.github.connectemulator.owner.protocol.UpdateTestCase;
import io.github.connectemulator.config.EmulatorConfig;
import io.github.connectemulator.model.ContentDocument;
import io.github.connectemulator.model.InstanceIds;
import io.github.connectemulator.model.TestCase;
import io.github.connectemulator.model.TestCaseStatus;
import io.github.connectemulator.model.TestCaseVersion;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/** The rules of test cases: creation, versions, renames, deletion, listing and search (spec §8.2, §8.7). */
final class TestCaseCatalog {

  private final Instances instances;
  private final EmulatorConfig config;
  private final Clock clock;
  private final IdSource ids;

  TestCaseCatalog(Instances instances, EmulatorConfig config, Clock clock, IdSource ids) {
    this.instances = instances;
    this.config = config;
    this.clock = clock;
    this.ids = ids;
  }

  TestCaseCreated create(CreateTestCase command) {
    NewTestCase planned = plan(command);
    // The instance comes to exist only here, with something to hold: a refused Create leaves nothing behind.
    InstanceState instance = instances.getOrCreate(command.instanceId());
    var testCase = new TestCase(planned.id(), instance.nextTestCaseSequence++, testCaseArn(instance.id, planned.id()),
        command.tags(), planned.version());
    instance.testCases.put(planned.id(), testCase);
    instance.testCasesByName.put(command.name(), testCase);
    return new TestCaseCreated(planned.id(), testCase.arn());
  }

  /** Create's checks, storing nothing; the id it would get is drawn from the id source (see ExecutionOwner#check). */
  void check(CreateTestCase command) {
    plan(command);
  }

  /** The new test case's id and version, or the failure Create meets; reads the instance without creating it. */
  private NewTestCase plan(CreateTestCase command) {
    InstanceState instance = instances.get(command.instanceId());
    String id = command.testCaseId() != null
        ? command.testCaseId()
        : ids.next(command.instanceId(), "test-case", instance == null ? 0 : instance.nextTestCaseSequence);
    if (instance != null && instance.testCases.containsKey(id)) {
      throw new AwsFailure(AwsErrorType.DUPLICATE_RESOURCE, "A test case with id " + id + " already exists");
    }
    if (instance != null) {
      requireFreeName(instance, command.name(), null);
    }
    TestCaseStatus status = command.status() != null ? command.status() : config.defaultTestCaseStatus();
    var version =
        version(
            command.name(),
            command.content(),
            command.description(),
            command.entryPoint(),
            command.initializationData(),
            status,
            command.lastModifiedTime(),
            command.lastModifiedRegion());
    return new NewTestCase(id, version);
  }

  private record NewTestCase(String id, TestCaseVersion version) {}

  /**
   * Merges the given members onto a version (spec §8.2, §11.6). Without Status, the version Describe shows is
   * edited and keeps its status. With Status, the draft (or, without one, the published version) is the base:
   * PUBLISHED validates the result, publishes it and clears the draft; SAVED stores it as the draft.
   */
  void update(UpdateTestCase command) {
    Edit edit = plan(command);
    TestCase testCase = edit.testCase();
    InstanceState instance = edit.instance();
    Set<String> namesBefore = testCase.names();
    testCase.apply(edit.merged(), command.status() == TestCaseStatus.PUBLISHED);
    Set<String> namesAfter = testCase.names();
    namesBefore.stream().filter(n -> !namesAfter.contains(n)).forEach(instance.testCasesByName::remove);
    namesAfter.forEach(n -> instance.testCasesByName.put(n, testCase));
  }

  /** Update's checks, changing nothing. */
  void check(UpdateTestCase command) {
    plan(command);
  }

  /** The merged version Update stores, or the failure it meets. */
  private Edit plan(UpdateTestCase command) {
    TestCase testCase = instances.existingTestCase(command.instanceId(), command.testCaseId());
    InstanceState instance = instances.get(command.instanceId());
    TestCaseVersion base;
    TestCaseStatus status;
    if (command.status() == null) {
      base = testCase.current();
      status = base.status();
    } else {
      base = testCase.saved() != null ? testCase.saved() : testCase.published();
      status = command.status();
    }
    String name = command.name() != null ? command.name() : base.name();
    requireFreeName(instance, name, testCase);
    var merged =
        version(
            name,
            command.content() != null ? command.content() : base.content(),
            command.description() != null ? command.description() : base.description(),
            command.entryPoint() != null ? command.entryPoint() : base.entryPoint(),
            command.initializationData() != null ? command.initializationData() : base.initializationData(),
            status,
            command.lastModifiedTime(),
            command.lastModifiedRegion());
    return new Edit(instance, testCase, merged);
  }

  private record Edit(InstanceState instance, TestCase testCase, TestCaseVersion merged) {}

  TestCaseView describe(DescribeTestCase command) {
    TestCase testCase = instances.existingTestCase(command.instanceId(), command.testCaseId());
    TestCaseVersion version = testCase.version(command.status());
    if (version == null) {
      throw AwsFailure.notFound("Test case " + command.testCaseId() + " has no " + command.status() + " version");
    }
    return view(testCase, version);
  }

  /** Delete's check: the test case exists. */
  void checkDelete(String instanceId, String testCaseId) {
    instances.existingTestCase(instanceId, testCaseId);
  }

  /** Removes the test case with both versions and frees its names; its runs are the runner's business. */
  TestCase delete(String instanceId, String testCaseId) {
    TestCase testCase = instances.existingTestCase(instanceId, testCaseId);
    InstanceState instance = instances.get(instanceId);
    instance.testCases.remove(testCaseId);
    testCase.names().forEach(name -> instance.testCasesByName.remove(name, testCase));
    return testCase;
  }

  /** Creation order; the cursor is the sequence of the last test case on the page. */
  Page<TestCaseView> list(ListTestCases command) {
    InstanceState instance = instances.get(command.instanceId());
    if (instance == null) {
      return new Page<>(List.of(), null, -1);
    }
    long after = PageCursors.position(command.page().after());
    var items = new ArrayList<TestCaseView>();
    long lastOnPage = after;
    boolean more = false;
    for (TestCase testCase : instance.testCases.values()) {
      if (testCase.sequence() <= after) {
        continue;
      }
      if (items.size() == command.page().maxResults()) {
        more = true;
        break;
      }
      items.add(view(testCase, testCase.current()));
      lastOnPage = testCase.sequence();
    }
    return new Page<>(items, more ? Long.toString(lastOnPage) : null, -1);
  }

  /**
   * Every test case whose tags pass the filter and one of whose versions meets the criteria, in creation order,
   * showing the version Describe shows when it matches and the other one when only that one does.
   */
  Page<TestCaseView> search(SearchTestCases command) {
    InstanceState instance = instances.get(command.instanceId());
    if (instance == null) {
      return new Page<>(List.of(), null, 0);
    }
    long after = PageCursors.position(command.page().after());
    int max = command.page().maxResults();
    var items = new ArrayList<TestCaseView>();
    long total = 0;
    long lastOnPage = after;
    boolean more = false;
    for (TestCase testCase : instance.testCases.values()) {
      TestCaseVersion match = matchingVersion(testCase, command);
      if (match == null) {
        continue;
      }
      total++;
      if (testCase.sequence() <= after) {
        continue;
      }
      if (items.size() < max) {
        items.add(view(testCase, match));
        lastOnPage = testCase.sequence();
      } else {
        more = true;
      }
    }
    return new Page<>(items, more ? Long.toString(lastOnPage) : null, total);
  }

  private static TestCaseVersion matchingVersion(TestCase testCase, SearchTestCases command) {
    if (command.filter() != null && !command.filter().matches(testCase.tags())) {
      return null;
    }
    if (command.criteria() == null) {
      return testCase.current();
    }
    if (command.criteria().matches(testCase.id(), testCase.current())) {
      return testCase.current();
    }
    TestCaseVersion other = testCase.other();
    return other != null && command.criteria().matches(testCase.id(), other) ? other : null;
  }

  private static TestCaseView view(TestCase testCase, TestCaseVersion version) {
    return new TestCaseView(testCase.id(), testCase.arn(), testCase.tags(), version);
  }

  /** Names are unique per instance across every other test case's versions (spec §11.4). */
  private static void requireFreeName(InstanceState instance, String name, TestCase self) {
    TestCase holder = instance.testCasesByName.get(name);
    if (holder != null && holder != self) {
      throw new AwsFailure(AwsErrorType.DUPLICATE_RESOURCE, "A test case named '" + name + "' already exists");
    }
  }

  private TestCaseVersion version(
      String name,
      String content,
      String description,
      io.github.connectemulator.model.EntryPoint entryPoint,
      String initializationData,
      TestCaseStatus status,
      Long lastModifiedTime,
      String lastModifiedRegion) {
    ContentDocument document = status == TestCaseStatus.PUBLISHED ? publishable(content) : null;
    return new TestCaseVersion(
        name,
        content,
        description,
        entryPoint,
        initializationData,
        status,
        lastModifiedTime != null ? lastModifiedTime : clock.millis(),
        lastModifiedRegion != null ? lastModifiedRegion : config.region(),
        sha256(content),
        document);
  }

  private static ContentDocument publishable(String content) {
    ContentDocument.Parsed parsed = ContentDocument.parse(content);
    if (!parsed.isValid()) {
      throw new AwsFailure(AwsErrorType.INVALID_TEST_CASE, "Test case content is invalid", parsed.problems());
    }
    return parsed.document();
  }

  private String testCaseArn(String instanceId, String testCaseId) {
    String account = InstanceIds.accountOf(instanceId);
    return "arn:" + config.partition() + ":connect:" + config.region() + ":"
        + (account == null ? config.accountId() : account)
        + ":instance/" + InstanceIds.idOf(instanceId) + "/test-case/" + testCaseId;
  }

  private static String sha256(String content) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(content.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
