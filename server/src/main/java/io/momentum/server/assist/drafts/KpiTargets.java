package io.momentum.server.assist.drafts;

import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Matches a proposed key result to a KPI of the unit and adapts its numbers. The KPI's current
 * value becomes the baseline. The target comes from the KPI's corridor (its green bound), else
 * from its trend projected to the cycle's end, else from the example's relative step applied to
 * the current value.
 */
final class KpiTargets {

  /** A KPI's measurement. */
  record Point(Instant at, BigDecimal value) {
  }

  /** A KPI of the unit; {@code green} and {@code red} bound its corridor and may be null, as may {@code current}. */
  record Kpi(UUID id, String key, String title, String unit, String direction, BigDecimal current, Instant currentAt,
             BigDecimal green, BigDecimal red, List<Point> points) {
  }

  /** Numbers taken from a KPI: the baseline, the target, how the target was chosen, and the source entry citing both. */
  record Adaptation(BigDecimal baseline, BigDecimal target, String basis, JsonObject source) {
  }

  /** The target is the KPI's green bound, which the current value has not reached. */
  static final String CORRIDOR = "corridor";
  /** The target is the KPI's least-squares trend projected to the cycle's end. */
  static final String TREND = "trend";
  /** The target is the current value moved by the example key result's relative step. */
  static final String STEP = "step";

  /** Lowest Dice coefficient of a KPI title's and a key result's terms that counts as a match. */
  static final double MIN_OVERLAP = 0.5;
  /** Largest relative step taken from an example; a bigger one would overreach from a real baseline. */
  static final BigDecimal MAX_STEP = new BigDecimal("0.5");

  private KpiTargets() {
  }

  /**
   * Returns how well {@code kpi} fits a key result with {@code text} moving in {@code direction}:
   * the Dice coefficient of their analyzed terms in {@code language}, or 0 when the KPI has no
   * current value, moves the other way, or shares too few terms ({@link #MIN_OVERLAP}).
   */
  static double overlap(Kpi kpi, String language, String text, String direction) {
    if (kpi.current() == null || !kpi.direction().equals(direction)) {
      return 0;
    }
    Set<String> terms = OkrText.terms(language, text);
    Set<String> kpiTerms = OkrText.terms(language, kpi.title());
    if (kpiTerms.isEmpty() || terms.isEmpty()) {
      return 0;
    }
    int total = kpiTerms.size() + terms.size();
    kpiTerms.retainAll(terms);
    double dice = 2.0 * kpiTerms.size() / total;
    return dice >= MIN_OVERLAP ? dice : 0;
  }

  /**
   * Adapts a key result to {@code kpi}, which has a current value. {@code step} is the example's
   * relative change from baseline to target, or null when there is none. Returns null when no
   * target beyond the current value can be found, so the caller keeps its own numbers.
   */
  static Adaptation adapt(Kpi kpi, Instant cycleEnd, BigDecimal step) {
    boolean increase = kpi.direction().equals("increase");
    BigDecimal current = kpi.current();
    JsonObject source = new JsonObject()
        .put("type", "kpi")
        .put("id", kpi.id().toString())
        .put("key", kpi.key())
        .put("title", kpi.title())
        .put("value", current)
        .put("at", kpi.currentAt() == null ? null : kpi.currentAt().toString());
    if (kpi.green() != null && beyond(kpi.green(), current, increase)) {
      BigDecimal target = kpi.green();
      source.put("basis", CORRIDOR).put("green", kpi.green()).put("red", kpi.red()).put("target", target);
      return new Adaptation(current, target, CORRIDOR, source);
    }
    BigDecimal projected = projection(kpi.points(), cycleEnd);
    if (projected != null && beyond(projected, current, increase)) {
      BigDecimal target = round(projected);
      source.put("basis", TREND).put("target", target).put("points", kpi.points().size()).put("projectedTo", cycleEnd.toString());
      return new Adaptation(current, target, TREND, source);
    }
    if (step != null && step.signum() != 0 && current.signum() != 0) {
      BigDecimal bounded = step.abs().min(MAX_STEP);
      BigDecimal change = current.abs().multiply(bounded);
      BigDecimal target = round(increase ? current.add(change) : current.subtract(change));
      if (beyond(target, current, increase)) {
        source.put("basis", STEP).put("target", target).put("step", bounded);
        return new Adaptation(current, target, STEP, source);
      }
    }
    return null;
  }

  /**
   * Returns the least-squares line through {@code points} evaluated at {@code at}, or null with
   * fewer than 3 points or points on fewer than 2 different days.
   */
  static BigDecimal projection(List<Point> points, Instant at) {
    if (points.size() < 3 || points.stream().map(p -> p.at().atZone(ZoneOffset.UTC).toLocalDate()).distinct().count() < 2) {
      return null;
    }
    Instant origin = points.get(0).at();
    double n = points.size();
    double sumX = 0;
    double sumY = 0;
    double sumXy = 0;
    double sumXx = 0;
    for (Point point : points) {
      double x = days(origin, point.at());
      double y = point.value().doubleValue();
      sumX += x;
      sumY += y;
      sumXy += x * y;
      sumXx += x * x;
    }
    double denominator = n * sumXx - sumX * sumX;
    if (denominator == 0) {
      return null;
    }
    double slope = (n * sumXy - sumX * sumY) / denominator;
    double intercept = (sumY - slope * sumX) / n;
    double value = intercept + slope * days(origin, at);
    return Double.isFinite(value) ? BigDecimal.valueOf(value) : null;
  }

  /**
   * Rounds a proposed number to what people write: whole numbers from 100 on, one decimal from 10,
   * two decimals below.
   */
  static BigDecimal round(BigDecimal value) {
    BigDecimal abs = value.abs();
    int scale = abs.compareTo(BigDecimal.valueOf(100)) >= 0 ? 0 : abs.compareTo(BigDecimal.TEN) >= 0 ? 1 : 2;
    BigDecimal rounded = value.setScale(scale, RoundingMode.HALF_UP).stripTrailingZeros();
    return rounded.scale() < 0 ? rounded.setScale(0, RoundingMode.UNNECESSARY) : rounded;
  }

  /** Returns the example's relative step from baseline to target, or null for a zero baseline. */
  static BigDecimal step(BigDecimal baseline, BigDecimal target) {
    if (baseline == null || target == null || baseline.signum() == 0) {
      return null;
    }
    return target.subtract(baseline).divide(baseline.abs(), MathContext.DECIMAL64).abs();
  }

  private static boolean beyond(BigDecimal value, BigDecimal current, boolean increase) {
    int sign = value.compareTo(current);
    return increase ? sign > 0 : sign < 0;
  }

  private static double days(Instant from, Instant to) {
    return (to.toEpochMilli() - from.toEpochMilli()) / 86_400_000.0;
  }
}
