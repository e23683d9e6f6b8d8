package io.momentum.server.goals;

import io.momentum.streams.live.LiveStateStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Fills in the current value of KPIs that have none stored in PostgreSQL from the live state. A
 * KPI computed by a formula gets its value from the engine, which keeps it in Hazelcast only.
 */
final class LiveKpiValues {

  private final Vertx vertx;
  private final LiveStateStore liveState;

  LiveKpiValues(Vertx vertx, LiveStateStore liveState) {
    this.vertx = vertx;
    this.liveState = liveState;
  }

  /** Completes with {@code kpi} after filling {@code current}, {@code currentAt} and {@code currentSource} when missing. */
  Future<JsonObject> fill(String orgId, JsonObject kpi) {
    return fill(orgId, List.of(kpi)).map(kpi);
  }

  /** Completes with the page after filling the missing current values of its items. */
  Future<JsonObject> fillPage(String orgId, JsonObject page) {
    List<JsonObject> items = new ArrayList<>();
    page.getJsonArray("items", new JsonArray()).forEach(item -> items.add((JsonObject) item));
    return fill(orgId, items).map(page);
  }

  private Future<Void> fill(String orgId, List<JsonObject> kpis) {
    List<String> missing = kpis.stream().filter(k -> k.getValue("current") == null).map(k -> k.getString("id")).toList();
    if (missing.isEmpty() || liveState == null) {
      return Future.succeededFuture();
    }
    return vertx.executeBlocking(() -> liveState.readNodes(orgId, missing)).map(states -> {
      for (JsonObject kpi : kpis) {
        JsonObject state = states.get(kpi.getString("id"));
        if (kpi.getValue("current") == null && state != null && state.getValue("current") != null) {
          kpi.put("current", state.getValue("current"))
              .put("currentAt", state.getString("updatedAt"))
              .put("currentSource", state.getString("source"));
        }
      }
      return null;
    });
  }
}
