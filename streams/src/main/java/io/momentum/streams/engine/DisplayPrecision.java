package io.momentum.streams.engine;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Decimals a derived value, such as a forecast, is shown with. A forecast is a least-squares
 * projection and carries as many decimals as the division gave, so it is shown with the precision
 * of the values people entered (start, target, current), at most {@link #MAX_DECIMALS}: with
 * values such as 1.66 and 1.6 a forecast reads 1.58, not 1.577. Display only: the engine keeps
 * and compares the full value.
 */
public final class DisplayPrecision {

  /** Most decimals a derived value is shown with, as many as progress is reported with. */
  public static final int MAX_DECIMALS = 4;

  private DisplayPrecision() {
  }

  /**
   * Returns the decimals to show a value derived from {@code measured} with: the most decimals
   * any of them has after trailing zeros are removed, at most {@link #MAX_DECIMALS}. Null values
   * are skipped; with none, the result is 0.
   */
  public static int decimalsFor(BigDecimal... measured) {
    int max = 0;
    for (BigDecimal value : measured) {
      if (value != null) {
        max = Math.max(max, Math.max(0, value.stripTrailingZeros().scale()));
      }
    }
    return Math.min(MAX_DECIMALS, max);
  }

  /** Returns {@code value} rounded half up to {@code decimals} without trailing zeros, or null. */
  public static BigDecimal round(BigDecimal value, int decimals) {
    if (value == null) {
      return null;
    }
    BigDecimal rounded = value.setScale(decimals, RoundingMode.HALF_UP).stripTrailingZeros();
    return rounded.scale() < 0 ? rounded.setScale(0) : rounded;
  }
}
