package io.momentum.streams.engine;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Recomputes one node's derived values at the transaction's time and passes the difference of its
 * contribution on to its rollup parent and its unit. A parent is recomputed only when a member's
 * contribution changed, so a value change costs O(depth).
 */
final class Evaluator {

  private final GoalGraph graph;
  private final BoardLedger ledger;
  private long staleAfterMillis;

  Evaluator(GoalGraph graph, BoardLedger ledger, long staleAfterMillis) {
    this.graph = graph;
    this.ledger = ledger;
    this.staleAfterMillis = staleAfterMillis;
  }

  long staleAfterMillis() {
    return staleAfterMillis;
  }

  /** Sets the stale period that later refreshes apply; the caller refreshes the nodes. */
  void staleAfterMillis(long millis) {
    this.staleAfterMillis = millis;
  }

  /** Recomputes {@code node} and, where its contribution changed, its parents. */
  void refresh(NodeRecord node, Transaction tx) {
    if (!node.defined()) {
      return;
    }
    tx.touch(node);
    locate(node);
    switch (node.kind()) {
      case OBJECTIVE, STRATEGIC_OUTCOME -> rollUp(node);
      default -> measure(node);
    }
    evaluate(node, tx.now);
    placeOnBoards(node, tx);
    syncRollup(node, tx);
    syncUnit(node, tx);
  }

  /** Sets the node's cycle and unit: a key result takes both from its objective. */
  private void locate(NodeRecord node) {
    NodeDef def = node.def;
    String cycleId = def.cycleId();
    String unitId = def.unitId();
    if (def.kind() == NodeKind.KEY_RESULT && node.parent != null
        && node.parent.is(NodeKind.OBJECTIVE)) {
      NodeDef objective = node.parent.def;
      if (objective.cycleId() != null) {
        cycleId = objective.cycleId();
      }
      if (objective.unitId() != null) {
        unitId = objective.unitId();
      }
    }
    node.cycleId = cycleId;
    node.unitId = unitId;
    CycleWindow window = def.kind() == NodeKind.KPI ? null : graph.window(cycleId);
    if (window != node.window) {
      node.window = window;
      node.measureStale = true;
    }
  }

  private void measure(NodeRecord node) {
    NodeDef def = node.def;
    Measurement measurement = effectiveMeasurement(def);
    if (measurement == Measurement.KPI) {
      copyFollowedValue(node);
    }
    if (!node.measureStale) {
      return;
    }
    node.measureStale = false;
    BigDecimal raw = switch (def.kind()) {
      case KEY_RESULT -> switch (measurement) {
        case INCREASE, DECREASE -> Measures.metric(node.value, def.start(), def.target(),
            measurement == Measurement.INCREASE);
        case KPI -> Measures.metric(node.followedValue, def.start(), def.target(),
            followsIncrease(def));
        case RANGE -> Measures.range(node.value, def.low(), def.high(), def.tolerance());
        case BINARY -> Measures.binary(node.value);
        case MILESTONE -> Measures.milestones(node.effectiveMilestones());
        case WORK_ITEMS -> Measures.work(node.workTally());
      };
      case INITIATIVE -> Measures.work(node.workTally());
      default -> null;
    };
    node.raw = raw;
    node.progress = raw == null ? 0 : FixedPoint.clampToProgress(raw);
    node.noData = def.kind() == NodeKind.KPI ? node.value == null : raw == null;
    updateTrend(node, measurement);
  }

  /** Copies the followed KPI's latest value, unless the key result's cycle is closed. */
  private void copyFollowedValue(NodeRecord node) {
    NodeRecord kpi = node.followed;
    if (kpi == null || (node.window != null && node.window.closed())) {
      return;
    }
    if (node.followedValue != kpi.value || node.followedTime != kpi.valueTime) {
      node.followedValue = kpi.value;
      node.followedTime = kpi.valueTime;
      node.followedSource = kpi.valueSource;
      node.measureStale = true;
    }
  }

  private void updateTrend(NodeRecord node, Measurement measurement) {
    NodeRecord source = null;
    if (node.is(NodeKind.KEY_RESULT)) {
      if (measurement == Measurement.INCREASE || measurement == Measurement.DECREASE) {
        source = node;
      } else if (measurement == Measurement.KPI) {
        source = node.followed;
      }
    }
    if (source == null) {
      node.trend = null;
    } else if (node.trend == null || !node.trend.matches(node.window, source)) {
      node.trend = new Trend(node.window, source, source.history);
    }
  }

