package io.github.connectemulator.config;

import io.github.connectemulator.owner.protocol.CreateTestCase;
import io.github.connectemulator.model.EntryPoint;
import io.github.connectemulator.model.InstanceIds;
import io.github.connectemulator.model.TestCaseStatus;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Test cases declared in the file named by {@code seed.file}, created at start:
 *
 * <pre>{"testCases": [{"instanceId": "uuid or instance ARN", "testCaseId": "optional", "name": "...",
 *   "content": "JSON text" or {an object}, "status": "PUBLISHED", "description": "...",
 *   "initializationData": "...", "tags": {"k": "v"}}]}</pre>
 *
 * They go through the same rules as CreateTestCase (a PUBLISHED content is validated; names and ids are unique).
 */
public final class SeedFile {

  private SeedFile() {}

  /** @throws ConfigException naming the entry that is not usable */
  public static List<CreateTestCase> parse(String text) {
    JsonArray entries;
    try {
      entries = new JsonObject(text).getJsonArray("testCases");
    } catch (DecodeException | ClassCastException e) {
      throw new ConfigException("seed file is not a JSON object with a testCases list: " + e.getMessage());
    }
    if (entries == null) {
      throw new ConfigException("seed file has no testCases list");
    }
    var commands = new ArrayList<CreateTestCase>(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      try {
        commands.add(command(entries.getJsonObject(i)));
      } catch (ClassCastException | IllegalArgumentException e) {
        throw new ConfigException("seed file testCases[" + i + "]: " + e.getMessage());
      }
    }
    return commands;
  }

  private static CreateTestCase command(JsonObject entry) {
    String instanceId = required(entry, "instanceId");
    if (!instanceId.matches(io.github.connectemulator.model.InstanceIds.ID_OR_ARN_PATTERN)) {
      throw new IllegalArgumentException("instanceId must be a lowercase UUID or an instance ARN");
    }
    Object content = entry.getValue("content");
    String contentText = content instanceof JsonObject object ? object.encode() : (String) content;
    if (contentText == null || contentText.isEmpty()) {
      throw new IllegalArgumentException("content is required");
    }
    String status = entry.getString("status");
    JsonObject tags = entry.getJsonObject("tags");
    Map<String, String> tagMap = null;
    if (tags != null) {
      var copy = new LinkedHashMap<String, String>();
      tags.forEach(tag -> copy.put(tag.getKey(), String.valueOf(tag.getValue())));
      tagMap = Collections.unmodifiableMap(copy);
    }
    return new CreateTestCase(
        InstanceIds.canonical(instanceId),
        entry.getString("testCaseId"),
        null,
        null,
        required(entry, "name"),
        contentText,
        entry.getString("description"),
        (EntryPoint) null,
        entry.getString("initializationData"),
        status == null ? null : TestCaseStatus.valueOf(status.toUpperCase(Locale.ROOT)),
        tagMap);
  }

  private static String required(JsonObject entry, String member) {
    String value = entry.getString(member);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(member + " is required");
    }
    return value;
  }
}
