package io.github.connectemulator.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ContentDocumentTest {

  static List<String> order(String content) {
    ContentDocument.Parsed parsed = ContentDocument.parse(content);
    assertThat(parsed.problems()).isEmpty();
    return parsed.document().observations().stream().map(Observation::identifier).toList();
  }

  static List<String> problems(String content) {
    return ContentDocument.parse(content).problems();
  }

  @Test
  void specExampleIsPublishableWithItsObservationsInRunOrder() {
    String example =
        """
        {"Version":"2025-06-21","Metadata":{},"Observations":[
          {"Identifier":"start","Event":{"Identifier":"e1","Type":"TestInitiated","Actor":"System","Properties":{}},
           "Usage":{"Type":"EXACTLY"},"Actions":[],"Transitions":{"NextObservations":["greeting"]}},
          {"Identifier":"greeting","Event":{"Identifier":"e2","Type":"MessageReceived","Actor":"System",
             "Properties":{"Text":"Welcome"}},"Usage":{"Type":"EXACTLY"},
           "Actions":[{"Identifier":"a1","Type":"TestControl",
             "Parameters":{"ActionType":"TestControl","Command":{"Type":"EndTest"}},"Transitions":{"NextAction":""}}]}]}
        """;
    ContentDocument document = ContentDocument.parse(example).document();
    assertThat(document.observations())
        .containsExactly(
            new Observation("start", "TestInitiated", List.of()),
            new Observation("greeting", "MessageReceived", List.of("TestControl")));
  }

  @Test
  void runOrderFollowsTransitionsNotDocumentOrder() {
    String content =
        """
        {"Observations":[
          {"Identifier":"last"},
          {"Identifier":"middle","Transitions":{"NextObservations":["last"]}},
          {"Identifier":"first","Transitions":{"NextObservations":["middle"]}}]}
        """;
    assertThat(order(content)).containsExactly("first", "middle", "last");
  }

  @Test
  void observationsInACycleFollowInDocumentOrder() {
    String content =
        """
        {"Observations":[
          {"Identifier":"a","Transitions":{"NextObservations":["b"]}},
          {"Identifier":"b","Transitions":{"NextObservations":["a"]}},
          {"Identifier":"c"}]}
        """;
    assertThat(order(content)).containsExactly("c", "a", "b");
  }

  @Test
  void eachRuleBreakIsOneProblem() {
    assertThat(problems("not json")).singleElement().asString().startsWith("Content is not valid JSON");
    assertThat(problems("[1]")).containsExactly("Content must be a JSON object");
    assertThat(problems("{}")).containsExactly("Observations must be a non-empty array");
    assertThat(problems("{\"Observations\":[]}")).containsExactly("Observations must be a non-empty array");
    assertThat(problems("{\"Observations\":[{\"Identifier\":\"a\"},{\"Identifier\":\"a\"}]}"))
        .containsExactly("Observation Identifier 'a' is not unique");
    assertThat(problems("{\"Observations\":[{\"Identifier\":\"a\",\"Transitions\":{\"NextObservations\":[\"x\"]}}]}"))
        .containsExactly("Observation 'a' transitions to unknown observation 'x'");
    assertThat(problems("{\"Observations\":[{\"Identifier\":\"a\",\"Actions\":[{\"Identifier\":\"x\"}]}]}"))
        .containsExactly("Action 0 of observation 'a' must have a Type");
    assertThat(problems("{\"Observations\":[{\"Event\":{}}]}"))
        .containsExactly("Observation 0 must have a non-empty string Identifier");
  }

  @Test
  void problemsStayWithinAwsBounds() {
    var many = new StringBuilder("{\"Observations\":[");
    for (int i = 0; i < 80; i++) {
      many.append(i == 0 ? "" : ",").append("{\"Identifier\":\"").append("x".repeat(300)).append("\"}");
    }
    List<String> problems = problems(many.append("]}").toString());
    assertThat(problems).hasSize(ContentDocument.MAX_PROBLEMS);
    assertThat(problems).allSatisfy(p -> assertThat(p).hasSizeBetween(1, ContentDocument.MAX_PROBLEM_LENGTH));
  }

  @Test
  void deeplyNestedContentIsAProblemNotACrash() {
    String deep = "{\"Observations\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
    assertThat(problems(deep)).isNotEmpty();
  }
}
