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
 * Cost of applying one key result value, with its rollup through four objective levels, a
 * strategic outcome and the unit summaries, in an organisation of about 100,000 nodes.
 *
 * <p>The organisation: 1 company, 10 business units and 100 teams; each team has 5 objective
 * trees of depth 4 and branching 3 (200 objectives) with 4 key results per objective (800 key
 * results); the top objectives align to 10 strategic outcomes. 100 x 1,000 + 10 = 100,010 nodes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
public class RollupBenchmark {

  private static final String ORG = "bench-org";
  private static final String QUARTER = "q1";
  private static final LocalDate START = LocalDate.of(2026, 1, 1);
  private static final Instant NOW = START.atStartOfDay(ZoneOffset.UTC).toInstant()
      .plusSeconds(45L * 86_400);
  private static final int TEAMS = 100;
  private static final int TREES_PER_TEAM = 5;
  private static final int DEPTH = 4;
  private static final int BRANCHING = 3;
  private static final int KEY_RESULTS_PER_OBJECTIVE = 4;
  private static final int OUTCOMES = 10;
  private static final BigDecimal[] VALUES = new BigDecimal[100];

  static {
    for (int i = 0; i < VALUES.length; i++) {
      VALUES[i] = BigDecimal.valueOf(i);
    }
  }

  private GoalEngine engine;
  private String[] leafKeyResults;
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
    for (int team = 0; team < TEAMS; team++) {
      String businessUnit = "bu" + team / 10;
      if (team % 10 == 0) {
        engine.upsertUnit(new UnitDef(businessUnit, ORG, businessUnit, businessUnit,
            UnitKind.BUSINESS_UNIT, "company"));
      }
      String unit = "team" + team;
      engine.upsertUnit(new UnitDef(unit, ORG, unit, unit, UnitKind.TEAM, businessUnit));
      for (int tree = 0; tree < TREES_PER_TEAM; tree++) {
        String root = unit + "-o" + tree;
        objectiveTree(root, "so" + (team + tree) % OUTCOMES, unit, 1, leaves);
      }
    }
    leafKeyResults = leaves.toArray(String[]::new);
  }

  private void objectiveTree(String id, String parentId, String unit, int level,
                             List<String> leaves) {
    boolean leaf = level == DEPTH;
    define(NodeDef.builder(id, ORG, NodeKind.OBJECTIVE).key(id).title(id).parentId(parentId)
        .unitId(unit).cycleId(QUARTER).rollupChildren(!leaf));
    for (int k = 0; k < KEY_RESULTS_PER_OBJECTIVE; k++) {
      String keyResult = id + "-kr" + k;
      define(NodeDef.builder(keyResult, ORG, NodeKind.KEY_RESULT).key(keyResult)
          .title(keyResult).parentId(id).measurement(io.momentum.streams.engine.Measurement.INCREASE)
          .start(BigDecimal.ZERO).target(BigDecimal.valueOf(100)));
      if (leaf) {
        leaves.add(keyResult);
      }
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

  /**
   * Re-evaluates every node one hour later than the previous call, so that expected progress
   * changes and every node gets a new state: the worst case of the periodic tick.
   */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 3)
  @Measurement(iterations = 5)
  public Changes tickAllNodes() {
    long n = sequence++;
    return engine.tick(NOW.plusSeconds(3_600 * (n + 1)));
  }

  /** Applies the next value to the next key result of a depth-4 objective. */
  @Benchmark
  public Changes applyKeyResultValue() {
    long n = sequence++;
    String keyResult = leafKeyResults[(int) (n * 7919 % leafKeyResults.length)];
    Instant time = NOW.minusSeconds(86_400).plusMillis(n);
    return engine.apply(new Observation.Value(keyResult, VALUES[(int) (n % VALUES.length)],
        null, false, time, "bench"));
  }
}
