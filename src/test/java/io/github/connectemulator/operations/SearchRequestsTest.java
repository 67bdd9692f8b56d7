package io.github.connectemulator.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.connectemulator.model.TagFilter;
import io.github.connectemulator.model.TestCaseCriteria;
import io.github.connectemulator.model.TestCaseStatus;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class SearchRequestsTest {

  static void assertInvalid(String body, String mentioning) {
    assertThatThrownBy(() -> {
          JsonObject json = new JsonObject(body);
          SearchRequests.criteria(json);
          SearchRequests.filter(json);
        })
        .isInstanceOfSatisfying(AwsFailure.class,
            failure -> assertThat(failure.type()).isEqualTo(AwsErrorType.INVALID_PARAMETER))
        .hasMessageContaining(mentioning);
  }

  @Test
  void readsANestedTreeWithFieldNamesInAnyCase() {
    TestCaseCriteria criteria = SearchRequests.criteria(new JsonObject("""
        {"SearchCriteria":{"AndConditions":[
          {"StringCondition":{"FieldName":"Name","Value":"abc","ComparisonType":"CONTAINS"}},
          {"OrConditions":[{"StatusCondition":"PUBLISHED"},
                           {"StringCondition":{"FieldName":"RESOURCEID","Value":"x","ComparisonType":"EXACT"}}]}]}}
        """));
    assertThat(criteria.and()).hasSize(2);
    assertThat(criteria.and().get(0).string().field()).isEqualTo(TestCaseCriteria.Field.NAME);
    assertThat(criteria.and().get(1).or().get(0).status()).isEqualTo(TestCaseStatus.PUBLISHED);
    assertThat(criteria.and().get(1).or().get(1).string().field()).isEqualTo(TestCaseCriteria.Field.RESOURCE_ID);
  }

  @Test
  void readsTheThreeTagFilterForms() {
    TagFilter filter = SearchRequests.filter(new JsonObject("""
        {"SearchFilter":{"TagFilter":{"OrConditions":[[{"TagKey":"a","TagValue":"1"}],[{"TagKey":"b","TagValue":"2"}]],
          "AndConditions":[{"TagKey":"c","TagValue":"3"}],"TagCondition":{"TagKey":"d","TagValue":"4"}}}}
        """));
    assertThat(filter.or()).hasSize(2);
    assertThat(filter.and()).containsExactly(new TagFilter.Tag("c", "3"));
    assertThat(filter.single()).isEqualTo(new TagFilter.Tag("d", "4"));
  }

  @Test
  void absentAndNullMeanNoCondition() {
    assertThat(SearchRequests.criteria(new JsonObject("{}"))).isNull();
    assertThat(SearchRequests.filter(new JsonObject("{\"SearchFilter\":{\"TagFilter\":null}}"))).isNull();
  }

  @Test
  void shapeErrorsNameTheMember() {
    assertInvalid("{\"SearchCriteria\":{\"StringCondition\":{\"FieldName\":\"owner\",\"Value\":\"x\","
        + "\"ComparisonType\":\"EXACT\"}}}", "FieldName 'owner'");
    assertInvalid("{\"SearchCriteria\":{\"StringCondition\":{\"FieldName\":\"name\",\"Value\":\"x\","
        + "\"ComparisonType\":\"FUZZY\"}}}", "ComparisonType");
    assertInvalid("{\"SearchCriteria\":{\"StatusCondition\":\"DRAFT\"}}", "StatusCondition");
    assertInvalid("{\"SearchCriteria\":{\"AndConditions\":{}}}", "AndConditions must be a list");
    assertInvalid("{\"SearchFilter\":{\"TagFilter\":{\"TagCondition\":{\"TagKey\":\"k\"}}}}", "TagValue is required");
    assertInvalid("{\"SearchCriteria\":" + "{\"AndConditions\":[".repeat(30) + "{}" + "]}".repeat(30) + "}",
        "nests deeper");
  }
}
