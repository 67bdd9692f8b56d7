package io.github.connectemulator.admin.ui;

import io.vertx.core.json.JsonObject;

/** The text/event-stream framing: one named event per message, its data a JSON object on one line. */
final class ServerSentEvents {

  private ServerSentEvents() {}

  static String event(String name, JsonObject data) {
    // JsonObject.encode() writes no line breaks, so the data fits on one "data:" line.
    return "event: " + name + "\ndata: " + data.encode() + "\n\n";
  }
}
