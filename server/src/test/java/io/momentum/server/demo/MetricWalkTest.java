package io.momentum.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MetricWalkTest {

  private static BigDecimal decimal(String value) {
    return new BigDecimal(value);
  }

  @Test
  void increaseStaysWithinMarginAtAnyStep() {
    MetricWalk walk = MetricWalk.towards(decimal("2.1"), decimal("3.0"), decimal("2.6"), "%", 1.0);
    Random random = new Random(1);
    for (int i = 0; i < 100_000; i++) {
      double seconds = Math.pow(10, -3 + 4 * random.nextDouble());
      BigDecimal value = walk.step(seconds, random);
      assertThat(value.doubleValue()).isBetween(2.1 - 0.18, 3.0 + 0.18);
    }
  }

  @Test
  void negativeRangeStaysWithinMargin() {
    MetricWalk walk = MetricWalk.towards(decimal("-2.5"), decimal("1.5"), decimal("-0.7"), "%", -0.25);
    Random random = new Random(2);
    for (int i = 0; i < 50_000; i++) {
      BigDecimal value = walk.step(5, random);
      assertThat(value.doubleValue()).isBetween(-2.5 - 0.8, 1.5 + 0.8);
    }
  }

  @Test
  void countsNeverGoBelowZero() {
    MetricWalk walk = MetricWalk.towards(decimal("0"), decimal("120"), decimal("3"), "people", -1.0);
    Random random = new Random(3);
    for (int i = 0; i < 20_000; i++) {
      assertThat(walk.step(10, random).signum()).isGreaterThanOrEqualTo(0);
    }
  }

  @Test
  void percentagesNeverExceedHundred() {
    MetricWalk walk = MetricWalk.towards(decimal("99.82"), decimal("99.95"), decimal("99.94"), "%", 1.0);
    Random random = new Random(4);
    for (int i = 0; i < 20_000; i++) {
      assertThat(walk.step(10, random)).isLessThanOrEqualTo(decimal("100"));
    }
  }

  @Test
  void fullPaceReachesTargetWithinHours() {
    MetricWalk walk = MetricWalk.towards(decimal("650"), decimal("300"), decimal("620"), "ms", 1.0);
    Random random = new Random(5);
    double lastHour = 0;
    int hours = 8;
    for (int second = 0; second < hours * 3600; second++) {
      BigDecimal value = walk.step(1, random);
      if (second >= (hours - 1) * 3600) {
        lastHour += value.doubleValue() / 3600;
      }
    }
    assertThat(lastHour).isBetween(300 - 0.15 * 350, 300 + 0.15 * 350);
  }

  @Test
  void valuesUseTheMetricsDecimals() {
    MetricWalk walk = MetricWalk.towards(decimal("2.1"), decimal("3.0"), decimal("2.6"), "%", 0.5);
    Random random = new Random(6);
    for (int i = 0; i < 100; i++) {
      assertThat(walk.step(2, random).scale()).isEqualTo(2);
    }
  }

  @Test
  void rangeLeavesItsBandNowAndThen() {
    MetricWalk walk = MetricWalk.within(decimal("12"), decimal("18"), decimal("14"), "%");
    Random random = new Random(7);
    int inside = 0;
    int steps = 20_000;
    for (int i = 0; i < steps; i++) {
      double value = walk.step(30, random).doubleValue();
      assertThat(value).isBetween(12 - 1.2, 18 + 1.2);
      if (value >= 12 && value <= 18) {
        inside++;
      }
    }
    assertThat((double) inside / steps).isBetween(0.5, 0.99);
  }

  @Test
  void equalStartAndTargetStayFinite() {
    MetricWalk walk = MetricWalk.towards(decimal("100"), decimal("100"), null, "index", 1.0);
    Random random = new Random(8);
    for (int i = 0; i < 1000; i++) {
      assertThat(walk.step(10, random).doubleValue()).isBetween(80.0, 120.0);
    }
  }
}
