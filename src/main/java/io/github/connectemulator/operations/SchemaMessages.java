package io.github.connectemulator.operations;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.OutputUnit;
import java.util.ArrayList;

/** Words a schema failure for the caller: which value, and what is wrong with it. */
public final class SchemaMessages {

  private static final String ERRORS_START = "{ errors: [";
  private static final String ERRORS_END = "], annotations:";

  private SchemaMessages() {}

  /** The innermost errors of a failed check, as one line. */
  public static String describe(OutputUnit failure) {
    return schemaErrors(failure.toException("").getMessage());
  }

  /**
   * vertx-json-schema reports errors as "...: { errors: [units], annotations: [...] }", one unit per keyword that
   * failed, wrappers included. Only the innermost units say what is wrong, so only those are kept.
   */
  public static String schemaErrors(String text) {
    int start = text.indexOf(ERRORS_START);
    int end = text.lastIndexOf(ERRORS_END);
    if (start < 0 || end < start) {
      return text;
    }
    JsonArray units;
    try {
      units = new JsonArray(text.substring(start + ERRORS_START.length() - 1, end + 1));
    } catch (DecodeException e) {
      return text;
    }
    var messages = new ArrayList<String>();
    for (int i = 0; i < units.size(); i++) {
      JsonObject unit = units.getJsonObject(i);
      if (isInnermost(unit, units)) {
        String location = unit.getString("instanceLocation", "#").replaceFirst("^#/?", "");
        String error = unit.getString("error", "invalid value");
        if (unit.getString("keywordLocation", "").endsWith("/maxProperties")) {
          // vertx-json-schema 5.0.7 words a maxProperties failure as if it were minProperties.
          error = "Too many entries: at most " + error.replaceAll("\\D+", "") + " are allowed";
        }
        messages.add(location.isEmpty() ? error : "value at '" + location + "': " + error);
      }
    }
    return messages.isEmpty() ? text : String.join("; ", messages);
  }

  private static boolean isInnermost(JsonObject unit, JsonArray units) {
    String keyword = unit.getString("keywordLocation", "");
    for (int i = 0; i < units.size(); i++) {
      if (units.getJsonObject(i).getString("keywordLocation", "").startsWith(keyword + "/")) {
        return false;
      }
    }
    return true;
  }
}
