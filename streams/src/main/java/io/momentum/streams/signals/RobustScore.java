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
 */
final class RobustScore {

  /** Minimum number of earlier values a score needs. */
  static final int MIN_POINTS = 8;
  /** Minimum number of earlier values on the same weekday that makes the score weekday-aware. */
  static final int MIN_SEASON_POINTS = 3;
  private static final double NORMAL_CONSISTENCY = 1.4826;
  private static final long HOUR_MILLIS = 3_600_000L;
  private static final long DAY_MILLIS = 86_400_000L;

  /**
   * The score of one value.
   *
   * @param seasonal true when the score compared the value with its weekday's history
   * @param centre the median the value was compared with
   * @param spread the robust standard deviation (1.4826 * MAD), 0 when every earlier value was equal
   */
  record Score(double z, boolean seasonal, double centre, double spread, int window) {
  }

  private RobustScore() {
  }

  /**
   * Scores {@code latest} against {@code history} (earlier values, oldest first), or returns null
   * when the history has fewer than {@link #MIN_POINTS} values. When every earlier value sits on
   * the centre (spread 0), a different value scores positive or negative infinity.
   */
  static Score score(List<NodeTrack.Point> history, NodeTrack.Point latest) {
    if (history.size() < MIN_POINTS) {
      return null;
    }
    if (isDaily(history)) {
      Score seasonal = seasonalScore(history, latest);
      if (seasonal != null) {
        return seasonal;
      }
    }
    double[] values = new double[history.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = history.get(i).number();
    }
    double centre = median(values);
    double spread = NORMAL_CONSISTENCY * median(deviations(values, centre));
    return new Score(z(latest.number(), centre, spread), false, centre, spread, history.size());
  }

  private static Score seasonalScore(List<NodeTrack.Point> history, NodeTrack.Point latest) {
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
    double spread = NORMAL_CONSISTENCY * median(residuals);
    return new Score(z(latest.number(), centre, spread), true, centre, spread, history.size());
  }

  private static double z(double value, double centre, double spread) {
    double distance = value - centre;
    if (spread > 0) {
      return distance / spread;
    }
    return distance == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, distance);
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
