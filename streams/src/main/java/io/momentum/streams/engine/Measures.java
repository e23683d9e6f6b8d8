package io.momentum.streams.engine;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * Raw progress of a key result for each measurement kind, and its zone. Every raw value is rounded
 * half up to 4 decimals; a null result means "no data".
 */
final class Measures {

  private static final BigDecimal RAW_ZERO = BigDecimal.ZERO.setScale(4);
  private static final BigDecimal RAW_ONE = BigDecimal.ONE.setScale(4);
  private static final BigDecimal THREE = BigDecimal.valueOf(3);
  private static final BigDecimal SEVEN = BigDecimal.valueOf(7);
  private static final BigDecimal TEN = BigDecimal.TEN;

  private Measures() {
  }

  /**
   * Computes {@code (current - start) / (target - start)}. With {@code target == start} the result
   * is 1 when {@code current} meets the target in the given direction, else 0. A missing start
   * counts as 0; a missing target or current gives null.
   */
  static BigDecimal metric(BigDecimal current, BigDecimal start, BigDecimal target,
                           boolean increase) {
    if (current == null || target == null) {
      return null;
    }
    BigDecimal from = start == null ? BigDecimal.ZERO : start;
    int span = target.compareTo(from);
    if (span == 0) {
      int reached = current.compareTo(target);
      boolean met = increase ? reached >= 0 : reached <= 0;
      return met ? RAW_ONE : RAW_ZERO;
    }
    return FixedPoint.ratio(current.subtract(from), target.subtract(from));
  }

  /**
   * Computes range progress: 1 inside [low, high]; outside, {@code 1 - distance / tolerance}
   * floored at 0. The tolerance defaults to {@code high - low}; a zero tolerance gives 0 outside.
   * A missing bound leaves that side open.
   */
  static BigDecimal range(BigDecimal current, BigDecimal low, BigDecimal high,
                          BigDecimal tolerance) {
    if (current == null) {
      return null;
    }
    BigDecimal distance = BigDecimal.ZERO;
    if (low != null && current.compareTo(low) < 0) {
      distance = low.subtract(current);
    } else if (high != null && current.compareTo(high) > 0) {
      distance = current.subtract(high);
    }
    if (distance.signum() == 0) {
      return RAW_ONE;
    }
    BigDecimal band = tolerance;
    if (band == null) {
      band = low != null && high != null ? high.subtract(low) : BigDecimal.ZERO;
    }
    if (band.signum() <= 0) {
      return RAW_ZERO;
    }
    BigDecimal raw = BigDecimal.ONE.subtract(distance.divide(band, FixedPoint.PRECISION));
    return raw.signum() < 0 ? RAW_ZERO : raw.setScale(4, RoundingMode.HALF_UP);
  }

  /** Returns 1 when {@code current} is 1 or more (done), 0 otherwise, null without a value. */
  static BigDecimal binary(BigDecimal current) {
    if (current == null) {
      return null;
    }
    return current.compareTo(BigDecimal.ONE) >= 0 ? RAW_ONE : RAW_ZERO;
  }

  /**
   * Computes the weight of done milestones over the weight of all milestones. A milestone without
   * a weight weighs 1. No milestones give null; weights that add up to 0 give 0.
   */
  static BigDecimal milestones(List<MilestoneDef> milestones) {
    if (milestones.isEmpty()) {
      return null;
    }
    BigDecimal done = BigDecimal.ZERO;
    BigDecimal total = BigDecimal.ZERO;
    for (MilestoneDef milestone : milestones) {
      BigDecimal weight = milestone.weight() == null ? BigDecimal.ONE : milestone.weight();
      total = total.add(weight);
      if (milestone.done()) {
        done = done.add(weight);
      }
    }
    if (total.signum() <= 0) {
      return RAW_ZERO;
    }
    return FixedPoint.ratio(done, total);
  }

  /** Computes done work over all work, or null when there are no items. */
  static BigDecimal work(WorkTally items) {
    if (items == null || items.total().signum() == 0) {
      return null;
    }
    return FixedPoint.ratio(items.done(), items.total());
  }

  /** Returns the commit level: the stored one, else {@code start + 3/7 (target - start)}. */
  static BigDecimal commitLevel(BigDecimal stored, BigDecimal start, BigDecimal target) {
    return level(stored, start, target, THREE);
  }

  /** Returns the stretch level: the stored one, else {@code start + 10/7 (target - start)}. */
  static BigDecimal stretchLevel(BigDecimal stored, BigDecimal start, BigDecimal target) {
    return level(stored, start, target, TEN);
  }

  private static BigDecimal level(BigDecimal stored, BigDecimal start, BigDecimal target,
                                  BigDecimal sevenths) {
    if (stored != null) {
      return stored;
    }
    if (target == null) {
      return null;
    }
    BigDecimal from = start == null ? BigDecimal.ZERO : start;
    BigDecimal offset = target.subtract(from).multiply(sevenths).divide(SEVEN, FixedPoint.PRECISION);
    return from.add(offset).setScale(4, RoundingMode.HALF_UP);
  }

  /**
   * Returns the zone of {@code current}: "stretch", "target", "commit" or "fail", compared in the
   * key result's direction; null without a value or a target.
   */
  static String zone(BigDecimal current, BigDecimal commit, BigDecimal target, BigDecimal stretch,
                     boolean increase) {
    if (current == null || target == null) {
      return null;
    }
    if (reaches(current, stretch, increase)) {
      return "stretch";
    }
    if (reaches(current, target, increase)) {
      return "target";
    }
    if (reaches(current, commit, increase)) {
      return "commit";
    }
    return "fail";
  }

  private static boolean reaches(BigDecimal current, BigDecimal level, boolean increase) {
    int compared = current.compareTo(level);
    return increase ? compared >= 0 : compared <= 0;
  }
}
