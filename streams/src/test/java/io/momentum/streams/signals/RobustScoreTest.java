package io.momentum.streams.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RobustScoreTest {

  private static final Instant MONDAY = LocalDate.of(2026, 1, 5).atStartOfDay(ZoneOffset.UTC).toInstant();

  private static NodeTrack.Point point(Instant time, double value) {
    return new NodeTrack.Point(time, java.math.BigDecimal.valueOf(value));
  }

  private static List<NodeTrack.Point> daily(double... values) {
    List<NodeTrack.Point> points = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      points.add(point(MONDAY.plusSeconds(86_400L * i + 3_600), values[i]));
    }
    return points;
  }

  @Test
  void weekdayMatchesCalendar() {
    for (int day = -3; day < 10; day++) {
      Instant time = MONDAY.plusSeconds(86_400L * day + 7_200);
      DayOfWeek expected = time.atZone(ZoneOffset.UTC).getDayOfWeek();
      assertThat(RobustScore.weekday(time)).as("weekday of %s", time).isEqualTo(expected.ordinal());
    }
  }

  @Test
  void fewerThanEightValuesGiveNoScore() {
    List<NodeTrack.Point> history = daily(1, 2, 3, 4, 5, 6, 7);
    assertThat(RobustScore.score(history, point(MONDAY.plusSeconds(86_400L * 8), 9))).isNull();
  }

  @Test
  void scoreUsesMedianAndMad() {
    // Two values a week apart break the daily rhythm, so the score is not weekday-aware.
    List<NodeTrack.Point> history = new ArrayList<>();
    double[] values = {10, 12, 11, 13, 9, 10, 12, 11, 10};
    for (int i = 0; i < values.length; i++) {
      history.add(point(MONDAY.plusSeconds(7L * 86_400 * i), values[i]));
    }
    RobustScore.Score score = RobustScore.score(history, point(MONDAY.plusSeconds(7L * 86_400 * 10), 16));

    assertThat(score.seasonal()).isFalse();
    assertThat(score.centre()).isEqualTo(11);
    assertThat(score.spread()).isEqualTo(1.4826);
    assertThat(score.z()).isCloseTo(5 / 1.4826, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void weeklyDipIsUsualOnItsWeekday() {
    double[] values = new double[28];
    for (int i = 0; i < values.length; i++) {
      values[i] = i % 7 == 6 ? 70 + i % 3 : 100 + i % 3;
    }
    List<NodeTrack.Point> history = daily(values);
    NodeTrack.Point sunday = point(MONDAY.plusSeconds(86_400L * 34 + 3_600), 71);
    NodeTrack.Point tuesday = point(MONDAY.plusSeconds(86_400L * 29 + 3_600), 71);

    assertThat(RobustScore.score(history, sunday).seasonal()).isTrue();
    assertThat(Math.abs(RobustScore.score(history, sunday).z())).isLessThan(3.5);
    assertThat(RobustScore.score(history, tuesday).z()).isLessThan(-3.5);
  }

  private static List<NodeTrack.Point> weekly(double... values) {
    List<NodeTrack.Point> points = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      points.add(point(MONDAY.plusSeconds(7L * 86_400 * i), values[i]));
    }
    return points;
  }

  private static NodeTrack.Point at(double value) {
    return point(MONDAY.plusSeconds(7L * 86_400 * 20), value);
  }

  @Test
  void flatHistoryIgnoresSmallTick() {
    List<NodeTrack.Point> history = weekly(99.58, 99.58, 99.58, 99.58, 99.58, 99.58, 99.58, 99.58, 99.58);

    RobustScore.Score same = RobustScore.score(history, at(99.58));
    RobustScore.Score tick = RobustScore.score(history, at(99.57));

    assertThat(same.z()).isZero();
    assertThat(tick.spread()).isCloseTo(0.09958, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(Math.abs(tick.z())).isLessThan(1);
  }

  @Test
  void flatHistoryStillFlagsJump() {
    List<NodeTrack.Point> history = weekly(99.58, 99.58, 99.58, 99.58, 99.58, 99.58, 99.58, 99.58, 99.58);

    RobustScore.Score fall = RobustScore.score(history, at(97));

    assertThat(fall.z()).isFinite();
    assertThat(fall.z()).isLessThan(-7);
  }

  @Test
  void zeroMadFallsBackToMeanDeviation() {
    // Six of nine values sit on the centre 50, so the MAD is 0; the mean absolute deviation is 1.
    List<NodeTrack.Point> history = weekly(50, 50, 47, 50, 50, 53, 50, 50, 53);

    RobustScore.Score score = RobustScore.score(history, at(60));

    assertThat(score.centre()).isEqualTo(50);
    assertThat(score.spread()).isCloseTo(1.2533, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(score.z()).isCloseTo(10 / 1.2533, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void corridorWidthSetsSpreadFloor() {
    List<NodeTrack.Point> history = weekly(5, 5, 5, 5, 5, 5, 5, 5, 5);

    RobustScore.Score withoutCorridor = RobustScore.score(history, at(5.1));
    RobustScore.Score withCorridor = RobustScore.score(history, at(5.1), 4);

    assertThat(withoutCorridor.spread()).isCloseTo(0.005, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(withCorridor.spread()).isCloseTo(0.2, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(withCorridor.z()).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void allZeroHistoryWithoutCorridorGivesNoScore() {
    List<NodeTrack.Point> history = weekly(0, 0, 0, 0, 0, 0, 0, 0, 0);

    assertThat(RobustScore.score(history, at(3))).isNull();
    assertThat(RobustScore.score(history, at(3), 10).z()).isCloseTo(6, org.assertj.core.data.Offset.offset(1e-9));
  }
}
