package io.momentum.streams.signals;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.streams.engine.GoalEngine;
import io.momentum.streams.engine.Measurement;
import io.momentum.streams.engine.NodeDef;
import io.momentum.streams.engine.NodeKind;
import io.momentum.streams.engine.Observation;
import io.momentum.streams.engine.UnitDef;
import io.momentum.streams.engine.UnitKind;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A KPI anomaly stored when a flat history scored every tick as infinite: a rebuilt detector finds
 * the condition clear and resolves it through the settle time like any other cleared anomaly.
 */
class StoredFlatKpiAnomalyTest {

  private static final String ORG = "org-1";
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  @Test
  void storedFlatAnomalyResolvesAfterSettling() {
    GoalEngine engine = new GoalEngine(ORG, Clock.fixed(NOW, ZoneOffset.UTC));
    engine.upsertUnit(new UnitDef("team", ORG, "team", "Team", UnitKind.COMPANY, null));
    NodeDef kpi = NodeDef.builder("crash-free", ORG, NodeKind.KPI).key("crash-free").title("Crash-free app sessions")
        .unitId("team").direction(Measurement.INCREASE).green(new BigDecimal("99.5")).red(new BigDecimal("99"))
        .unit("%").build();
    engine.upsertNode(kpi);
    String fingerprint = SignalRules.fingerprint(SignalRules.KPI_ANOMALY, "crash-free");
    JsonObject storedParams = new JsonObject().put("value", "99.57").put("z", -999.0).put("centre", 99.58);
    SignalDetector detector = new SignalDetector(SignalSettings.DEFAULTS, List.of(),
        List.of(new ActiveSignal(fingerprint, SignalRules.KPI_ANOMALY, "critical", storedParams)));
    detector.defineNode(kpi);
    for (int day = 10; day >= 0; day--) {
      String value = day == 0 ? "99.57" : "99.58";
      Observation observation = new Observation.Value("crash-free", new BigDecimal(value), null, false,
          NOW.minus(Duration.ofDays(day)).minusSeconds(60), "test");
      engine.apply(observation);
      detector.observe(observation, null);
    }

    List<SignalChange> first = detector.sweep(engine, NOW);
    detector.confirm(first);
    List<SignalChange> settled = detector.sweep(engine, NOW.plus(SignalDetector.DEFAULT_SETTLE_TIME));
    detector.confirm(settled);

    assertThat(first).isEmpty();
    assertThat(settled).hasSize(1);
    assertThat(settled.get(0)).isInstanceOf(SignalChange.Resolve.class);
    assertThat(settled.get(0).fingerprint()).isEqualTo(fingerprint);
    assertThat(detector.sweep(engine, NOW.plus(SignalDetector.DEFAULT_SETTLE_TIME).plusSeconds(60))).isEmpty();
  }
}
