package io.github.connectemulator.http;

import io.vertx.core.internal.net.RFC3986;
import java.util.ArrayList;
import java.util.List;

/**
 * An operation's path template ({@code /test-cases/{InstanceId}/{TestCaseId}/start-execution}) matched segment by
 * segment. It matches what vertx-web's route for the same template matches ({@code ^/test-cases/([^/]+)/([^/]+)
 * /start-execution/?$}: a label is one non-empty segment, one trailing slash is allowed) and decodes the labels as
 * vertx-web decodes path parameters, without the regular expression vertx-web tries on every request for every
 * route before the right one (7 % of a Summary's CPU samples), and without filling the request's parameter maps.
 */
final class PathTemplate {

  /** Each segment's literal text, or null for a label. */
  private final String[] literals;
  /** The labels' names, in the order of their segments. */
  private final String[] labels;
  private final String routeName;

  private PathTemplate(String[] literals, String[] labels, String routeName) {
    this.literals = literals;
    this.labels = labels;
    this.routeName = routeName;
  }

  static PathTemplate parse(String template) {
    if (!template.startsWith("/")) {
      throw new IllegalArgumentException("A path template starts with /: " + template);
    }
    String[] segments = template.substring(1).split("/", -1);
    String[] literals = new String[segments.length];
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < segments.length; i++) {
      String segment = segments[i];
      if (segment.startsWith("{") && segment.endsWith("}")) {
        labels.add(segment.substring(1, segment.length() - 1));
      } else if (segment.isEmpty() || segment.contains("{")) {
        throw new IllegalArgumentException("Not a segment of a path template: '" + segment + "' in " + template);
      } else {
        literals[i] = segment;
      }
    }
    return new PathTemplate(literals, labels.toArray(String[]::new), template.replaceAll("\\{(\\w+)}", ":$1"));
  }

  /**
   * The template as vertx-web writes a route's path ({@code /test-cases/:InstanceId}): the {@code route} label of
   * Vert.x's HTTP server metrics, as it was when each operation had its own vertx-web route.
   */
  String routeName() {
    return routeName;
  }

  /** Where the label {@code name} is among the values {@link #match} gives; -1 when the template has none. */
  int labelIndex(String name) {
    for (int i = 0; i < labels.length; i++) {
      if (labels[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The decoded label values of {@code path} in label order, or null when the path does not match.
   *
   * @throws IllegalArgumentException when a label is not valid percent-encoding (as vertx-web's decoding throws)
   */
  String[] match(String path) {
    int[] bounds = bounds(path);
    if (bounds == null) {
      return null;
    }
    String[] values = new String[labels.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = RFC3986.decodeURIComponent(path.substring(bounds[2 * i], bounds[2 * i + 1]), false);
    }
    return values;
  }

  /** Each label's start and end in {@code path}, or null when it does not match; nothing is allocated on a miss. */
  private int[] bounds(String path) {
    int length = path.length();
    if (length == 0 || path.charAt(0) != '/') {
      return null;
    }
    int[] bounds = null;
    int label = 0;
    int start = 1;
    for (int i = 0; i < literals.length; i++) {
      if (start > length) {
        return null;
      }
      int slash = path.indexOf('/', start);
      int end = slash < 0 ? length : slash;
      String literal = literals[i];
      if (literal != null) {
        if (end - start != literal.length() || !path.startsWith(literal, start)) {
          return null;
        }
      } else {
        if (end == start) {
          return null;
        }
        if (bounds == null) {
          bounds = new int[2 * labels.length];
        }
        bounds[2 * label] = start;
        bounds[2 * label + 1] = end;
        label++;
      }
      start = end + 1;
    }
    // The whole path is used, or one trailing slash is left.
    if (start <= length && start != length) {
      return null;
    }
    return bounds == null ? new int[0] : bounds;
  }
}
