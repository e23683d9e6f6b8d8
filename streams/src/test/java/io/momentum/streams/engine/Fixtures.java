package io.momentum.streams.engine;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/** Small factories for engine test data: one organisation, a 90-day quarter, units and nodes. */
final class Fixtures {

  static final String ORG = "org-1";
  static final String QUARTER = "2026-q1";
  static final String STRATEGY = "strategy";
  /** 2026-01-01 to 2026-03-31: exactly 90 days. */
  static final LocalDate QUARTER_START = LocalDate.of(2026, 1, 1);
  static final LocalDate QUARTER_END = LocalDate.of(2026, 3, 31);
  static final String TEAM = "team-a";
  static final String SOURCE = "test";

  private Fixtures() {
  }

  /** Instant at 00:00 UTC of the quarter's first day plus {@code days}. */
  static Instant day(double days) {
    Instant start = QUARTER_START.atStartOfDay(ZoneOffset.UTC).toInstant();
    return start.plus(Duration.ofMillis(Math.round(days * 86_400_000d)));
  }

  static BigDecimal dec(String value) {
    return new BigDecimal(value);
  }

  static BigDecimal dec(long value) {
    return BigDecimal.valueOf(value);
  }

  static CycleDef quarter() {
    return new CycleDef(QUARTER, ORG, QUARTER, "Q1 2026", CycleKind.QUARTER, STRATEGY,
        QUARTER_START, QUARTER_END, false);
  }

  static CycleDef closedQuarter() {
    return new CycleDef(QUARTER, ORG, QUARTER, "Q1 2026", CycleKind.QUARTER, STRATEGY,
        QUARTER_START, QUARTER_END, true);
  }

  static CycleDef cycle(String id, LocalDate start, LocalDate end) {
    return new CycleDef(id, ORG, id, id, CycleKind.QUARTER, null, start, end, false);
  }

  static CycleDef strategy() {
    return new CycleDef(STRATEGY, ORG, STRATEGY, "Strategy 2026-2028", CycleKind.STRATEGY, null,
        LocalDate.of(2026, 1, 1), LocalDate.of(2028, 12, 31), false);
  }

  static UnitDef unit(String id, String parentId) {
    return new UnitDef(id, ORG, id, "Unit " + id, parentId == null ? UnitKind.COMPANY
        : UnitKind.TEAM, parentId);
  }

  /** An engine at day {@code days} of the quarter with the quarter and a top-level unit defined. */
  static GoalEngine engineAt(MutableClock clock) {
    GoalEngine engine = new GoalEngine(ORG, clock);
    engine.upsertCycle(quarter());
    engine.upsertUnit(unit(TEAM, null));
    return engine;
  }

  static MutableClock clockAtDay(double days) {
    return new MutableClock(day(days));
  }

  static NodeDef.Builder objective(String id) {
    return NodeDef.builder(id, ORG, NodeKind.OBJECTIVE).key(id).title("Objective " + id)
        .unitId(TEAM).cycleId(QUARTER);
  }

  static NodeDef.Builder outcome(String id) {
    return NodeDef.builder(id, ORG, NodeKind.STRATEGIC_OUTCOME).key(id).title("Outcome " + id)
        .cycleId(STRATEGY);
  }

  static NodeDef.Builder keyResult(String id, String objectiveId, Measurement measurement) {
    return NodeDef.builder(id, ORG, NodeKind.KEY_RESULT).key(id).title("Key result " + id)
        .parentId(objectiveId).measurement(measurement);
  }

  /** An increase key result from {@code start} to {@code target}. */
  static NodeDef.Builder metric(String id, String objectiveId, long start, long target) {
    Measurement direction = target >= start ? Measurement.INCREASE : Measurement.DECREASE;
    return keyResult(id, objectiveId, direction).start(dec(start)).target(dec(target));
  }

  static NodeDef.Builder kpi(String id) {
    return NodeDef.builder(id, ORG, NodeKind.KPI).key(id).title("KPI " + id).unitId(TEAM);
  }

  static NodeDef.Builder initiative(String id) {
    return NodeDef.builder(id, ORG, NodeKind.INITIATIVE).key(id).title("Initiative " + id)
        .unitId(TEAM);
  }

  static MilestoneDef milestone(String id, String weight, boolean done) {
    return new MilestoneDef(id, "Milestone " + id, weight == null ? null : dec(weight), done);
  }

  static Observation.Value value(String nodeId, String value, Instant time) {
    return new Observation.Value(nodeId, dec(value), null, false, time, SOURCE);
  }

  static Observation.Value value(String nodeId, String value, Instant time, String source) {
    return new Observation.Value(nodeId, dec(value), null, false, time, source);
  }

  static Observation.Value checkIn(String nodeId, String value, Integer confidence,
                                   Instant time) {
    return new Observation.Value(nodeId, value == null ? null : dec(value), confidence, true,
        time, SOURCE);
  }

  static Observation.WorkItem workItem(String nodeId, String externalId, WorkStatus status,
                                       String points, Instant time) {
    return new Observation.WorkItem(nodeId, "jira", externalId, "story", status,
        points == null ? null : dec(points), false, time, SOURCE);
  }

  static Observation.WorkItem deletedItem(String nodeId, String externalId, Instant time) {
    return new Observation.WorkItem(nodeId, "jira", externalId, "story", WorkStatus.TODO, null,
        true, time, SOURCE);
  }

  static Observation.Milestone milestoneDone(String nodeId, String milestoneId, boolean done,
                                             Instant time) {
    return new Observation.Milestone(nodeId, milestoneId, done, time, SOURCE);
  }

  static NodeState state(GoalEngine engine, String id) {
    return engine.node(id).orElseThrow();
  }

  static List<MilestoneDef> milestones(MilestoneDef... milestones) {
    return List.of(milestones);
  }
}
