package io.github.connectemulator.admin.ui;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;

/** The last {@code capacity} per-second load samples, oldest first; the dashboard's only memory. */
final class SampleRing {

  private final int capacity;
  private final ArrayDeque<JsonObject> samples;

  SampleRing(int capacity) {
    this.capacity = capacity;
    this.samples = new ArrayDeque<>(capacity);
  }

  void add(JsonObject sample) {
    if (samples.size() == capacity) {
      samples.removeFirst();
    }
    samples.addLast(sample);
  }

  int size() {
    return samples.size();
  }

  JsonArray toJson() {
    var array = new JsonArray();
    samples.forEach(array::add);
    return array;
  }
}