  private void rollUp(NodeRecord node) {
    Aggregate members = node.members;
    node.raw = null;
    node.progress = members == null ? 0 : members.meanProgress();
    node.noData = members == null || members.withoutData();
    if (members != null && members.latestStale) {
      recomputeLatest(node);
    }
  }

  private void recomputeLatest(NodeRecord node) {
    Instant latest = null;
    for (NodeRecord child : node.children) {
      Instant updated = child.rollupTarget == node ? child.rollupShare.updated : null;
      if (updated != null && (latest == null || updated.isAfter(latest))) {
        latest = updated;
      }
    }
    node.members.latest = latest;
    node.members.latestStale = false;
  }

  /** Recomputes a unit's latest update after the objective that had it left or changed. */
  void refreshLatest(UnitRecord unit) {
    if (!unit.objectives.latestStale) {
      return;
    }
    Instant latest = null;
    for (NodeRecord member : unit.members) {
      Instant updated = member.unitTarget == unit ? member.unitShare.updated : null;
      if (updated != null && (latest == null || updated.isAfter(latest))) {
        latest = updated;
      }
    }
    unit.objectives.latest = latest;
    unit.objectives.latestStale = false;
  }

  /** Sets expected progress, status, confidence, update time and the stale flag. */
  private void evaluate(NodeRecord node, Instant now) {
    NodeDef def = node.def;
    CycleWindow window = node.window;
    boolean closed = window != null && window.closed();
    node.expected = window == null ? -1 : window.expected(now);
    node.status = switch (def.kind()) {
      case KPI -> StatusRules.kpi(node.value, def.green(), def.red(),
          def.direction() != Measurement.DECREASE);
      case OBJECTIVE, STRATEGIC_OUTCOME -> closed ? Status.CLOSED
          : StatusRules.aggregate(node.members, node.progress, node.expected);
      default -> closed ? Status.CLOSED
          : node.noData ? Status.PENDING
          : StatusRules.withConfidence(StatusRules.fromGap(node.progress, node.expected),
              node.confidence == null ? -1 : node.confidence);
    };
    if (def.kind() == NodeKind.OBJECTIVE || def.kind() == NodeKind.STRATEGIC_OUTCOME) {
      node.effectiveConfidence = node.members == null ? -1 : node.members.minConfidence();
    } else {
      node.effectiveConfidence = node.confidence == null ? -1 : node.confidence;
    }
    node.updatedAt = node.activityTime;
    node.source = node.activitySource;
    if (node.followedTime != null && effectiveMeasurement(def) == Measurement.KPI
        && (node.updatedAt == null || node.followedTime.isAfter(node.updatedAt))) {
      node.updatedAt = node.followedTime;
      node.source = node.followedSource;
    }
    if (node.members != null && node.members.latest != null
        && (node.updatedAt == null || node.members.latest.isAfter(node.updatedAt))) {
      node.updatedAt = node.members.latest;
      node.source = null;
    }
    long staleAfter = def.kind() == NodeKind.KPI && def.expectedEvery() != null
        ? def.expectedEvery().toMillis() : staleAfterMillis;
    node.stale = !closed && node.updatedAt != null
        && now.toEpochMilli() - node.updatedAt.toEpochMilli() > staleAfter;
    node.shownTarget = def.kind() == NodeKind.KPI ? shownTarget(def, now) : def.target();
  }

  /**
   * Returns the target a KPI shows at {@code now}: the first dated target due on or after today
   * (UTC), else the one due last, else the plain target.
   */
  static BigDecimal shownTarget(NodeDef def, Instant now) {
    if (def.targets().isEmpty()) {
      return def.target();
    }
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    NodeDef.DatedTarget next = null;
    NodeDef.DatedTarget last = null;
    for (NodeDef.DatedTarget target : def.targets()) {
      if (last == null || target.due().isAfter(last.due())) {
        last = target;
      }
      if (!target.due().isBefore(today) && (next == null || target.due().isBefore(next.due()))) {
        next = target;
      }
    }
    return next != null ? next.value() : last.value();
  }

  /** Takes a node that is being removed out of its parent's rollup and its unit summary. */
  void detach(NodeRecord node, Transaction tx) {
    NodeRecord previous = node.rollupTarget;
    if (previous != null) {
      previous.members.remove(node.rollupShare);
      node.rollupTarget = null;
      refresh(previous, tx);
    }
    UnitRecord unit = node.unitTarget;
    if (unit != null) {
      unit.objectives.remove(node.unitShare);
      node.unitTarget = null;
      tx.touch(unit);
    }
  }

