package io.momentum.server.goals;

import io.momentum.streams.live.LiveStateStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Fills in the current value of KPIs and key results from the live state where PostgreSQL has
 * none or an outdated one. A KPI computed by a formula gets its value from the engine, which keeps
 * it in Hazelcast only, and a key result that follows a KPI takes the KPI's value there.
 */
final class LiveValues {

  private final Vertx vertx;
  private final LiveStateStore liveState;

  LiveValues(Vertx vertx, LiveStateStore liveState) {
    this.vertx = vertx;
    this.liveState = liveState;
  }

  /**
   * Completes with {@code node} (a KPI or key result) after taking {@code current},
   * {@code currentAt} and {@code currentSource} from the live state when they are missing or the
   * node follows a KPI.
   */
  Future<JsonObject> fill(String orgId, JsonObject node) {
    return fill(orgId, List.of(node)).map(node);
  }

  /** Completes with the page after filling the missing current values of its items. */
  Future<JsonObject> fillPage(String orgId, JsonObject page) {
    List<JsonObject> items = new ArrayList<>();
    page.getJsonArray("items", new JsonArray()).forEach(item -> items.add((JsonObject) item));
    return fill(orgId, items).map(page);
  }

  private Future<Void> fill(String orgId, List<JsonObject> nodes) {
    List<String> live = nodes.stream().filter(LiveValues::takesLiveValue).map(node -> node.getString("id")).toList();
    if (live.isEmpty() || liveState == null) {
      return Future.succeededFuture();
    }
    return vertx.executeBlocking(() -> liveState.readNodes(orgId, live)).map(states -> {
      for (JsonObject node : nodes) {
        JsonObject state = states.get(node.getString("id"));
        if (takesLiveValue(node) && state != null && state.getValue("current") != null) {
          node.put("current", state.getValue("current"))
              .put("currentAt", state.getString("updatedAt"))
              .put("currentSource", state.getString("source"));
        }
      }
      return null;
    });
  }

  private static boolean takesLiveValue(JsonObject node) {
    return node.getValue("current") == null || node.getValue("kpiId") != null;
  }
}
