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
import io.vertx.core.json.JsonArray;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The evidence of an off-track forecast shows the cycle's values the forecast rests on, even
 * after a burst of recent values that fills the detector's ring of recent values.
 */
class ForecastEvidenceHistoryTest {

  private static final String ORG = "org-1";
  private static final LocalDate START = LocalDate.of(2026, 1, 1);
  private static final Instant CYCLE_START = START.atStartOfDay(ZoneOffset.UTC).toInstant();
  private static final Instant NOW = CYCLE_START.plus(Duration.ofDays(60)).plus(Duration.ofHours(12));

  @Test
  void evidenceSpansCycleAfterBurst() {
    GoalEngine engine = new GoalEngine(ORG, Clock.fixed(NOW, ZoneOffset.UTC));
    CycleDef quarter = new CycleDef("q1", ORG, "q1", "Q1", CycleKind.QUARTER, null, START, START.plusDays(89), false);
    engine.upsertCycle(quarter);
    engine.upsertUnit(new UnitDef("team", ORG, "team", "Team", UnitKind.COMPANY, null));
    engine.upsertNode(NodeDef.builder("o", ORG, NodeKind.OBJECTIVE).key("o").title("Objective").unitId("team")
        .cycleId("q1").build());
    NodeDef keyResult = NodeDef.builder("signups", ORG, NodeKind.KEY_RESULT).key("signups").title("Signups")
        .parentId("o").measurement(Measurement.INCREASE).start(BigDecimal.ZERO).target(BigDecimal.valueOf(100)).build();
    engine.upsertNode(keyResult);
    SignalDetector detector = new SignalDetector(SignalSettings.DEFAULTS, List.of(), List.of());
    detector.defineCycle(quarter);
    detector.defineNode(keyResult);

    // One value a day for 60 days, heading for 45 of 100 at the cycle end.
    for (int day = 0; day < 60; day++) {
      observe(engine, detector, BigDecimal.valueOf(day).divide(BigDecimal.valueOf(2)),
          CYCLE_START.plus(Duration.ofDays(day)).plus(Duration.ofHours(9)));
    }
    Finding raised = offTrackFinding(detector.evaluate(engine, List.of(), NOW));
    assertThat(raised).as("off-track forecast raised on the daily history").isNotNull();
    detector.confirm(List.of(new SignalChange.Raise(raised)));

    // 120 values in the last minute, more than the detector keeps as recent values, low enough
    // to change the forecast so the signal is updated with new evidence.
    Instant burstStart = NOW.minus(Duration.ofMinutes(1));
    for (int i = 0; i < 120; i++) {
      observe(engine, detector, BigDecimal.valueOf(5), burstStart.plus(Duration.ofMillis(500L * i)));
    }
    Finding updated = offTrackFinding(detector.evaluate(engine, List.of(), NOW));
    assertThat(updated).as("off-track forecast updated after the burst").isNotNull();

    JsonArray values = updated.evidence().getJsonArray("values");
    assertThat(values.size()).isLessThanOrEqualTo(SignalRules.FORECAST_EVIDENCE_POINTS);
    assertThat(values.size()).isGreaterThan(SignalRules.FORECAST_EVIDENCE_POINTS / 2);
    Instant oldest = Instant.parse(values.getJsonObject(0).getString("at"));
    Instant newest = Instant.parse(values.getJsonObject(values.size() - 1).getString("at"));
    assertThat(oldest).isEqualTo(CYCLE_START.plus(Duration.ofHours(9)));
    assertThat(newest).isEqualTo(burstStart.plus(Duration.ofMillis(500L * 119)));
    long inBurst = values.stream().map(value -> Instant.parse(((io.vertx.core.json.JsonObject) value).getString("at")))
        .filter(at -> !at.isBefore(burstStart)).count();
    assertThat(inBurst).as("values from the last minute").isLessThanOrEqualTo(2);
  }

  private static void observe(GoalEngine engine, SignalDetector detector, BigDecimal value, Instant at) {
    Observation observation = new Observation.Value("signups", value, null, false, at, "test");
    engine.apply(observation);
    detector.observe(observation, null);
  }

  private static Finding offTrackFinding(List<SignalChange> changes) {
    for (SignalChange change : changes) {
      if (change instanceof SignalChange.Raise raise && raise.finding().kind().equals(SignalRules.OFF_TRACK_FORECAST)) {
        return raise.finding();
      }
      if (change instanceof SignalChange.Update update && update.finding().kind().equals(SignalRules.OFF_TRACK_FORECAST)) {
        return update.finding();
      }
    }
    return null;
  }
}
