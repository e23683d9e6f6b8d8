package io.momentum.streams.engine;

import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * Score of one unit over its objectives whose cycle overlaps today: the unweighted mean progress,
 * a status, counts per status, and the lowest confidence.
 */
public record UnitSummary(
    String id, String orgId, String key, String name, UnitKind kind, String parentId,
    BigDecimal progress, boolean noData, Status status, int objectives,
    Map<Status, Integer> counts, Integer confidence, Instant updatedAt, long version) {

  /** Returns the summary in the board format of the REST API and the live protocol. */
  public JsonObject toJson() {
    JsonObject countsJson = new JsonObject();
    for (Status s : new Status[] {Status.ON_TRACK, Status.AT_RISK, Status.OFF_TRACK, Status.PENDING}) {
      countsJson.put(s.wire(), counts.getOrDefault(s, 0));
    }
    return new JsonObject()
        .put("id", id)
        .put("key", key)
        .put("name", name)
        .put("kind", kind.wire())
        .put("parentId", parentId)
        .put("progress", progress)
        .put("noData", noData)
        .put("status", status.wire())
        .put("objectives", objectives)
        .put("counts", countsJson)
        .put("confidence", confidence)
        .put("updatedAt", updatedAt == null ? null : updatedAt.toString())
        .put("version", version);
  }
}
