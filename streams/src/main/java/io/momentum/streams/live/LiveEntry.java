package io.momentum.streams.live;

import io.momentum.streams.engine.BoardRef;
import io.momentum.streams.engine.NodeState;
import io.momentum.streams.engine.UnitSummary;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * One node or unit summary as the cluster holds it and live boards receive it: its board JSON,
 * encoded once by the organisation's owner and passed on verbatim, with its version and the
 * boards it belongs to.
 *
 * @param unit true for a unit summary, false for a goal node
 * @param json the board JSON of the node or unit summary, as sent to clients
 */
public record LiveEntry(String id, boolean unit, long version, List<String> boards, String json) {

  public LiveEntry {
    boards = List.copyOf(boards);
  }

  /** Builds the entry of a node. */
  public static LiveEntry of(NodeState node, List<BoardRef> boards) {
    return new LiveEntry(node.id(), false, node.version(), names(boards), node.toJson().encode());
  }

  /** Builds the entry of a unit summary. */
  public static LiveEntry of(UnitSummary unit, List<BoardRef> boards) {
    return new LiveEntry(unit.id(), true, unit.version(), names(boards), unit.toJson().encode());
  }

  /** Key of the entry in the cluster's map of an organisation. */
  public String mapKey(String orgId) {
    return mapKey(orgId, unit, id);
  }

  /** Key of a node ({@code unit} false) or unit summary in the cluster's map of an organisation. */
  public static String mapKey(String orgId, boolean unit, String id) {
    return orgId + (unit ? "/unit/" : "/") + id;
  }

  /** Returns the entry as event-bus JSON; the board JSON travels as a string, not parsed again. */
  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("unit", unit)
        .put("version", version)
        .put("boards", new JsonArray(new ArrayList<>(boards)))
        .put("json", json);
  }

  /** Reads an entry written by {@link #toJson()}. */
  public static LiveEntry fromJson(JsonObject json) {
    List<String> boards = new ArrayList<>();
    json.getJsonArray("boards").forEach(b -> boards.add((String) b));
    return new LiveEntry(json.getString("id"), json.getBoolean("unit"), json.getLong("version"), boards,
        json.getString("json"));
  }

  private static List<String> names(List<BoardRef> boards) {
    List<String> names = new ArrayList<>(boards.size());
    boards.forEach(b -> names.add(b.toString()));
    return names;
  }
}
