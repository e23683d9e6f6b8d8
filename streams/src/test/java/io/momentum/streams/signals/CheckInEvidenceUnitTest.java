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

/** The evidence of a confidence drop names the unit of the check-in values it lists. */
class CheckInEvidenceUnitTest {

  private static final String ORG = "org-1";
  private static final LocalDate START = LocalDate.of(2026, 1, 1);
  private static final Instant NOW = START.atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofDays(45));

  @Test
  void confidenceDropEvidenceHasUnit() {
    GoalEngine engine = new GoalEngine(ORG, Clock.fixed(NOW, ZoneOffset.UTC));
    CycleDef quarter = new CycleDef("q1", ORG, "q1", "Q1", CycleKind.QUARTER, null, START, START.plusDays(89), false);
    engine.upsertCycle(quarter);
    engine.upsertUnit(new UnitDef("team", ORG, "team", "Team", UnitKind.COMPANY, null));
    engine.upsertNode(NodeDef.builder("o", ORG, NodeKind.OBJECTIVE).key("o").title("Objective").unitId("team")
        .cycleId("q1").build());
    NodeDef keyResult = NodeDef.builder("rating", ORG, NodeKind.KEY_RESULT).key("rating").title("Rating").parentId("o")
        .measurement(Measurement.INCREASE).start(BigDecimal.ZERO).target(BigDecimal.valueOf(100)).unit("%").build();
    engine.upsertNode(keyResult);
    SignalDetector detector = new SignalDetector(SignalSettings.DEFAULTS, List.of(), List.of());
    detector.defineCycle(quarter);
    detector.defineNode(keyResult);
    int[][] checkIns = {{48, 8, 14}, {48, 8, 7}, {48, 4, 0}};
    for (int[] checkIn : checkIns) {
      Observation observation = new Observation.Value("rating", BigDecimal.valueOf(checkIn[0]), checkIn[1], true,
          NOW.minus(Duration.ofDays(checkIn[2])), "test");
      engine.apply(observation);
      detector.observe(observation, null);
    }

    List<SignalChange> changes = detector.evaluate(engine, List.of(), NOW);

    Finding drop = changes.stream().filter(SignalChange.Raise.class::isInstance).map(change -> ((SignalChange.Raise) change).finding())
        .filter(finding -> finding.kind().equals(SignalRules.CONFIDENCE_DROP)).findFirst().orElseThrow();
    assertThat(drop.evidence().getString("unit")).isEqualTo("%");
  }
}
