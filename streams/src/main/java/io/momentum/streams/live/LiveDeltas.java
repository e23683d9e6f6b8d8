package io.momentum.streams.live;

import io.momentum.streams.engine.BoardRef;
import io.momentum.streams.engine.Changes;
import io.momentum.streams.engine.NodeState;
import io.momentum.streams.engine.UnitSummary;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Event-bus messages that carry applied changes from an organisation's owner to every node that
 * serves its boards. The bus is clustered through Hazelcast, so a board open on any node moves.
 *
 * <p>A message is {@code {"orgId", "epoch", "boards": {"unit:..": {"from", "to"}}, "nodes": [..],
 * "units": [..]}}; each node and unit entry is the board JSON plus its {@code boards}.
 */
public final class LiveDeltas {

  private static final String ADDRESS_PREFIX = "momentum.live.";

  private LiveDeltas() {
  }

  /** Event-bus address of an organisation's deltas. */
  public static String address(String orgId) {
    return ADDRESS_PREFIX + orgId;
  }

  /**
   * Builds the message that tells every node an organisation's engine was rebuilt under a new
   * epoch: boards must be read again.
   */
  public static JsonObject reset(String orgId, String epoch) {
    return new JsonObject().put("orgId", orgId).put("epoch", epoch).put("reset", true);
  }

  /** Builds the message for one organisation's changes. */
  public static JsonObject message(String orgId, String epoch, Changes changes,
                                   Function<NodeState, List<BoardRef>> nodeBoards,
                                   Function<UnitSummary, List<BoardRef>> unitBoards) {
    JsonObject boards = new JsonObject();
    for (Map.Entry<BoardRef, Changes.VersionRange> entry : changes.boards().entrySet()) {
      boards.put(entry.getKey().toString(), new JsonObject()
          .put("from", entry.getValue().from())
          .put("to", entry.getValue().to()));
    }
    JsonArray nodes = new JsonArray();
    for (NodeState node : changes.nodes()) {
      nodes.add(LiveStateStore.nodeEntry(orgId, node, nodeBoards.apply(node)));
    }
    JsonArray units = new JsonArray();
    for (UnitSummary unit : changes.units()) {
      units.add(LiveStateStore.unitEntry(orgId, unit, unitBoards.apply(unit)));
    }
    return new JsonObject()
        .put("orgId", orgId)
        .put("epoch", epoch)
        .put("boards", boards)
        .put("nodes", nodes)
        .put("units", units);
  }
}
