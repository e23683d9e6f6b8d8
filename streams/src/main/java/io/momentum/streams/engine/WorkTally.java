package io.momentum.streams.engine;

import java.math.BigDecimal;

/**
 * Running totals over a set of work items. The basis is story points when at least one live item
 * has an estimate and the estimates add up to more than 0. Otherwise it is the count of items.
 */
final class WorkTally {

  private int live;
  private int liveDone;
  private int estimated;
  private BigDecimal pointsTotal = BigDecimal.ZERO;
  private BigDecimal pointsDone = BigDecimal.ZERO;

  /** Adds an item to the totals; a null or deleted item counts for nothing. */
  void add(WorkItems.Item item) {
    count(item, 1);
  }

  /** Removes an item added before; a null or deleted item counts for nothing. */
  void remove(WorkItems.Item item) {
    count(item, -1);
  }

  private void count(WorkItems.Item item, int sign) {
    if (item == null || item.deleted()) {
      return;
    }
    boolean done = item.status() == WorkStatus.DONE;
    live += sign;
    if (done) {
      liveDone += sign;
    }
    if (item.points() != null) {
      estimated += sign;
      BigDecimal points = sign > 0 ? item.points() : item.points().negate();
      pointsTotal = pointsTotal.add(points);
      if (done) {
        pointsDone = pointsDone.add(points);
      }
    }
  }

  /** Returns true when story points are the basis. */
  boolean byPoints() {
    return estimated > 0 && pointsTotal.signum() > 0;
  }

  /** Returns "points" or "count". */
  String basis() {
    return byPoints() ? "points" : "count";
  }

  /** Returns the done work in the current basis. */
  BigDecimal done() {
    return byPoints() ? pointsDone : BigDecimal.valueOf(liveDone);
  }

  /** Returns all work in the current basis. */
  BigDecimal total() {
    return byPoints() ? pointsTotal : BigDecimal.valueOf(live);
  }

  /** Returns the number of items that are not deleted. */
  int liveItems() {
    return live;
  }
}
