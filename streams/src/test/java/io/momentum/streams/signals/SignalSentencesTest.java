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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sentences and wording parameters of signal findings: forecast precision, stall spans, node kinds. */
class SignalSentencesTest {

  private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
  private static final CycleDef QUARTER = new CycleDef("c1", "org", "q4", "Q4 2026", CycleKind.QUARTER, null,
      LocalDate.parse("2026-10-01"), LocalDate.parse("2026-12-31"), false);

  @Test
  void forecastShownWithValuePrecision() {
    NodeState node = keyResult("kr-1", "Page load time", "180", "90", "125", "s",
        Forecast.of(new BigDecimal("119.8142"), new BigDecimal("0.6687")), Status.AT_RISK);

    Finding finding = SignalRules.offTrackForecast(node, new NodeTrack(), QUARTER, NOW, null);

    assertThat(finding.explanation()).contains("forecast to reach 120 s ");
    assertThat(finding.params().getString("forecast")).isEqualTo("120");
    assertThat(finding.params().getInteger("decimals")).isEqualTo(0);
    assertThat(finding.evidence().getJsonObject("forecast").getString("value")).isEqualTo("119.8142");
  }

  @Test
  void forecastOfDecimalValuesKeepsTheirPrecision() {
    NodeState node = keyResult("kr-2", "Conversion rate", "2.5", "3.5", "2.6", "%",
        Forecast.of(new BigDecimal("2.74871"), new BigDecimal("0.2487")), Status.OFF_TRACK);

    Finding finding = SignalRules.offTrackForecast(node, new NodeTrack(), QUARTER, NOW, null);

    assertThat(finding.explanation()).contains("forecast to reach 2.7 % ");
    assertThat(finding.params().getInteger("decimals")).isEqualTo(1);
  }

  @Test
  void forecastDropsTrailingZeros() {
    NodeState node = keyResult("kr-9", "Conversion rate", "2.5", "6.5", "3.15", "%",
        Forecast.of(new BigDecimal("4.7976"), new BigDecimal("0.5744")), Status.OFF_TRACK);

    Finding finding = SignalRules.offTrackForecast(node, new NodeTrack(), QUARTER, NOW, null);

    assertThat(finding.explanation()).contains("forecast to reach 4.8 % ");
    assertThat(finding.params().getString("forecast")).isEqualTo("4.8");
    assertThat(finding.params().getInteger("decimals")).isEqualTo(2);
  }

  @Test
  void wholeUnitForecastIsWhole() {
    NodeState node = keyResult("kr-3", "Peak picking capacity", "42000", "60000", "51000", "orders",
        Forecast.of(new BigDecimal("55346.81764"), new BigDecimal("0.7415")), Status.AT_RISK);

    Finding finding = SignalRules.offTrackForecast(node, new NodeTrack(), QUARTER, NOW, null);

    assertThat(finding.explanation()).contains("forecast to reach 55,347 orders ").contains("74 % of the way");
    assertThat(finding.params().getString("forecast")).isEqualTo("55347");
    assertThat(finding.params().getInteger("decimals")).isEqualTo(0);
  }

  @Test
  void offTrackPercentNeverReachesThreshold() {
    NodeState node = keyResult("kr-5", "Price index", "100", "90", "97", "points",
        Forecast.of(new BigDecimal("92.504"), new BigDecimal("0.7496")), Status.AT_RISK);

    Finding finding = SignalRules.offTrackForecast(node, new NodeTrack(), QUARTER, NOW, null);

    assertThat(finding.explanation()).contains(", 74.9 % of the way to its target");
    assertThat(finding.params().getValue("forecastPercent")).isEqualTo(74.9);
  }

  @Test
  void offTrackPercentRoundsBelowThreshold() {
    assertThat(SignalRules.offTrackPercent(new BigDecimal("0.7449")).toPlainString()).isEqualTo("74");
    assertThat(SignalRules.offTrackPercent(new BigDecimal("0.745")).toPlainString()).isEqualTo("74.5");
    assertThat(SignalRules.offTrackPercent(new BigDecimal("0.74999")).toPlainString()).isEqualTo("74.9");
    assertThat(SignalRules.offTrackPercent(new BigDecimal("0.4951")).toPlainString()).isEqualTo("50");
  }

