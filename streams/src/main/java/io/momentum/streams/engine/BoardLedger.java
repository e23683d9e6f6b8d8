package io.momentum.streams.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Keeps every board's version equal to the sum of its members' versions plus the versions that
 * departed members had when they left. A member's new version adds 1 to each board that contains it
 * and to each board it left in the same call. A joining member adds its whole version. Each
 * update walks the node's ancestors only, so it costs O(depth).
 */
final class BoardLedger {

  private final GoalGraph graph;

  BoardLedger(GoalGraph graph) {
    this.graph = graph;
  }

  /** Gives {@code node} its next version and counts it on every board that contains it. */
  void bump(NodeRecord node, Transaction tx) {
    node.version++;
    for (NodeRecord holder = node; holder != null; holder = holder.parent) {
      holder.subtreeVersion++;
      tx.add(holder.goalBoard, 1);
      for (Board left : tx.subtreeDepartures(holder)) {
        tx.add(left, 1);
      }
    }
    if (node.boardUnit != null) {
      tx.add(node.boardUnit.board, 1);
    }
    if (node.inPortfolio) {
      tx.add(graph.portfolio, 1);
    }
    for (Board left : tx.departures(node)) {
      tx.add(left, 1);
    }
  }

  /** Gives a unit summary its next version and counts it on its unit board and the portfolio. */
  void bump(UnitRecord unit, Transaction tx) {
    unit.version++;
    tx.add(unit.board, 1);
    tx.add(graph.portfolio, 1);
  }

  /**
   * Moves {@code node} and everything aligned below it from the goal boards of its old ancestors
   * to those of its new ones. Common ancestors keep their counts.
   */
  void realign(NodeRecord node, NodeRecord oldParent, NodeRecord newParent, Transaction tx) {
    Set<NodeRecord> newChain = Collections.newSetFromMap(new IdentityHashMap<>());
    for (NodeRecord a = newParent; a != null; a = a.parent) {
      newChain.add(a);
    }
    Set<NodeRecord> oldChain = Collections.newSetFromMap(new IdentityHashMap<>());
    long moved = node.subtreeVersion;
    for (NodeRecord a = oldParent; a != null; a = a.parent) {
      oldChain.add(a);
      if (!newChain.contains(a)) {
        a.subtreeVersion -= moved;
        tx.departWithSubtree(node, a.goalBoard);
      }
    }
    for (NodeRecord a = newParent; a != null; a = a.parent) {
      if (!oldChain.contains(a)) {
        a.subtreeVersion += moved;
        if (!tx.undoDeparture(node, a.goalBoard)) {
          tx.add(a.goalBoard, moved);
        }
      }
    }
  }

  /** Moves {@code node} to the board of {@code unit} (null: no unit board). */
  void moveToUnit(NodeRecord node, UnitRecord unit, Transaction tx) {
    if (node.boardUnit != null) {
      node.boardUnit.members.remove(node);
      tx.depart(node, node.boardUnit.board);
    }
    if (unit != null) {
      unit.members.add(node);
      join(node, unit.board, tx);
    }
    node.boardUnit = unit;
  }

  /** Puts {@code node} on the portfolio board or takes it off. */
  void setInPortfolio(NodeRecord node, boolean member, Transaction tx) {
    if (member) {
      graph.portfolioMembers.add(node);
      join(node, graph.portfolio, tx);
    } else {
      graph.portfolioMembers.remove(node);
      tx.depart(node, graph.portfolio);
    }
    node.inPortfolio = member;
  }

  private void join(NodeRecord node, Board board, Transaction tx) {
    if (!tx.undoDeparture(node, board)) {
      tx.add(board, node.version);
    }
  }

  /** Boards that contain {@code node}: its goal board and those of its ancestors, unit, portfolio. */
  List<BoardRef> boardsOf(NodeRecord node) {
    List<BoardRef> boards = new ArrayList<>(6);
    for (NodeRecord holder = node; holder != null; holder = holder.parent) {
      if (holder.defined()) {
        boards.add(holder.goalBoard.ref);
      }
    }
    if (node.boardUnit != null && node.boardUnit.defined()) {
      boards.add(node.boardUnit.board.ref);
    }
    if (node.inPortfolio) {
      boards.add(graph.portfolio.ref);
    }
    return boards;
  }
}
