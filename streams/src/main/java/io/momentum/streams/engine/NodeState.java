package io.momentum.streams.engine;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Immutable state of one goal node as boards show it: its definition fields, the computed
 * progress, status and forecast, and its version. {@link #toJson()} gives the board node format.
 *
 * <p>{@code workDone}, {@code workTotal} and {@code workItems} describe the linked work of a
 * {@code work_items} key result or an initiative; {@code workBasis} is "points" or "count".
 * {@code exampleNumbers} marks a key result whose start and target are still a draft's library
 * example numbers.
 */
public record NodeState(
    String id, String orgId, String key, NodeKind kind, Measurement measurement, String title,
    String parentId, String unitId, String cycleId, String ownerName, BigDecimal weight,
    BigDecimal progress, BigDecimal raw, BigDecimal expected, Status status, boolean noData,
    boolean stale, Integer confidence, Forecast forecast, BigDecimal current, BigDecimal start,
    BigDecimal target, BigDecimal low, BigDecimal high, String unit, String zone,
    BigDecimal commit, BigDecimal stretch, List<MilestoneDef> milestones, BigDecimal workDone,
    BigDecimal workTotal, String workBasis, int workItems, Measurement direction,
    BigDecimal green, BigDecimal red, boolean exampleNumbers, Instant updatedAt, String source,
    long version) {

  /** Returns the node in the board format of the REST API and the live protocol. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("id", id)
        .put("key", key)
        .put("kind", kind.wire())
        .put("measurement", measurement == null ? null : measurement.wire())
        .put("title", title)
        .put("parentId", parentId)
        .put("unitId", unitId)
        .put("cycleId", cycleId)
        .put("ownerName", ownerName)
        .put("weight", weight)
        .put("progress", progress)
        .put("raw", raw)
        .put("expected", expected)
        .put("status", status.wire())
        .put("noData", noData)
        .put("stale", stale)
        .put("confidence", confidence)
        .put("forecast", forecastJson())
        .put("current", current)
        .put("start", start)
        .put("target", target)
        .put("low", low)
        .put("high", high)
        .put("unit", unit)
        .put("zone", zone)
        .put("commit", commit)
        .put("stretch", stretch)
        .put("milestones", milestonesJson())
        .put("workItems", workJson())
        .put("direction", direction == null ? null : direction.wire())
        .put("green", green)
        .put("red", red)
        .put("exampleNumbers", exampleNumbers)
        .put("updatedAt", updatedAt == null ? null : updatedAt.toString())
        .put("source", source)
        .put("version", version);
    return json;
  }

  private JsonObject forecastJson() {
    if (forecast == null) {
      return null;
    }
    return new JsonObject()
        .put("value", forecast.value())
        .put("progress", forecast.progress())
        .put("reason", forecast.reason())
        .put("code", forecast.code())
        .put("points", forecast.points());
  }

  private JsonArray milestonesJson() {
    if (measurement != Measurement.MILESTONE) {
      return null;
    }
    JsonArray array = new JsonArray();
    for (MilestoneDef m : milestones) {
      array.add(new JsonObject()
          .put("id", m.id())
          .put("title", m.title())
          .put("weight", m.weight() == null ? BigDecimal.ONE : m.weight())
          .put("done", m.done()));
    }
    return array;
  }

  private JsonObject workJson() {
    if (workBasis == null) {
      return null;
    }
    return new JsonObject()
        .put("done", workDone)
        .put("total", workTotal)
        .put("basis", workBasis)
        .put("items", workItems);
  }
}
