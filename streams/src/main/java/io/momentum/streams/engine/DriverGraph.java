package io.momentum.streams.engine;

import io.momentum.streams.engine.formula.Formula;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * KPI driver edges (driver KPI to the KPI it moves) and the values of KPIs that a formula computes
 * from their drivers' latest values. The edges form a directed acyclic graph: a definition that
 * would close a loop is rejected before anything changes.
 */
final class DriverGraph {

  /** Source of values that a formula computed. */
  static final String FORMULA_SOURCE = "formula";

  private final GoalGraph graph;
  private final Evaluator evaluator;

  DriverGraph(GoalGraph graph, Evaluator evaluator) {
    this.graph = graph;
    this.evaluator = evaluator;
  }

  /** Returns true when {@code node} is a KPI whose value its formula computes. */
  static boolean derived(NodeRecord node) {
    return node.formula != null && node.is(NodeKind.KPI);
  }

  /**
   * Parses a KPI's formula and checks that it names only variables of its drivers; returns null
   * for a node without a formula.
   *
   * @throws IllegalArgumentException naming the problem
   */
  static Formula parse(NodeDef def) {
    if (def.kind() != NodeKind.KPI || def.formula() == null || def.formula().isBlank()) {
      return null;
    }
    Formula formula = Formula.parse(def.formula());
    Set<String> known = new java.util.HashSet<>();
    for (NodeDef.DriverDef driver : def.drivers()) {
      known.add(driver.variable());
    }
    for (String variable : formula.variables()) {
      if (!known.contains(variable)) {
        throw new IllegalArgumentException("invalid formula of KPI " + def.id() + ": variable '"
            + variable + "' names no driver; drivers are " + known);
      }
    }
    return formula;
  }

  /**
   * Rejects drivers that would close a loop: a KPI may not be a direct or indirect driver of
   * itself.
   *
   * @throws IllegalArgumentException naming the loop as ids, from the KPI back to itself
   */
  void rejectLoop(NodeDef def) {
    if (def.kind() != NodeKind.KPI) {
      return;
    }
    for (NodeDef.DriverDef driver : def.drivers()) {
      List<String> path = pathTo(driver.kpiId(), def.id());
      if (path != null) {
        List<String> loop = new ArrayList<>();
        loop.add(def.id());
        loop.addAll(path);
        throw new IllegalArgumentException("invalid drivers for KPI " + def.id()
            + ": they would create the driver loop " + String.join(" -> ", loop));
      }
    }
  }

  /** Returns the driver path from {@code from} down to {@code target}, or null when none. */
  private List<String> pathTo(String from, String target) {
    if (from.equals(target)) {
      return List.of(target);
    }
    Map<String, String> cameFrom = new HashMap<>();
    Deque<String> pending = new ArrayDeque<>();
    pending.push(from);
    cameFrom.put(from, null);
    while (!pending.isEmpty()) {
      String id = pending.pop();
      NodeRecord node = graph.nodes.get(id);
      if (node == null || !node.defined()) {
        continue;
      }
      for (NodeDef.DriverDef driver : node.def.drivers()) {
        String next = driver.kpiId();
        if (cameFrom.containsKey(next)) {
          continue;
        }
        cameFrom.put(next, id);
        if (next.equals(target)) {
          List<String> path = new ArrayList<>();
          for (String step = next; step != null; step = cameFrom.get(step)) {
            path.add(step);
          }
          Collections.reverse(path);
          return path;
        }
        pending.push(next);
      }
    }
    return null;
  }

  /** Points the record's driver edges at its definition's drivers and keeps its parsed formula. */
  void link(NodeRecord kpi, Formula formula) {
    unlink(kpi);
    if (!kpi.is(NodeKind.KPI) || kpi.def.drivers().isEmpty()) {
      kpi.formula = kpi.is(NodeKind.KPI) ? formula : null;
      return;
    }
    List<NodeRecord> drivers = new ArrayList<>(kpi.def.drivers().size());
    for (NodeDef.DriverDef driver : kpi.def.drivers()) {
      NodeRecord record = graph.node(driver.kpiId());
      drivers.add(record);
      record.addDriven(kpi);
    }
    kpi.drivers = drivers;
    kpi.formula = formula;
  }

