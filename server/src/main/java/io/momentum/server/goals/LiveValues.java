package io.momentum.server.goals;

import io.momentum.streams.live.LiveStateStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fills in what the engine computes from the live state: the current value of KPIs and key
 * results where PostgreSQL has none or an outdated one, and the progress of initiatives. A KPI
 * computed by a formula gets its value from the engine, which keeps it in Hazelcast only, and a
 * key result that follows a KPI takes the KPI's value there.
 */
public final class LiveValues {

  private final Vertx vertx;
  private final LiveStateStore liveState;

  public LiveValues(Vertx vertx, LiveStateStore liveState) {
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

  /**
   * Completes with {@code page} after adding the engine's {@code progress}, {@code status},
   * {@code updatedAt} and {@code workItems} ({@code {done, total, basis, items}}) to each item, or
   * nulls while the organisation's engine has not published the node.
   */
  public Future<JsonObject> progressPage(String orgId, JsonObject page) {
    List<JsonObject> items = new ArrayList<>();
    page.getJsonArray("items", new JsonArray()).forEach(item -> items.add((JsonObject) item));
    return progress(orgId, items).map(page);
  }

  /** Completes with {@code node} after adding the engine's progress as {@link #progressPage} does. */
  public Future<JsonObject> progress(String orgId, JsonObject node) {
    return progress(orgId, List.of(node)).map(node);
  }

  private Future<Void> progress(String orgId, List<JsonObject> nodes) {
    List<String> ids = nodes.stream().map(node -> node.getString("id")).toList();
    Future<Map<String, JsonObject>> states = ids.isEmpty() || liveState == null
        ? Future.succeededFuture(Map.of())
        : vertx.executeBlocking(() -> liveState.readNodes(orgId, ids));
    return states.map(found -> {
      for (JsonObject node : nodes) {
        JsonObject state = found.getOrDefault(node.getString("id"), new JsonObject());
        node.put("progress", state.getValue("progress"))
            .put("status", state.getString("status"))
            .put("updatedAt", state.getString("updatedAt"))
            .put("workItems", state.getJsonObject("workItems"));
      }
      return null;
    });
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
