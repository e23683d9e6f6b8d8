package io.momentum.streams.engine;

import io.momentum.streams.engine.formula.Formula;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds {@link DriverTree}s from engine records and computes each edge's sensitivity. */
final class DriverTrees {

  /** Deepest driver tree a query may ask for. */
  static final int MAX_DEPTH = 10;
  /** Largest number of nodes in one tree; a shared driver counts once per place it appears. */
  static final int MAX_NODES = 1_000;

  private static final BigDecimal ONE_PERCENT_UP = new BigDecimal("1.01");
  private static final BigDecimal ONE_PERCENT = new BigDecimal("0.01");
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private DriverTrees() {
  }

  static DriverTree build(NodeRecord kpi, int depth) {
    if (depth < 1 || depth > MAX_DEPTH) {
      throw new IllegalArgumentException("invalid depth " + depth + ": use 1 to " + MAX_DEPTH);
    }
    int[] budget = {MAX_NODES - 1};
    return tree(kpi, depth, budget);
  }

  private static DriverTree tree(NodeRecord kpi, int depth, int[] budget) {
    if (!kpi.defined()) {
      return new DriverTree(kpi.id, null, null, null, null, Status.PENDING, false, null, null,
          List.of(), false);
    }
    NodeDef def = kpi.def;
    List<NodeDef.DriverDef> defs = def.kind() == NodeKind.KPI ? def.drivers() : List.of();
    boolean truncated = false;
    List<DriverTree.Branch> branches = new ArrayList<>();
    if (!defs.isEmpty() && (depth == 0 || budget[0] < defs.size())) {
      truncated = true;
    } else if (!defs.isEmpty()) {
      budget[0] -= defs.size();
      BigDecimal weights = BigDecimal.ZERO;
      for (NodeDef.DriverDef driver : defs) {
        weights = weights.add(weightOf(driver));
      }
      for (int i = 0; i < defs.size(); i++) {
        NodeDef.DriverDef driver = defs.get(i);
        NodeRecord record = kpi.drivers.size() == defs.size() ? kpi.drivers.get(i) : null;
        BigDecimal[] change = kpi.formula != null
            ? computed(kpi, driver.variable(), record)
            : estimated(kpi.value, weightOf(driver), weights, opposite(def, record));
        DriverTree child = record == null
            ? new DriverTree(driver.kpiId(), null, null, null, null, Status.PENDING, false, null,
                null, List.of(), false)
            : tree(record, depth - 1, budget);
        branches.add(new DriverTree.Branch(driver.variable(), weightOf(driver), change[0],
            change[1], kpi.formula == null, child));
      }
    }
    return new DriverTree(kpi.id, def.key(), def.title(), def.unit(), kpi.value, kpi.status,
        kpi.stale, kpi.updatedAt, kpi.formula == null ? null : kpi.formula.text(),
        List.copyOf(branches), truncated);
  }

  private static BigDecimal weightOf(NodeDef.DriverDef driver) {
    return driver.weight() == null ? BigDecimal.ONE : driver.weight();
  }

  /** Change of the formula's value when one driver alone rises by 1 %: {absolute, percent}. */
  private static BigDecimal[] computed(NodeRecord kpi, String variable, NodeRecord driver) {
    Map<String, BigDecimal> values = new HashMap<>();
    List<NodeDef.DriverDef> defs = kpi.def.drivers();
    for (int i = 0; i < defs.size() && i < kpi.drivers.size(); i++) {
      BigDecimal value = kpi.drivers.get(i).value;
      if (value != null) {
        values.put(defs.get(i).variable(), value);
      }
    }
    Formula formula = kpi.formula;
    BigDecimal base = formula.evaluate(values).orElse(null);
    if (base == null || driver == null || driver.value == null) {
      return new BigDecimal[] {null, null};
    }
    values.put(variable, driver.value.multiply(ONE_PERCENT_UP, Formula.CONTEXT));
    BigDecimal raised = formula.evaluate(values).orElse(null);
    if (raised == null) {
      return new BigDecimal[] {null, null};
    }
    BigDecimal change = raised.subtract(base, Formula.CONTEXT);
    return new BigDecimal[] {plain(change), percentOf(change, base)};
  }

  /**
   * Returns whether a driver is better in the other direction than its parent (churn, where lower
   * is better, driving revenue, where higher is better), so that its rise moves the parent down.
   */
  private static boolean opposite(NodeDef parent, NodeRecord driver) {
    if (driver == null || driver.def == null) {
      return false;
    }
    return directionOf(parent) != directionOf(driver.def);
  }

  private static Measurement directionOf(NodeDef kpi) {
    return kpi.direction() == Measurement.DECREASE ? Measurement.DECREASE : Measurement.INCREASE;
  }

  /**
   * Estimated change when the parent has no formula: the driver's weight share times 1 % of the
   * parent, that is {@code share} percent, and that share of 1 % of the parent's value. A driver
   * whose direction is opposite to the parent's moves it the other way.
   */
  private static BigDecimal[] estimated(BigDecimal parentValue, BigDecimal weight,
                                        BigDecimal weights, boolean opposite) {
    if (weights.signum() == 0) {
      return new BigDecimal[] {null, null};
    }
    BigDecimal share = weight.divide(weights, Formula.CONTEXT);
    if (opposite) {
      share = share.negate();
    }
    BigDecimal percent = share.setScale(4, RoundingMode.HALF_UP);
    BigDecimal change = parentValue == null ? null
        : plain(parentValue.multiply(share, Formula.CONTEXT).multiply(ONE_PERCENT,
            Formula.CONTEXT));
    return new BigDecimal[] {change, plain(percent)};
  }

  private static BigDecimal percentOf(BigDecimal change, BigDecimal base) {
    if (base.signum() == 0) {
      return null;
    }
    return plain(change.multiply(HUNDRED).divide(base.abs(), Formula.CONTEXT)
        .setScale(4, RoundingMode.HALF_UP));
  }

  /** Strips trailing zeros without switching to exponent notation. */
  private static BigDecimal plain(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }
}
