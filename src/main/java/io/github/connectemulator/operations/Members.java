package io.github.connectemulator.operations;

import io.vertx.core.json.JsonObject;

/**
 * The validated input members of one request, by their AWS names, whichever face it came through: HTTP reads them from
 * the path, query, headers and body; the event bus from the message's JSON object.
 */
public interface Members {

  /** A member's value as a string, or null when absent. */
  String string(String name);

  /** An integer member, or null when absent. */
  Long integer(String name);

  /** The members the HTTP binding carries in the JSON body (never null; empty when there is no body). */
  JsonObject body();
}
