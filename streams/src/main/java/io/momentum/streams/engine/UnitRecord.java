package io.momentum.streams.engine;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Engine state of one unit: its definition, the rollup of its current objectives, the nodes on its
 * board and its summary. A record without a definition is a placeholder for a unit that nodes
 * already reference.
 */
final class UnitRecord {

  final String id;
  UnitDef def;
  /** Unweighted rollup of the unit's objectives whose cycle overlaps today. */
  final Aggregate objectives = new Aggregate();
  /** Nodes on the unit's board other than its summary. */
  final Set<NodeRecord> members = new LinkedHashSet<>();
  final Board board;
  UnitSummary summary;
  long version;
  boolean touched;

  UnitRecord(String id) {
    this.id = id;
    this.board = new Board(new BoardRef(BoardRef.Type.UNIT, id), false);
  }

  boolean defined() {
    return def != null;
  }

  /** Returns true when the unit is defined and has no parent unit. */
  boolean topLevel() {
    return def != null && def.parentId() == null;
  }
}
