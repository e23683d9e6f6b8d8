package io.momentum.streams.signals;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Robust z-score of a KPI's newest value against its own history: (value - median) / (1.4826 *
 * MAD), where MAD is the median absolute deviation. The factor 1.4826 makes the MAD estimate the
 * standard deviation of normally distributed values, and unlike mean and standard deviation the
 * median and MAD ignore the few outliers a history contains.
 *
 * <p>Seasonality: when the history is daily (median gap between 12 and 36 hours) and contains at
 * least {@link #MIN_SEASON_POINTS} earlier values on the same UTC weekday as the newest one, the
 * centre is the median of those same-weekday values and the spread is the MAD of every value's
 * distance from its own weekday's median. So a KPI that always dips on Sundays is not anomalous
 * on a Sunday dip.
 *
 * <p>Zero spread: a KPI that reports the same value most days has a MAD of 0, and any change would
 * score infinite. The spread then falls back to 1.2533 times the mean absolute deviation from the
 * centre (the factor makes it estimate the standard deviation of normal values). Whatever the
 * estimate, the spread is never below {@link #SPREAD_FLOOR_OF_CENTRE} of the centre's magnitude
 * or {@link #SPREAD_FLOOR_OF_CORRIDOR} of the KPI's corridor width, so a 0.01 tick on a history
 * that sits at 99.58 is no anomaly while a fall to 97 still is. A KPI without a corridor whose
 * history is flat at 0 has no scale at all and gets no score.
 */
final class RobustScore {

  /** Minimum number of earlier values a score needs. */
  static final int MIN_POINTS = 8;
  /** Minimum number of earlier values on the same weekday that makes the score weekday-aware. */
  static final int MIN_SEASON_POINTS = 3;
  /** Smallest spread, as a share of the centre's magnitude. */
  static final double SPREAD_FLOOR_OF_CENTRE = 0.001;
  /** Smallest spread, as a share of the distance between a KPI's green and red thresholds. */
  static final double SPREAD_FLOOR_OF_CORRIDOR = 0.05;
  private static final double NORMAL_CONSISTENCY = 1.4826;
  /** Ratio of the standard deviation to the mean absolute deviation of normal values, sqrt(pi / 2). */
  private static final double MEAN_DEVIATION_CONSISTENCY = 1.2533;
  private static final long HOUR_MILLIS = 3_600_000L;
  private static final long DAY_MILLIS = 86_400_000L;

  /**
   * The score of one value.
   *
   * @param seasonal true when the score compared the value with its weekday's history
   * @param centre the median the value was compared with
   * @param spread the robust standard deviation the distance was divided by: 1.4826 * MAD, or the
   *     fallback when the MAD is 0, and never below the floor
   */
  record Score(double z, boolean seasonal, double centre, double spread, int window) {
  }

  private RobustScore() {
  }

  /**
   * Scores {@code latest} against {@code history} (earlier values, oldest first) without a
   * corridor, as {@link #score(List, NodeTrack.Point, double)} does.
   */
  static Score score(List<NodeTrack.Point> history, NodeTrack.Point latest) {
    return score(history, latest, 0);
  }

  /**
   * Scores {@code latest} against {@code history} (earlier values, oldest first). Returns null when
   * the history has fewer than {@link #MIN_POINTS} values, or when the spread is 0 even after the
   * fallback and floor. That happens only when the centre is 0, every earlier value lies on its
   * centre, and the KPI has no corridor.
   *
   * @param corridorWidth the absolute distance between the KPI's green and red thresholds, 0 when
   *     it has no corridor
   */
  static Score score(List<NodeTrack.Point> history, NodeTrack.Point latest, double corridorWidth) {
    if (history.size() < MIN_POINTS) {
      return null;
    }
    Score score = null;
    if (isDaily(history)) {
      score = seasonalScore(history, latest, corridorWidth);
    }
    if (score == null) {
      score = plainScore(history, latest, corridorWidth);
    }
    return score.spread() > 0 ? score : null;
  }

  private static Score plainScore(List<NodeTrack.Point> history, NodeTrack.Point latest, double corridorWidth) {
    double[] values = new double[history.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = history.get(i).number();
    }
    double centre = median(values);
    double spread = spread(deviations(values, centre), centre, corridorWidth);
    return new Score(z(latest.number(), centre, spread), false, centre, spread, history.size());
  }

  private static Score seasonalScore(List<NodeTrack.Point> history, NodeTrack.Point latest, double corridorWidth) {
    int[] weekdays = new int[history.size()];
    int[] perWeekday = new int[7];
    for (int i = 0; i < weekdays.length; i++) {
      weekdays[i] = weekday(history.get(i).time());
      perWeekday[weekdays[i]]++;
    }
    int day = weekday(latest.time());
    if (perWeekday[day] < MIN_SEASON_POINTS) {
      return null;
    }
    double[][] valuesByWeekday = new double[7][];
    for (int weekday = 0; weekday < 7; weekday++) {
      valuesByWeekday[weekday] = new double[perWeekday[weekday]];
    }
    int[] filled = new int[7];
    for (int i = 0; i < weekdays.length; i++) {
      valuesByWeekday[weekdays[i]][filled[weekdays[i]]++] = history.get(i).number();
    }
    double[] dayMedians = new double[7];
    for (int weekday = 0; weekday < 7; weekday++) {
      dayMedians[weekday] = median(valuesByWeekday[weekday]);
    }
    double[] residuals = new double[history.size()];
    for (int i = 0; i < residuals.length; i++) {
      residuals[i] = Math.abs(history.get(i).number() - dayMedians[weekdays[i]]);
    }
    double centre = dayMedians[day];
    double spread = spread(residuals, centre, corridorWidth);
    return new Score(z(latest.number(), centre, spread), true, centre, spread, history.size());
  }

  /**
   * Returns the spread of values whose absolute distances from {@code centre} are {@code
   * deviations}: 1.4826 * MAD, or 1.2533 * mean absolute deviation when the MAD is 0, raised to
   * the floor.
   */
  static double spread(double[] deviations, double centre, double corridorWidth) {
    double spread = NORMAL_CONSISTENCY * median(deviations);
    if (spread == 0) {
      spread = MEAN_DEVIATION_CONSISTENCY * mean(deviations);
    }
    double floor = Math.max(SPREAD_FLOOR_OF_CENTRE * Math.abs(centre), SPREAD_FLOOR_OF_CORRIDOR * Math.abs(corridorWidth));
    return Math.max(spread, floor);
  }

  private static double z(double value, double centre, double spread) {
    double distance = value - centre;
    return distance == 0 ? 0 : distance / spread;
  }

  /** Returns true when the median gap between consecutive values lies between 12 and 36 hours. */
  private static boolean isDaily(List<NodeTrack.Point> history) {
    double[] gaps = new double[history.size() - 1];
    for (int i = 1; i < history.size(); i++) {
      gaps[i - 1] = history.get(i).time().toEpochMilli() - history.get(i - 1).time().toEpochMilli();
    }
    double gap = median(gaps);
    return gap >= 12 * HOUR_MILLIS && gap <= 36 * HOUR_MILLIS;
  }

  /** Returns the UTC weekday of an instant, 0 for Monday to 6 for Sunday, without building a date. */
  static int weekday(Instant time) {
    long day = Math.floorDiv(time.toEpochMilli(), DAY_MILLIS);
    // 1970-01-01, day 0, was a Thursday.
    return (int) Math.floorMod(day + 3, 7L);
  }

  private static double[] deviations(double[] values, double centre) {
    double[] deviations = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      deviations[i] = Math.abs(values[i] - centre);
    }
    return deviations;
  }

  private static double mean(double[] values) {
    double sum = 0;
    for (double value : values) {
      sum += value;
    }
    return values.length == 0 ? 0 : sum / values.length;
  }

  /** Returns the median of {@code values}, or NaN when there are none. */
  static double median(double[] values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }
}
