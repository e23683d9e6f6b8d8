package io.momentum.streams.engine;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A KPI and the KPIs that drive it, down to a depth, with current values and the sensitivity of
 * each edge ("what moves this KPI").
 *
 * @param key null when the driver is referenced but not defined
 * @param value the KPI's latest value, null without one
 * @param formula the formula that computes the value, null for a measured KPI
 * @param drivers the direct drivers; empty at the depth limit, where {@code truncated} tells
 *     whether there were more
 * @param truncated true when the KPI has drivers that the depth or size limit left out
 */
public record DriverTree(String id, String key, String title, String unit, BigDecimal value,
                         Status status, boolean stale, Instant updatedAt, String formula,
                         List<Branch> drivers, boolean truncated) {

  /**
   * One driver of a KPI and its sensitivity: the change of the parent KPI when this driver alone
   * rises by 1 %, as an absolute value ({@code change}, in the parent's unit) and as a percentage
   * of the parent's value ({@code changePercent}). Both are null when they cannot be computed: the
   * driver or the parent has no value, the formula gives no value, or the parent's value is 0
   * (percent only).
   *
   * @param estimated true when the parent has no formula and the change is the driver's weight
   *     share times 1 %, not computed
   */
  public record Branch(String variable, BigDecimal weight, BigDecimal change,
                       BigDecimal changePercent, boolean estimated, DriverTree driver) {
  }

  /** Returns the tree as the JSON of {@code GET /api/v1/kpis/{id}/driver-tree}. */
  public JsonObject toJson() {
    JsonArray branches = new JsonArray();
    for (Branch branch : drivers) {
      branches.add(new JsonObject()
          .put("variable", branch.variable())
          .put("weight", branch.weight())
          .put("change", branch.change())
          .put("changePercent", branch.changePercent())
          .put("estimated", branch.estimated())
          .put("kpi", branch.driver().toJson()));
    }
    return new JsonObject()
        .put("id", id)
        .put("key", key)
        .put("title", title)
        .put("unit", unit)
        .put("value", value)
        .put("status", status.wire())
        .put("stale", stale)
        .put("updatedAt", updatedAt == null ? null : updatedAt.toString())
        .put("formula", formula)
        .put("drivers", branches)
        .put("truncated", truncated);
  }
}
