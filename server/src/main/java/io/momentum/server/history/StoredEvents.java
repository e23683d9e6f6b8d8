package io.momentum.server.history;

import io.momentum.streams.engine.Observation;
import io.momentum.streams.engine.WorkStatus;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;

/** Turns events stored in the {@code events} table back into the engine's observations. */
final class StoredEvents {

  private StoredEvents() {
  }

  /**
   * Returns the milestone or work-item observation of a stored event, or null for any other event
   * (values come from the measurements and check-ins tables).
   *
   * @param stored the {@code data} column: the whole CloudEvent as received
   */
  static Observation observation(String nodeId, String type, Instant time, String source, Object stored) {
    JsonObject event = Definitions.json(stored);
    JsonObject data = event.getJsonObject("data");
    if (data == null) {
      return null;
    }
    if ("momentum.keyresult.value".equals(type) && data.containsKey("milestone")) {
      return new Observation.Milestone(nodeId, data.getString("milestone"), data.getBoolean("done", false), time, source);
    }
    if ("momentum.workitem.changed".equals(type)) {
      Object points = data.getValue("storyPoints");
      return new Observation.WorkItem(nodeId, data.getString("system"), data.getString("externalId"), data.getString("itemType"),
          WorkStatus.fromWire(data.getString("statusCategory")), points == null ? null : new BigDecimal(points.toString()),
          data.getBoolean("deleted", false), time, source);
    }
    return null;
  }
}
