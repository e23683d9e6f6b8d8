package io.momentum.streams.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Keeps every board's version equal to the sum of the versions of its current members. A
 * member's new version adds 1 to each board that contains it, a joining member adds its version
 * and a leaving member takes its version away. A version change walks the node's ancestors only,
 * so it costs O(depth).
 *
 * <p>A node whose board membership changes gets a new version in the same call, even when its
 * own state is unchanged, so that a store that keeps each node with its boards rewrites them.
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
      tx.add(holder.goalBoard, 1);
    }
    if (node.boardUnit != null) {
      tx.add(node.boardUnit.board, 1);
    }
    if (node.inPortfolio) {
      tx.add(graph.portfolio, 1);
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
   * to those of its new ones, and marks every moved node for a new version. Common ancestors keep
   * their counts. Costs O(depth + size of the subtree).
   */
  void realign(NodeRecord node, NodeRecord oldParent, NodeRecord newParent, Transaction tx) {
    Set<NodeRecord> newChain = Collections.newSetFromMap(new IdentityHashMap<>());
    for (NodeRecord a = newParent; a != null; a = a.parent) {
      newChain.add(a);
    }
    Set<NodeRecord> oldChain = Collections.newSetFromMap(new IdentityHashMap<>());
    long moved = node.goalBoard.version;
    for (NodeRecord a = oldParent; a != null; a = a.parent) {
      oldChain.add(a);
      if (!newChain.contains(a)) {
        tx.add(a.goalBoard, -moved);
      }
    }
    for (NodeRecord a = newParent; a != null; a = a.parent) {
      if (!oldChain.contains(a)) {
        tx.add(a.goalBoard, moved);
      }
    }
    Deque<NodeRecord> subtree = new ArrayDeque<>();
    subtree.push(node);
    while (!subtree.isEmpty()) {
      NodeRecord member = subtree.pop();
      markMoved(member, tx);
      member.children.forEach(subtree::push);
    }
  }

  /** Moves {@code node} to the board of {@code unit} (null: no unit board). */
  void moveToUnit(NodeRecord node, UnitRecord unit, Transaction tx) {
    if (node.boardUnit != null) {
      node.boardUnit.members.remove(node);
      tx.add(node.boardUnit.board, -node.version);
    }
    if (unit != null) {
      unit.members.add(node);
      tx.add(unit.board, node.version);
    }
    node.boardUnit = unit;
    markMoved(node, tx);
  }

  /** Puts {@code node} on the portfolio board or takes it off. */
  void setInPortfolio(NodeRecord node, boolean member, Transaction tx) {
    if (member) {
      graph.portfolioMembers.add(node);
      tx.add(graph.portfolio, node.version);
    } else {
      graph.portfolioMembers.remove(node);
      tx.add(graph.portfolio, -node.version);
    }
    node.inPortfolio = member;
    markMoved(node, tx);
  }

  private static void markMoved(NodeRecord node, Transaction tx) {
    if (node.defined()) {
      node.moved = true;
      tx.touch(node);
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
