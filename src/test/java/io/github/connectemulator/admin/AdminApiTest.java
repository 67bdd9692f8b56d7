package io.github.connectemulator.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.connectemulator.Emulator;
import io.github.connectemulator.config.EmulatorConfig;
import io.github.connectemulator.testing.EmulatorHttp;
import io.github.connectemulator.testing.HttpReply;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The emulation controls through HTTP: the admin API, quotas, the clock, throttling, seeding and profiles. */
@ExtendWith(VertxExtension.class)
class AdminApiTest {

  static final String JSON = "application/json";

  @TempDir Path dir;
  Vertx vertx;
  EmulatorHttp http;
  String instance = EmulatorHttp.newInstanceId();

  Future<Emulator> deploy(Vertx vertx, Map<String, String> keys) {
    this.vertx = vertx;
    var all = new HashMap<String, String>(Map.of(
        "http.host", "127.0.0.1", "http.port", "0",
        "timing.initiatedMillis", "10", "timing.observationMillis", "20"));
    all.putAll(keys);
    return Emulator.deploy(vertx, EmulatorConfig.withKeys(all)).onSuccess(e -> http = new EmulatorHttp(vertx, e.port()));
  }

  Future<HttpReply> admin(HttpMethod method, String path, JsonObject body) {
    var headers = io.vertx.core.MultiMap.caseInsensitiveMultiMap().add("Content-Type", JSON);
    return http.send(method, "/_emulator" + path, headers, body == null ? null : body.encode());
  }

  Future<JsonObject> pollSummary(String testCase, String execution, Predicate<JsonObject> until) {
    Promise<JsonObject> done = Promise.promise();
    vertx.setPeriodic(10, timer -> http.summary(instance, testCase, execution).onSuccess(reply -> {
      JsonObject summary = reply.assertOk();
      if (until.test(summary)) {
        vertx.cancelTimer(timer);
        done.tryComplete(summary);
      }
    }));
    return done.future();
  }

  Future<String> started(String testCase) {
    return http.start(instance, testCase).map(reply -> reply.assertOk().getString("TestCaseExecutionId"));
  }

  @Test
  void controlsChangeAtRuntimeAndTheQueueQuotaAnswers402(Vertx vertx, VertxTestContext test) {
    deploy(vertx, Map.of())
        .compose(e -> admin(HttpMethod.PUT, "/controls",
            new JsonObject().put("quota.maxQueuedPerInstance", 2).put("timing.observationMillis", 5000)))
        .compose(reply -> {
          test.verify(() -> assertThat(reply.assertOk().getString("quota.maxQueuedPerInstance")).isEqualTo("2"));
          return http.createdTestCase(instance, "quota");
        })
        .compose(testCase -> started(testCase).compose(a -> started(testCase)).compose(b -> http.start(instance, testCase)))
        .compose(third -> {
          test.verify(() -> third.assertError(402, "ServiceQuotaExceededException"));
          return admin(HttpMethod.PUT, "/controls", new JsonObject().put("http.port", 1));
        })
        .compose(notAControl -> {
          test.verify(() -> assertThat(notAControl.assertInvalidParameter()).contains("http.port"));
          return admin(HttpMethod.PUT, "/controls", new JsonObject().put("faults.probability", 2));
        })
        .onComplete(test.succeeding(outOfRange -> test.verify(() -> {
          assertThat(outOfRange.assertInvalidParameter()).contains("faults.probability");
          test.completeNow();
        })));
  }

