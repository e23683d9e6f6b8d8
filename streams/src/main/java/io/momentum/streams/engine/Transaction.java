package io.momentum.streams.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bookkeeping of one engine call: the time it evaluates at, the nodes and units it touched, and
 * each board's version before the call.
 */
final class Transaction {

  final Instant now;
  final List<NodeRecord> nodes = new ArrayList<>();
  final List<UnitRecord> units = new ArrayList<>(2);
  final Map<Board, Long> versionsBefore = new LinkedHashMap<>();
  final List<String> removed = new ArrayList<>(0);
  /** Why an observation on time was not applied, or null. */
  String rejection;

  Transaction(Instant now) {
    this.now = now;
  }

  void touch(NodeRecord node) {
    if (!node.touched) {
      node.touched = true;
      nodes.add(node);
    }
  }

  void touch(UnitRecord unit) {
    if (!unit.touched) {
      unit.touched = true;
      units.add(unit);
    }
  }

  /** Adds {@code delta} to a board's version, remembering the version before this call. */
  void add(Board board, long delta) {
    if (delta == 0) {
      return;
    }
    versionsBefore.putIfAbsent(board, board.version);
    board.version += delta;
  }
}
