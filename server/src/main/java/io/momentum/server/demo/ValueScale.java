package io.momentum.server.demo;

import java.math.BigDecimal;
import java.util.Set;

/**
 * Number of decimals that simulated values of a metric are rounded to. Both the seed and the
 * publisher use it, so that live values look like the history before them.
 */
final class ValueScale {

  /** Units of things that are counted whole; their values keep the decimals of start and target. */
  private static final Set<String> WHOLE_UNITS = Set.of("NPS", "people", "services", "brands", "orders", "tickets",
      "reviews", "incidents", "deploys");
  /** Minimum number of rounding steps between start and target, so that progress moves in small steps. */
  private static final int MIN_STEPS = 20;
  private static final int MAX_DECIMALS = 3;

  private ValueScale() {
  }

  /**
   * Returns the decimals of {@code first} and {@code second} as written, plus as many more (up to
   * {@value #MAX_DECIMALS} in all) as it takes to have {@value #MIN_STEPS} steps between them.
   */
  static int decimals(BigDecimal first, BigDecimal second, String unit) {
    int decimals = Math.max(0, Math.max(first.scale(), second.scale()));
    if (unit != null && WHOLE_UNITS.contains(unit)) {
      return decimals;
    }
    double span = Math.abs(first.doubleValue() - second.doubleValue());
    while (span > 0 && decimals < MAX_DECIMALS && span * Math.pow(10, decimals) < MIN_STEPS) {
      decimals++;
    }
    return decimals;
  }
}
