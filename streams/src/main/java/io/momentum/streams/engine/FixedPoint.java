package io.momentum.streams.engine;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Progress, weights and expected progress as longs in units of 1/10,000, so that rollup sums can
 * add and remove a member's contribution exactly.
 */
final class FixedPoint {

  /** 1.0 in fixed point. */
  static final long ONE = 10_000;

  /** Division precision (34 significant digits) before rounding to 4 decimals. */
  static final MathContext PRECISION = MathContext.DECIMAL128;

  private FixedPoint() {
  }

  /** Converts a decimal to fixed point, rounding half up to 4 decimals. */
  static long of(BigDecimal value) {
    return value.setScale(4, RoundingMode.HALF_UP).unscaledValue().longValueExact();
  }

  /** Converts fixed point back to a decimal with scale 4. */
  static BigDecimal toDecimal(long fixed) {
    return BigDecimal.valueOf(fixed, 4);
  }

  /** Divides two non-negative numbers and rounds half up; {@code denominator} must be positive. */
  static long divideHalfUp(long numerator, long denominator) {
    return (2 * numerator + denominator) / (2 * denominator);
  }

  /**
   * Divides two decimals and rounds the exact quotient half up to 4 decimals in one step, which
   * is cheaper than dividing to 34 digits first and cannot round twice.
   */
  static BigDecimal ratio(BigDecimal numerator, BigDecimal denominator) {
    return numerator.divide(denominator, 4, RoundingMode.HALF_UP);
  }

  /** Clamps a 4-decimal raw progress to [0, 1]. */
  static long clampToProgress(BigDecimal raw) {
    long fixed = of(raw);
    return Math.max(0, Math.min(ONE, fixed));
  }

  /** Contribution weight in fixed point: null means 1, a negative weight counts as 0. */
  static long weight(BigDecimal weight) {
    if (weight == null) {
      return ONE;
    }
    return Math.max(0, of(weight));
  }
}
