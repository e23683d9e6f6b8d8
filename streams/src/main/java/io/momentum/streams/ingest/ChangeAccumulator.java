package io.momentum.streams.ingest;

import io.momentum.streams.engine.BoardRef;
import io.momentum.streams.engine.Changes;
import io.momentum.streams.engine.NodeState;
import io.momentum.streams.engine.UnitSummary;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Merges the changes of many engine calls into one: the latest state of each node and unit, and
 * per board the version before the first change and after the last.
 */
final class ChangeAccumulator {

  private final Map<String, NodeState> nodes = new LinkedHashMap<>();
  private final Map<String, UnitSummary> units = new LinkedHashMap<>();
  private final Map<BoardRef, Changes.VersionRange> boards = new LinkedHashMap<>();
  private final Set<String> removed = new LinkedHashSet<>();
  private boolean applied;

  /**
   * Adds the changes of the next engine call. A node removed after it changed is only removed; a
   * node removed and then added again is both removed and changed, in that order.
   */
  void add(Changes changes) {
    applied |= changes.applied();
    for (String id : changes.removed()) {
      nodes.remove(id);
      removed.add(id);
    }
    changes.nodes().forEach(n -> nodes.put(n.id(), n));
    changes.units().forEach(u -> units.put(u.id(), u));
    changes.boards().forEach((board, range) -> boards.merge(board, range,
        (first, next) -> new Changes.VersionRange(first.from(), next.to())));
  }

  /** Returns the latest state of each changed node. */
  Collection<NodeState> nodes() {
    return nodes.values();
  }

  boolean isEmpty() {
    return nodes.isEmpty() && units.isEmpty() && removed.isEmpty();
  }

  Changes toChanges() {
    return new Changes(applied, new ArrayList<>(nodes.values()), new ArrayList<>(units.values()),
        new LinkedHashMap<>(boards), new ArrayList<>(removed), null);
  }
}
