package io.momentum.server.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.streams.engine.CycleDef;
import io.momentum.streams.engine.CycleKind;
import io.momentum.streams.engine.GoalEngine;
import io.momentum.streams.engine.Measurement;
import io.momentum.streams.engine.NodeDef;
import io.momentum.streams.engine.NodeKind;
import io.momentum.streams.engine.Observation;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Replaying values newest first gives the state of a replay in time order. */
class NewestValuesFirstTest {

  private static final Instant AT = Instant.parse("2026-11-20T12:00:00Z");
  private static final Instant DAY1 = Instant.parse("2026-10-10T09:00:00Z");
  private static final Instant DAY2 = Instant.parse("2026-10-20T09:00:00Z");
  private static final Instant DAY3 = Instant.parse("2026-11-01T09:00:00Z");

  @Test
  void sameInstantKeepsArrivalOrder() {
    Observation first = value(DAY2, "30", null);
    Observation second = value(DAY2, "31", null);

    List<Observation> ordered = TimeTravel.newestValuesFirst(List.of(value(DAY1, "20", null), first, second, value(DAY3, "40", null)));

    assertThat(ordered).extracting(o -> ((Observation.Value) o).value().toPlainString()).containsExactly("40", "30", "31", "20");
  }

  @Test
  void replayGivesSameStateAsTimeOrder() {
    List<Observation> inTimeOrder = new ArrayList<>();
    for (int day = 0; day < 30; day++) {
      inTimeOrder.add(value(DAY1.plusSeconds(day * 86_400L), String.valueOf(20 + day), null));
    }
    inTimeOrder.add(value(DAY3, "70", 4));
    inTimeOrder.add(value(DAY3, "72", null));
    inTimeOrder.add(new Observation.Value("kr", null, 6, true, DAY3.plusSeconds(60), "urn:test"));

    JsonObject timeOrder = evaluate(inTimeOrder);
    JsonObject newestFirst = evaluate(TimeTravel.newestValuesFirst(inTimeOrder));

    assertThat(timeOrder.getValue("forecast")).isNotNull();
    for (String field : List.of("current", "progress", "raw", "status", "confidence", "forecast", "stale", "updatedAt", "source")) {
      assertThat(newestFirst.getValue(field)).as(field).isEqualTo(timeOrder.getValue(field));
    }
  }

  private static Observation value(Instant time, String value, Integer confidence) {
    return new Observation.Value("kr", new BigDecimal(value), confidence, confidence != null, time, "urn:test");
  }

  private static JsonObject evaluate(List<Observation> observations) {
    GoalEngine engine = new GoalEngine("org", Clock.fixed(AT, ZoneOffset.UTC));
    engine.upsertCycle(new CycleDef("q", "org", "q", "Q", CycleKind.QUARTER, null, LocalDate.parse("2026-10-01"),
        LocalDate.parse("2026-12-31"), false));
    engine.upsertNode(NodeDef.builder("kr", "org", NodeKind.KEY_RESULT).key("kr").title("KR").measurement(Measurement.INCREASE)
        .cycleId("q").start(BigDecimal.ZERO).target(new BigDecimal("100")).build());
    engine.applyAll(observations);
    engine.tick(AT);
    return engine.node("kr").orElseThrow().toJson();
  }
}
