package io.github.connectemulator.admin.ui;

import io.github.connectemulator.http.AwsErrors;
import io.github.connectemulator.http.Responses;
import io.github.connectemulator.model.ExecutionStatus;
import io.github.connectemulator.model.InstanceIds;
import io.github.connectemulator.operations.AwsErrorType;
import io.github.connectemulator.operations.AwsFailure;
import io.github.connectemulator.operations.OwnerClient;
import io.github.connectemulator.owner.protocol.AdminCommand;
import io.github.connectemulator.owner.protocol.ExecutionView;
import io.github.connectemulator.owner.protocol.ListExecutions;
import io.github.connectemulator.owner.protocol.ListRecords;
import io.github.connectemulator.owner.protocol.Page;
import io.github.connectemulator.owner.protocol.PageRequest;
import io.github.connectemulator.owner.protocol.RecordView;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dashboard's reads of executions and records: ListTestCaseExecutions and ListTestCaseExecutionRecords as the
 * owners answer them, asked as {@link AdminCommand.Inspect} so that watching never spends an instance's throttling
 * tokens nor meets its injected faults. Plain JSON for the page; bad input gets an AWS error like every admin call.
 * One per router verticle, used on its event loop only.
 */
final class ExecutionQueries {

  static final int DEFAULT_EXECUTIONS = 50;
  static final int MAX_EXECUTIONS = 100;
  /** Without an instance filter, the latest runs of this many instances (those with the most runs) are merged. */
  static final int MAX_INSTANCES_SEARCHED = 20;
  static final int MAX_RECORDS = 1000;
  private static final int RECORDS_PAGE = 100;
  private static final int MAX_ID_LENGTH = 500;
  /** How the statistics name an account's instance (SigV4 credentials with an account). */
  private static final Pattern ACCOUNT_SCOPED = Pattern.compile("^(\\d{12})/(.+)$");
  private static final Comparator<JsonObject> NEWEST_FIRST = Comparator
      .comparingLong((JsonObject run) -> run.getLong("startTime")).reversed()
      .thenComparing(run -> run.getString("executionId"));

  /** How long the busiest instances are reused: pages refresh their list every 2 s, the ranking moves slowly. */
  static final long BUSIEST_REUSED_MILLIS = 5_000;

  /**
   * The latest runs are looked for among those started in the last 250 ms, then wider windows, then all: ListExecutions
   * ranks every run that passes its filters, and ranking 100 000 runs took 120 ms of the owner's loop, while
   * skipping them on their StartTime takes about 1.
   */
  static final long[] WINDOWS_MILLIS = {250, 2_500, 30_000, 300_000};

  private final OwnerClient owners;
  /** The emulator's clock, which runs' StartTimes follow (the admin API can move it). */
  private final Clock clock;
  private Future<List<String>> busiest;
  private long busiestAt;

  ExecutionQueries(OwnerClient owners, Clock clock) {
    this.owners = owners;
    this.clock = clock;
  }

  /**
   * {@code GET /_emulator/ui/api/executions[?instanceId][&testCaseId][&status][&maxResults]}: the latest runs,
   * newest first, of one instance or of the busiest ones.
   */
  void latest(RoutingContext ctx) {
    String instance;
    String testCase;
    ExecutionStatus status;
    int max;
    try {
      instance = optionalId(ctx, "instanceId");
      testCase = optionalId(ctx, "testCaseId");
      status = status(ctx.queryParams().get("status"));
      max = maxResults(ctx.queryParams().get("maxResults"));
    } catch (AwsFailure invalid) {
      AwsErrors.send(ctx, invalid.type(), invalid.getMessage());
      return;
    }
    Future<List<String>> instances = instance != null
        ? Future.succeededFuture(List.of(instance))
        : busiestInstances();
    reply(ctx, instances.compose(keys -> {
      List<Future<JsonArray>> lists = new ArrayList<>();
      for (String key : keys) {
        lists.add(latestOf(key, testCase, status, max, 0).map(page -> executions(key, page)));
      }
      return Future.all(lists).map(all -> {
        var merged = new ArrayList<JsonObject>();
        for (Future<JsonArray> list : lists) {
          list.result().forEach(run -> merged.add((JsonObject) run));
        }
        merged.sort(NEWEST_FIRST);
        var executions = new JsonArray();
        merged.stream().limit(max).forEach(executions::add);
        return new JsonObject().put("executions", executions);
      });
    }));
  }

  /** The latest runs of one instance, looked for in wider and wider windows of StartTime until there are enough. */
  private Future<Page<?>> latestOf(String key, String testCase, ExecutionStatus status, int max, int window) {
    Long from = window < WINDOWS_MILLIS.length ? clock.millis() - WINDOWS_MILLIS[window] : null;
    var query = new ListExecutions(instanceKey(key), testCase, null, from, null, status, new PageRequest(max, null));
    return inspect(key, query).compose(page -> from == null || page.items().size() >= max
        ? Future.succeededFuture(page)
        : latestOf(key, testCase, status, max, window + 1));
  }

