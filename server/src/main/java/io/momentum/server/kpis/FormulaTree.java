package io.momentum.server.kpis;

import io.momentum.streams.engine.formula.Formula;
import io.momentum.streams.engine.formula.FormulaException;
import io.vertx.sqlclient.Row;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A computed KPI with the computed KPIs below it, ready to be evaluated from the values of the
 * measured KPIs at its leaves. Formulas are evaluated deepest first, so a formula reads the value
 * its computed drivers have at the same instant.
 */
final class FormulaTree {

  private record Computed(UUID id, Formula formula, Map<UUID, String> variables) {
  }

  private final UUID root;
  private final List<Computed> order;
  private final Set<UUID> measured;

  private FormulaTree(UUID root, List<Computed> order, Set<UUID> measured) {
    this.root = root;
    this.order = order;
    this.measured = measured;
  }

  /**
   * Builds the tree from rows of {@code (id, formula, driver_id, variable)}, one per driver of
   * each computed KPI. A formula that no longer parses computes nothing, so the KPIs above it have
   * no value either.
   */
  static FormulaTree of(UUID root, Iterable<Row> rows) {
    Map<UUID, String> formulas = new HashMap<>();
    Map<UUID, Map<UUID, String>> drivers = new HashMap<>();
    for (Row row : rows) {
      UUID id = row.getUUID("id");
      formulas.put(id, row.getString("formula"));
      Map<UUID, String> variables = drivers.computeIfAbsent(id, key -> new HashMap<>());
      if (row.getUUID("driver_id") != null) {
        variables.put(row.getUUID("driver_id"), row.getString("variable"));
      }
    }
    List<Computed> order = new ArrayList<>();
    Set<UUID> measured = new LinkedHashSet<>();
    visit(root, formulas, drivers, new HashSet<>(), order, measured);
    return new FormulaTree(root, order, measured);
  }

  private static void visit(UUID id, Map<UUID, String> formulas, Map<UUID, Map<UUID, String>> drivers, Set<UUID> seen,
                            List<Computed> order, Set<UUID> measured) {
    if (!formulas.containsKey(id)) {
      measured.add(id);
      return;
    }
    if (!seen.add(id)) {
      return;
    }
    Map<UUID, String> variables = drivers.getOrDefault(id, Map.of());
    for (UUID driver : variables.keySet()) {
      visit(driver, formulas, drivers, seen, order, measured);
    }
    order.add(new Computed(id, parse(formulas.get(id)), variables));
  }

  private static Formula parse(String text) {
    try {
      return Formula.parse(text);
    } catch (FormulaException e) {
      return null;
    }
  }

  /** Returns the measured KPIs whose values the tree reads. */
  Set<UUID> measured() {
    return measured;
  }

  /**
   * Evaluates every formula from the measured values in {@code values} (by KPI id), stores the
   * computed values there as well, and returns the root's value, empty while a value it needs is
   * missing.
   */
  Optional<BigDecimal> evaluate(Map<UUID, BigDecimal> values) {
    for (Computed computed : order) {
      Optional<BigDecimal> value = Optional.empty();
      if (computed.formula() != null) {
        Map<String, BigDecimal> inputs = new HashMap<>();
        computed.variables().forEach((driver, variable) -> {
          if (values.get(driver) != null) {
            inputs.put(variable, values.get(driver));
          }
        });
        value = computed.formula().evaluate(inputs);
      }
      values.put(computed.id(), value.orElse(null));
    }
    return Optional.ofNullable(values.get(root));
  }
}
