package io.momentum.streams.engine;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;

/** Builds the immutable board views of nodes and unit summaries from the engine records. */
final class StateBuilder {

  private static final String DEFAULT_BASIS = "count";
  private static final Map<NodeKind, Forecast> NO_FORECAST_BY_KIND = new EnumMap<>(NodeKind.class);
  private static final Map<Measurement, Forecast> NO_FORECAST_BY_MEASUREMENT =
      new EnumMap<>(Measurement.class);

  static {
    for (NodeKind kind : NodeKind.values()) {
      NO_FORECAST_BY_KIND.put(kind, noForecast(kind.wire().replace('_', ' ') + "s"));
    }
    for (Measurement measurement : Measurement.values()) {
      NO_FORECAST_BY_MEASUREMENT.put(measurement,
          noForecast(measurement.wire().replace('_', ' ') + " key results"));
    }
  }

  private static Forecast noForecast(String kinds) {
    return Forecast.none("not_forecast", "only increase, decrease and KPI-following key results have a forecast, not " + kinds);
  }

  private StateBuilder() {
  }

  /** Builds the state of a defined node with the given version. */
  static NodeState node(NodeRecord node, long version) {
    NodeDef def = node.def;
    NodeKind kind = def.kind();
    Measurement measurement = Evaluator.effectiveMeasurement(def);
    boolean keyResult = kind == NodeKind.KEY_RESULT;
    boolean followsKpi = measurement == Measurement.KPI;

    BigDecimal current = null;
    if (kind == NodeKind.KPI) {
      current = node.value;
    } else if (keyResult) {
      current = switch (measurement) {
        case INCREASE, DECREASE, RANGE, BINARY -> node.value;
        case KPI -> node.followedValue;
        case MILESTONE, WORK_ITEMS -> null;
      };
    }

    Measurement direction = null;
    if (kind == NodeKind.KPI) {
      direction = def.direction() == Measurement.DECREASE ? Measurement.DECREASE
          : Measurement.INCREASE;
    } else if (followsKpi) {
      direction = Evaluator.followsIncrease(def) ? Measurement.INCREASE : Measurement.DECREASE;
    }

    String zone = null;
    BigDecimal commit = null;
    BigDecimal stretch = null;
    boolean metric = keyResult && (measurement == Measurement.INCREASE
        || measurement == Measurement.DECREASE || followsKpi);
    if (metric) {
      boolean increase = followsKpi ? direction == Measurement.INCREASE
          : measurement == Measurement.INCREASE;
      if (node.levelsDef != def) {
        node.commitLevel = Measures.commitLevel(def.commit(), def.start(), def.target());
        node.stretchLevel = Measures.stretchLevel(def.stretch(), def.start(), def.target());
        node.levelsDef = def;
      }
      commit = node.commitLevel;
      stretch = node.stretchLevel;
      zone = Measures.zone(current, commit, def.target(), stretch, increase);
    }

    BigDecimal workDone = null;
    BigDecimal workTotal = null;
    String workBasis = null;
    int workItems = 0;
    if (kind == NodeKind.INITIATIVE || measurement == Measurement.WORK_ITEMS) {
      WorkTally work = node.workTally();
      workBasis = work == null ? DEFAULT_BASIS : work.basis();
      workDone = work == null ? BigDecimal.ZERO : work.done();
      workTotal = work == null ? BigDecimal.ZERO : work.total();
      workItems = work == null ? 0 : work.liveItems();
    }

    return new NodeState(
        def.id(), def.orgId(), def.key(), kind, keyResult ? measurement : def.measurement(),
        def.title(), def.parentId(), node.unitId, node.cycleId, def.ownerName(),
        def.weight() == null ? BigDecimal.ONE : def.weight(),
        FixedPoint.toDecimal(node.progress), node.raw,
        node.expected < 0 ? null : FixedPoint.toDecimal(node.expected),
        node.status, node.noData, node.stale,
        node.effectiveConfidence < 0 ? null : node.effectiveConfidence,
        forecast(node, measurement, direction),
        current, def.start(), kind == NodeKind.KPI ? node.shownTarget : def.target(),
        def.low(), def.high(), def.unit(),
        zone, commit, stretch,
        measurement == Measurement.MILESTONE ? node.effectiveMilestones() : def.milestones(),
        workDone, workTotal, workBasis, workItems,
        direction, def.green(), def.red(), keyResult && def.exampleNumbers(), node.updatedAt,
        node.source, version);
  }

