package io.momentum.server.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Random;

/**
 * A simulated metric: a trend that drifts towards the target at its own pace plus mean-reverting
 * noise (an Ornstein-Uhlenbeck process), so that values move on every event yet stay plausible at
 * any event rate. Values never leave the start-target span by more than {@value #MARGIN} of it, stay
 * at or above 0 when start and target are, and at or below 100 for percentages that start and end
 * below 100.
 */
final class MetricWalk {

  /** Seconds the trend takes to cross the whole start-target span at full pace. */
  static final double CROSSING_SECONDS = 6 * 3600;
  /** Share of the span by which values may leave it. */
  static final double MARGIN = 0.2;
  /** Standard deviation of the noise as a share of the span (of the band for a range). */
  private static final double TREND_NOISE = 0.025;
  private static final double BAND_NOISE = 0.25;
  /** Seconds after which the noise has mostly forgotten its previous value. */
  private static final double NOISE_SECONDS = 90;
  /** Seconds in which a range's trend returns most of the way to the band's centre. */
  private static final double BAND_RETURN_SECONDS = 1800;

  private final double lower;
  private final double upper;
  /** Value the trend heads for: just past the target, the far bound for a negative pace, or the centre of a band. */
  private final double goal;
  private final double driftPerSecond;
  private final double noiseDeviation;
  private final boolean band;
  private final int decimals;
  private double trend;
  private double noise;
  private BigDecimal last;

  private MetricWalk(double lower, double upper, double goal, double driftPerSecond, double noiseDeviation,
                     boolean band, int decimals, double current) {
    this.lower = lower;
    this.upper = upper;
    this.goal = goal;
    this.driftPerSecond = driftPerSecond;
    this.noiseDeviation = noiseDeviation;
    this.band = band;
    this.decimals = decimals;
    this.trend = clamp(current);
    this.last = round(trend);
  }

  /**
   * Creates a metric that moves from {@code start} towards {@code target}, starting at {@code current}
   * (the start when null). {@code pace} is the share of full speed: 1 crosses the span in
   * {@value #CROSSING_SECONDS} seconds, a negative pace drifts away from the target.
   */
  static MetricWalk towards(BigDecimal start, BigDecimal target, BigDecimal current, String unit, double pace) {
    double s = start.doubleValue();
    double t = target.doubleValue();
    int decimals = ValueScale.decimals(start, target, unit);
    double span = Math.abs(t - s);
    if (span == 0) {
      span = Math.max(Math.abs(t) * 0.05, Math.pow(10, -decimals));
    }
    double lower = Math.min(s, t) - MARGIN * span;
    double upper = Math.max(s, t) + MARGIN * span;
    if (Math.min(s, t) >= 0) {
      lower = Math.max(0, lower);
    }
    if ("%".equals(unit) && Math.max(s, t) <= 100) {
      upper = Math.min(100, upper);
    }
    double direction = Math.signum(t - s) == 0 ? 1 : Math.signum(t - s);
    double goal;
    if (pace >= 0) {
      goal = t + direction * 0.1 * span;
    } else {
      goal = direction > 0 ? lower : upper;
    }
    return new MetricWalk(lower, upper, goal, direction * span * pace / CROSSING_SECONDS, TREND_NOISE * span,
        false, decimals, current == null ? s : current.doubleValue());
  }

  /** Creates a metric kept between {@code low} and {@code high} that now and then leaves the band. */
  static MetricWalk within(BigDecimal low, BigDecimal high, BigDecimal current, String unit) {
    double l = low.doubleValue();
    double h = high.doubleValue();
    int decimals = ValueScale.decimals(low, high, unit);
    double width = h - l > 0 ? h - l : Math.max(Math.abs(h) * 0.05, Math.pow(10, -decimals));
    double lower = l - MARGIN * width;
    if (l >= 0) {
      lower = Math.max(0, lower);
    }
    return new MetricWalk(lower, h + MARGIN * width, (l + h) / 2, 0, BAND_NOISE * width, true, decimals,
        current == null ? (l + h) / 2 : current.doubleValue());
  }

  /** Advances the walk by {@code seconds} and returns the new value, rounded to the metric's decimals. */
  BigDecimal step(double seconds, Random random) {
    double dt = Math.max(0, seconds);
    if (band) {
      trend += (goal - trend) * (1 - Math.exp(-dt / BAND_RETURN_SECONDS));
    } else {
      // The trend stops where its drift ends and stays there.
      double moved = trend + driftPerSecond * dt;
      if (driftPerSecond > 0 && trend < goal) {
        trend = clamp(Math.min(moved, goal));
      } else if (driftPerSecond < 0 && trend > goal) {
        trend = clamp(Math.max(moved, goal));
      }
    }
    double keep = Math.exp(-dt / NOISE_SECONDS);
    noise = noise * keep + noiseDeviation * Math.sqrt(1 - keep * keep) * random.nextGaussian();
    last = round(clamp(trend + noise));
    return last;
  }

  /** Returns the value of the last step, or the starting value before the first. */
  BigDecimal last() {
    return last;
  }

  double lower() {
    return lower;
  }

  double upper() {
    return upper;
  }

  private double clamp(double value) {
    return Math.max(lower, Math.min(upper, value));
  }

  private BigDecimal round(double value) {
    return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP);
  }
}
