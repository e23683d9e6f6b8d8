package io.momentum.server.assist.drafts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class KpiTargetsTest {

  private static final Instant NOW = Instant.parse("2026-10-01T00:00:00Z");
  private static final Instant CYCLE_END = Instant.parse("2026-12-31T00:00:00Z");

  private static KpiTargets.Kpi kpi(String title, String direction, String current, String green, List<KpiTargets.Point> points) {
    return new KpiTargets.Kpi(UUID.randomUUID(), "k", title, "%", direction, current == null ? null : new BigDecimal(current),
        NOW, green == null ? null : new BigDecimal(green), null, points);
  }

  private static KpiTargets.Point point(String day, String value) {
    return new KpiTargets.Point(Instant.parse(day + "T12:00:00Z"), new BigDecimal(value));
  }

  @Test
  void greenBoundBecomesTarget() {
    KpiTargets.Adaptation adaptation = KpiTargets.adapt(kpi("Win rate", "increase", "18", "25", List.of()), CYCLE_END, null);
    assertThat(adaptation.basis()).isEqualTo(KpiTargets.CORRIDOR);
    assertThat(adaptation.baseline()).isEqualByComparingTo("18");
    assertThat(adaptation.target()).isEqualByComparingTo("25");
    assertThat(adaptation.source().getString("basis")).isEqualTo("corridor");
  }

  @Test
  void decreasingKpiUsesGreenBelowCurrent() {
    KpiTargets.Adaptation adaptation = KpiTargets.adapt(kpi("Churn", "decrease", "2.4", "1.5", List.of()), CYCLE_END, null);
    assertThat(adaptation.target()).isEqualByComparingTo("1.5");
  }

  @Test
  void trendProjectsToCycleEnd() {
    // 10 on day 0, 20 on day 10, 30 on day 20: 1 per day, so 100 on day 90 after the first point.
    List<KpiTargets.Point> points = List.of(point("2026-10-01", "10"), point("2026-10-11", "20"), point("2026-10-21", "30"));
    KpiTargets.Adaptation adaptation = KpiTargets.adapt(kpi("Sign-ups", "increase", "30", "25", points),
        Instant.parse("2026-12-30T12:00:00Z"), null);
    assertThat(adaptation.basis()).isEqualTo(KpiTargets.TREND);
    assertThat(adaptation.target()).isEqualByComparingTo("100");
  }

  @Test
  void trendNeedsTwoDays() {
    List<KpiTargets.Point> points = List.of(point("2026-10-01", "10"), point("2026-10-01", "20"), point("2026-10-01", "30"));
    assertThat(KpiTargets.projection(points, CYCLE_END)).isNull();
  }

  @Test
  void stepAppliesExampleChange() {
    KpiTargets.Adaptation adaptation = KpiTargets.adapt(kpi("Win rate", "increase", "40", "30", List.of()), CYCLE_END,
        KpiTargets.step(new BigDecimal("20"), new BigDecimal("25")));
    assertThat(adaptation.basis()).isEqualTo(KpiTargets.STEP);
    assertThat(adaptation.target()).isEqualByComparingTo("50");
  }

  @Test
  void stepIsCappedAtHalf() {
    KpiTargets.Adaptation adaptation = KpiTargets.adapt(kpi("Deploys", "increase", "10", null, List.of()), CYCLE_END,
        KpiTargets.step(new BigDecimal("5"), new BigDecimal("20")));
    assertThat(adaptation.target()).isEqualByComparingTo("15");
  }

  @Test
  void noTargetBeyondCurrentLeavesNumbers() {
    assertThat(KpiTargets.adapt(kpi("Win rate", "increase", "30", "25", List.of()), CYCLE_END, null)).isNull();
  }

  @Test
  void overlapIsDiceOfTerms() {
    KpiTargets.Kpi winRate = kpi("Win rate of opportunities", "increase", "18", "25", List.of());
    // {win, rate, opportun} and {win, rate, qualifi, opportun}: 2 * 3 / 7.
    assertThat(KpiTargets.overlap(winRate, "en", "win rate of qualified opportunities", "increase")).isCloseTo(6.0 / 7, within(1e-9));
  }

  @Test
  void overlapNeedsSameDirection() {
    KpiTargets.Kpi winRate = kpi("Win rate of opportunities", "increase", "18", "25", List.of());
    assertThat(KpiTargets.overlap(winRate, "en", "win rate of qualified opportunities", "decrease")).isZero();
  }

  @Test
  void overlapBelowThresholdIsZero() {
    KpiTargets.Kpi winRate = kpi("Win rate of qualified opportunities", "increase", "18", "25", List.of());
    // {win, rate, qualifi, opportun} and {opportun, creat, per, month} share one term: 2 * 1 / 8 = 0.25.
    assertThat(KpiTargets.overlap(winRate, "en", "opportunities created per month", "increase")).isZero();
  }

  @Test
  void kpiWithoutValueNeverMatches() {
    KpiTargets.Kpi empty = kpi("Win rate", "increase", null, "25", List.of());
    assertThat(KpiTargets.overlap(empty, "en", "win rate", "increase")).isZero();
  }

  @Test
  void roundingFollowsMagnitude() {
    assertThat(KpiTargets.round(new BigDecimal("1234.56")).toPlainString()).isEqualTo("1235");
    assertThat(KpiTargets.round(new BigDecimal("12.345")).toPlainString()).isEqualTo("12.3");
    assertThat(KpiTargets.round(new BigDecimal("1.2345")).toPlainString()).isEqualTo("1.23");
    assertThat(KpiTargets.round(new BigDecimal("200.0")).toPlainString()).isEqualTo("200");
  }
}