  /** Removes the record's driver edges; the KPIs it drives keep theirs. */
  void unlink(NodeRecord kpi) {
    for (NodeRecord driver : kpi.drivers) {
      driver.driven.remove(kpi);
    }
    kpi.drivers = List.of();
    kpi.formula = null;
  }

  /**
   * Recomputes a derived KPI from its drivers and, when its value changed, everything that
   * depends on it: its followers, the KPIs it drives, and their rollups.
   */
  void update(NodeRecord kpi, Transaction tx) {
    if (recompute(kpi, tx)) {
      propagate(kpi, tx);
    }
  }

  /**
   * Recomputes every derived KPI that {@code changed} drives, directly or through other derived
   * KPIs, each once and after all of its drivers (in topological order).
   */
  void propagate(NodeRecord changed, Transaction tx) {
    if (changed.driven.isEmpty()) {
      return;
    }
    for (NodeRecord kpi : topologicalOrder(changed)) {
      recompute(kpi, tx);
    }
  }

  /** Derived KPIs reachable from {@code start} through driven edges, drivers first. */
  private static List<NodeRecord> topologicalOrder(NodeRecord start) {
    Set<NodeRecord> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    List<NodeRecord> postOrder = new ArrayList<>();
    // Iterative depth-first search, so that a long driver chain cannot overflow the stack.
    Deque<Object[]> stack = new ArrayDeque<>();
    stack.push(new Object[] {start, 0});
    while (!stack.isEmpty()) {
      Object[] frame = stack.peek();
      NodeRecord node = (NodeRecord) frame[0];
      int next = (int) frame[1];
      if (next < node.driven.size()) {
        frame[1] = next + 1;
        NodeRecord kpi = node.driven.get(next);
        if (derived(kpi) && seen.add(kpi)) {
          stack.push(new Object[] {kpi, 0});
        }
      } else {
        stack.pop();
        if (node != start) {
          postOrder.add(node);
        }
      }
    }
    Collections.reverse(postOrder);
    return postOrder;
  }

  /**
   * Evaluates a derived KPI's formula over its drivers' latest values. The value counts as
   * observed at the latest time among its drivers' values. Returns true when the value or its
   * time changed.
   */
  private boolean recompute(NodeRecord kpi, Transaction tx) {
    if (!derived(kpi)) {
      return false;
    }
    Map<String, BigDecimal> values = new HashMap<>();
    Instant time = null;
    List<NodeDef.DriverDef> defs = kpi.def.drivers();
    for (int i = 0; i < defs.size(); i++) {
      NodeRecord driver = kpi.drivers.get(i);
      if (driver.value == null) {
        continue;
      }
      values.put(defs.get(i).variable(), driver.value);
      if (time == null || driver.valueTime.isAfter(time)) {
        time = driver.valueTime;
      }
    }

    Optional<BigDecimal> result = kpi.formula.evaluate(values);
    BigDecimal value = result.orElse(null);
    boolean sameValue = value == null ? kpi.value == null
        : kpi.value != null && value.compareTo(kpi.value) == 0;
    if (sameValue && java.util.Objects.equals(time, kpi.valueTime)) {
      return false;
    }

    kpi.value = value;
    kpi.valueTime = time;
    kpi.valueSource = FORMULA_SOURCE;
    kpi.measureStale = true;
    if (time != null && value != null) {
      Trend.Point point = Trend.point(time, value);
      kpi.addHistory(point);
      for (NodeRecord follower : kpi.followers) {
        if (follower.trend != null && follower.trend.source == kpi) {
          follower.trend.add(point);
        }
      }
    }
    // The KPI's last activity is its drivers' latest value time, which a removed driver can
    // lower again, so it is set rather than only moved forward.
    kpi.activityTime = time;
    kpi.activitySource = time == null ? null : FORMULA_SOURCE;

    evaluator.refresh(kpi, tx);
    for (NodeRecord follower : kpi.followers) {
      evaluator.refresh(follower, tx);
    }
    return true;
  }
}
