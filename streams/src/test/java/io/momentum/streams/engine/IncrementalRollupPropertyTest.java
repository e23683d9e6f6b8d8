package io.momentum.streams.engine;

import static io.momentum.streams.engine.Fixtures.ORG;
import static io.momentum.streams.engine.Fixtures.QUARTER;
import static io.momentum.streams.engine.Fixtures.day;
import static io.momentum.streams.engine.Fixtures.dec;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random sequences of definitions, removals and observations, with KPIs that formulas compute.
 * The incremental engine must agree with an engine built from scratch from the final definitions
 * and the same observations. Its progress
 * must also match a plain recursive rollup, and after every step each board's version must be
 * the sum of the versions of the members that the board rules give.
 */
class IncrementalRollupPropertyTest {

  private static final int OBJECTIVES = 5;
  private static final int KEY_RESULTS = 8;
  private static final String KPI = "kpi";
  private static final String KPI_B = "kpi-b";
  private static final String DERIVED = "derived";
  private static final String DERIVED_TOP = "derived-top";
  private static final String[] FORMULAS = {"a * 2", "a + b", "a / b", "min(a, b) - 1",
      "round(a / 3, 2)"};
  private static final String OUTCOME = "so";
  private static final String LATER = "2026-q2";
  private static final String[] UNITS = {"u0", "u1", "u2"};
  private static final double TODAY = 45;

  /** One step of a random scenario. */
  sealed interface Step permits DefineObjective, DefineKeyResult, DefineUnit, Observe,
      DefineDerived, Remove {
  }

  /**
   * Defines the derived KPI (index 0: from the two measured KPIs) or the one above it (index 1:
   * from the derived KPI and the second measured one) with formula {@code formula}.
   */
  record DefineDerived(int index, int formula) implements Step {
  }

  /** Removes objective {@code index}, key result {@code index}, or (index -1) the derived KPI. */
  record Remove(boolean objective, int index) implements Step {
  }

  /** Defines or replaces objective {@code index}; its parent is the outcome or a lower objective. */
  record DefineObjective(int index, int parent, int unit, boolean later, int weight,
                         Boolean rollupChildren) implements Step {
  }

  record DefineKeyResult(int index, int parent, Measurement measurement, int weight, int start,
                         int target) implements Step {
  }

  record DefineUnit(int index, int parent) implements Step {
  }

  /** A value for key result {@code index}, with index -1 for the KPI and -2 for the second. */
  record Observe(int index, int value, double day, Integer confidence) implements Step {
  }

