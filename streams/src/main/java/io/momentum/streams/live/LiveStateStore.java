package io.momentum.streams.live;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;
import io.momentum.streams.engine.BoardRef;
import io.momentum.streams.engine.NodeState;
import io.momentum.streams.engine.UnitSummary;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The rolled-up goal state of every organisation, held in Hazelcast maps so that any node of the
 * cluster can read any board. Only the owner of an organisation (the node consuming its Kafka
 * partition) writes it.
 *
 * <p>Each entry is a node or unit summary in board JSON, plus {@code orgId}, {@code entity}
 * ({@code node} or {@code unit}) and {@code boards}, the boards it belongs to. The {@code boards}
 * index lets a board be read with one query. The methods block on Hazelcast: call them from a
 * worker thread, except the asynchronous {@link #write}.
 */
public final class LiveStateStore {

  /** Hazelcast map of nodes and unit summaries, keyed by {@code orgId/id}. */
  public static final String NODES_MAP = "momentum.live.nodes";
  /** Hazelcast map from organisation id to the epoch of its current engine. */
  public static final String EPOCHS_MAP = "momentum.live.epochs";

  private final IMap<String, HazelcastJsonValue> nodes;
  private final IMap<String, String> epochs;

  public LiveStateStore(HazelcastInstance hazelcast) {
    this.nodes = hazelcast.getMap(NODES_MAP);
    this.epochs = hazelcast.getMap(EPOCHS_MAP);
  }

  /** A board read from the cluster: its members in board JSON and its version (the sum of theirs). */
  public record BoardState(String epoch, long version, JsonArray nodes, JsonArray units) {
  }

  /**
   * Replaces everything held for {@code orgId} with a freshly built state and a new epoch.
   * Versions of different epochs are not comparable, so live clients resubscribe.
   */
  public void replaceOrg(String orgId, String epoch, Collection<NodeState> nodeStates,
                         Collection<UnitSummary> units, Function<NodeState, List<BoardRef>> nodeBoards,
                         Function<UnitSummary, List<BoardRef>> unitBoards) {
    nodes.removeAll(Predicates.equal("orgId", orgId));
    nodes.putAll(entries(orgId, nodeStates, units, nodeBoards, unitBoards));
    epochs.put(orgId, epoch);
  }

  /**
   * Writes the entries of a delta message built by {@link LiveDeltas#message}; completes when the
   * cluster holds them. The message's entries are the map's entries, so nothing is encoded twice.
   */
  public CompletionStage<Void> write(String orgId, JsonObject deltaMessage) {
    Map<String, HazelcastJsonValue> entries = new HashMap<>();
    addEntries(orgId, deltaMessage.getJsonArray("nodes"), entries);
    addEntries(orgId, deltaMessage.getJsonArray("units"), entries);
    return nodes.putAllAsync(entries);
  }

  private static void addEntries(String orgId, JsonArray array, Map<String, HazelcastJsonValue> entries) {
    for (int i = 0; i < array.size(); i++) {
      JsonObject entry = array.getJsonObject(i);
      String key = "unit".equals(entry.getString("entity"))
          ? orgId + "/unit/" + entry.getString("id")
          : orgId + "/" + entry.getString("id");
      entries.put(key, new HazelcastJsonValue(entry.encode()));
    }
  }

  /** Removes every entry of an organisation, for example when its engine is dropped for good. */
  public void removeOrg(String orgId) {
    nodes.removeAll(Predicates.equal("orgId", orgId));
    epochs.remove(orgId);
  }

  /** Returns the epoch of the organisation's engine, or null when no node has built it yet. */
  public String epoch(String orgId) {
    return epochs.get(orgId);
  }

  /** Reads one board of one organisation. */
  public BoardState read(String orgId, BoardRef board) {
    String epoch = epochs.get(orgId);
    Collection<HazelcastJsonValue> values = nodes.values(Predicates.and(
        Predicates.equal("orgId", orgId), Predicates.equal("boards[any]", board.toString())));
    JsonArray nodeArray = new JsonArray();
    JsonArray unitArray = new JsonArray();
    long version = 0;
    for (HazelcastJsonValue value : values) {
      JsonObject json = new JsonObject(value.getValue());
      String entity = (String) json.remove("entity");
      json.remove("orgId");
      json.remove("boards");
      version += json.getLong("version", 0L);
      ("unit".equals(entity) ? unitArray : nodeArray).add(json);
    }
    return new BoardState(epoch, version, nodeArray, unitArray);
  }

  /** Returns the board JSON of one node or unit summary plus its boards, as held in the map. */
  public static JsonObject nodeEntry(String orgId, NodeState node, List<BoardRef> boards) {
    return node.toJson().put("orgId", orgId).put("entity", "node").put("boards", boardArray(boards));
  }

  /** Returns the board JSON of one unit summary plus its boards, as held in the map. */
  public static JsonObject unitEntry(String orgId, UnitSummary unit, List<BoardRef> boards) {
    return unit.toJson().put("orgId", orgId).put("entity", "unit").put("boards", boardArray(boards));
  }

  private static Map<String, HazelcastJsonValue> entries(
      String orgId, Collection<NodeState> nodeStates, Collection<UnitSummary> units,
      Function<NodeState, List<BoardRef>> nodeBoards, Function<UnitSummary, List<BoardRef>> unitBoards) {
    Map<String, HazelcastJsonValue> entries = new HashMap<>();
    for (NodeState node : nodeStates) {
      entries.put(orgId + "/" + node.id(),
          new HazelcastJsonValue(nodeEntry(orgId, node, nodeBoards.apply(node)).encode()));
    }
    for (UnitSummary unit : units) {
      entries.put(orgId + "/unit/" + unit.id(),
          new HazelcastJsonValue(unitEntry(orgId, unit, unitBoards.apply(unit)).encode()));
    }
    return entries;
  }

  private static JsonArray boardArray(List<BoardRef> boards) {
    JsonArray array = new JsonArray();
    boards.forEach(b -> array.add(b.toString()));
    return array;
  }
}
