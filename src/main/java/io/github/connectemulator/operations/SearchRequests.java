package io.github.connectemulator.operations;

import io.github.connectemulator.model.TagFilter;
import io.github.connectemulator.model.TestCaseCriteria;
import io.github.connectemulator.model.TestCaseCriteria.Comparison;
import io.github.connectemulator.model.TestCaseCriteria.Field;
import io.github.connectemulator.model.TestCaseCriteria.StringCondition;
import io.github.connectemulator.model.TestCaseStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;

/**
 * Reads SearchTestCases' recursive SearchCriteria and its SearchFilter (spec §4.6, §4.7, §8.7), which a flat JSON
 * schema cannot describe. Every shape error is InvalidParameterException naming the member; unknown members are
 * ignored like everywhere else, {@code null} is absent, and an empty list is no condition.
 */
public final class SearchRequests {

  /** Deeper trees are refused rather than walked: no real query nests this far. */
  static final int MAX_DEPTH = 20;

  private SearchRequests() {}

  public static TestCaseCriteria criteria(JsonObject body) {
    Object node = body.getValue("SearchCriteria");
    return node == null ? null : criteria(node, "SearchCriteria", 1);
  }

  public static TagFilter filter(JsonObject body) {
    Object node = body.getValue("SearchFilter");
    if (node == null) {
      return null;
    }
    Object tagFilter = object(node, "SearchFilter").getValue("TagFilter");
    if (tagFilter == null) {
      return null;
    }
    JsonObject json = object(tagFilter, "SearchFilter.TagFilter");
    String at = "SearchFilter.TagFilter";
    List<List<TagFilter.Tag>> or = list(json, "OrConditions", at, (item, where) -> tags(item, where));
    List<TagFilter.Tag> and = tags(json.getValue("AndConditions"), at + ".AndConditions");
    Object single = json.getValue("TagCondition");
    return new TagFilter(or, and, single == null ? null : tag(single, at + ".TagCondition"));
  }

  private static TestCaseCriteria criteria(Object node, String at, int depth) {
    if (depth > MAX_DEPTH) {
      throw AwsFailure.invalidParameter(at + " nests deeper than " + MAX_DEPTH + " levels");
    }
    JsonObject json = object(node, at);
    List<TestCaseCriteria> or = list(json, "OrConditions", at, (item, where) -> criteria(item, where, depth + 1));
    List<TestCaseCriteria> and = list(json, "AndConditions", at, (item, where) -> criteria(item, where, depth + 1));
    Object string = json.getValue("StringCondition");
    Object status = json.getValue("StatusCondition");
    return new TestCaseCriteria(
        or,
        and,
        string == null ? null : stringCondition(string, at + ".StringCondition"),
        status == null ? null : enumValue(TestCaseStatus.class, status, at + ".StatusCondition"));
  }

  /** FieldName is matched case-insensitively: name, description, resourceID (the test case Id). */
  private static StringCondition stringCondition(Object node, String at) {
    JsonObject json = object(node, at);
    String fieldName = requiredString(json, "FieldName", at);
    Field field =
        switch (fieldName.toLowerCase(Locale.ROOT)) {
          case "name" -> Field.NAME;
          case "description" -> Field.DESCRIPTION;
          case "resourceid" -> Field.RESOURCE_ID;
          default -> throw AwsFailure.invalidParameter(
              at + ".FieldName '" + fieldName + "' is not one of name, description, resourceID");
        };
    String value = requiredString(json, "Value", at);
    Comparison comparison = enumValue(Comparison.class, json.getValue("ComparisonType"), at + ".ComparisonType");
    return new StringCondition(field, value, comparison);
  }

  private static List<TagFilter.Tag> tags(Object node, String at) {
    if (node == null) {
      return null;
    }
    if (!(node instanceof JsonArray array)) {
      throw AwsFailure.invalidParameter(at + " must be a list");
    }
    var tags = new ArrayList<TagFilter.Tag>(array.size());
    for (int i = 0; i < array.size(); i++) {
      tags.add(tag(array.getValue(i), at + "[" + i + "]"));
    }
    return tags.isEmpty() ? null : tags;
  }

  /** A tag condition needs both key and value (spec §11.8). */
  private static TagFilter.Tag tag(Object node, String at) {
    JsonObject json = object(node, at);
    return new TagFilter.Tag(requiredString(json, "TagKey", at), requiredString(json, "TagValue", at));
  }

  private static <T> List<T> list(
      JsonObject json, String member, String at, BiFunction<Object, String, T> item) {
    Object node = json.getValue(member);
    if (node == null) {
      return null;
    }
    if (!(node instanceof JsonArray array)) {
      throw AwsFailure.invalidParameter(at + "." + member + " must be a list");
    }
    var items = new ArrayList<T>(array.size());
    for (int i = 0; i < array.size(); i++) {
      T parsed = item.apply(array.getValue(i), at + "." + member + "[" + i + "]");
      if (parsed != null) {
        items.add(parsed);
      }
    }
    return items.isEmpty() ? null : items;
  }

  private static JsonObject object(Object node, String at) {
    if (!(node instanceof JsonObject json)) {
      throw AwsFailure.invalidParameter(at + " must be an object");
    }
    return json;
  }

  private static String requiredString(JsonObject json, String member, String at) {
    Object value = json.getValue(member);
    if (!(value instanceof String text)) {
      throw AwsFailure.invalidParameter(at + "." + member + (value == null ? " is required" : " must be a string"));
    }
    return text;
  }

  private static <E extends Enum<E>> E enumValue(Class<E> type, Object value, String at) {
    if (value instanceof String text) {
      for (E constant : type.getEnumConstants()) {
        if (constant.name().equals(text)) {
          return constant;
        }
      }
    }
    throw AwsFailure.invalidParameter(at + " must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
  }
}