  @Test
  void aQueuedExecutionStartsWhenASlotFrees(Vertx vertx, VertxTestContext test) {
    String[] ids = new String[3];
    // Observations long enough that the first run is surely still running when the second is looked at.
    deploy(vertx, Map.of("quota.maxRunningPerInstance", "1", "timing.observationMillis", "500"))
        .compose(e -> http.createdTestCase(instance, "one-at-a-time"))
        .compose(testCase -> {
          ids[0] = testCase;
          return started(testCase);
        })
        .compose(first -> {
          ids[1] = first;
          return started(ids[0]);
        })
        .compose(second -> {
          ids[2] = second;
          return pollSummary(ids[0], ids[1], s -> s.getString("Status").equals("IN_PROGRESS"));
        })
        .compose(firstRunning -> http.summary(instance, ids[0], ids[2]))
        .compose(queued -> {
          test.verify(() -> assertThat(queued.assertOk().getString("Status")).isEqualTo("INITIATED"));
          return pollSummary(ids[0], ids[1], s -> s.getString("Status").equals("PASSED"));
        })
        .compose(firstDone -> pollSummary(ids[0], ids[2], s -> s.getString("Status").equals("PASSED"))
            .map(secondDone -> {
              test.verify(() -> assertThat(secondDone.getDouble("EndTime"))
                  .isGreaterThan(firstDone.getDouble("EndTime")));
              return secondDone;
            }))
        .onComplete(test.succeedingThenComplete());
  }

  @Test
  void theAdminClockDrivesTheFiveMinuteCap(Vertx vertx, VertxTestContext test) {
    var tags = new JsonObject().put("emulator:outcome", "TIMEOUT");
    deploy(vertx, Map.of())
        .compose(e -> http.create(instance, EmulatorHttp.createBody("timeout").put("Tags", tags)))
        .map(reply -> reply.assertOk().getString("TestCaseId"))
        .compose(testCase -> started(testCase)
            .compose(execution -> pollSummary(testCase, execution,
                    s -> s.getJsonObject("ObservationSummary").getInteger("ObservationsPassed") == 1)
                .compose(waiting -> admin(HttpMethod.POST, "/clock/advance", new JsonObject().put("millis", 300_000)))
                .compose(clock -> {
                  test.verify(() -> assertThat(clock.assertOk().getLong("offsetMillis")).isEqualTo(300_000L));
                  return http.summary(instance, testCase, execution);
                })
                .compose(summary -> {
                  test.verify(() -> {
                    JsonObject json = summary.assertOk();
                    assertThat(json.getString("Status")).isEqualTo("FAILED");
                    assertThat(json.getJsonObject("ObservationSummary").getInteger("ObservationsFailed")).isEqualTo(1);
                  });
                  return http.get("/test-cases/" + instance + "/" + testCase + "/" + execution + "/records");
                })))
        .onComplete(test.succeeding(records -> test.verify(() -> {
          var list = records.assertOk().getJsonArray("ExecutionRecords");
          assertThat(list.getJsonObject(list.size() - 1).getString("Status")).isEqualTo("FAILED");
          test.completeNow();
        })));
  }

  @Test
  void manualRunsMoveOnAdminSteps(Vertx vertx, VertxTestContext test) {
    deploy(vertx, Map.of("timing.mode", "manual", "timing.manualPollsPerStep", "1000"))
        .compose(e -> http.createdTestCase(instance, "manual"))
        .compose(testCase -> started(testCase)
            .compose(execution -> admin(HttpMethod.POST, "/executions/advance",
                    new JsonObject().put("instanceId", instance).put("steps", 10))
                .compose(stepped -> {
                  test.verify(() -> assertThat(stepped.assertOk().getInteger("runsAdvanced")).isEqualTo(1));
                  return http.summary(instance, testCase, execution);
                })))
        .onComplete(test.succeeding(summary -> test.verify(() -> {
          assertThat(summary.assertOk().getString("Status")).isEqualTo("PASSED");
          test.completeNow();
        })));
  }

