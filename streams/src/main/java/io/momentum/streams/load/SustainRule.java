package io.momentum.streams.load;

import java.util.ArrayList;
import java.util.List;

/**
 * When a step counts as sustained: the generator achieved the rate, the server's consumer lag
 * stayed bounded, p99 latency stayed under the limit, and every board showed the last values
 * sent once the drain ended.
 */
final class SustainRule {

  /** Share of the target rate the generator must achieve. */
  static final double MIN_RATE_SHARE = 0.98;
  /** Largest lag growth, as a share of the rate per second, still taken as flat. */
  static final double MAX_LAG_GROWTH_SHARE = 0.02;
  /**
   * Lag that is always acceptable: the server takes up to 2,000 records per poll, so two polls'
   * worth may be in flight whatever the rate.
   */
  static final double LAG_ALLOWANCE_RECORDS = 4_000;

  private SustainRule() {
  }

  /** A lag sample: when (epoch milliseconds) and how many records. */
  record LagPoint(long atMillis, double records) {
  }

  /** Returns the least-squares slope of the lag in records per second, or 0 for fewer than two samples. */
  static double slopePerSecond(List<LagPoint> points) {
    if (points.size() < 2) {
      return 0;
    }
    double meanX = 0;
    double meanY = 0;
    for (LagPoint p : points) {
      meanX += p.atMillis() / 1000.0;
      meanY += p.records();
    }
    meanX /= points.size();
    meanY /= points.size();
    double covariance = 0;
    double variance = 0;
    for (LagPoint p : points) {
      double dx = p.atMillis() / 1000.0 - meanX;
      covariance += dx * (p.records() - meanY);
      variance += dx * dx;
    }
    return variance == 0 ? 0 : covariance / variance;
  }

  /**
   * Returns the criteria a step missed; empty when it is sustained.
   *
   * @param lastLag the last lag sample of the measured part, NaN when the server reported none
   */
  static List<String> missed(double rate, double sentPerSecond, long failedSends, double lagSlope, double lastLag,
                             double p99Millis, double maxP99Millis, int boardsBehind) {
    List<String> missed = new ArrayList<>();
    if (sentPerSecond < MIN_RATE_SHARE * rate) {
      missed.add(String.format("sent %.0f/s, below %.0f %% of the rate", sentPerSecond, MIN_RATE_SHARE * 100));
    }
    if (failedSends > 0) {
      missed.add(failedSends + " sends failed");
    }
    if (Double.isNaN(lastLag)) {
      missed.add("no consumer lag on /metrics");
    } else if (lagSlope > MAX_LAG_GROWTH_SHARE * rate && lastLag > LAG_ALLOWANCE_RECORDS) {
      missed.add(String.format("consumer lag grew by %.0f records/s to %.0f", lagSlope, lastLag));
    } else if (lastLag > Math.max(LAG_ALLOWANCE_RECORDS, rate)) {
      missed.add(String.format("consumer lag ended at %.0f records, more than a second of events", lastLag));
    }
    if (Double.isNaN(p99Millis)) {
      missed.add("no latency recorded");
    } else if (p99Millis > maxP99Millis) {
      missed.add(String.format("p99 %.0f ms above %.0f ms", p99Millis, maxP99Millis));
    }
    if (boardsBehind > 0) {
      missed.add(boardsBehind + " board nodes still behind after the drain");
    }
    return missed;
  }
}
