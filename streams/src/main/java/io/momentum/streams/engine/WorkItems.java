package io.momentum.streams.engine;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * Work items linked to one node, keyed by tracker system and external id, with running totals
 * (see {@link WorkTally} for the basis). A deleted item stays as a tombstone so that an older
 * update arriving later cannot bring it back.
 */
final class WorkItems {

  /** The latest applied state of one item. */
  record Item(WorkStatus status, BigDecimal points, boolean deleted, Instant time) {
  }

  private final Map<String, Item> items = new HashMap<>();
  private final WorkTally tally = new WorkTally();

  /** Returns the key of the item an update is about: tracker system and external id. */
  static String key(Observation.WorkItem update) {
    return update.system() + '\u0000' + update.externalId();
  }

  /**
   * Inserts, updates or deletes one item. Returns false, changing nothing, when the update is
   * older than the one applied last for the same item.
   */
  boolean apply(Observation.WorkItem update) {
    String key = key(update);
    Item old = items.get(key);
    if (old != null && update.time().isBefore(old.time())) {
      return false;
    }
    Item item = new Item(update.status(), update.points(), update.deleted(), update.time());
    items.put(key, item);
    tally.remove(old);
    tally.add(item);
    return true;
  }

  /** Returns the item stored under a key, deleted ones included, or null. */
  Item item(String key) {
    return items.get(key);
  }

  /** Returns a read-only view of every item by key, deleted ones included. */
  Map<String, Item> items() {
    return Collections.unmodifiableMap(items);
  }

  /** Totals over the items that are not deleted. */
  WorkTally tally() {
    return tally;
  }
}