  private static Forecast forecast(NodeRecord node, Measurement measurement,
                                   Measurement direction) {
    NodeDef def = node.def;
    if (node.trend == null) {
      return measurement == null ? NO_FORECAST_BY_KIND.get(def.kind())
          : NO_FORECAST_BY_MEASUREMENT.get(measurement);
    }
    String missing = node.trend.missing();
    if (missing != null) {
      String code = node.trend.missingCode();
      return "too_few_values".equals(code) ? Forecast.tooFew(missing, node.trend.points()) : Forecast.none(code, missing);
    }
    if (def.target() == null) {
      return Forecast.none("no_target", "the key result has no target");
    }
    BigDecimal value = node.trend.projection();
    boolean increase = measurement == Measurement.KPI ? direction == Measurement.INCREASE
        : measurement == Measurement.INCREASE;
    BigDecimal raw = Measures.metric(value, def.start(), def.target(), increase);
    return Forecast.of(value, FixedPoint.toDecimal(FixedPoint.clampToProgress(raw)));
  }

  /** Returns {@code state} with another version. */
  static NodeState withVersion(NodeState s, long version) {
    return new NodeState(s.id(), s.orgId(), s.key(), s.kind(), s.measurement(), s.title(),
        s.parentId(), s.unitId(), s.cycleId(), s.ownerName(), s.weight(), s.progress(), s.raw(),
        s.expected(), s.status(), s.noData(), s.stale(), s.confidence(), s.forecast(),
        s.current(), s.start(), s.target(), s.low(), s.high(), s.unit(), s.zone(), s.commit(),
        s.stretch(), s.milestones(), s.workDone(), s.workTotal(), s.workBasis(), s.workItems(),
        s.direction(), s.green(), s.red(), s.exampleNumbers(), s.updatedAt(), s.source(), version);
  }

  /**
   * Builds a unit summary: the mean progress of the unit's current objectives, counts per status
   * and the lowest confidence. The status follows the objective rule one level up: the worst
   * status of its objectives (pending ones left out unless all are pending), or the status of the
   * mean against their mean expected progress when that is worse. A unit with one objective off
   * track is therefore never shown on track, whatever its mean.
   */
  static UnitSummary unit(UnitRecord unit, long version) {
    UnitDef def = unit.def;
    Aggregate objectives = unit.objectives;
    boolean noData = objectives.withoutData();
    long progress = objectives.members == 0 ? 0 : objectives.meanProgress();
    Status status;
    if (noData) {
      status = Status.PENDING;
    } else if (objectives.count(Status.CLOSED) == objectives.members) {
      status = Status.CLOSED;
    } else {
      status = StatusRules.aggregate(objectives, progress, objectives.meanExpected());
    }
    Map<Status, Integer> counts = new EnumMap<>(Status.class);
    for (Status s : Status.values()) {
      int count = objectives.count(s);
      if (count > 0 || s != Status.CLOSED) {
        counts.put(s, count);
      }
    }
    int confidence = objectives.minConfidence();
    return new UnitSummary(def.id(), def.orgId(), def.key(), def.name(), def.kind(),
        def.parentId(), FixedPoint.toDecimal(progress), noData, status, objectives.members,
        counts, confidence < 0 ? null : confidence, objectives.latest, version);
  }

  /** Returns {@code summary} with another version. */
  static UnitSummary withVersion(UnitSummary s, long version) {
    return new UnitSummary(s.id(), s.orgId(), s.key(), s.name(), s.kind(), s.parentId(),
        s.progress(), s.noData(), s.status(), s.objectives(), s.counts(), s.confidence(),
        s.updatedAt(), version);
  }
}
