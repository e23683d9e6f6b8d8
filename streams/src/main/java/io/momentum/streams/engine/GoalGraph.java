package io.momentum.streams.engine;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Every record of one organisation: nodes, units and cycles by id, node ids by key, and the
 * portfolio board. Looking up an id that is referenced but not defined yet creates a placeholder.
 */
final class GoalGraph {

  final String orgId;
  final Map<String, NodeRecord> nodes = new LinkedHashMap<>();
  final Map<String, UnitRecord> units = new LinkedHashMap<>();
  final Map<String, CycleWindow> cycles = new HashMap<>();
  final Map<String, String> idsByKey = new HashMap<>();
  final Board portfolio;
  /** Nodes on the portfolio board other than the unit summaries. */
  final Set<NodeRecord> portfolioMembers = new LinkedHashSet<>();

  GoalGraph(String orgId) {
    this.orgId = orgId;
    this.portfolio = new Board(new BoardRef(BoardRef.Type.PORTFOLIO, orgId), true);
  }

  NodeRecord node(String id) {
    return nodes.computeIfAbsent(id, NodeRecord::new);
  }

  UnitRecord unit(String id) {
    return units.computeIfAbsent(id, UnitRecord::new);
  }

  /** Returns the window of a cycle, or null for a null or unknown cycle id. */
  CycleWindow window(String cycleId) {
    return cycleId == null ? null : cycles.get(cycleId);
  }

  /** Returns true when an objective of {@code unitId} belongs on the portfolio board. */
  boolean topLevelUnit(String unitId) {
    if (unitId == null) {
      return true;
    }
    UnitRecord unit = units.get(unitId);
    return unit != null && unit.topLevel();
  }

  /** Forgets a key, unless another node has taken it since. */
  void unkey(String key, String id) {
    if (key != null && id.equals(idsByKey.get(key))) {
      idsByKey.remove(key);
    }
  }

  void rekey(String id, String oldKey, String newKey) {
    if (oldKey != null && !oldKey.equals(newKey) && id.equals(idsByKey.get(oldKey))) {
      idsByKey.remove(oldKey);
    }
    if (newKey != null) {
      idsByKey.put(newKey, id);
    }
  }
}