  /**
   * {@code GET /_emulator/ui/api/records?instanceId&testCaseId&executionId}: the records of one run in run order
   * (at most {@link #MAX_RECORDS}), each with its {@code Record} detail parsed.
   */
  void records(RoutingContext ctx) {
    String instance;
    String testCase;
    String execution;
    try {
      instance = requiredId(ctx, "instanceId");
      testCase = requiredId(ctx, "testCaseId");
      execution = requiredId(ctx, "executionId");
    } catch (AwsFailure invalid) {
      AwsErrors.send(ctx, invalid.type(), invalid.getMessage());
      return;
    }
    var records = new JsonArray();
    reply(ctx, recordPages(instanceKey(instance), testCase, execution, null, records)
        .map(truncated -> new JsonObject().put("records", records).put("truncated", truncated)));
  }

  /** Pages of records appended to {@code into}; true when more remain past {@link #MAX_RECORDS}. */
  private Future<Boolean> recordPages(String key, String testCase, String execution, String after, JsonArray into) {
    var query = new ListRecords(key, testCase, execution, null, new PageRequest(RECORDS_PAGE, after));
    return inspect(key, query).compose(page -> {
      for (Object item : page.items()) {
        into.add(record((RecordView) item));
      }
      if (page.next() == null) {
        return Future.succeededFuture(false);
      }
      return into.size() >= MAX_RECORDS
          ? Future.succeededFuture(true)
          : recordPages(key, testCase, execution, page.next(), into);
    });
  }

  /** The instances with the most runs, from the owners' statistics of the last few seconds. */
  private Future<List<String>> busiestInstances() {
    long now = System.currentTimeMillis();
    if (busiest == null || now - busiestAt > BUSIEST_REUSED_MILLIS || busiest.failed()) {
      busiest = rankInstances();
      busiestAt = now;
    }
    return busiest;
  }

  private Future<List<String>> rankInstances() {
    List<Future<Object>> replies = owners.askEveryOwner(new AdminCommand.ReadStats());
    return Future.all(replies).map(all -> {
      var counted = new ArrayList<Map.Entry<String, Integer>>();
      for (Future<Object> reply : replies) {
        ((AdminCommand.OwnerStats) reply.result()).instances().forEach((key, stats) -> counted.add(
            Map.entry(key, stats.executions().values().stream().mapToInt(Integer::intValue).sum())));
      }
      counted.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
      return counted.stream().filter(entry -> entry.getValue() > 0).limit(MAX_INSTANCES_SEARCHED)
          .map(Map.Entry::getKey).toList();
    });
  }

  private Future<Page<?>> inspect(String key, io.github.connectemulator.owner.protocol.OwnerCommand query) {
    return owners.ask(key, new AdminCommand.Inspect(query)).compose(reply -> reply instanceof AwsFailure failure
        ? Future.failedFuture(failure)
        : Future.succeededFuture((Page<?>) reply));
  }

  private static JsonArray executions(String instance, Page<?> page) {
    var runs = new JsonArray();
    for (Object item : page.items()) {
      var run = (ExecutionView) item;
      runs.add(new JsonObject()
          .put("instanceId", instance)
          .put("executionId", run.executionId())
          .put("testCaseId", run.testCaseId())
          .put("status", run.status().name())
          .put("startTime", run.startTime())
          .put("endTime", run.endTime() < 0 ? null : run.endTime()));
    }
    return runs;
  }

  private static JsonObject record(RecordView record) {
    Object detail;
    try {
      detail = new JsonObject(record.record());
    } catch (DecodeException | ClassCastException notAnObject) {
      detail = record.record();
    }
    return new JsonObject()
        .put("observationId", record.observationId())
        .put("status", record.status().name())
        .put("timestamp", record.timestamp())
        .put("detail", detail);
  }

  /** The owners' key of an instance named as the statistics name it, or by its id or ARN. */
  static String instanceKey(String instance) {
    Matcher scoped = ACCOUNT_SCOPED.matcher(instance);
    return scoped.matches()
        ? InstanceIds.scoped(scoped.group(1), InstanceIds.canonical(scoped.group(2)))
        : InstanceIds.scoped(null, InstanceIds.canonical(instance));
  }

  private static String optionalId(RoutingContext ctx, String name) {
    String value = ctx.queryParams().get(name);
    if (value == null || value.isEmpty()) {
      return null;
    }
    if (value.length() > MAX_ID_LENGTH) {
      throw AwsFailure.invalidParameter(name + " is longer than " + MAX_ID_LENGTH + " characters");
    }
    return value;
  }

  private static String requiredId(RoutingContext ctx, String name) {
    String value = optionalId(ctx, name);
    if (value == null) {
      throw AwsFailure.invalidParameter("Missing required query parameter " + name);
    }
    return value;
  }

  private static ExecutionStatus status(String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      return ExecutionStatus.valueOf(value);
    } catch (IllegalArgumentException unknown) {
      throw AwsFailure.invalidParameter("status must be one of " + List.of(ExecutionStatus.values()));
    }
  }

  private static int maxResults(String value) {
    if (value == null || value.isEmpty()) {
      return DEFAULT_EXECUTIONS;
    }
    try {
      int max = Integer.parseInt(value);
      if (max >= 1 && max <= MAX_EXECUTIONS) {
        return max;
      }
    } catch (NumberFormatException notANumber) {
      // answered below
    }
    throw AwsFailure.invalidParameter("maxResults must be a whole number from 1 to " + MAX_EXECUTIONS);
  }

  private static void reply(RoutingContext ctx, Future<JsonObject> result) {
    result.onComplete(done -> {
      if (done.succeeded()) {
        Responses.json(ctx, done.result().toBuffer());
      } else {
        AwsErrors.sendFailure(ctx, done.cause());
      }
    });
  }
}
