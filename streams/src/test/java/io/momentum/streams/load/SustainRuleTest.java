package io.momentum.streams.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SustainRuleTest {

  @Test
  void slopeOfGrowingLag() {
    List<SustainRule.LagPoint> points = List.of(
        new SustainRule.LagPoint(0, 100), new SustainRule.LagPoint(5_000, 600), new SustainRule.LagPoint(10_000, 1_100));

    assertThat(SustainRule.slopePerSecond(points)).isCloseTo(100.0, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void slopeOfOneSampleIsZero() {
    assertThat(SustainRule.slopePerSecond(List.of(new SustainRule.LagPoint(0, 5_000)))).isZero();
  }

  @Test
  void stepMeetingEveryCriterionIsSustained() {
    assertThat(SustainRule.missed(10_000, 9_990, 0, 3, 1_500, 80, 1_000, 0)).isEmpty();
  }

  @Test
  void shortfallInRateIsNamed() {
    assertThat(SustainRule.missed(10_000, 9_000, 0, 0, 0, 80, 1_000, 0))
        .singleElement().asString().contains("sent 9000/s");
  }

  @Test
  void growingLagIsNamed() {
    assertThat(SustainRule.missed(10_000, 10_000, 0, 2_000, 60_000, 80, 1_000, 0))
        .singleElement().asString().contains("lag grew");
  }

  @Test
  void smallLagGrowthWithinAllowanceIsBounded() {
    assertThat(SustainRule.missed(1_000, 1_000, 0, 300, 3_000, 80, 1_000, 0)).isEmpty();
  }

  @Test
  void slowP99AndBoardsBehindAreNamed() {
    List<String> missed = SustainRule.missed(10_000, 10_000, 0, 0, 0, 1_500, 1_000, 3);

    assertThat(missed).hasSize(2);
    assertThat(missed.get(0)).contains("p99 1500 ms");
    assertThat(missed.get(1)).contains("3 board nodes");
  }
}