  @Provide
  Arbitrary<List<Step>> scenarios() {
    Arbitrary<Step> objective = Combinators.combine(
        Arbitraries.integers().between(0, OBJECTIVES - 1),
        Arbitraries.integers().between(-2, OBJECTIVES - 1),
        Arbitraries.integers().between(-1, UNITS.length - 1),
        Arbitraries.of(false, false, true),
        Arbitraries.integers().between(0, 2),
        Arbitraries.of(null, true, false))
        .as((index, parent, unit, later, weight, rollup) ->
            (Step) new DefineObjective(index, parent, unit, later, weight, rollup));
    Arbitrary<Step> keyResult = Combinators.combine(
        Arbitraries.integers().between(0, KEY_RESULTS - 1),
        Arbitraries.integers().between(0, OBJECTIVES - 1),
        Arbitraries.of(Measurement.INCREASE, Measurement.DECREASE, Measurement.BINARY,
            Measurement.KPI),
        Arbitraries.of(0, 1, 1, 3),
        Arbitraries.integers().between(0, 50),
        Arbitraries.integers().between(0, 150))
        .as((index, parent, measurement, weight, start, target) ->
            (Step) new DefineKeyResult(index, parent, measurement, weight, start, target));
    Arbitrary<Step> unit = Combinators.combine(
        Arbitraries.integers().between(0, UNITS.length - 1),
        Arbitraries.integers().between(-1, 0))
        .as((index, parent) -> (Step) new DefineUnit(index, parent));
    Arbitrary<Step> observe = Combinators.combine(
        Arbitraries.integers().between(-2, KEY_RESULTS - 1),
        Arbitraries.integers().between(0, 150),
        Arbitraries.integers().between(0, 88).map(quarterDays -> quarterDays / 2.0),
        Arbitraries.of(null, null, 2, 5, 9))
        .as((index, value, day, confidence) -> (Step) new Observe(index, value, day,
            confidence));
    Arbitrary<Step> derived = Combinators.combine(
        Arbitraries.integers().between(0, 1),
        Arbitraries.integers().between(0, FORMULAS.length - 1))
        .as((index, formula) -> (Step) new DefineDerived(index, formula));
    Arbitrary<Step> remove = Combinators.combine(
        Arbitraries.of(true, false),
        Arbitraries.integers().between(-1, KEY_RESULTS - 1))
        .as((objective1, index) -> (Step) new Remove(objective1, index));
    Arbitrary<Step> step = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, objective),
        net.jqwik.api.Tuple.of(4, keyResult),
        net.jqwik.api.Tuple.of(1, unit),
        net.jqwik.api.Tuple.of(6, observe),
        net.jqwik.api.Tuple.of(1, derived),
        net.jqwik.api.Tuple.of(1, remove));
    return step.list().ofMinSize(1).ofMaxSize(60);
  }

  /** Definitions sent so far, by id, in the order they were first sent. */
  private static final class Scenario {
    final Map<String, NodeDef> nodes = new LinkedHashMap<>();
    final Map<String, UnitDef> units = new LinkedHashMap<>();
    final List<Observation> observations = new ArrayList<>();
  }

  @Property(tries = 500)
  void incrementalStateEqualsFreshEngine(@ForAll("scenarios") List<Step> steps) {
    Scenario scenario = new Scenario();
    GoalEngine engine = newEngine();
    for (Step step : steps) {
      run(engine, scenario, step);
      Map<String, Long> versions = versions(engine);
      members(engine, scenario).forEach((board, members) ->
          engine.boardVersion(board).ifPresent(version -> assertThat(version)
              .as("version of %s", board)
              .isEqualTo(members.stream().mapToLong(versions::get).sum())));
    }

    // A late value reaches the visible forecast on the next tick, so both engines tick first.
    GoalEngine fresh = rebuild(scenario);
    engine.tick(day(TODAY));
    fresh.tick(day(TODAY));
    for (NodeState state : engine.nodes()) {
      NodeState other = fresh.node(state.id()).orElseThrow();
      assertThat(StateBuilder.withVersion(state, 0)).as("node %s", state.id())
          .isEqualTo(StateBuilder.withVersion(other, 0));
    }
    for (UnitSummary summary : engine.units()) {
      UnitSummary other = fresh.units().stream().filter(u -> u.id().equals(summary.id()))
          .findFirst().orElseThrow();
      assertThat(StateBuilder.withVersion(summary, 0)).as("unit %s", summary.id())
          .isEqualTo(StateBuilder.withVersion(other, 0));
    }
    checkRollupByRecursion(engine, scenario);
  }

  private static GoalEngine newEngine() {
    GoalEngine engine = new GoalEngine(ORG, new MutableClock(day(TODAY)));
    engine.upsertCycle(Fixtures.quarter());
    engine.upsertCycle(Fixtures.strategy());
    engine.upsertCycle(Fixtures.cycle(LATER, LocalDate.of(2026, 4, 1),
        LocalDate.of(2026, 6, 30)));
    engine.upsertNode(Fixtures.outcome(OUTCOME).build());
    engine.upsertNode(Fixtures.kpi(KPI).unitId(UNITS[0]).build());
    engine.upsertNode(Fixtures.kpi(KPI_B).unitId(UNITS[0]).build());
    return engine;
  }

  private static void run(GoalEngine engine, Scenario scenario, Step step) {
    if (step instanceof DefineObjective o) {
      String parent = o.parent() == -2 ? null : o.parent() == -1 ? OUTCOME
          : o.parent() < o.index() ? "o" + o.parent() : null;
      NodeDef def = Fixtures.objective("o" + o.index()).parentId(parent)
          .unitId(o.unit() < 0 ? null : UNITS[o.unit()]).cycleId(o.later() ? LATER : QUARTER)
          .weight(dec(o.weight())).rollupChildren(o.rollupChildren()).build();
      define(engine, scenario, def);
    } else if (step instanceof DefineKeyResult k) {
      NodeDef def = Fixtures.keyResult("k" + k.index(), "o" + k.parent(), k.measurement())
          .weight(dec(k.weight())).start(dec(k.start())).target(dec(k.target()))
          .kpiId(k.measurement() == Measurement.KPI ? KPI : null).unitId(UNITS[2]).build();
      define(engine, scenario, def);
    } else if (step instanceof DefineUnit u) {
      UnitDef def = Fixtures.unit(UNITS[u.index()],
          u.parent() < 0 || u.index() == 0 ? null : UNITS[0]);
      engine.upsertUnit(def);
      scenario.units.put(def.id(), def);
    } else if (step instanceof DefineDerived d) {
      List<NodeDef.DriverDef> drivers = List.of(
          new NodeDef.DriverDef(d.index() == 0 ? KPI : DERIVED, "a", dec(1)),
          new NodeDef.DriverDef(KPI_B, "b", dec(2)));
      NodeDef def = Fixtures.kpi(d.index() == 0 ? DERIVED : DERIVED_TOP).unitId(UNITS[1])
          .formula(FORMULAS[d.formula()]).drivers(drivers).build();
      define(engine, scenario, def);
    } else if (step instanceof Remove r) {
      String id = r.index() < 0 ? DERIVED : (r.objective() ? "o" : "k")
          + (r.objective() ? r.index() % OBJECTIVES : r.index());
      engine.removeNode(id);
      scenario.nodes.remove(id);
      // A node defined again starts without values, as a new node would.
      scenario.observations.removeIf(o -> o.nodeId().equals(id));
    } else if (step instanceof Observe v) {
      String id = v.index() == -1 ? KPI : v.index() == -2 ? KPI_B : "k" + v.index();
      BigDecimal value = dec(v.value());
      Observation observation = new Observation.Value(id, value, v.confidence(),
          v.confidence() != null, day(v.day()), "s" + v.value());
      if (engine.node(id).isPresent()) {
        engine.apply(observation);
        scenario.observations.add(observation);
      }
    }
  }

  private static void define(GoalEngine engine, Scenario scenario, NodeDef def) {
    engine.upsertNode(def);
    scenario.nodes.put(def.id(), def);
  }

  /** Builds an engine from the final definitions, children first, then the same observations. */
  private static GoalEngine rebuild(Scenario scenario) {
    GoalEngine fresh = newEngine();
    List<NodeDef> definitions = new ArrayList<>(scenario.nodes.values());
    for (int i = definitions.size() - 1; i >= 0; i--) {
      fresh.upsertNode(definitions.get(i));
    }
    for (UnitDef unit : scenario.units.values()) {
      fresh.upsertUnit(unit);
    }
    for (Observation observation : scenario.observations) {
      fresh.apply(observation);
    }
    return fresh;
  }

  private static Map<String, Long> versions(GoalEngine engine) {
    Map<String, Long> versions = new HashMap<>();
    for (NodeState state : engine.nodes()) {
      versions.put(state.id(), state.version());
    }
    for (UnitSummary summary : engine.units()) {
      versions.put("unit:" + summary.id(), summary.version());
    }
    return versions;
  }

  /**
   * Board members by the board rules, written independently of the engine. A goal board
   * contains a node and every node whose parent chain reaches it. A unit board contains the unit
   * summary, the unit's objectives, their key results and the unit's KPIs. The portfolio contains
   * every unit summary, the strategic outcomes and the objectives of top-level units.
   */
  private static Map<BoardRef, Set<String>> members(GoalEngine engine, Scenario scenario) {
    Map<BoardRef, Set<String>> boards = new HashMap<>();
    Map<String, NodeDef> defs = new HashMap<>();
    for (NodeState state : engine.nodes()) {
      defs.put(state.id(), engine.node(state.id()).isPresent()
          ? scenario.nodes.getOrDefault(state.id(), fixedDefinition(state)) : null);
    }
    BoardRef portfolio = new BoardRef(BoardRef.Type.PORTFOLIO, ORG);
    for (UnitSummary summary : engine.units()) {
      add(boards, new BoardRef(BoardRef.Type.UNIT, summary.id()), "unit:" + summary.id());
      add(boards, portfolio, "unit:" + summary.id());
    }
    for (NodeDef def : defs.values()) {
      String id = def.id();
      add(boards, new BoardRef(BoardRef.Type.GOAL, id), id);
      Set<String> seen = new HashSet<>();
      for (String parent = def.parentId(); parent != null && seen.add(parent);
           parent = defs.containsKey(parent) ? defs.get(parent).parentId() : null) {
        add(boards, new BoardRef(BoardRef.Type.GOAL, parent), id);
      }
      String unit = def.unitId();
      if (def.kind() == NodeKind.KEY_RESULT) {
        NodeDef objective = def.parentId() == null ? null : defs.get(def.parentId());
        if (objective != null && objective.kind() == NodeKind.OBJECTIVE
            && objective.unitId() != null) {
          unit = objective.unitId();
        }
      }
      if (def.kind() != NodeKind.STRATEGIC_OUTCOME && unit != null) {
        add(boards, new BoardRef(BoardRef.Type.UNIT, unit), id);
      }
      boolean topLevel = def.unitId() == null || (scenario.units.containsKey(def.unitId())
          && scenario.units.get(def.unitId()).parentId() == null);
      if (def.kind() == NodeKind.STRATEGIC_OUTCOME
          || (def.kind() == NodeKind.OBJECTIVE && topLevel)) {
        add(boards, portfolio, id);
      }
    }
    return boards;
  }

  /** Definitions the scenario did not send: the outcome and the KPIs every engine starts with. */
  private static NodeDef fixedDefinition(NodeState state) {
    return state.id().equals(OUTCOME) ? Fixtures.outcome(OUTCOME).build()
        : Fixtures.kpi(state.id()).unitId(UNITS[0]).build();
  }

  private static void add(Map<BoardRef, Set<String>> boards, BoardRef board, String member) {
    boards.computeIfAbsent(board, key -> new HashSet<>()).add(member);
  }

  /** Recomputes every objective's and the outcome's progress as a plain weighted mean. */
  private static void checkRollupByRecursion(GoalEngine engine, Scenario scenario) {
    Map<String, NodeState> states = new HashMap<>();
    engine.nodes().forEach(state -> states.put(state.id(), state));
    for (NodeState parent : states.values()) {
      if (parent.kind() != NodeKind.OBJECTIVE && parent.kind() != NodeKind.STRATEGIC_OUTCOME) {
        continue;
      }
      NodeDef def = scenario.nodes.get(parent.id());
      boolean hasKeyResults = states.values().stream().anyMatch(s ->
          s.kind() == NodeKind.KEY_RESULT && parent.id().equals(s.parentId()));
      boolean rollupChildren = def != null && def.rollupChildren() != null
          ? def.rollupChildren() : !hasKeyResults;
      long sumWeight = 0;
      long sumWeighted = 0;
      for (NodeState child : states.values()) {
        if (!parent.id().equals(child.parentId())) {
          continue;
        }
        long weight = FixedPoint.of(child.weight());
        boolean member = weight > 0 && switch (parent.kind()) {
          case OBJECTIVE -> child.kind() == NodeKind.KEY_RESULT
              || (child.kind() == NodeKind.OBJECTIVE && rollupChildren);
          default -> child.kind() == NodeKind.OBJECTIVE && QUARTER.equals(child.cycleId());
        };
        if (member) {
          sumWeight += weight;
          sumWeighted += weight * FixedPoint.of(child.progress());
        }
      }
      long progress = sumWeight == 0 ? 0 : (2 * sumWeighted + sumWeight) / (2 * sumWeight);
      assertThat(FixedPoint.of(parent.progress())).as("progress of %s", parent.id())
          .isEqualTo(progress);
    }
  }
}
