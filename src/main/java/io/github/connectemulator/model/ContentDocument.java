package io.github.connectemulator.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of a test case's Content (the Connect testing language, a JSON document carried as a string) that the
 * emulator needs: the observations, in the order a run reaches them. Parsing also validates a PUBLISHED document.
 */
public final class ContentDocument {

  /** AWS caps InvalidTestCaseException at 50 problems of at most 256 characters each. */
  static final int MAX_PROBLEMS = 50;
  static final int MAX_PROBLEM_LENGTH = 256;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<Observation> observations;

  /** Also how the wire codec rebuilds a document that crossed to another node inside a reply. */
  @JsonCreator
  private ContentDocument(@JsonProperty("observations") List<Observation> observations) {
    this.observations = List.copyOf(observations);
  }

  /** Observations in run order: those with no incoming transition first, then along NextObservations. */
  public List<Observation> observations() {
    return observations;
  }

  /** The result of {@link #parse}: a document, or the problems that make the Content unpublishable. */
  public record Parsed(ContentDocument document, List<String> problems) {
    public boolean isValid() {
      return problems.isEmpty();
    }
  }

  /** Parses and validates Content as a PUBLISHED version must be (spec §6). */
  public static Parsed parse(String content) {
    JsonNode root;
    try {
      root = JSON.readTree(content);
    } catch (JacksonException e) {
      return invalid("Content is not valid JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      return invalid("Content must be a JSON object");
    }
    JsonNode observationsNode = root.get("Observations");
    if (observationsNode == null || !observationsNode.isArray() || observationsNode.isEmpty()) {
      return invalid("Observations must be a non-empty array");
    }
    var problems = new Problems();
    var byId = new LinkedHashMap<String, JsonNode>();
    int index = 0;
    for (JsonNode node : observationsNode) {
      checkObservation(node, index++, byId, problems);
    }
    for (var entry : byId.entrySet()) {
      checkTransitions(entry.getKey(), entry.getValue(), byId, problems);
    }
    if (!problems.list.isEmpty()) {
      return new Parsed(null, problems.list);
    }
    return new Parsed(new ContentDocument(runOrder(byId)), List.of());
  }

  private static void checkObservation(JsonNode node, int index, Map<String, JsonNode> byId, Problems problems) {
    if (!node.isObject()) {
      problems.add("Observation " + index + " must be an object");
      return;
    }
    JsonNode id = node.get("Identifier");
    if (id == null || !id.isTextual() || id.asText().isBlank()) {
      problems.add("Observation " + index + " must have a non-empty string Identifier");
      return;
    }
    String identifier = id.asText();
    if (byId.putIfAbsent(identifier, node) != null) {
      problems.add("Observation Identifier '" + identifier + "' is not unique");
    }
    JsonNode actions = node.get("Actions");
    if (actions != null && !actions.isNull()) {
      if (!actions.isArray()) {
        problems.add("Actions of observation '" + identifier + "' must be an array");
        return;
      }
      int actionIndex = 0;
      for (JsonNode action : actions) {
        JsonNode type = action.get("Type");
        if (type == null || !type.isTextual() || type.asText().isBlank()) {
          problems.add("Action " + actionIndex + " of observation '" + identifier + "' must have a Type");
        }
        actionIndex++;
      }
    }
  }

  private static void checkTransitions(
      String identifier, JsonNode node, Map<String, JsonNode> byId, Problems problems) {
    JsonNode next = nextObservations(node);
    if (next == null) {
      return;
    }
    if (!next.isArray()) {
      problems.add("Transitions.NextObservations of observation '" + identifier + "' must be an array");
      return;
    }
    for (JsonNode target : next) {
      if (!target.isTextual() || !byId.containsKey(target.asText())) {
        problems.add("Observation '" + identifier + "' transitions to unknown observation '" + target.asText() + "'");
      }
    }
  }

  private static JsonNode nextObservations(JsonNode observation) {
    JsonNode transitions = observation.get("Transitions");
    if (transitions == null || !transitions.isObject()) {
      return null;
    }
    JsonNode next = transitions.get("NextObservations");
    return next == null || next.isNull() ? null : next;
  }

  /**
   * Kahn's topological order with document order breaking ties; observations caught in a cycle (the language
   * allows repeated matching) follow in document order.
   */
  private static List<Observation> runOrder(LinkedHashMap<String, JsonNode> byId) {
    var incoming = new HashMap<String, Integer>();
    byId.keySet().forEach(id -> incoming.put(id, 0));
    byId.values().forEach(node -> forEachTarget(node, target -> incoming.merge(target, 1, Integer::sum)));
    var ready = new ArrayDeque<String>();
    byId.keySet().stream().filter(id -> incoming.get(id) == 0).forEach(ready::add);
    var order = new ArrayList<Observation>(byId.size());
    var placed = new java.util.HashSet<String>();
    while (!ready.isEmpty()) {
      String id = ready.poll();
      placed.add(id);
      order.add(observation(id, byId.get(id)));
      forEachTarget(byId.get(id), target -> {
        if (incoming.merge(target, -1, Integer::sum) == 0) {
          ready.add(target);
        }
      });
    }
    byId.forEach((id, node) -> {
      if (!placed.contains(id)) {
        order.add(observation(id, node));
      }
    });
    return order;
  }

  private static void forEachTarget(JsonNode node, java.util.function.Consumer<String> action) {
    JsonNode next = nextObservations(node);
    if (next != null) {
      next.forEach(target -> action.accept(target.asText()));
    }
  }

  private static Observation observation(String id, JsonNode node) {
    JsonNode event = node.get("Event");
    String eventType = event != null && event.hasNonNull("Type") ? event.get("Type").asText() : null;
    var actionTypes = new ArrayList<String>();
    JsonNode actions = node.get("Actions");
    if (actions != null && actions.isArray()) {
      actions.forEach(action -> actionTypes.add(action.get("Type").asText()));
    }
    return new Observation(id, eventType, actionTypes);
  }

  private static Parsed invalid(String problem) {
    var problems = new Problems();
    problems.add(problem);
    return new Parsed(null, problems.list);
  }

  /** Collects problem messages within AWS's bounds (1 to 50 messages of 1 to 256 characters). */
  private static final class Problems {
    final List<String> list = new ArrayList<>();

    void add(String message) {
      if (list.size() < MAX_PROBLEMS) {
        list.add(message.length() > MAX_PROBLEM_LENGTH ? message.substring(0, MAX_PROBLEM_LENGTH) : message);
      }
    }
  }
}
