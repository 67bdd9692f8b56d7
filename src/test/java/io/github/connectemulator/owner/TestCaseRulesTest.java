package io.github.connectemulator.owner;

import static io.github.connectemulator.owner.ExecutionOwnerTest.INSTANCE;
import static io.github.connectemulator.owner.ExecutionOwnerTest.THREE_OBSERVATIONS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.connectemulator.operations.AwsErrorType;
import io.github.connectemulator.operations.AwsFailure;
import io.github.connectemulator.owner.protocol.CreateTestCase;
import io.github.connectemulator.owner.protocol.DeleteTestCase;
import io.github.connectemulator.owner.protocol.DescribeTestCase;
import io.github.connectemulator.owner.protocol.ListTestCases;
import io.github.connectemulator.owner.protocol.Page;
import io.github.connectemulator.owner.protocol.PageRequest;
import io.github.connectemulator.owner.protocol.SearchTestCases;
import io.github.connectemulator.owner.protocol.StartExecution;
import io.github.connectemulator.owner.protocol.TestCaseView;
import io.github.connectemulator.owner.protocol.UpdateTestCase;
import io.github.connectemulator.model.TagFilter;
import io.github.connectemulator.model.TestCaseCriteria;
import io.github.connectemulator.model.TestCaseCriteria.Comparison;
import io.github.connectemulator.model.TestCaseCriteria.Field;
import io.github.connectemulator.model.TestCaseCriteria.StringCondition;
import io.github.connectemulator.model.TestCaseStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Versions, renames, deletion, listing and search, driven directly on one owner. */
class TestCaseRulesTest {

  static final String ONE_OBSERVATION = "{\"Observations\":[{\"Identifier\":\"only\"}]}";

  ManualClock clock;
  ExecutionOwner owner;

  @BeforeEach
  void newOwner() {
    clock = new ManualClock(ExecutionOwnerTest.T0);
    owner = new ExecutionOwner(ExecutionOwnerTest.config(300_000, 1_000, 3_600_000), clock);
  }

  String create(String name, TestCaseStatus status, Map<String, String> tags) {
    return owner.create(ExecutionOwnerTest.create(name, THREE_OBSERVATIONS, status, tags)).testCaseId();
  }

  void update(String id, String name, String content, TestCaseStatus status) {
    owner.update(new UpdateTestCase(INSTANCE, id, null, null, name, content, null, null, null, status));
  }

  TestCaseView describe(String id, TestCaseStatus status) {
    return owner.describe(new DescribeTestCase(INSTANCE, id, status));
  }

  static void assertFails(AwsErrorType type, Runnable action) {
    assertThatThrownBy(action::run).isInstanceOfSatisfying(AwsFailure.class, f -> assertThat(f.type()).isEqualTo(type));
  }

  @Test
  void savingADraftKeepsThePublishedVersionRunnableAndPublishingClearsTheDraft() {
    String id = create("versions", TestCaseStatus.PUBLISHED, null);
    update(id, "draft-name", ONE_OBSERVATION, TestCaseStatus.SAVED);

    assertThat(describe(id, null).version().name()).isEqualTo("versions");
    assertThat(describe(id, TestCaseStatus.SAVED).version().name()).isEqualTo("draft-name");
    String execution = owner.start(new StartExecution(INSTANCE, id, null)).executionId();
    assertThat(owner.summary(new io.github.connectemulator.owner.protocol.GetExecutionSummary(INSTANCE, id, execution))
        .totalObservations()).as("the run uses the published Content").isEqualTo(3);

    update(id, null, null, TestCaseStatus.PUBLISHED);
    assertThat(describe(id, null).version().name()).isEqualTo("draft-name");
    assertThat(describe(id, null).version().document().observations()).hasSize(1);
    assertFails(AwsErrorType.RESOURCE_NOT_FOUND, () -> describe(id, TestCaseStatus.SAVED));
  }

  @Test
  void updateWithoutStatusEditsTheShownVersionAndRevalidatesPublishedContent() {
    String id = create("edit", TestCaseStatus.PUBLISHED, null);
    clock.advance(5_000);
    update(id, null, ONE_OBSERVATION, null);
    TestCaseView view = describe(id, null);
    assertThat(view.version().status()).isEqualTo(TestCaseStatus.PUBLISHED);
    assertThat(view.version().document().observations()).hasSize(1);
    assertThat(view.version().lastModifiedTime()).isEqualTo(ExecutionOwnerTest.T0 + 5_000);
    assertFails(AwsErrorType.INVALID_TEST_CASE, () -> update(id, null, "{\"Observations\":[]}", null));
    assertThat(describe(id, null).version().document().observations()).as("a failed update changes nothing")
        .hasSize(1);
  }

  @Test
  void renameOntoAnotherTestCasesNameIsDuplicateAndFreesTheOldName() {
    String first = create("first", TestCaseStatus.PUBLISHED, null);
    String second = create("second", TestCaseStatus.PUBLISHED, null);
    assertFails(AwsErrorType.DUPLICATE_RESOURCE, () -> update(second, "first", null, null));
    update(second, "second", null, null);
    update(first, "renamed", null, null);
    assertThat(create("first", TestCaseStatus.PUBLISHED, null)).isNotBlank();
  }

