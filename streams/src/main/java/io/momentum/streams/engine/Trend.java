package io.momentum.streams.engine;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * Least-squares sums over the (time, value) points that fall inside one cycle window, kept
 * incrementally so that a new point costs O(1). Time is measured in milliseconds since the start
 * of the window; all sums are exact decimals.
 */
final class Trend {

  private static final long MILLIS_PER_DAY = 86_400_000L;
  private static final int MIN_POINTS = 3;
  private static final String NO_CYCLE = "the key result has no cycle";
  private static final String ONE_DAY =
      "all values are from one day; it needs values from 2 different days";
  private static final String[] TOO_FEW_POINTS = {
      "needs 3 values in the current cycle, has 0",
      "needs 3 values in the current cycle, has 1",
      "needs 3 values in the current cycle, has 2"};

  /** Observed value at one time. */
  record Point(long millis, BigDecimal value) {
  }

  final CycleWindow window;
  final NodeRecord source;
  private int count;
  private BigDecimal sumX = BigDecimal.ZERO;
  private BigDecimal sumY = BigDecimal.ZERO;
  private BigDecimal sumXY = BigDecimal.ZERO;
  private BigDecimal sumXX = BigDecimal.ZERO;
  private long firstDay = Long.MAX_VALUE;
  private long lastDay = Long.MIN_VALUE;
  private boolean projectionValid;
  private BigDecimal projection;

  /** Builds the sums for {@code window} from the history of {@code source}, which may be null. */
  Trend(CycleWindow window, NodeRecord source, ValueHistory history) {
    this.window = window;
    this.source = source;
    if (history != null && window != null) {
      for (ValueHistory.Bucket bucket : history.buckets()) {
        add(bucket);
      }
    }
  }

  /**
   * Adds a minute's sums when the minute lies inside the window, shifting time to the window
   * start: with x = t - s, the sums are Sx - n s, Sxy - s Sy and Sxx - 2 s St + n s^2.
   */
  private void add(ValueHistory.Bucket bucket) {
    if (!window.contains(bucket.startMillis())) {
      return;
    }
    BigDecimal n = BigDecimal.valueOf(bucket.count);
    BigDecimal start = BigDecimal.valueOf(window.startMillis);
    count += bucket.count;
    sumX = sumX.add(bucket.sumX.subtract(n.multiply(start)));
    sumY = sumY.add(bucket.sumY);
    sumXY = sumXY.add(bucket.sumXY.subtract(start.multiply(bucket.sumY)));
    sumXX = sumXX.add(bucket.sumXX.subtract(start.multiply(bucket.sumX).multiply(BigDecimal.valueOf(2)))
        .add(n.multiply(start).multiply(start)));
    long day = Math.floorDiv(bucket.startMillis(), MILLIS_PER_DAY);
    firstDay = Math.min(firstDay, day);
    lastDay = Math.max(lastDay, day);
    projectionValid = false;
  }

  /** Adds a point when it lies inside the window. */
  void add(Point point) {
    if (window == null || !window.contains(point.millis())) {
      return;
    }
    BigDecimal x = BigDecimal.valueOf(point.millis() - window.startMillis);
    BigDecimal y = point.value();
    count++;
    sumX = sumX.add(x);
    sumY = sumY.add(y);
    sumXY = sumXY.add(x.multiply(y));
    sumXX = sumXX.add(x.multiply(x));
    long day = Math.floorDiv(point.millis(), MILLIS_PER_DAY);
    firstDay = Math.min(firstDay, day);
    lastDay = Math.max(lastDay, day);
    projectionValid = false;
  }

  /**
   * Returns why there is no projection, or null when there is one: a window is needed, and at
   * least 3 points on at least 2 different UTC days.
   */
  String missing() {
    if (window == null) {
      return NO_CYCLE;
    }
    if (count < MIN_POINTS) {
      return TOO_FEW_POINTS[count];
    }
    if (firstDay == lastDay) {
      return ONE_DAY;
    }
    return null;
  }

  /** Returns the code of {@link #missing()}: no_cycle, too_few_values or one_day; null with a projection. */
  String missingCode() {
    if (window == null) {
      return "no_cycle";
    }
    if (count < MIN_POINTS) {
      return "too_few_values";
    }
    return firstDay == lastDay ? "one_day" : null;
  }

  /** Returns the number of values in the window. */
  int points() {
    return count;
  }

  /**
   * Projects the line to the end of the window and rounds half up to 4 decimals; null when
   * {@link #missing()} names a reason.
   */
  BigDecimal projection() {
    if (!projectionValid) {
      projection = missing() == null ? project() : null;
      projectionValid = true;
    }
    return projection;
  }

  /**
   * Evaluates the fitted line a + b x at the window end X with one division:
   * {@code (Sy D + (n Sxy - Sx Sy)(n X - Sx)) / (n D)}, where {@code D = n Sxx - Sx^2}.
   */
  private BigDecimal project() {
    BigDecimal n = BigDecimal.valueOf(count);
    BigDecimal end = BigDecimal.valueOf(window.endMillis - window.startMillis);
    BigDecimal spread = n.multiply(sumXX).subtract(sumX.multiply(sumX));
    BigDecimal covariance = n.multiply(sumXY).subtract(sumX.multiply(sumY));
    BigDecimal numerator = sumY.multiply(spread)
        .add(covariance.multiply(n.multiply(end).subtract(sumX)));
    return numerator.divide(n.multiply(spread), FixedPoint.PRECISION)
        .setScale(4, RoundingMode.HALF_UP);
  }

  /** Returns true when this trend was built for the given window and point source. */
  boolean matches(CycleWindow otherWindow, NodeRecord otherSource) {
    return window == otherWindow && source == otherSource;
  }

  /** Converts an instant to a point. */
  static Point point(Instant time, BigDecimal value) {
    return new Point(time.toEpochMilli(), value);
  }
}
