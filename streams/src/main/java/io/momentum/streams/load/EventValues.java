package io.momentum.streams.load;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Values the generator sends: they walk the key result's range so that each one differs from the last. */
final class EventValues {

  private EventValues() {
  }

  /**
   * Returns the {@code step}-th value of a key result ranging from {@code start} to
   * {@code target}: a point between them that moves by 37 % of the range (mod 101 points) per
   * step, so consecutive values of one key result always differ.
   */
  static double value(double start, double target, long step) {
    long point = Math.floorMod(step * 37, 101);
    return start + (target - start) * point / 100.0;
  }

  /** Formats a value as a JSON number with at most four decimals. */
  static String format(double value) {
    return BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
  }
}
