package io.momentum.streams.live;

import io.momentum.streams.engine.BoardRef;
import io.momentum.streams.engine.Changes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Event-bus messages that carry applied changes from an organisation's owner to every node that
 * serves its boards. The bus is clustered through Hazelcast, so a board open on any node moves.
 *
 * <p>A message is {@code {"orgId", "epoch", "boards": {"unit:..": {"from", "to"}}, "entries":
 * [LiveEntry...], "removed": {"unit:..": [nodeId...]}}}, where {@code removed} lists per board the
 * nodes that left it (removed, or moved to other boards); a reset message, sent when the engine was rebuilt, is {@code {"orgId",
 * "epoch", "reset": true}}.
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

  /**
   * Builds the message for one organisation's changes, whose entries are already encoded.
   *
   * @param left ids of the nodes that left each board, by board name
   */
  public static JsonObject message(String orgId, String epoch, Map<BoardRef, Changes.VersionRange> boardRanges,
                                   Collection<LiveEntry> entries, Map<String, List<String>> left) {
    JsonObject boards = new JsonObject();
    for (Map.Entry<BoardRef, Changes.VersionRange> range : boardRanges.entrySet()) {
      boards.put(range.getKey().toString(), new JsonObject()
          .put("from", range.getValue().from())
          .put("to", range.getValue().to()));
    }
    JsonArray array = new JsonArray();
    entries.forEach(e -> array.add(e.toJson()));
    JsonObject removed = new JsonObject();
    left.forEach((board, ids) -> removed.put(board, new JsonArray(List.copyOf(ids))));
    return new JsonObject()
        .put("orgId", orgId)
        .put("epoch", epoch)
        .put("boards", boards)
        .put("entries", array)
        .put("removed", removed);
  }
}
