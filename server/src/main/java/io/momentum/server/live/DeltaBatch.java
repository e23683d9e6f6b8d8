package io.momentum.server.live;

import io.momentum.streams.live.LiveEntry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One delta message of an organisation, indexed by board once per node, so that each
 * subscription looks up its board's entries instead of scanning every entry. Immutable, so event
 * loops share it.
 *
 * @param ranges board version before and after, as {@code {from, to}}, by board name
 * @param entries changed entries by board name
 * @param removed ids of the nodes that left each board (removed, or moved to other boards), by board name
 * @param size number of entries and removed ids in the message
 */
public record DeltaBatch(String epoch, boolean reset, Map<String, long[]> ranges, Map<String, List<LiveEntry>> entries,
                         Map<String, List<String>> removed, int size) {

  /** Reads an event-bus message of {@code LiveDeltas}. */
  static DeltaBatch of(JsonObject message) {
    String epoch = message.getString("epoch");
    if (message.getBoolean("reset", false)) {
      return new DeltaBatch(epoch, true, Map.of(), Map.of(), Map.of(), 0);
    }
    Map<String, long[]> ranges = new HashMap<>();
    JsonObject boards = message.getJsonObject("boards");
    for (String board : boards.fieldNames()) {
      JsonObject range = boards.getJsonObject(board);
      ranges.put(board, new long[] {range.getLong("from"), range.getLong("to")});
    }
    Map<String, List<LiveEntry>> byBoard = new HashMap<>();
    JsonArray array = message.getJsonArray("entries");
    for (int i = 0; i < array.size(); i++) {
      LiveEntry entry = LiveEntry.fromJson(array.getJsonObject(i));
      for (String board : entry.boards()) {
        byBoard.computeIfAbsent(board, b -> new ArrayList<>()).add(entry);
      }
    }
    Map<String, List<String>> removed = new HashMap<>();
    int removedCount = 0;
    JsonObject left = message.getJsonObject("removed");
    if (left != null) {
      for (String board : left.fieldNames()) {
        List<String> ids = new ArrayList<>();
        left.getJsonArray(board).forEach(id -> ids.add((String) id));
        removed.put(board, List.copyOf(ids));
        removedCount += ids.size();
      }
    }
    return new DeltaBatch(epoch, false, ranges, byBoard, removed, array.size() + removedCount);
  }

  /** Ids of the nodes that left a board, possibly empty. */
  List<String> removedFrom(String board) {
    return removed.getOrDefault(board, List.of());
  }

  /** Version range of a board, or null when the message does not touch it. */
  long[] range(String board) {
    return ranges.get(board);
  }

  /** Changed entries of a board, possibly empty. */
  List<LiveEntry> entriesOf(String board) {
    return entries.getOrDefault(board, List.of());
  }
}
