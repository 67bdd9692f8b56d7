package io.github.connectemulator.owner.journal;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;

/**
 * Where an owner writes its changes before it applies them, and reads them back when it starts: a file of its own
 * with {@code data.dir} ({@link Journal}), or the cluster's replicated map in cluster mode.
 */
public interface ChangeLog {

  /** Completes once the entry is durable: acknowledged changes must survive what the log promises to survive. */
  Future<Void> append(Journal.Entry entry);

  void close();

  /** The entries written so far, in order, and the log to append to. */
  record Restored(List<Journal.Entry> entries, ChangeLog log) {}

  /** Opens an owner's change log. */
  @FunctionalInterface
  interface Source {
    Future<Restored> open(Vertx vertx);
  }
}
