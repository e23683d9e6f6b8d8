package io.momentum.streams.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bookkeeping of one engine call: the time it evaluates at, the nodes and units it touched, each
 * board's version before the call, and the boards that a node left during the call. A board that
 * a node left still counts the node's next version, because the board's clients must see it go.
 * A node that moves to another parent takes its subtree along, so the goal boards it left count
 * the next version of every node below it as well.
 */
final class Transaction {

  final Instant now;
  final List<NodeRecord> nodes = new ArrayList<>();
  final List<UnitRecord> units = new ArrayList<>(2);
  final Map<Board, Long> versionsBefore = new LinkedHashMap<>();
  private Map<NodeRecord, List<Board>> departed = Map.of();
  private Map<NodeRecord, List<Board>> departedWithSubtree = Map.of();

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

  /** Records that {@code node} left {@code board} during this call. */
  void depart(NodeRecord node, Board board) {
    if (departed.isEmpty()) {
      departed = new HashMap<>();
    }
    departed.computeIfAbsent(node, key -> new ArrayList<>(2)).add(board);
  }

  /** Records that {@code node} and everything aligned below it left a goal board. */
  void departWithSubtree(NodeRecord node, Board board) {
    if (departedWithSubtree.isEmpty()) {
      departedWithSubtree = new HashMap<>();
    }
    departedWithSubtree.computeIfAbsent(node, key -> new ArrayList<>(2)).add(board);
  }

  /**
   * Takes back a departure of {@code node} from {@code board} in this call. Returns true when
   * there was one: the board still counts the node's version, so joining again adds nothing.
   */
  boolean undoDeparture(NodeRecord node, Board board) {
    List<Board> boards = departed.get(node);
    if (boards != null && boards.remove(board)) {
      return true;
    }
    boards = departedWithSubtree.get(node);
    return boards != null && boards.remove(board);
  }

  /** Boards that {@code node} left during this call, without those its subtree left. */
  List<Board> departures(NodeRecord node) {
    return departed.getOrDefault(node, List.of());
  }

  /** Goal boards that {@code node} and its subtree left during this call. */
  List<Board> subtreeDepartures(NodeRecord node) {
    return departedWithSubtree.getOrDefault(node, List.of());
  }
}
