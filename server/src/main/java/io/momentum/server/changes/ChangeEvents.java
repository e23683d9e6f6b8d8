package io.momentum.server.changes;

import io.momentum.streams.engine.Measurement;
import io.momentum.streams.engine.NodeState;
import io.momentum.streams.engine.StatusChange;
import io.momentum.streams.event.CloudEvent;
import io.momentum.streams.event.EventData;
import io.momentum.streams.ingest.AppliedEvent;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * Builds the CloudEvents of outbound changes from what changed. Each id is derived from what
 * identifies the change, so writing the same change twice appends one outbox row.
 */
public final class ChangeEvents {

  private ChangeEvents() {
  }

  /** Builds the {@code momentum.keyresult.status_changed} event of an announced status change. */
  public static JsonObject statusChanged(StatusChange change, Instant now) {
    NodeState node = change.node();
    JsonObject board = node.toJson();
    JsonObject data = new JsonObject()
        .put("nodeId", node.id())
        .put("key", node.key())
        .put("title", node.title())
        .put("unitId", node.unitId())
        .put("cycleId", node.cycleId())
        .put("from", change.from().wire())
        .put("to", change.to().wire())
        .put("progress", node.progress())
        .put("expected", node.expected())
        .put("confidence", node.confidence())
        .put("forecast", board.getValue("forecast"))
        .put("version", node.version())
        .put("reason", change.reason());
    UUID id = derivedId(node.orgId(), ChangeTypes.KEY_RESULT_STATUS_CHANGED, node.id(), String.valueOf(change.sequence()));
    return ChangeOutbox.event(node.orgId(), id, ChangeTypes.KEY_RESULT_STATUS_CHANGED, node.key(), now, data);
  }

  /**
   * Builds the {@code momentum.checkin.recorded} event of a newly stored check-in. Its {@code
   * applied} is false for a late check-in, which is kept in history only.
   */
  public static JsonObject checkInRecorded(AppliedEvent applied, Instant now) {
    CloudEvent event = applied.resolved().event();
    EventData.CheckIn checkIn = (EventData.CheckIn) event.data();
    NodeState node = applied.node();
    JsonObject data = new JsonObject()
        .put("nodeId", applied.resolved().nodeId())
        .put("key", node == null ? null : node.key())
        .put("title", node == null ? null : node.title())
        .put("unitId", node == null ? null : node.unitId())
        .put("cycleId", node == null ? null : node.cycleId())
        .put("value", checkIn.value())
        .put("confidence", checkIn.confidence())
        .put("note", checkIn.note())
        .put("blockers", checkIn.blockers())
        .put("observedAt", event.time().toString())
        .put("source", event.source())
        .put("applied", applied.applied());
    if (node != null && node.measurement() == Measurement.MILESTONE) {
      // A check-in made in the app sends its milestone marks as events just before the check-in.
      data.put("milestones", node.toJson().getValue("milestones"));
    }
    UUID id = derivedId(event.orgId(), ChangeTypes.CHECKIN_RECORDED, event.source(), event.id());
    String subject = node == null ? applied.resolved().nodeId() : node.key();
    return ChangeOutbox.event(event.orgId(), id, ChangeTypes.CHECKIN_RECORDED, subject, now, data);
  }

  /**
   * Builds a cycle event from the cycle's API JSON (as {@code GoalJson.cycle} maps it). The id
   * is derived from the cycle's version, which every change of a cycle increments.
   *
   * @param closing for {@code momentum.cycle.closed}: who closed it and how many nodes were closed
   *     and carried over; null for the other types
   */
  public static JsonObject cycle(String orgId, String type, JsonObject cycle, Closing closing, Instant now) {
    JsonObject data = new JsonObject()
        .put("cycleId", cycle.getString("id"))
        .put("key", cycle.getString("key"))
        .put("name", cycle.getString("name"))
        .put("kind", cycle.getString("kind"))
        .put("parentId", cycle.getString("parentId"))
        .put("startDate", cycle.getString("start"))
        .put("endDate", cycle.getString("end"))
        .put("state", Boolean.TRUE.equals(cycle.getBoolean("closed")) ? "closed" : "open")
        .put("version", cycle.getInteger("version"));
    if (closing != null) {
      data.put("closedBy", closing.closedBy())
          .put("closedAt", cycle.getString("closedAt"))
          .put("nodesClosed", closing.nodesClosed())
          .put("carriedOver", closing.carriedOver());
    }
    UUID id = derivedId(orgId, type, cycle.getString("id"), String.valueOf(cycle.getInteger("version")));
    return ChangeOutbox.event(orgId, id, type, cycle.getString("key"), now, data);
  }

  /**
   * Appends a cycle event built by {@link #cycle} in the caller's transaction and completes with
   * the cycle's JSON.
   */
  public static Future<JsonObject> appendCycle(SqlClient transaction, String orgId, String type, JsonObject cycle,
                                               Closing closing) {
    return ChangeOutbox.append(transaction, cycle(orgId, type, cycle, closing, Instant.now())).map(cycle);
  }

  /** Closing details of a cycle: its closer, the number of nodes with frozen results, and the number of objectives carried over. */
  public record Closing(String closedBy, int nodesClosed, int carriedOver) {
  }

  private static UUID derivedId(String orgId, String type, String... parts) {
    StringBuilder name = new StringBuilder(orgId).append('/').append(type);
    for (String part : parts) {
      name.append('/').append(part);
    }
    return UUID.nameUUIDFromBytes(name.toString().getBytes(StandardCharsets.UTF_8));
  }
}
