package io.github.connectemulator.admin.ui;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** One open dashboard page as the server sees it: the feed read as a stream, each event kept with its arrival. */
final class FeedStream {

  record Event(String name, JsonObject data, long arrivedNanos, int bytes) {}

  final List<Event> events = new CopyOnWriteArrayList<>();
  private final StringBuilder pending = new StringBuilder();
  private final HttpClientAgent client;
  HttpClientResponse response;

  FeedStream(Vertx vertx) {
    client = vertx.createHttpClient();
  }

  /** Opens the feed and returns once its head arrived. */
  FeedStream open(int port, MultiMap headers) throws Exception {
    var options = new RequestOptions().setHost("127.0.0.1").setPort(port).setURI(DashboardRoutes.API + "/feed");
    response = client.request(options)
        .compose(request -> {
          request.headers().addAll(headers);
          Future<HttpClientResponse> answered = request.response().onSuccess(r -> r.handler(bytes -> read(bytes.toString())));
          request.end();
          return answered;
        })
        .await(10, TimeUnit.SECONDS);
    return this;
  }

  private synchronized void read(String chunk) {
    pending.append(chunk);
    int end;
    while ((end = pending.indexOf("\n\n")) >= 0) {
      String block = pending.substring(0, end);
      pending.delete(0, end + 2);
      String name = null;
      String data = null;
      for (String line : block.split("\n")) {
        if (line.startsWith("event: ")) {
          name = line.substring(7);
        } else if (line.startsWith("data: ")) {
          data = line.substring(6);
        }
      }
      if (name != null && data != null) {
        events.add(new Event(name, new JsonObject(data), System.nanoTime(), block.length() + 2));
      }
    }
  }

  List<Event> named(String name) {
    return events.stream().filter(event -> event.name().equals(name)).toList();
  }

  Event latest(String name) {
    List<Event> all = named(name);
    return all.isEmpty() ? null : all.get(all.size() - 1);
  }

  Future<Void> close() {
    return client.close();
  }
}
