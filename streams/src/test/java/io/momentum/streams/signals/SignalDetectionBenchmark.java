package io.momentum.streams.signals;

import io.momentum.streams.engine.Changes;
import io.momentum.streams.engine.CycleDef;
import io.momentum.streams.engine.CycleKind;
import io.momentum.streams.engine.GoalEngine;
import io.momentum.streams.engine.NodeDef;
import io.momentum.streams.engine.NodeKind;
import io.momentum.streams.engine.NodeState;
import io.momentum.streams.engine.Observation;
import io.momentum.streams.engine.UnitDef;
import io.momentum.streams.engine.UnitKind;
import io.momentum.streams.engine.WorkStatus;
import java.math.BigDecimal;
import java.time.Instant;
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
 * Cost of the signal detection on the ingest's engine step: one batch of 500 events applied to
 * the engine, with and without feeding the detector each event and evaluating the nodes the
 * batch touched, as {@code BatchProcessor} does.
 *
 * <p>The organisation is the simulator's world with 40 instances of each scenario (about 1,240
 * nodes) after its 84 days of history. The batches mix, per 20 events, 14 key-result values, 2
 * check-ins, 3 KPI measurements and 1 work item done, spread round-robin over the nodes, 10 ms
 * apart after the history. Each value moves its node's current value by a small step.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class SignalDetectionBenchmark {

  static final int BATCH = 500;

  private GoalEngine engine;
  private SignalDetector detector;
  private SignalSimulator.SimClock clock;
  private List<String> keyResults;
  private List<String> kpis;
  private List<String> initiatives;
  private long sequence;

  @Setup(Level.Trial)
  public void buildOrganisation() {
    SignalSimulator.World world = new SignalSimulator(7).generate(40);
    clock = new SignalSimulator.SimClock(SignalSimulator.day(SignalSimulator.LAST_DAY + 1));
    engine = new GoalEngine(SignalSimulator.ORG, clock);
    CycleDef quarter = new CycleDef(SignalSimulator.QUARTER, SignalSimulator.ORG, SignalSimulator.QUARTER, "Q1",
        CycleKind.QUARTER, null, SignalSimulator.START, SignalSimulator.END, false);
    engine.upsertCycle(quarter);
    engine.upsertUnit(new UnitDef(SignalSimulator.TEAM, SignalSimulator.ORG, SignalSimulator.TEAM, "Team", UnitKind.TEAM, null));
    detector = new SignalDetector(SignalSettings.DEFAULTS, world.links, List.of());
    detector.defineCycle(quarter);
    keyResults = new ArrayList<>();
    kpis = new ArrayList<>();
    initiatives = new ArrayList<>();
    for (NodeDef node : world.nodes) {
      engine.upsertNode(node);
      detector.defineNode(node);
      if (node.kind() == NodeKind.KEY_RESULT) {
        keyResults.add(node.id());
      } else if (node.kind() == NodeKind.KPI) {
        kpis.add(node.id());
      } else if (node.kind() == NodeKind.INITIATIVE) {
        initiatives.add(node.id());
      }
    }
    engine.applyAll(world.events);
    world.events.forEach(event -> detector.observe(event, null));
    detector.confirm(detector.sweep(engine, clock.instant()));
  }

  @Benchmark
  public int batchWithoutSignals() {
    List<NodeState> changed = new ArrayList<>();
    for (int i = 0; i < BATCH; i++) {
      changed.addAll(engine.apply(nextEvent()).nodes());
    }
    return changed.size();
  }

  @Benchmark
  public int batchWithSignals() {
    List<NodeState> changed = new ArrayList<>();
    for (int i = 0; i < BATCH; i++) {
      Observation event = nextEvent();
      Changes changes = engine.apply(event);
      detector.observe(event, "event-" + sequence);
      changed.addAll(changes.nodes());
    }
    List<SignalChange> found = detector.evaluate(engine, changed, clock.instant());
    detector.confirm(found);
    return changed.size() + found.size();
  }

  private Observation nextEvent() {
    long n = sequence++;
    Instant time = SignalSimulator.day(SignalSimulator.LAST_DAY + 1).plusMillis(10 * n);
    clock.now = time;
    return switch ((int) (n % 20)) {
      case 0, 1 -> {
        String keyResult = pick(keyResults, n);
        yield new Observation.Value(keyResult, step(keyResult, n), 6 + (int) (n % 3), true, time, "urn:bench");
      }
      case 2, 3, 4 -> {
        String kpi = pick(kpis, n);
        yield new Observation.Value(kpi, step(kpi, n), null, false, time, "urn:bench");
      }
      case 5 -> new Observation.WorkItem(pick(initiatives, n), "jira", "B-" + n, "story", WorkStatus.DONE, null, false,
          time, "urn:bench");
      default -> {
        String keyResult = pick(keyResults, n);
        yield new Observation.Value(keyResult, step(keyResult, n), null, false, time, "urn:bench");
      }
    };
  }

  /**
   * Returns the node's current value moved by -0.2 to +0.4 in steps of 0.1, so values walk as a
   * real metric does rather than jumping across its range.
   */
  private BigDecimal step(String nodeId, long n) {
    BigDecimal current = engine.node(nodeId).map(NodeState::current).orElse(null);
    BigDecimal base = current == null ? BigDecimal.valueOf(50) : current;
    return base.add(BigDecimal.valueOf(n % 7 - 2, 1));
  }

  private static String pick(List<String> ids, long n) {
    return ids.get((int) ((n / 20) % ids.size()));
  }
}
