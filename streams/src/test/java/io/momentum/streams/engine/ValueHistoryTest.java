package io.momentum.streams.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ValueHistoryTest {

  private static final LocalDate START = LocalDate.of(2026, 1, 1);
  private static final CycleWindow QUARTER = new CycleWindow(
      new CycleDef("q", "org", "q", "Q1", CycleKind.QUARTER, null, START, START.plusDays(89), false));

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 42, 2026})
  void trendFromBucketsEqualsTrendFromPoints(long seed) {
    Random random = new Random(seed);
    ValueHistory history = new ValueHistory();
    Trend fromPoints = new Trend(QUARTER, null, null);
    long from = START.minusDays(20).atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toEpochMilli();
    for (int i = 0; i < 2_000; i++) {
      long millis = from + (long) (random.nextDouble() * 130L * 86_400_000L);
      Trend.Point point = new Trend.Point(millis, BigDecimal.valueOf(random.nextInt(20_000) - 5_000, 2));
      history.add(point);
      fromPoints.add(point);
    }

    Trend fromBuckets = new Trend(QUARTER, null, history);

    assertThat(fromBuckets.missing()).isEqualTo(fromPoints.missing());
    assertThat(fromBuckets.projection()).isEqualByComparingTo(fromPoints.projection());
  }

  @Test
  void pointsOfOneMinuteShareBucket() {
    ValueHistory history = new ValueHistory();
    Instant minute = Instant.parse("2026-02-01T10:15:00Z");

    for (int second = 0; second < 60; second++) {
      history.add(Trend.point(minute.plusSeconds(second), BigDecimal.ONE));
    }
    history.add(Trend.point(minute.plusSeconds(60), BigDecimal.TEN));

    assertThat(history.size()).isEqualTo(2);
    assertThat(history.last().value()).isEqualByComparingTo(BigDecimal.TEN);
  }

  @Test
  void bucketsOutsideWindowAreLeftOut() {
    ValueHistory history = new ValueHistory();
    history.add(Trend.point(Instant.parse("2025-12-31T23:59:59Z"), BigDecimal.ONE));
    history.add(Trend.point(Instant.parse("2026-01-02T08:00:00Z"), BigDecimal.ONE));

    Trend trend = new Trend(QUARTER, null, history);

    assertThat(trend.missing()).isEqualTo("needs 3 values in the current cycle, has 1");
  }
}
