package io.momentum.server.cycles;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.momentum.server.http.ApiException;
import io.momentum.streams.live.LiveEntry;
import io.momentum.streams.live.LiveStateStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Reads the engine's current state of single nodes (board JSON: progress, raw, status, current,
 * confidence) from the cluster's live state, for closing cycles and exports.
 */
public final class LiveNodes {

  private final Vertx vertx;
  private final IMap<String, String> nodes;
  private final IMap<String, String> epochs;

  public LiveNodes(Vertx vertx, HazelcastInstance hazelcast) {
    this.vertx = vertx;
    this.nodes = hazelcast.getMap(LiveStateStore.NODES_MAP);
    this.epochs = hazelcast.getMap(LiveStateStore.EPOCHS_MAP);
  }

  /**
   * Completes with the board JSON of each node found, by node id. Fails with 503 while the
   * organisation's engine is being built, since no state can be read then.
   */
  public Future<Map<String, JsonObject>> read(String orgId, Collection<String> ids) {
    return vertx.executeBlocking(() -> {
      if (epochs.get(orgId) == null) {
        throw new ApiException(503, "live_state_loading", "The live state of organisation " + orgId
            + " is being built; retry in a few seconds");
      }
      Set<String> keys = new LinkedHashSet<>();
      for (String id : ids) {
        keys.add(LiveEntry.mapKey(orgId, false, id));
      }
      Map<String, JsonObject> result = new HashMap<>();
      if (keys.isEmpty()) {
        return result;
      }
      nodes.getAll(keys).forEach((key, json) -> {
        JsonObject node = new JsonObject(json);
        result.put(node.getString("id"), node);
      });
      return result;
    }, false);
  }
}
