package io.momentum.streams.engine;

import java.util.HashMap;
import java.util.Map;

/**
 * Work items of a key result that follows the work of initiatives: the union of its own items and
 * every item of the followed initiatives, each item counted once. When several holders (the key
 * result itself or an initiative) contain the same item, the copy updated last among the ones
 * that are not deleted counts. So an item moved from one followed initiative to another counts
 * once, with its newest state.
 */
final class WorkUnion {

  private final Map<String, Map<NodeRecord, WorkItems.Item>> copies = new HashMap<>();
  private final Map<String, WorkItems.Item> counted = new HashMap<>();
  private final WorkTally tally = new WorkTally();

  /** Sets the copy of one item that a holder contains; null removes the holder's copy. */
  void put(NodeRecord holder, String key, WorkItems.Item item) {
    Map<NodeRecord, WorkItems.Item> holders = copies.get(key);
    if (item == null) {
      if (holders == null || holders.remove(holder) == null) {
        return;
      }
    } else {
      if (holders == null) {
        holders = new HashMap<>(2);
        copies.put(key, holders);
      }
      holders.put(holder, item);
    }
    recount(key, holders);
  }

  /** Adds every item a holder contains. */
  void addAll(NodeRecord holder, WorkItems work) {
    if (work != null) {
      work.items().forEach((key, item) -> put(holder, key, item));
    }
  }

  /** Removes every item a holder contains. */
  void removeAll(NodeRecord holder, WorkItems work) {
    if (work != null) {
      for (String key : work.items().keySet()) {
        put(holder, key, null);
      }
    }
  }

  private void recount(String key, Map<NodeRecord, WorkItems.Item> holders) {
    WorkItems.Item newest = null;
    String newestHolder = null;
    for (Map.Entry<NodeRecord, WorkItems.Item> entry : holders.entrySet()) {
      WorkItems.Item copy = entry.getValue();
      if (copy.deleted()) {
        continue;
      }
      // Copies of equal time go to the holder with the smallest id, so a rebuild picks the same.
      int order = newest == null ? 1 : copy.time().compareTo(newest.time());
      if (order > 0 || (order == 0 && entry.getKey().id.compareTo(newestHolder) < 0)) {
        newest = copy;
        newestHolder = entry.getKey().id;
      }
    }
    tally.remove(counted.get(key));
    tally.add(newest);
    if (newest == null) {
      counted.remove(key);
    } else {
      counted.put(key, newest);
    }
    if (holders.isEmpty()) {
      copies.remove(key);
    }
  }

  /** Totals over the counted items. */
  WorkTally tally() {
    return tally;
  }
}