  @Test
  void offTrackWholePercentStaysInteger() {
    NodeState node = keyResult("kr-6", "App share", "20", "40", "24", "%",
        Forecast.of(new BigDecimal("31.6"), new BigDecimal("0.58")), Status.AT_RISK);

    Finding finding = SignalRules.offTrackForecast(node, new NodeTrack(), QUARTER, NOW, null);

    assertThat(finding.explanation()).contains(", 58 % of the way");
    assertThat(finding.params().getValue("forecastPercent")).isEqualTo(58);
  }

  @Test
  void clearedForecastShownWithValuePrecision() {
    NodeState node = keyResult("kr-4", "Page load time", "180", "90", "100", "s",
        Forecast.of(new BigDecimal("95.43219"), new BigDecimal("0.939642")), Status.ON_TRACK);

    String reason = SignalRules.forecastClearedReason(node);

    assertThat(reason).isEqualTo("The forecast is no longer off track: it reaches 95 s, 94 % of the way to its target 90 s.");
  }

  @Test
  void stallOfThreeDaysSaysDays() {
    Finding finding = stalled(Duration.ofDays(3));

    assertThat(finding.explanation()).contains("check-ins (3 days)");
    assertThat(finding.params().getLong("days")).isEqualTo(3L);
  }

  @Test
  void stallOfOneDaySaysDaySingular() {
    Finding finding = stalled(Duration.ofHours(30));

    assertThat(finding.explanation()).contains("check-ins (1 day)");
  }

  @Test
  void stallOfThreeWeeksSaysWholeWeeks() {
    Finding finding = stalled(Duration.ofDays(20));

    assertThat(finding.explanation()).contains("check-ins (3 weeks)");
    assertThat(finding.params().getLong("days")).isEqualTo(20L);
  }

  @Test
  void spanTextSwitchesToWeeksAtFourteenDays() {
    assertThat(SignalRules.spanText(13)).isEqualTo("13 days");
    assertThat(SignalRules.spanText(14)).isEqualTo("2 weeks");
    assertThat(SignalRules.spanText(17)).isEqualTo("2 weeks");
    assertThat(SignalRules.spanText(18)).isEqualTo("3 weeks");
  }

  @Test
  void dependencyNamesKindOfOtherNode() {
    NodeState keyResult = keyResult("kr-3", "Checkout revamp", "0", "100", "40", "%", null, Status.ON_TRACK);
    NodeState initiative = node("in-1", NodeKind.INITIATIVE, "Checkout revamp", Status.OFF_TRACK);

    Finding finding = SignalRules.dependencyAtRisk(keyResult,
        List.of(new SignalRules.Related(initiative, "depends_on", "input")), NOW, null);

    assertThat(finding.explanation()).isEqualTo("Checkout revamp depends on the initiative Checkout revamp, which is off track.");
    assertThat(finding.params().getString("otherKind")).isEqualTo("initiative");
    assertThat(finding.params().getString("otherId")).isEqualTo("in-1");
    assertThat(finding.params().getString("kind")).isEqualTo("key_result");
    assertThat(finding.evidence().getJsonArray("offTrack").getJsonObject(0).getString("kind")).isEqualTo("initiative");
  }

  @Test
  void dependencyNamesOneMoreNode() {
    Finding finding = dependencyWithOffTrack(2);

    assertThat(finding.explanation()).endsWith(", which is off track. Also off track: the initiative Checkout step 1.");
  }

  @Test
  void dependencyNamesMoreNodes() {
    Finding finding = dependencyWithOffTrack(4);

    assertThat(finding.explanation()).endsWith(", which is off track. Also off track: the initiative Checkout step 1, "
        + "the initiative Checkout step 2 and the initiative Checkout step 3.");
    assertThat(finding.params().getInteger("count")).isEqualTo(4);
  }