  @Test
  void statsCountWhatExistsAndResetForgetsIt(Vertx vertx, VertxTestContext test) {
    deploy(vertx, Map.of())
        .compose(e -> http.createdTestCase(instance, "counted"))
        .compose(testCase -> started(testCase).map(execution -> testCase))
        .compose(testCase -> admin(HttpMethod.GET, "/stats", null).compose(stats -> {
          test.verify(() -> {
            JsonObject json = stats.assertOk();
            assertThat(json.getInteger("testCases")).isEqualTo(1);
            JsonObject perInstance = json.getJsonObject("instances").getJsonObject(instance);
            assertThat(perInstance.getInteger("testCases")).isEqualTo(1);
            assertThat(perInstance.getInteger("running") + perInstance.getInteger("queued")
                + perInstance.getJsonObject("executions").getInteger("PASSED", 0)).isEqualTo(1);
          });
          return admin(HttpMethod.POST, "/reset", null);
        }).compose(reset -> http.describe(instance, testCase)))
        .compose(gone -> {
          test.verify(() -> gone.assertError(404, "ResourceNotFoundException"));
          return admin(HttpMethod.GET, "/stats", null);
        })
        .onComplete(test.succeeding(stats -> test.verify(() -> {
          assertThat(stats.assertOk().getInteger("testCases")).isZero();
          test.completeNow();
        })));
  }

  @Test
  void throttledCallsGet429ThrottlingException(Vertx vertx, VertxTestContext test) {
    deploy(vertx, Map.of("throttle.requestsPerSecond", "1", "throttle.burst", "2"))
        .compose(e -> http.describe(instance, "a"))
        .compose(first -> {
          test.verify(() -> first.assertError(404, "ResourceNotFoundException"));
          return http.describe(instance, "b");
        })
        .compose(second -> http.describe(instance, "c"))
        .onComplete(test.succeeding(third -> test.verify(() -> {
          third.assertError(429, "ThrottlingException");
          test.completeNow();
        })));
  }

  @Test
  void injectedFaultsAnswerTheConfiguredError(Vertx vertx, VertxTestContext test) {
    deploy(vertx, Map.of("faults.probability", "1", "faults.operations", "DescribeTestCase"))
        .compose(e -> http.describe(instance, "any"))
        .compose(faulted -> {
          test.verify(() -> faulted.assertError(500, "InternalServiceException"));
          return http.createdTestCase(instance, "not-faulted");
        })
        .onComplete(test.succeedingThenComplete());
  }

  @Test
  void theAdminApiCanBeTurnedOff(Vertx vertx, VertxTestContext test) {
    deploy(vertx, Map.of("admin.enabled", "false"))
        .compose(e -> admin(HttpMethod.GET, "/config", null))
        .onComplete(test.succeeding(reply -> test.verify(() -> {
          reply.assertError(404, "UnknownOperationException");
          test.completeNow();
        })));
  }

  @Test
  void seededTestCasesExistAtStartWithIdsThatRepeat(Vertx vertx, VertxTestContext test) throws IOException {
    Path seed = dir.resolve("seed.json");
    Files.writeString(seed, new JsonObject().put("testCases", new io.vertx.core.json.JsonArray()
        .add(new JsonObject().put("instanceId", instance).put("name", "seeded")
            .put("content", new JsonObject(EmulatorHttp.createBody("x").getString("Content")))
            .put("tags", new JsonObject().put("team", "load")))).encode());
    var keys = Map.of("seed.file", seed.toString(), "ids.seed", "42");
    deploy(vertx, keys)
        .compose(first -> http.get("/test-cases-summary/" + instance).compose(list -> first.undeploy().map(list)))
        .compose(list -> {
          String id = list.assertOk().getJsonArray("TestCaseSummaryList").getJsonObject(0).getString("Id");
          return Emulator.deploy(vertx, EmulatorConfig.withKeys(new HashMap<>(Map.of(
                  "http.host", "127.0.0.1", "http.port", "0", "seed.file", seed.toString(), "ids.seed", "42"))))
              .compose(again -> new EmulatorHttp(vertx, again.port()).describe(instance, id))
              .map(describe -> describe.assertOk().getJsonObject("TestCase"));
        })
        .onComplete(test.succeeding(testCase -> test.verify(() -> {
          assertThat(testCase.getString("Name")).isEqualTo("seeded");
          assertThat(testCase.getJsonObject("Tags").getString("team")).isEqualTo("load");
          test.completeNow();
        })));
  }