  @Test
  void aDraftsNameIsTakenToo() {
    String id = create("published-name", TestCaseStatus.PUBLISHED, null);
    update(id, "draft-name", null, TestCaseStatus.SAVED);
    assertFails(AwsErrorType.DUPLICATE_RESOURCE, () -> create("draft-name", TestCaseStatus.PUBLISHED, null));
    assertFails(AwsErrorType.DUPLICATE_RESOURCE, () -> create("published-name", TestCaseStatus.PUBLISHED, null));
  }

  @Test
  void deleteRemovesBothVersionsAndFreesNameAndId() {
    String id = create("doomed", TestCaseStatus.PUBLISHED, null);
    update(id, "doomed-draft", null, TestCaseStatus.SAVED);
    owner.delete(new DeleteTestCase(INSTANCE, id));
    assertFails(AwsErrorType.RESOURCE_NOT_FOUND, () -> describe(id, null));
    assertFails(AwsErrorType.RESOURCE_NOT_FOUND, () -> owner.delete(new DeleteTestCase(INSTANCE, id)));
    assertThat(create("doomed-draft", TestCaseStatus.PUBLISHED, null)).isNotBlank();
    var sameId = new CreateTestCase(INSTANCE, id, null, null, "doomed", THREE_OBSERVATIONS, null, null, null, null,
        null);
    assertThat(owner.create(sameId).testCaseId()).isEqualTo(id);
  }

  @Test
  void listPagesVisitEveryTestCaseOnceInCreationOrderEvenWhileNewOnesArrive() {
    var created = new ArrayList<String>();
    for (int i = 0; i < 5; i++) {
      created.add(create("list-" + i, TestCaseStatus.PUBLISHED, null));
    }
    var seen = new ArrayList<String>();
    String cursor = null;
    do {
      Page<TestCaseView> page = owner.testCases(new ListTestCases(INSTANCE, new PageRequest(2, cursor)));
      page.items().forEach(view -> seen.add(view.id()));
      cursor = page.next();
      if (seen.size() == 2) {
        created.add(create("late", TestCaseStatus.SAVED, null));
      }
    } while (cursor != null);
    assertThat(seen).containsExactlyElementsOf(created);
  }

  @Test
  void searchCombinesCriteriaTreeAndTagFilterAndCountsAllMatches() {
    create("alpha-one", TestCaseStatus.PUBLISHED, Map.of("team", "a"));
    create("alpha-two", TestCaseStatus.SAVED, Map.of("team", "b"));
    create("beta", TestCaseStatus.PUBLISHED, Map.of("team", "a", "tier", "1"));

    var startsAlpha = criteria(new StringCondition(Field.NAME, "alpha", Comparison.STARTS_WITH));
    assertThat(names(search(startsAlpha, null, 10))).containsExactly("alpha-one", "alpha-two");
    assertThat(names(search(criteria(new StringCondition(Field.NAME, "ALPHA", Comparison.CONTAINS)), null, 10)))
        .as("comparisons are case-sensitive").isEmpty();

    var savedOrBeta = new TestCaseCriteria(
        List.of(new TestCaseCriteria(null, null, null, TestCaseStatus.SAVED),
            criteria(new StringCondition(Field.NAME, "beta", Comparison.EXACT))), null, null, null);
    assertThat(names(search(savedOrBeta, null, 10))).containsExactly("alpha-two", "beta");

    var teamA = new TagFilter(null, null, new TagFilter.Tag("team", "a"));
    assertThat(names(search(startsAlpha, teamA, 10))).containsExactly("alpha-one");
    var teamBOrTier1 = new TagFilter(
        List.of(List.of(new TagFilter.Tag("team", "b")), List.of(new TagFilter.Tag("tier", "1"))), null, null);
    assertThat(names(search(null, teamBOrTier1, 10))).containsExactly("alpha-two", "beta");

    Page<TestCaseView> firstPage = search(null, null, 2);
    assertThat(firstPage.total()).isEqualTo(3);
    assertThat(firstPage.next()).isNotNull();
  }

  @Test
  void searchOnStatusReportsTheVersionThatMatches() {
    String id = create("shown", TestCaseStatus.PUBLISHED, null);
    update(id, "draft", null, TestCaseStatus.SAVED);
    var saved = new TestCaseCriteria(null, null, null, TestCaseStatus.SAVED);
    assertThat(search(saved, null, 10).items()).singleElement()
        .satisfies(view -> assertThat(view.version().name()).isEqualTo("draft"));
    assertThat(search(null, null, 10).items()).singleElement()
        .satisfies(view -> assertThat(view.version().name()).isEqualTo("shown"));
  }

  Page<TestCaseView> search(TestCaseCriteria criteria, TagFilter filter, int max) {
    return owner.search(new SearchTestCases(INSTANCE, criteria, filter, new PageRequest(max, null)));
  }

  static TestCaseCriteria criteria(StringCondition condition) {
    return new TestCaseCriteria(null, null, condition, null);
  }

  static List<String> names(Page<TestCaseView> page) {
    return page.items().stream().map(view -> view.version().name()).toList();
  }
}
