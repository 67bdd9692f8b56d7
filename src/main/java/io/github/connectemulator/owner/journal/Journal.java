package io.github.connectemulator.owner.journal;

import io.github.connectemulator.owner.protocol.LocalCodec;
import io.github.connectemulator.owner.protocol.OwnerCommand;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * One owner's write-ahead journal (data.dir): every command that changed state, one JSON line each, with the time it
 * ran at, the admin clock's offset and the ids it issued; also the admin API's resets and clock moves. A command's
 * reply waits until its line is on disk (written and forced), so whatever was answered survives a crash. Lines that arrive together share one write and one force (group commit), done on a
 * worker thread, never on the event loop.
 */
public final class Journal implements ChangeLog {

  /**
   * One line: a change (the command, when it ran, the ids it issued), the admin API's reset, or a move of the admin
   * clock. Each carries the admin clock's offset when it was written, so that a restart goes on from the time the
   * journal reached instead of going back to the system clock.
   */
  public record Entry(Kind kind, long at, long clockOffset, List<String> ids, OwnerCommand command) {

    public enum Kind { CHANGE, RESET, CLOCK }

    public static Entry change(long at, long clockOffset, List<String> ids, OwnerCommand command) {
      return new Entry(Kind.CHANGE, at, clockOffset, ids, command);
    }

    public static Entry reset(long at, long clockOffset) {
      return new Entry(Kind.RESET, at, clockOffset, List.of(), null);
    }

    /** The admin clock was moved forward to this offset. */
    public static Entry clock(long at, long clockOffset) {
      return new Entry(Kind.CLOCK, at, clockOffset, List.of(), null);
    }

    /** The entry as one line of JSON, the form every change log stores. */
    public String toLine() {
      JsonObject line = new JsonObject().put("at", at).put("offset", clockOffset);
      switch (kind) {
        case RESET -> line.put("reset", true);
        case CLOCK -> line.put("clock", true);
        case CHANGE -> line
            .put("ids", new JsonArray(ids))
            .put("type", command.getClass().getName())
            .put("command", Base64.getEncoder().encodeToString(LocalCodec.toJson(command)));
      }
      return line.encode();
    }

    /** The entry of a line; throws for a line that is not one (cut short by a crash, say). */
    public static Entry fromLine(String text) throws IOException, ClassNotFoundException {
      JsonObject json = new JsonObject(text);
      long at = json.getLong("at");
      // Lines written before offsets were recorded have none: the restart then goes on from their time.
      long offset = json.getLong("offset", 0L);
      if (json.getBoolean("reset", false)) {
        return reset(at, offset);
      }
      if (json.getBoolean("clock", false)) {
        return clock(at, offset);
      }
      Class<?> type = Class.forName(json.getString("type"));
      byte[] command = Base64.getDecoder().decode(json.getString("command"));
      List<String> ids = new ArrayList<>();
      json.getJsonArray("ids").forEach(id -> ids.add((String) id));
      return change(at, offset, ids, (OwnerCommand) LocalCodec.fromJson(command, type));
    }
  }

  private final Vertx vertx;
  private final FileChannel channel;
  private List<byte[]> pendingLines = new ArrayList<>();
  private List<Promise<Void>> pendingWaiters = new ArrayList<>();
  private boolean flushing;
  /** Set on the event loop, read by the worker that writes. */
  private volatile IOException nextWriteFails;
  /** Why the journal refuses writes: a failed batch it could not take back; written and read by its workers only. */
  private volatile Exception unusable;

  private Journal(Vertx vertx, FileChannel channel) {
    this.vertx = vertx;
    this.channel = channel;
  }

  public static Path file(Path directory, int owner) {
    return directory.resolve("owner-" + owner + ".journal");
  }

  /** Owner {@code index}'s journal file in {@code directory}: read at start, then appended to. */
  public static ChangeLog.Source source(Path directory, int index) {
    Path file = file(directory, index);
    return vertx -> vertx.executeBlocking(() -> new ChangeLog.Restored(read(file), open(vertx, file)));
  }

  /** Opens the journal for appending (blocking: at start, on a worker). */
  public static Journal open(Vertx vertx, Path file) throws IOException {
    Files.createDirectories(file.getParent());
    return new Journal(vertx, FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.APPEND));
  }

  /**
   * Every entry of a journal, in order. A last line cut short by a crash was never acknowledged, so it is dropped;
   * so is anything after it.
   */
  public static List<Entry> read(Path file) throws IOException {
    List<Entry> entries = new ArrayList<>();
    if (!Files.exists(file)) {
      return entries;
    }
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      try {
        entries.add(Entry.fromLine(line));
      } catch (RuntimeException | ClassNotFoundException | IOException torn) {
        break;
      }
    }
    return entries;
  }

  /** Completes once the entry is on disk. */
  @Override
  public Future<Void> append(Entry entry) {
    Promise<Void> written = Promise.promise();
    pendingLines.add((entry.toLine() + "\n").getBytes(StandardCharsets.UTF_8));
    pendingWaiters.add(written);
    if (!flushing) {
      flush();
    }
    return written.future();
  }

  /**
   * Makes the next batch fail after its bytes are written and before they are forced, as a disk that fills up or
   * fails its flush would: for tests.
   */
  void failNextWrite(IOException failure) {
    nextWriteFails = failure;
  }

  private void flush() {
    List<byte[]> lines = pendingLines;
    List<Promise<Void>> waiters = pendingWaiters;
    pendingLines = new ArrayList<>();
    pendingWaiters = new ArrayList<>();
    flushing = true;
    vertx.<Void>executeBlocking(() -> {
      write(lines);
      return null;
    }).onComplete(done -> {
      waiters.forEach(waiter -> {
        if (done.succeeded()) {
          waiter.complete();
        } else {
          waiter.fail(done.cause());
        }
      });
      flushing = false;
      if (!pendingLines.isEmpty()) {
        flush();
      }
    });
  }

  /**
   * Writes and forces one batch. A batch that fails was not acknowledged, so it is taken back: the file is cut to
   * where the batch began, or else a restart would replay changes whose callers were told they failed (and a torn
   * line would hide every later one). If even that fails, the journal refuses every later batch.
   */
  private void write(List<byte[]> lines) throws IOException {
    if (unusable != null) {
      throw new IOException("the journal is unusable since an earlier write could not be taken back", unusable);
    }
    long start = channel.size();
    try {
      int size = lines.stream().mapToInt(bytes -> bytes.length).sum();
      ByteBuffer buffer = ByteBuffer.allocate(size);
      lines.forEach(buffer::put);
      buffer.flip();
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      IOException injected = nextWriteFails;
      if (injected != null) {
        nextWriteFails = null;
        throw injected;
      }
      channel.force(false);
    } catch (IOException | RuntimeException failure) {
      try {
        channel.truncate(start);
        channel.force(false);
      } catch (IOException | RuntimeException takeBack) {
        failure.addSuppressed(takeBack);
        unusable = failure;
      }
      throw failure;
    }
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // closing at shutdown; nothing more to do
    }
  }
}