  @Test
  void theLoadtestProfileHasNoQuota(Vertx vertx, VertxTestContext test) {
    deploy(vertx, Map.of("profile", "loadtest"))
        .compose(e -> http.createdTestCase(instance, "many"))
        .compose(testCase -> EmulatorHttp.sequentially(120,
            i -> http.start(instance, testCase).map(reply -> reply.assertOk())))
        .compose(v -> admin(HttpMethod.GET, "/config", null))
        .onComplete(test.succeeding(config -> test.verify(() -> {
          JsonObject json = config.assertOk();
          assertThat(json.getString("profile")).isEqualTo("loadtest");
          assertThat(json.getJsonObject("values").getString("quota.maxQueuedPerInstance")).isEqualTo("0");
          test.completeNow();
        })));
  }

  @Test
  void aFailureRatioOfOneFailsEveryUntaggedRun(Vertx vertx, VertxTestContext test) {
    deploy(vertx, Map.of("outcome.failureRatio", "1", "timing.mode", "immediate"))
        .compose(e -> http.createdTestCase(instance, "doomed"))
        .compose(testCase -> started(testCase).compose(execution -> http.summary(instance, testCase, execution)))
        .onComplete(test.succeeding(summary -> test.verify(() -> {
          JsonObject json = summary.assertOk();
          assertThat(json.getString("Status")).as("immediate mode: ended at Start").isEqualTo("FAILED");
          assertThat(json.getJsonObject("ObservationSummary").getInteger("ObservationsFailed")).isEqualTo(1);
          test.completeNow();
        })));
  }

  @Test
  void injectedLatencyDelaysOnlyTheChosenOperation(Vertx vertx, VertxTestContext test) {
    long[] elapsed = new long[2];
    // Long enough that an undelayed request on a busy machine stays well below it.
    deploy(vertx, Map.of("faults.latencyMinMillis", "600", "faults.latencyMaxMillis", "600",
            "faults.operations", "StartTestCaseExecution"))
        .compose(e -> http.createdTestCase(instance, "slow-start"))
        .compose(testCase -> {
          long before = System.nanoTime();
          return started(testCase).compose(execution -> {
            elapsed[0] = (System.nanoTime() - before) / 1_000_000;
            long again = System.nanoTime();
            return http.summary(instance, testCase, execution).map(summary -> {
              elapsed[1] = (System.nanoTime() - again) / 1_000_000;
              return summary.assertOk();
            });
          });
        })
        .onComplete(test.succeeding(summary -> test.verify(() -> {
          assertThat(elapsed[0]).as("Start waited for its injected latency").isGreaterThanOrEqualTo(600);
          assertThat(elapsed[1]).as("Summary is not delayed").isLessThan(600);
          test.completeNow();
        })));
  }

  @Test
  void switchingToTheLoadtestProfileAtRuntimeLiftsTheQuotas(Vertx vertx, VertxTestContext test) {
    deploy(vertx, Map.of())
        .compose(e -> admin(HttpMethod.PUT, "/controls", new JsonObject().put("profile", "loadtest")))
        .compose(controls -> {
          test.verify(() -> {
            JsonObject json = controls.assertOk();
            assertThat(json.getString("profile")).isEqualTo("loadtest");
            assertThat(json.getString("quota.maxQueuedPerInstance")).isEqualTo("0");
          });
          return http.createdTestCase(instance, "unbounded");
        })
        .compose(testCase -> EmulatorHttp.sequentially(110,
            i -> http.start(instance, testCase).map(reply -> reply.assertOk())))
        .compose(v -> admin(HttpMethod.PUT, "/controls", new JsonObject().put("profile", "mars")))
        .onComplete(test.succeeding(unknown -> test.verify(() -> {
          assertThat(unknown.assertInvalidParameter()).contains("mars");
          test.completeNow();
        })));
  }
}
