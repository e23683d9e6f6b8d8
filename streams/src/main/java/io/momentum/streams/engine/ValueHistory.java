package io.momentum.streams.engine;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.TreeMap;

/**
 * The values a node observed, compacted into one bucket of least-squares sums per UTC minute.
 * A trend needs only these sums, and cycle windows start at midnight, so a minute lies wholly
 * inside or outside any window: a trend built from the buckets equals one built from the points,
 * while memory grows with the minutes that saw values rather than with the number of values.
 */
final class ValueHistory {

  static final long MILLIS_PER_MINUTE = 60_000L;

  /** Sums of the points of one minute, with time in absolute epoch milliseconds. */
  static final class Bucket {
    final long minute;
    int count;
    BigDecimal sumX = BigDecimal.ZERO;
    BigDecimal sumY = BigDecimal.ZERO;
    BigDecimal sumXY = BigDecimal.ZERO;
    BigDecimal sumXX = BigDecimal.ZERO;

    Bucket(long minute) {
      this.minute = minute;
    }

    /** Epoch milliseconds at which the bucket's minute starts. */
    long startMillis() {
      return minute * MILLIS_PER_MINUTE;
    }

    void add(Trend.Point point) {
      BigDecimal x = BigDecimal.valueOf(point.millis());
      count++;
      sumX = sumX.add(x);
      sumY = sumY.add(point.value());
      sumXY = sumXY.add(x.multiply(point.value()));
      sumXX = sumXX.add(x.multiply(x));
    }
  }

  private final TreeMap<Long, Bucket> buckets = new TreeMap<>();
  private Trend.Point last;

  /** Adds a point to the bucket of its minute. */
  void add(Trend.Point point) {
    long minute = Math.floorDiv(point.millis(), MILLIS_PER_MINUTE);
    buckets.computeIfAbsent(minute, Bucket::new).add(point);
    last = point;
  }

  /** The point added last, or null before the first. */
  Trend.Point last() {
    return last;
  }

  /** Buckets in time order. */
  Collection<Bucket> buckets() {
    return buckets.values();
  }

  /** Number of buckets, for tests of the compaction. */
  int size() {
    return buckets.size();
  }
}
