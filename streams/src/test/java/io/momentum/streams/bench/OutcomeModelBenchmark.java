package io.momentum.streams.bench;

import io.momentum.streams.engine.Changes;
import io.momentum.streams.engine.CycleDef;
import io.momentum.streams.engine.CycleKind;
import io.momentum.streams.engine.GoalEngine;
import io.momentum.streams.engine.NodeDef;
import io.momentum.streams.engine.NodeKind;
import io.momentum.streams.engine.Observation;
import io.momentum.streams.engine.UnitDef;
import io.momentum.streams.engine.UnitKind;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of one change in a generated organisation of about 100,000 nodes of every kind: units,
 * strategic outcomes, objectives, key results and KPIs, some KPIs computed by formulas and some
 * key results following those KPIs.
 *
 * <p>The organisation: 1 company, 10 business units and 100 teams. Each team has 5 objective
 * trees of depth 4 and branching 3 (200 objectives) with 3 key results per objective (600 key
 * results), 150 measured KPIs and 50 KPIs whose formula combines 3 of the measured ones. Every
 * sixth key result follows a formula KPI instead of being measured. The top objectives align to
 * 10 strategic outcomes. 100 x 1,000 + 10 = 100,010 nodes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
public class OutcomeModelBenchmark {

  private static final String ORG = "bench-org";
  private static final String QUARTER = "q1";
  private static final LocalDate START = LocalDate.of(2026, 1, 1);
  private static final Instant NOW = START.atStartOfDay(ZoneOffset.UTC).toInstant()
      .plusSeconds(45L * 86_400);
  private static final int TEAMS = 100;
  private static final int TREES_PER_TEAM = 5;
  private static final int DEPTH = 4;
  private static final int BRANCHING = 3;
  private static final int KEY_RESULTS_PER_OBJECTIVE = 3;
  private static final int MEASURED_KPIS_PER_TEAM = 150;
  private static final int FORMULA_KPIS_PER_TEAM = 50;
  private static final int OUTCOMES = 10;
  private static final BigDecimal[] VALUES = new BigDecimal[100];

  static {
    for (int i = 0; i < VALUES.length; i++) {
      VALUES[i] = BigDecimal.valueOf(i + 1);
    }
  }

  private GoalEngine engine;
  private String[] leafKeyResults;
  private String[] drivingKpis;
  private int keyResultCount;
  private long sequence;

  @Setup(Level.Trial)
  public void buildOrganisation() {
    engine = new GoalEngine(ORG, Clock.fixed(NOW, ZoneOffset.UTC));
    engine.upsertCycle(new CycleDef(QUARTER, ORG, QUARTER, "Q1", CycleKind.QUARTER, "strategy",
        START, LocalDate.of(2026, 3, 31), false));
    engine.upsertCycle(new CycleDef("strategy", ORG, "strategy", "Strategy",
        CycleKind.STRATEGY, null, START, LocalDate.of(2028, 12, 31), false));
    engine.upsertUnit(new UnitDef("company", ORG, "company", "Company", UnitKind.COMPANY, null));
    for (int outcome = 0; outcome < OUTCOMES; outcome++) {
      define(NodeDef.builder("so" + outcome, ORG, NodeKind.STRATEGIC_OUTCOME)
          .key("so" + outcome).title("Outcome " + outcome).cycleId("strategy"));
    }
    List<String> leaves = new ArrayList<>();
    List<String> drivers = new ArrayList<>();
    for (int team = 0; team < TEAMS; team++) {
      String businessUnit = "bu" + team / 10;
      if (team % 10 == 0) {
        engine.upsertUnit(new UnitDef(businessUnit, ORG, businessUnit, businessUnit,
            UnitKind.BUSINESS_UNIT, "company"));
      }
      String unit = "team" + team;
      engine.upsertUnit(new UnitDef(unit, ORG, unit, unit, UnitKind.TEAM, businessUnit));
      kpis(unit, drivers);
      for (int tree = 0; tree < TREES_PER_TEAM; tree++) {
        String root = unit + "-o" + tree;
        objectiveTree(root, "so" + (team + tree) % OUTCOMES, unit, 1, leaves);
      }
    }
    leafKeyResults = leaves.toArray(String[]::new);
    drivingKpis = drivers.toArray(String[]::new);
    int nodes = engine.nodes().size();
    if (nodes < 100_000) {
      throw new IllegalStateException("generated " + nodes + " nodes, expected at least 100,000");
    }
  }

