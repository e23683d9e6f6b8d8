package io.momentum.streams.engine;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Work items linked to one node, keyed by tracker system and external id, with running totals.
 * The basis is story points when at least one live item has an estimate (and the estimates add up
 * to more than 0); otherwise it is the count of items.
 */
final class WorkItems {

  private static final class Item {
    WorkStatus status;
    BigDecimal points;
    boolean deleted;
    Instant time;
  }

  private final Map<String, Item> items = new HashMap<>();
  private int live;
  private int liveDone;
  private int estimated;
  private BigDecimal pointsTotal = BigDecimal.ZERO;
  private BigDecimal pointsDone = BigDecimal.ZERO;

  /**
   * Inserts, updates or deletes one item. Returns false, changing nothing, when the update is
   * older than the one applied last for the same item.
   */
  boolean apply(Observation.WorkItem update) {
    String key = update.system() + '\u0000' + update.externalId();
    Item item = items.get(key);
    if (item != null && update.time().isBefore(item.time)) {
      return false;
    }
    if (item == null) {
      item = new Item();
      item.deleted = true;
      items.put(key, item);
    }
    count(item, -1);
    item.status = update.status();
    item.points = update.points();
    item.deleted = update.deleted();
    item.time = update.time();
    count(item, 1);
    return true;
  }

  private void count(Item item, int sign) {
    if (item.deleted) {
      return;
    }
    boolean done = item.status == WorkStatus.DONE;
    live += sign;
    if (done) {
      liveDone += sign;
    }
    if (item.points != null) {
      estimated += sign;
      BigDecimal points = sign > 0 ? item.points : item.points.negate();
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

  /** Done work in the current basis. */
  BigDecimal done() {
    return byPoints() ? pointsDone : BigDecimal.valueOf(liveDone);
  }

  /** All work in the current basis. */
  BigDecimal total() {
    return byPoints() ? pointsTotal : BigDecimal.valueOf(live);
  }

  /** Number of items that are not deleted. */
  int liveItems() {
    return live;
  }
}
