package io.momentum.streams.engine;

import java.time.Instant;

/**
 * Applies observations to node records. A value observed strictly earlier than the one applied
 * last for the same node goes into history only; at equal times the later arrival wins. Nodes
 * whose cycle is closed keep their final values: their observations go into history only. A KPI
 * that a formula computes takes no observations; a value applied to one of its drivers recomputes
 * it. A work item applied to an initiative also updates the key results that follow its work.
 */
final class ObservationApplier {

  private final Evaluator evaluator;
  private final DriverGraph drivers;

  ObservationApplier(Evaluator evaluator, DriverGraph drivers) {
    this.evaluator = evaluator;
    this.drivers = drivers;
  }

  void apply(NodeRecord node, Observation observation, Transaction tx) {
    if (observation instanceof Observation.Value value) {
      applyValue(node, value, tx);
    } else if (observation instanceof Observation.Milestone milestone) {
      applyMilestone(node, milestone, tx);
    } else if (observation instanceof Observation.WorkItem item) {
      applyWorkItem(node, item, tx);
    }
  }

  private static boolean frozen(NodeRecord node) {
    return node.window != null && node.window.closed();
  }

  private static boolean notBefore(Instant time, Instant applied) {
    return applied == null || !time.isBefore(applied);
  }

  private void applyValue(NodeRecord node, Observation.Value observation, Transaction tx) {
    Instant time = observation.time();
    if (DriverGraph.derived(node)) {
      tx.rejection = "KPI " + node.id + " is computed by its formula from its drivers, so the"
          + " value sent to it is kept in history only";
      return;
    }
    boolean frozen = frozen(node);
    boolean valueApplied = false;
    if (observation.value() != null) {
      // A late point updates the trend at once, but the node's state (and its forecast) is only
      // rebuilt at its next applied change or the next tick, so a late value gets no version.
      if (!repeatsLastPoint(node, observation)) {
        addPoint(node, Trend.point(time, observation.value()));
      }
      if (!frozen && notBefore(time, node.valueTime)) {
        node.value = observation.value();
        node.valueTime = time;
        node.valueSource = observation.source();
        node.measureStale = true;
        valueApplied = true;
      }
    }
    boolean confidenceApplied = false;
    if (observation.confidence() != null && !frozen && notBefore(time, node.confidenceTime)) {
      node.confidence = observation.confidence();
      node.confidenceTime = time;
      confidenceApplied = true;
    }
    boolean emptyCheckIn = observation.checkIn() && observation.value() == null
        && observation.confidence() == null && !frozen;
    if (!valueApplied && !confidenceApplied && !emptyCheckIn) {
      return;
    }
    node.recordActivity(time, observation.source());
    evaluator.refresh(node, tx);
    if (valueApplied) {
      for (NodeRecord follower : node.followers) {
        evaluator.refresh(follower, tx);
      }
      drivers.propagate(node, tx);
    }
  }

  /** Adds a point to the node's history and to the trends that read it. */
  private static void addPoint(NodeRecord node, Trend.Point point) {
    node.addHistory(point);
    if (node.trend != null && node.trend.source == node) {
      node.trend.add(point);
    }
    for (NodeRecord follower : node.followers) {
      if (follower.trend != null && follower.trend.source == node) {
        follower.trend.add(point);
      }
    }
  }

  /** Returns true when the observation repeats the last value in history at the same time. */
  private static boolean repeatsLastPoint(NodeRecord node, Observation.Value observation) {
    Trend.Point last = node.history == null ? null : node.history.last();
    if (last == null) {
      return false;
    }
    return last.millis() == observation.time().toEpochMilli()
        && last.value().compareTo(observation.value()) == 0;
  }

  private void applyMilestone(NodeRecord node, Observation.Milestone observation,
                              Transaction tx) {
    MilestoneDef milestone = find(node.def, observation.milestoneId());
    if (milestone == null || frozen(node)) {
      return;
    }
    String key = NodeRecord.milestoneKey(milestone);
    NodeRecord.MilestoneMark mark = node.milestoneMarks.get(key);
    if (mark != null && observation.time().isBefore(mark.time())) {
      return;
    }
    node.mark(key, new NodeRecord.MilestoneMark(observation.done(), observation.time()));
    node.measureStale = true;
    node.recordActivity(observation.time(), observation.source());
    evaluator.refresh(node, tx);
  }

  /** Finds a milestone by id, else by title ignoring case. */
  private static MilestoneDef find(NodeDef def, String idOrTitle) {
    if (idOrTitle == null) {
      return null;
    }
    for (MilestoneDef milestone : def.milestones()) {
      if (idOrTitle.equals(milestone.id())) {
        return milestone;
      }
    }
    for (MilestoneDef milestone : def.milestones()) {
      if (idOrTitle.equalsIgnoreCase(milestone.title())) {
        return milestone;
      }
    }
    return null;
  }

  private void applyWorkItem(NodeRecord node, Observation.WorkItem observation, Transaction tx) {
    if (frozen(node)) {
      return;
    }
    if (node.work == null) {
      node.work = new WorkItems();
    }
    if (!node.work.apply(observation)) {
      return;
    }
    String key = WorkItems.key(observation);
    WorkItems.Item item = node.work.item(key);
    if (node.workUnion != null) {
      node.workUnion.put(node, key, item);
    }
    node.measureStale = true;
    node.recordActivity(observation.time(), observation.source());
    evaluator.refresh(node, tx);
    for (NodeRecord follower : node.workFollowers) {
      if (follower.workUnion == null) {
        continue;
      }
      // The union stays complete, so it is right again when a closed cycle reopens, but a key
      // result of a closed cycle keeps its final progress.
      follower.workUnion.put(node, key, item);
      if (frozen(follower)) {
        continue;
      }
      follower.measureStale = true;
      follower.recordActivity(observation.time(), observation.source());
      evaluator.refresh(follower, tx);
    }
  }
}
