package io.github.connectemulator.bus;

import io.github.connectemulator.owner.RunListener;
import io.github.connectemulator.model.Execution;
import io.github.connectemulator.model.ExecutionStatus;
import io.github.connectemulator.model.RecordStatus;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * Publishes every transition of every execution as a JSON event, on {@link BusAddresses#EVENTS} and on the
 * instance's own address. Each event leaves from the owner's event loop as the transition happens, so the events
 * of one execution arrive in order. Two kinds:
 *
 * <pre>
 * {"type":"STATUS", "instanceId", "testCaseId", "executionId", "status":"INITIATED|IN_PROGRESS|PASSED|FAILED|STOPPED",
 *  "timestamp":"2026-11-26T08:00:00.123Z"}
 * {"type":"RECORD", ... "status":(the execution's status), "observationId", "recordStatus":"PASSED|FAILED|STOPPED",
 *  "timestamp"}
 * </pre>
 */
public final class StatusEvents implements RunListener {

  private final EventBus bus;

  public StatusEvents(EventBus bus) {
    this.bus = bus;
  }

  @Override
  public void started(Execution execution) {
    publish(status(execution, execution.startTime()));
  }

  @Override
  public void changed(Execution execution, ExecutionStatus before, int recordsBefore, long at) {
    if (before == ExecutionStatus.IN_PROGRESS && recordsBefore > 0) {
      int open = recordsBefore - 1;
      RecordStatus record = execution.recordStatus(open);
      if (record != RecordStatus.IN_PROGRESS) {
        publish(base(execution, "RECORD", at)
            .put("observationId", execution.observations().get(open).identifier())
            .put("recordStatus", record.name()));
      }
    }
    if (execution.status() != before) {
      publish(status(execution, at));
    }
  }

  private static JsonObject status(Execution execution, long at) {
    return base(execution, "STATUS", at);
  }

  private static JsonObject base(Execution execution, String type, long at) {
    return new JsonObject()
        .put("type", type)
        .put("instanceId", execution.instanceId())
        .put("testCaseId", execution.testCaseId())
        .put("executionId", execution.id())
        .put("status", execution.status().name())
        .put("timestamp", Instant.ofEpochMilli(at).toString());
  }

  private void publish(JsonObject event) {
    bus.publish(BusAddresses.EVENTS, event);
    bus.publish(BusAddresses.events(event.getString("instanceId")), event);
  }
}
