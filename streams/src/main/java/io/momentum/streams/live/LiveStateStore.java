package io.momentum.streams.live;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;
import io.momentum.streams.engine.BoardRef;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * The rolled-up goal state of every organisation, held in Hazelcast maps so that any node of the
 * cluster can read any board. Only the owner of an organisation (the node consuming its Kafka
 * partition) writes it.
 *
 * <p>One map holds each node and unit summary as board JSON, a string that is written as the
 * owner encoded it and never parsed by Hazelcast. A second map holds each board's members, which
 * change only when a node is added or re-aligned. Reading a board is a lookup of its members and
 * one {@code getAll}. The methods block on Hazelcast: call them from a worker thread, except the
 * asynchronous {@link #write}.
 */
public final class LiveStateStore {

  /** Hazelcast map of nodes and unit summaries: {@code orgId/id} or {@code orgId/unit/id} to board JSON. */
  public static final String NODES_MAP = "momentum.live.nodes";
  /** Hazelcast map of board members: {@code orgId|board} to the keys of its entries in {@link #NODES_MAP}. */
  public static final String BOARDS_MAP = "momentum.live.boards";
  /** Hazelcast map from organisation id to the epoch of its current engine. */
  public static final String EPOCHS_MAP = "momentum.live.epochs";

  private final IMap<String, String> nodes;
  private final IMap<String, ArrayList<String>> boards;
  private final IMap<String, String> epochs;

  public LiveStateStore(HazelcastInstance hazelcast) {
    this.nodes = hazelcast.getMap(NODES_MAP);
    this.boards = hazelcast.getMap(BOARDS_MAP);
    this.epochs = hazelcast.getMap(EPOCHS_MAP);
  }

  /** A board read from the cluster: its members in board JSON and its version (the sum of theirs). */
  public record BoardState(String epoch, long version, JsonArray nodes, JsonArray units) {
  }

  /**
   * Replaces everything held for {@code orgId} with a freshly built state and a new epoch.
   * Versions of different epochs are not comparable, so live clients resubscribe.
   *
   * @param members keys of each board's entries, by board name
   */
  public void replaceOrg(String orgId, String epoch, Collection<LiveEntry> entries, Map<String, List<String>> members) {
    nodes.removeAll(Predicates.like("__key", orgId + "/%"));
    boards.removeAll(Predicates.like("__key", orgId + "|%"));
    nodes.putAll(entryMap(orgId, entries));
    boards.putAll(memberMap(orgId, members));
    epochs.put(orgId, epoch);
  }

  /**
   * Writes changed entries, deletes the entries of removed nodes, and writes the members of boards
   * whose membership changed; completes when the cluster stores them.
   *
   * @param removedKeys map keys ({@link LiveEntry#mapKey}) of removed nodes
   */
  public CompletionStage<Void> write(String orgId, Collection<LiveEntry> entries, Collection<String> removedKeys,
                                     Map<String, List<String>> members) {
    CompletionStage<Void> written = nodes.putAllAsync(entryMap(orgId, entries));
    for (String key : removedKeys) {
      if (!key.startsWith(orgId + "/")) {
        throw new IllegalArgumentException("invalid key " + key + ": it does not belong to organisation " + orgId);
      }
      // A node removed and added again in the same write keeps its new entry.
      if (entries.stream().noneMatch(e -> e.mapKey(orgId).equals(key))) {
        written = written.thenCompose(v -> nodes.removeAsync(key).thenApply(previous -> (Void) null));
      }
    }
    if (members.isEmpty()) {
      return written;
    }
    return written.thenCompose(v -> boards.putAllAsync(memberMap(orgId, members)));
  }

  /** Removes every entry of an organisation, for example when its engine is dropped for good. */
  public void removeOrg(String orgId) {
    nodes.removeAll(Predicates.like("__key", orgId + "/%"));
    boards.removeAll(Predicates.like("__key", orgId + "|%"));
    epochs.remove(orgId);
  }

  /** Returns the epoch of the organisation's engine, or null when no node has built it yet. */
  public String epoch(String orgId) {
    return epochs.get(orgId);
  }

  /** Reads one board of one organisation; a board without members reads as empty. */
  public BoardState read(String orgId, BoardRef board) {
    String epoch = epochs.get(orgId);
    List<String> keys = boards.get(boardKey(orgId, board.toString()));
    JsonArray nodeArray = new JsonArray();
    JsonArray unitArray = new JsonArray();
    long version = 0;
    if (keys != null && !keys.isEmpty()) {
      Map<String, String> values = nodes.getAll(new LinkedHashSet<>(keys));
      for (String key : keys) {
        String value = values.get(key);
        if (value == null) {
          continue;
        }
        JsonObject json = new JsonObject(value);
        version += json.getLong("version", 0L);
        (key.startsWith(orgId + "/unit/") ? unitArray : nodeArray).add(json);
      }
    }
    return new BoardState(epoch, version, nodeArray, unitArray);
  }

  /**
   * Reads the board JSON of some nodes of one organisation, by node id; nodes the cluster does not
   * hold are missing from the result.
   */
  public Map<String, JsonObject> readNodes(String orgId, Collection<String> nodeIds) {
    Set<String> keys = new LinkedHashSet<>();
    nodeIds.forEach(id -> keys.add(LiveEntry.mapKey(orgId, false, id)));
    Map<String, JsonObject> result = new HashMap<>();
    nodes.getAll(keys).forEach((key, json) -> result.put(key.substring(orgId.length() + 1), new JsonObject(json)));
    return result;
  }

  private static Map<String, String> entryMap(String orgId, Collection<LiveEntry> entries) {
    Map<String, String> map = new HashMap<>();
    for (LiveEntry entry : entries) {
      map.put(entry.mapKey(orgId), entry.json());
    }
    return map;
  }

  private static Map<String, ArrayList<String>> memberMap(String orgId, Map<String, List<String>> members) {
    Map<String, ArrayList<String>> map = new HashMap<>();
    members.forEach((board, keys) -> map.put(boardKey(orgId, board), new ArrayList<>(keys)));
    return map;
  }

  private static String boardKey(String orgId, String board) {
    return orgId + "|" + board;
  }
}