  /** Measured KPIs, and formula KPIs that each combine three of them. */
  private void kpis(String unit, List<String> drivers) {
    for (int k = 0; k < MEASURED_KPIS_PER_TEAM; k++) {
      String id = unit + "-kpi" + k;
      define(NodeDef.builder(id, ORG, NodeKind.KPI).key(id).title(id).unitId(unit)
          .green(BigDecimal.valueOf(80)).red(BigDecimal.valueOf(40)));
    }
    for (int f = 0; f < FORMULA_KPIS_PER_TEAM; f++) {
      String id = unit + "-fkpi" + f;
      List<NodeDef.DriverDef> inputs = List.of(
          new NodeDef.DriverDef(unit + "-kpi" + 3 * f, "a", BigDecimal.ONE),
          new NodeDef.DriverDef(unit + "-kpi" + (3 * f + 1), "b", BigDecimal.ONE),
          new NodeDef.DriverDef(unit + "-kpi" + (3 * f + 2), "c", BigDecimal.ONE));
      define(NodeDef.builder(id, ORG, NodeKind.KPI).key(id).title(id).unitId(unit)
          .formula("round(a * b / max(c, 1), 2)").drivers(inputs)
          .green(BigDecimal.valueOf(80)).red(BigDecimal.valueOf(40)));
      drivers.add(unit + "-kpi" + 3 * f);
    }
  }

  private void objectiveTree(String id, String parentId, String unit, int level,
                             List<String> leaves) {
    boolean leaf = level == DEPTH;
    define(NodeDef.builder(id, ORG, NodeKind.OBJECTIVE).key(id).title(id).parentId(parentId)
        .unitId(unit).cycleId(QUARTER).rollupChildren(!leaf));
    for (int k = 0; k < KEY_RESULTS_PER_OBJECTIVE; k++) {
      String keyResult = id + "-kr" + k;
      NodeDef.Builder builder = NodeDef.builder(keyResult, ORG, NodeKind.KEY_RESULT).key(keyResult)
          .title(keyResult).parentId(id).start(BigDecimal.ZERO).target(BigDecimal.valueOf(100));
      if (keyResultCount++ % 6 == 5) {
        String kpi = unit + "-fkpi" + keyResultCount % FORMULA_KPIS_PER_TEAM;
        builder.measurement(io.momentum.streams.engine.Measurement.KPI).kpiId(kpi);
      } else {
        builder.measurement(io.momentum.streams.engine.Measurement.INCREASE);
        if (leaf) {
          leaves.add(keyResult);
        }
      }
      define(builder);
    }
    if (!leaf) {
      for (int child = 0; child < BRANCHING; child++) {
        objectiveTree(id + "." + child, id, unit, level + 1, leaves);
      }
    }
  }

  private void define(NodeDef.Builder node) {
    engine.upsertNode(node.build());
  }

  /** Applies the next value to the next measured key result of a depth-4 objective. */
  @Benchmark
  public Changes applyKeyResultValue() {
    long n = sequence++;
    String keyResult = leafKeyResults[(int) (n * 7919 % leafKeyResults.length)];
    return engine.apply(new Observation.Value(keyResult, VALUES[(int) (n % VALUES.length)],
        null, false, NOW.minusSeconds(86_400).plusMillis(n), "bench"));
  }

  /**
   * Applies the next value to a KPI that drives a formula KPI: the formula KPI is recomputed, and
   * the key results that follow it roll up through their objectives.
   */
  @Benchmark
  public Changes applyDriverKpiValue() {
    long n = sequence++;
    String kpi = drivingKpis[(int) (n * 7919 % drivingKpis.length)];
    return engine.apply(new Observation.Value(kpi, VALUES[(int) (n % VALUES.length)],
        null, false, NOW.minusSeconds(86_400).plusMillis(n), "bench"));
  }
}
