package io.momentum.streams.signals;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.streams.engine.CycleDef;
import io.momentum.streams.engine.CycleKind;
import io.momentum.streams.engine.GoalEngine;
import io.momentum.streams.engine.Measurement;
import io.momentum.streams.engine.NodeDef;
import io.momentum.streams.engine.NodeKind;
import io.momentum.streams.engine.Observation;
import io.momentum.streams.engine.UnitDef;
import io.momentum.streams.engine.UnitKind;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A dependency signal names the current status of the node it depends on: while it settles after
 * that node left off track, and again when the node falls back to off track.
 */
class DependencySettlingTest {

  private static final String ORG = "org-1";
  private static final LocalDate START = LocalDate.of(2026, 1, 1);
  /** Day 45 of the 90-day quarter: expected progress 0.5, so 10 of 100 is off track and 30 at risk. */
  private static final Instant NOW = START.atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofDays(45));
  private static final String FINGERPRINT = SignalRules.fingerprint(SignalRules.DEPENDENCY_AT_RISK, "steady");

  private final GoalEngine engine = new GoalEngine(ORG, Clock.fixed(NOW, ZoneOffset.UTC));
  private final SignalDetector detector = new SignalDetector(SignalSettings.DEFAULTS,
      List.of(new SignalLink("late", "steady", "contribution")), List.of());

  @Test
  void atRiskDependencyUpdatesExplanation() {
    define();
    value("steady", 50, NOW);
    value("late", 10, NOW);
    SignalChange.Raise raised = (SignalChange.Raise) single(evaluate(NOW));
    assertThat(raised.finding().params().getString("otherStatus")).isEqualTo("off_track");
    assertThat(raised.finding().explanation()).isEqualTo("Key result steady depends on the key result Key result late,"
        + " which is off track.");

    value("late", 30, NOW.plusSeconds(60));
    SignalChange.Update atRisk = (SignalChange.Update) single(evaluate(NOW.plusSeconds(60)));

    assertThat(atRisk.finding().params().getString("otherStatus")).isEqualTo("at_risk");
    assertThat(atRisk.finding().params().getInteger("count")).isZero();
    assertThat(atRisk.finding().params().getString("otherId")).isEqualTo("late");
    assertThat(atRisk.finding().explanation()).isEqualTo("Key result steady depends on the key result Key result late,"
        + " which was off track and is at risk now.");
    assertThat(atRisk.finding().evidence().getJsonObject("named").getString("status")).isEqualTo("at_risk");
  }

  @Test
  void unchangedStatusWritesNothing() {
    raiseThenMoveToAtRisk();

    value("late", 31, NOW.plusSeconds(120));

    assertThat(ofSignal(evaluate(NOW.plusSeconds(120)))).isEmpty();
  }

  @Test
  void offTrackAgainUpdatesBack() {
    raiseThenMoveToAtRisk();

    value("late", 10, NOW.plusSeconds(120));
    SignalChange.Update offTrack = (SignalChange.Update) single(evaluate(NOW.plusSeconds(120)));

    assertThat(offTrack.finding().params().getString("otherStatus")).isEqualTo("off_track");
    assertThat(offTrack.finding().params().getInteger("count")).isEqualTo(1);
    assertThat(offTrack.finding().explanation()).endsWith("which is off track.");
  }

  @Test
  void atRiskDependencyResolvesAfterSettleTime() {
    raiseThenMoveToAtRisk();

    List<SignalChange> beforeSettled = ofSignal(sweep(NOW.plusSeconds(60).plus(Duration.ofMinutes(14))));
    List<SignalChange> settled = ofSignal(sweep(NOW.plusSeconds(60).plus(SignalDetector.DEFAULT_SETTLE_TIME)));

    assertThat(beforeSettled).isEmpty();
    assertThat(settled).hasSize(1).first().isInstanceOf(SignalChange.Resolve.class);
  }

  /** Raises the steady key result's signal with the late one off track, then moves the late one to at risk. */
  private void raiseThenMoveToAtRisk() {
    define();
    value("steady", 50, NOW);
    value("late", 10, NOW);
    evaluate(NOW);
    value("late", 30, NOW.plusSeconds(60));
    evaluate(NOW.plusSeconds(60));
  }

  private void define() {
    CycleDef quarter = new CycleDef("q1", ORG, "q1", "Q1", CycleKind.QUARTER, null, START, START.plusDays(89), false);
    engine.upsertCycle(quarter);
    detector.defineCycle(quarter);
    engine.upsertUnit(new UnitDef("team", ORG, "team", "Team", UnitKind.COMPANY, null));
    engine.upsertNode(NodeDef.builder("o", ORG, NodeKind.OBJECTIVE).key("o").title("Objective").unitId("team")
        .cycleId("q1").build());
    for (String id : List.of("late", "steady")) {
      NodeDef keyResult = NodeDef.builder(id, ORG, NodeKind.KEY_RESULT).key(id).title("Key result " + id).parentId("o")
          .cycleId("q1").measurement(Measurement.INCREASE).start(BigDecimal.ZERO).target(BigDecimal.valueOf(100)).build();
      engine.upsertNode(keyResult);
      detector.defineNode(keyResult);
    }
  }

  /** Applies a value to the engine and the detector, as the ingest does. */
  private void value(String nodeId, int value, Instant at) {
    Observation observation = new Observation.Value(nodeId, BigDecimal.valueOf(value), null, false, at, "test");
    engine.apply(observation);
    detector.observe(observation, null);
  }

  private List<SignalChange> evaluate(Instant at) {
    List<SignalChange> changes = detector.evaluate(engine, List.of(), at);
    detector.confirm(changes);
    return ofSignal(changes);
  }

  private List<SignalChange> sweep(Instant at) {
    List<SignalChange> changes = detector.sweep(engine, at);
    detector.confirm(changes);
    return changes;
  }

  /** Returns the changes of the steady key result's dependency signal. */
  private static List<SignalChange> ofSignal(List<SignalChange> changes) {
    return changes.stream().filter(change -> FINGERPRINT.equals(change.fingerprint())).toList();
  }

  private static SignalChange single(List<SignalChange> changes) {
    assertThat(changes).hasSize(1);
    return changes.get(0);
  }
}