  private void placeOnBoards(NodeRecord node, Transaction tx) {
    NodeKind kind = node.kind();
    String unitId = kind == NodeKind.STRATEGIC_OUTCOME ? null : node.unitId;
    UnitRecord unit = unitId == null ? null : graph.unit(unitId);
    if (unit != node.boardUnit) {
      ledger.moveToUnit(node, unit, tx);
    }
    boolean portfolio = kind == NodeKind.STRATEGIC_OUTCOME
        || (kind == NodeKind.OBJECTIVE && graph.topLevelUnit(node.def.unitId()));
    if (portfolio != node.inPortfolio) {
      ledger.setInPortfolio(node, portfolio, tx);
    }
  }

  /** Returns the node whose rollup includes {@code node}, or null. */
  private NodeRecord rollupTarget(NodeRecord node, Instant now) {
    NodeRecord parent = node.parent;
    if (parent == null || !parent.defined() || FixedPoint.weight(node.def.weight()) == 0) {
      return null;
    }
    return switch (node.kind()) {
      case KEY_RESULT -> parent.is(NodeKind.OBJECTIVE) ? parent : null;
      case OBJECTIVE -> {
        if (parent.is(NodeKind.OBJECTIVE)) {
          yield rollsUpChildren(parent) ? parent : null;
        }
        boolean current = node.window != null && node.window.overlaps(now);
        yield parent.is(NodeKind.STRATEGIC_OUTCOME) && current ? parent : null;
      }
      default -> null;
    };
  }

  /** Returns true when child objectives join {@code objective}'s mean (default: no key results). */
  static boolean rollsUpChildren(NodeRecord objective) {
    if (objective == null || !objective.is(NodeKind.OBJECTIVE)) {
      return false;
    }
    Boolean stored = objective.def.rollupChildren();
    return stored != null ? stored : objective.keyResultChildren == 0;
  }

  private void syncRollup(NodeRecord node, Transaction tx) {
    NodeRecord target = rollupTarget(node, tx.now);
    long weight = target == null ? 0 : FixedPoint.weight(node.def.weight());
    Contribution share = node.rollupShare;
    NodeRecord previous = node.rollupTarget;
    if (target == previous && (target == null || share.same(weight, node.progress,
        node.expected, node.status, node.noData, node.effectiveConfidence, node.updatedAt))) {
      return;
    }
    if (previous != null) {
      previous.members.remove(share);
    }
    share.set(weight, node.progress, node.expected, node.status, node.noData,
        node.effectiveConfidence, node.updatedAt);
    node.rollupTarget = target;
    if (target != null) {
      if (target.members == null) {
        target.members = new Aggregate();
      }
      target.members.add(share);
    }
    if (previous != null && previous != target) {
      refresh(previous, tx);
    }
    if (target != null) {
      refresh(target, tx);
    }
  }

  private void syncUnit(NodeRecord node, Transaction tx) {
    UnitRecord target = null;
    if (node.is(NodeKind.OBJECTIVE) && node.def.unitId() != null && node.window != null
        && node.window.overlaps(tx.now)) {
      target = graph.unit(node.def.unitId());
    }
    UnitRecord previous = node.unitTarget;
    if (target == null && previous == null) {
      return;
    }
    if (node.unitShare == null) {
      node.unitShare = new Contribution();
    }
    Contribution share = node.unitShare;
    if (target == previous && share.same(FixedPoint.ONE, node.progress, node.expected,
        node.status, node.noData, node.effectiveConfidence, node.updatedAt)) {
      return;
    }
    if (previous != null) {
      previous.objectives.remove(share);
      tx.touch(previous);
    }
    share.set(FixedPoint.ONE, node.progress, node.expected, node.status, node.noData,
        node.effectiveConfidence, node.updatedAt);
    node.unitTarget = target;
    if (target != null) {
      target.objectives.add(share);
      tx.touch(target);
    }
  }

  /** Returns the key result's measurement, with increase standing in for a missing one. */
  static Measurement effectiveMeasurement(NodeDef def) {
    if (def.kind() != NodeKind.KEY_RESULT) {
      return null;
    }
    return def.measurement() == null ? Measurement.INCREASE : def.measurement();
  }

  /**
   * Returns true when a key result that follows a KPI counts upwards: its stored direction, else
   * increase when {@code target >= start}.
   */
  static boolean followsIncrease(NodeDef def) {
    if (def.direction() != null) {
      return def.direction() != Measurement.DECREASE;
    }
    BigDecimal start = def.start() == null ? BigDecimal.ZERO : def.start();
    return def.target() == null || def.target().compareTo(start) >= 0;
  }
}