  @Test
  void forecastCountsOneDayLeft() {
    NodeState node = keyResult("kr-8", "Activation rate", "20", "40", "24", "%",
        Forecast.of(new BigDecimal("30"), new BigDecimal("0.5")), Status.AT_RISK);

    Finding lastDay = SignalRules.offTrackForecast(node, new NodeTrack(), QUARTER, Instant.parse("2026-12-31T06:00:00Z"), null);
    Finding earlier = SignalRules.offTrackForecast(node, new NodeTrack(), QUARTER, NOW, null);

    assertThat(lastDay.explanation()).endsWith("That is off track, with 1 day left to act.");
    assertThat(earlier.explanation()).endsWith("That is off track, with 42 days left to act.");
  }

  @Test
  void confidenceDropCountsPoints() {
    SignalSettings anyDrop = new SignalSettings(3, 1, 3.5, 2);

    assertThat(confidenceDrop(8, 7, anyDrop).explanation()).contains(" fell by 1 point, from 8/10 on ");
    assertThat(confidenceDrop(8, 5, anyDrop).explanation()).contains(" fell by 3 points, from 8/10 on ");
  }

  @Test
  void stallCountsCheckInsAndWorkItems() {
    assertThat(stalled(Duration.ofDays(3)).explanation())
        .contains("over its last 3 check-ins (3 days), while 3 linked work items were done, up from 0 ");
  }

  @Test
  void countedAgreesWithNumber() {
    assertThat(SignalRules.counted(1, "check-in", "check-ins")).isEqualTo("1 check-in");
    assertThat(SignalRules.counted(0, "check-in", "check-ins")).isEqualTo("0 check-ins");
    assertThat(SignalRules.counted(2, "linked work item was", "linked work items were")).isEqualTo("2 linked work items were");
  }

  @Test
  void reachedTargetNeedsNoCheckIn() {
    NodeTrack silent = new NodeTrack();

    assertThat(SignalRules.missedCheckIn(checkedIn(Measurement.INCREASE, "0.4"), silent, QUARTER, null,
        SignalSettings.DEFAULTS, NOW)).isNotNull();
    assertThat(SignalRules.missedCheckIn(checkedIn(Measurement.INCREASE, "1"), silent, QUARTER, null,
        SignalSettings.DEFAULTS, NOW)).isNull();
    assertThat(SignalRules.missedCheckIn(checkedIn(Measurement.DECREASE, "1"), silent, QUARTER, null,
        SignalSettings.DEFAULTS, NOW)).isNull();
    // Staying inside its range is a range key result's target, so it still needs its check-ins.
    assertThat(SignalRules.missedCheckIn(checkedIn(Measurement.RANGE, "1"), silent, QUARTER, null,
        SignalSettings.DEFAULTS, NOW)).isNotNull();
  }

  @Test
  void missedCheckInNamesCarriedValue() {
    Instant cycleStart = Instant.parse("2026-10-01T00:00:00Z");
    NodeState carried = valued("65", Observation.CARRY_OVER_SOURCE, cycleStart);

    Finding finding = SignalRules.missedCheckIn(carried, new NodeTrack(), QUARTER, cycleStart, SignalSettings.DEFAULTS, NOW);

    assertThat(finding).isNotNull();
    assertThat(finding.explanation()).isEqualTo("Form errors has had no check-in since 2026-10-01. Its value 65 % was"
        + " carried over from the previous cycle. The weekly check-in was due on 2026-10-08, so 7 check-ins are missing.");
    assertThat(finding.params().getString("carriedValue")).isEqualTo("65");
    assertThat(finding.params().getString("carriedAt")).isEqualTo("2026-10-01T00:00:00Z");
    assertThat(finding.params().getString("unit")).isEqualTo("%");
    assertThat(finding.evidence().getString("carriedValue")).isEqualTo("65");
    assertThat(finding.evidence().getString("carriedAt")).isEqualTo("2026-10-01T00:00:00Z");
  }

