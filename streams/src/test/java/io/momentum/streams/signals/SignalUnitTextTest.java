package io.momentum.streams.signals;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.streams.engine.CycleDef;
import io.momentum.streams.engine.CycleKind;
import io.momentum.streams.engine.Forecast;
import io.momentum.streams.engine.Measurement;
import io.momentum.streams.engine.NodeKind;
import io.momentum.streams.engine.NodeState;
import io.momentum.streams.engine.Observation;
import io.momentum.streams.engine.Status;
import io.momentum.streams.engine.WorkStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Units of measure in signal explanations: currencies in front, word units agreeing with the number. */
class SignalUnitTextTest {

  private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
  private static final CycleDef QUARTER = new CycleDef("c1", "org", "q4", "Q4 2026", CycleKind.QUARTER, null,
      LocalDate.parse("2026-10-01"), LocalDate.parse("2026-12-31"), false);

  @Test
  void forecastWritesCurrencyBeforeNumber() {
    NodeState node = keyResult("kr-1", "Average order value", "20", "40", "34.1", "EUR",
        Forecast.of(new BigDecimal("35.2012"), new BigDecimal("0.66")), Status.OFF_TRACK);

    Finding finding = SignalRules.offTrackForecast(node, new NodeTrack(), QUARTER, NOW, null);

    assertThat(finding.explanation()).contains("forecast to reach EUR 35.20 by");
    assertThat(finding.explanation()).contains("of the way to its target EUR 40.");
  }

  @Test
  void stallWritesSingularWordUnit() {
    Finding finding = stalled("1", "days");

    assertThat(finding.explanation()).contains("stayed at 1 day over");
  }

  @Test
  void stallWritesPluralWordUnit() {
    Finding finding = stalled("3", "day");

    assertThat(finding.explanation()).contains("stayed at 3 days over");
  }

  @Test
  void stallWritesAmountWithCents() {
    Finding finding = stalled("34.1", "€");

    assertThat(finding.explanation()).contains("stayed at €34.10 over");
  }

  private static Finding stalled(String value, String unit) {
    NodeState node = keyResult("kr-4", "Lead time", "20", "1", value, unit, null, Status.AT_RISK);
    Duration span = Duration.ofDays(6);
    NodeTrack track = new NodeTrack();
    Instant first = NOW.minus(span);
    for (int i = 0; i < 3; i++) {
      Instant at = first.plus(span.dividedBy(2).multipliedBy(i));
      track.add(new Observation.Value(node.id(), new BigDecimal(value), 6, true, at, "test"), "e" + i);
    }
    NodeState initiative = new NodeState("in-2", "org", "in-2", NodeKind.INITIATIVE, null, "Faster reviews", null, "u2",
        "c1", null, BigDecimal.ONE, new BigDecimal("0.1"), new BigDecimal("0.1"), new BigDecimal("0.6"), Status.ON_TRACK,
        false, false, null, null, null, null, null, null, null, null, null, null, null, List.of(), null, null, null, 0,
        null, null, null, NOW, "test", 1);
    NodeTrack work = new NodeTrack();
    for (int i = 0; i < 3; i++) {
      Instant done = first.plus(span.dividedBy(4).multipliedBy(i + 1));
      work.add(new Observation.WorkItem(initiative.id(), "jira", "ON-" + i, "story", WorkStatus.DONE, null, false, done,
          "test"), null);
    }
    Finding finding = SignalRules.stalledDespiteEffort(node, track,
        () -> List.of(new SignalRules.LinkedWork(initiative, work)), SignalSettings.DEFAULTS);
    assertThat(finding).isNotNull();
    return finding;
  }

  private static NodeState keyResult(String id, String title, String start, String target, String current, String unit,
                                     Forecast forecast, Status status) {
    return new NodeState(id, "org", id, NodeKind.KEY_RESULT, Measurement.INCREASE, title, "o1", "u1", "c1", null,
        BigDecimal.ONE, new BigDecimal("0.1"), new BigDecimal("0.1"), new BigDecimal("0.5"), status, false, false, null,
        forecast, new BigDecimal(current), new BigDecimal(start), new BigDecimal(target), null, null, unit, null, null,
        null, List.of(), null, null, null, 0, null, null, null, NOW, "test", 1);
  }
}
