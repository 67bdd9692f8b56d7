package io.github.connectemulator.operations;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A compiled, conservative check that says yes to the common valid value without running vertx-json-schema's
 * generic validator; whatever it does not say yes to goes to that validator, which stays the judge of every
 * rejection and of its message.
 *
 * <p>Why: the generic validator's main method is over HotSpot's 8000-byte limit for JIT compilation, so by default
 * it runs interpreted, several times per request (JFR: a third of a Start's CPU). This check covers only the keywords
 * our schemas use; a schema with any other keyword compiles to "ask the validator", so a yes here is never wrong
 * where the validator would say no (cross-checked by {@code QuickSchemaCheckTest}).
 */
public final class QuickSchemaCheck {

  private static final QuickSchemaCheck ASK_VALIDATOR = new QuickSchemaCheck();
  private static final Set<String> IGNORED = Set.of("$id");

  private Set<String> types;
  private int minLength = -1;
  private int maxLength = -1;
  private Pattern pattern;
  private Double minimum;
  private Double maximum;
  private List<?> allowedValues;
  private Map<String, QuickSchemaCheck> properties;
  private List<?> required;
  /** null: any additional property; otherwise each one's check. */
  private QuickSchemaCheck additionalProperties;
  private boolean additionalAllowed = true;
  private QuickSchemaCheck propertyNames;
  private int minProperties = -1;
  private int maxProperties = -1;
  private boolean supported;

  private QuickSchemaCheck() {}

  public static QuickSchemaCheck compile(JsonObject schema) {
    var check = new QuickSchemaCheck();
    for (Map.Entry<String, Object> keyword : schema) {
      if (!check.read(keyword.getKey(), keyword.getValue())) {
        return ASK_VALIDATOR;
      }
    }
    check.supported = true;
    return check;
  }

  private boolean read(String keyword, Object value) {
    switch (keyword) {
      case "type" -> {
        if (value instanceof String name) {
          types = Set.of(name);
        } else if (value instanceof JsonArray names) {
          types = Set.copyOf(names.getList());
        } else {
          return false;
        }
      }
      case "minLength" -> minLength = ((Number) value).intValue();
      case "maxLength" -> maxLength = ((Number) value).intValue();
      case "pattern" -> pattern = Pattern.compile((String) value);
      case "minimum" -> minimum = ((Number) value).doubleValue();
      case "maximum" -> maximum = ((Number) value).doubleValue();
      case "enum" -> allowedValues = ((JsonArray) value).getList();
      case "required" -> required = ((JsonArray) value).getList();
      case "minProperties" -> minProperties = ((Number) value).intValue();
      case "maxProperties" -> maxProperties = ((Number) value).intValue();
      case "properties" -> {
        properties = new HashMap<>();
        for (Map.Entry<String, Object> property : (JsonObject) value) {
          properties.put(property.getKey(), compile((JsonObject) property.getValue()));
        }
      }
      case "additionalProperties" -> {
        if (value instanceof Boolean allowed) {
          additionalAllowed = allowed;
        } else {
          additionalProperties = compile((JsonObject) value);
        }
      }
      case "propertyNames" -> propertyNames = compile((JsonObject) value);
      default -> {
        return IGNORED.contains(keyword);
      }
    }
    return true;
  }

  /** True only if the value certainly satisfies the schema; false means "ask the validator". */
  public boolean accepts(Object value) {
    if (!supported || !hasAllowedType(value)) {
      return false;
    }
    if (allowedValues != null && (!(value instanceof String) || !allowedValues.contains(value))) {
      return false;
    }
    if (value instanceof String text) {
      return acceptsString(text);
    }
    if (value instanceof Integer || value instanceof Long) {
      double number = ((Number) value).doubleValue();
      return (minimum == null || number >= minimum) && (maximum == null || number <= maximum);
    }
    if (value instanceof JsonObject object) {
      return acceptsObject(object);
    }
    return value == null;
  }

  private boolean hasAllowedType(Object value) {
    if (types == null) {
      return value instanceof String || value == null;
    }
    if (value == null) {
      return types.contains("null");
    }
    if (value instanceof String) {
      return types.contains("string");
    }
    if (value instanceof Integer || value instanceof Long) {
      return types.contains("integer") || types.contains("number");
    }
    return value instanceof JsonObject && types.contains("object");
  }

  private boolean acceptsString(String text) {
    if (minLength >= 0 || maxLength >= 0) {
      int length = text.codePointCount(0, text.length());
      if (length < minLength || (maxLength >= 0 && length > maxLength)) {
        return false;
      }
    }
    return pattern == null || pattern.matcher(text).find();
  }

  private boolean acceptsObject(JsonObject object) {
    int size = object.size();
    if (size < minProperties || (maxProperties >= 0 && size > maxProperties)) {
      return false;
    }
    if (required != null) {
      for (Object name : required) {
        if (!object.containsKey((String) name)) {
          return false;
        }
      }
    }
    for (Map.Entry<String, Object> member : object) {
      if (propertyNames != null && !propertyNames.accepts(member.getKey())) {
        return false;
      }
      QuickSchemaCheck declared = properties == null ? null : properties.get(member.getKey());
      QuickSchemaCheck check = declared != null ? declared : additionalProperties;
      if (declared == null && !additionalAllowed) {
        return false;
      }
      if (check != null && !check.accepts(member.getValue())) {
        return false;
      }
    }
    return true;
  }
}