  @Test
  void missedCheckInOmitsValueNotCarried() {
    Instant cycleStart = Instant.parse("2026-10-01T00:00:00Z");
    NodeState measured = valued("65", "urn:service:checkout", cycleStart);

    Finding finding = SignalRules.missedCheckIn(measured, new NodeTrack(), QUARTER, cycleStart, SignalSettings.DEFAULTS, NOW);

    assertThat(finding).isNotNull();
    assertThat(finding.explanation()).doesNotContain("carried over");
    assertThat(finding.params().containsKey("carriedValue")).isFalse();
    assertThat(finding.evidence().containsKey("carriedValue")).isFalse();
  }

  @Test
  void missedCheckInAfterCheckInOmitsCarriedValue() {
    Instant cycleStart = Instant.parse("2026-10-01T00:00:00Z");
    NodeState carried = valued("65", Observation.CARRY_OVER_SOURCE, cycleStart);
    NodeTrack track = new NodeTrack();
    track.add(new Observation.Value(carried.id(), null, 6, true, Instant.parse("2026-10-20T09:00:00Z"), "urn:momentum:user:u1"), null);

    Finding finding = SignalRules.missedCheckIn(carried, track, QUARTER, cycleStart, SignalSettings.DEFAULTS, NOW);

    assertThat(finding).isNotNull();
    assertThat(finding.explanation()).startsWith("Form errors was last checked in on 2026-10-20.");
    assertThat(finding.params().containsKey("carriedValue")).isFalse();
  }

  private static NodeState valued(String current, String source, Instant updatedAt) {
    return new NodeState("kr-9", "org", "kr-9", NodeKind.KEY_RESULT, Measurement.INCREASE, "Form errors", "o1", "u1", "c1",
        null, BigDecimal.ONE, new BigDecimal("0.5"), new BigDecimal("0.5"), new BigDecimal("0.5"), Status.AT_RISK, false,
        false, null, null, new BigDecimal(current), new BigDecimal("30"), new BigDecimal("100"), null, null, "%", null, null,
        null, List.of(), null, null, null, 0, null, null, null, false, updatedAt, source, 1);
  }

  private static NodeState checkedIn(Measurement measurement, String progress) {
    return new NodeState("kr-9", "org", "kr-9", NodeKind.KEY_RESULT, measurement, "Form errors", "o1", "u1", "c1", null,
        BigDecimal.ONE, new BigDecimal(progress), new BigDecimal(progress), new BigDecimal("0.5"), Status.ON_TRACK, false,
        false, null, null, new BigDecimal("6"), new BigDecimal("12"), new BigDecimal("6"), null, null, "%", null, null,
        null, List.of(), null, null, null, 0, null, null, null, false, NOW, "test", 1);
  }

  @Test
  void forecastWritesCurrencyBeforeNumber() {
    NodeState node = keyResult("kr-1", "Average order value", "20", "40", "34.1", "EUR",
        Forecast.of(new BigDecimal("35.2012"), new BigDecimal("0.66")), Status.OFF_TRACK);

    Finding finding = SignalRules.offTrackForecast(node, new NodeTrack(), QUARTER, NOW, null);

    assertThat(finding.explanation()).contains("forecast to reach EUR 35.20 by");
    assertThat(finding.explanation()).contains("of the way to its target EUR 40.");
  }

  @Test
  void stallWritesWordUnitAgreeingWithNumber() {
    assertThat(stalled("1", "days").explanation()).contains("stayed at 1 day over");
    assertThat(stalled("3", "day").explanation()).contains("stayed at 3 days over");
  }

  @Test
  void stallGroupsThousands() {
    assertThat(stalled("1273.9", "tickets").explanation()).contains("stayed at 1,273.9 tickets over");
  }

  @Test
  void forecastWritesScaledCurrencyWithoutSpace() {
    NodeState node = keyResult("kr-7", "Markdown stock", "2.4", "1.6", "2.1", "EUR M",
        Forecast.of(new BigDecimal("1.8123"), new BigDecimal("0.7346")), Status.AT_RISK);

    Finding finding = SignalRules.offTrackForecast(node, new NodeTrack(), QUARTER, NOW, null);

    assertThat(finding.explanation()).contains("forecast to reach EUR 1.8M by").contains("its target EUR 1.6M.");
  }

  @Test
  void anomalyGroupsValueAndMedian() {
    NodeState kpi = node("kpi-1", NodeKind.KPI, "Support tickets", Status.ON_TRACK);
    NodeTrack track = new NodeTrack();
    String[] history = {"1270", "1271", "1272", "1273", "1273.9", "1274", "1275", "1276", "1277"};
    Instant first = NOW.minus(Duration.ofDays(7L * history.length));
    for (int i = 0; i < history.length; i++) {
      track.add(new Observation.Value(kpi.id(), new BigDecimal(history[i]), null, false,
          first.plus(Duration.ofDays(7L * i)), "test"), null);
    }
    track.add(new Observation.Value(kpi.id(), new BigDecimal("2000"), null, false, NOW, "test"), null);

    Finding finding = SignalRules.kpiAnomaly(kpi, track, SignalSettings.DEFAULTS, null);

    assertThat(finding).isNotNull();
    assertThat(finding.explanation()).contains("measured 2,000 on").contains("the median 1,274 of its last 9 values");
  }

  @Test
  void stallWritesAmountWithCents() {
    assertThat(stalled("34.1", "€").explanation()).contains("stayed at €34.10 over");
  }

  private static Finding dependencyWithOffTrack(int offTrackCount) {
    NodeState keyResult = keyResult("kr-9", "Checkout conversion", "0", "100", "40", "%", null, Status.ON_TRACK);
    List<SignalRules.Related> related = new ArrayList<>();
    for (int i = 0; i < offTrackCount; i++) {
      NodeState initiative = node("in-" + i, NodeKind.INITIATIVE, "Checkout step " + i, Status.OFF_TRACK);
      related.add(new SignalRules.Related(initiative, "depends_on", "input"));
    }
    Finding finding = SignalRules.dependencyAtRisk(keyResult, related, NOW, null);
    assertThat(finding).isNotNull();
    return finding;
  }

  private static Finding confidenceDrop(int from, int to, SignalSettings settings) {
    NodeState node = keyResult("kr-10", "Activation rate", "20", "40", "24", "%", null, Status.AT_RISK);
    NodeTrack track = new NodeTrack();
    track.add(new Observation.Value(node.id(), new BigDecimal("24"), from, true, NOW.minus(Duration.ofDays(7)), "test"), "e1");
    track.add(new Observation.Value(node.id(), new BigDecimal("24"), to, true, NOW, "test"), "e2");
    Finding finding = SignalRules.confidenceDrop(node, track, settings);
    assertThat(finding).isNotNull();
    return finding;
  }

  private static Finding stalled(Duration span) {
    return stalled(span, "25", "%");
  }

  private static Finding stalled(String value, String unit) {
    return stalled(Duration.ofDays(6), value, unit);
  }

  private static Finding stalled(Duration span, String value, String unit) {
    NodeState node = keyResult("kr-4", "Activation rate", "20", "40", value, unit, null, Status.AT_RISK);
    NodeTrack track = new NodeTrack();
    Instant first = NOW.minus(span);
    for (int i = 0; i < 3; i++) {
      Instant at = first.plus(span.dividedBy(2).multipliedBy(i));
      track.add(new Observation.Value(node.id(), new BigDecimal(value), 6, true, at, "test"), "e" + i);
    }
    NodeState initiative = node("in-2", NodeKind.INITIATIVE, "Onboarding flow", Status.ON_TRACK);
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
        null, List.of(), null, null, null, 0, null, null, null, false, NOW, "test", 1);
  }

  private static NodeState node(String id, NodeKind kind, String title, Status status) {
    return new NodeState(id, "org", id, kind, null, title, null, "u2", "c1", null, BigDecimal.ONE,
        new BigDecimal("0.1"), new BigDecimal("0.1"), new BigDecimal("0.6"), status, false, false, null, null, null,
        null, null, null, null, null, null, null, null, List.of(), null, null, null, 0, null, null, null, false, NOW, "test", 1);
  }
}
