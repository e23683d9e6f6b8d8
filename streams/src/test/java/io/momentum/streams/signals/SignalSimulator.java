package io.momentum.streams.signals;

import io.momentum.streams.engine.Changes;
import io.momentum.streams.engine.CycleDef;
import io.momentum.streams.engine.CycleKind;
import io.momentum.streams.engine.GoalEngine;
import io.momentum.streams.engine.Measurement;
import io.momentum.streams.engine.NodeDef;
import io.momentum.streams.engine.NodeKind;
import io.momentum.streams.engine.Observation;
import io.momentum.streams.engine.UnitDef;
import io.momentum.streams.engine.UnitKind;
import io.momentum.streams.engine.WorkStatus;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Deterministic generator of event streams for one organisation and a 90-day quarter, with the
 * signals each scenario must leave open at the end of the stream (the ground truth). The truth
 * follows from how a scenario is built, such as "the value stays flat for the last five weekly
 * check-ins while the linked initiative finishes more items each week", never from the detector.
 *
 * <p>{@link #run} feeds the stream day by day through the real {@link GoalEngine} and {@link
 * SignalDetector}, evaluating after each day's batch and sweeping at the end of each day, as the
 * ingest does, and confirms every change as a committed transaction would.
 */
final class SignalSimulator {

  static final String ORG = "sim";
  static final String QUARTER = "q1";
  static final String TEAM = "team";
  static final LocalDate START = LocalDate.of(2026, 1, 1);
  static final LocalDate END = LocalDate.of(2026, 3, 31);
  /** Day of the quarter on which every stream ends and the open signals are compared with the truth. */
  static final int LAST_DAY = 84;

  /** Scenarios with the signals they leave open on their nodes. */
  enum Scenario {
    HEALTHY, SLOW_START_RECOVERY, STALL_WITH_RISING_EFFORT, STALL_WITHOUT_EFFORT, KPI_SHOCK,
    KPI_SEASONAL_DIP, KPI_SEASONAL_SHOCK, KPI_OUT_OF_CORRIDOR, KPI_HEALTHY, KPI_FLAT_TICK, KPI_FLAT_JUMP, OFF_TRACK_FORECAST,
    MISSED_CHECK_INS, LATE_BUT_IN_GRACE, CONFIDENCE_DROP, SMALL_CONFIDENCE_DIP, DEPENDENCY_OFF_TRACK
  }

  /** A node of a scenario instance and the signal kinds that must be open on it at the end. */
  record Truth(String nodeId, Scenario scenario, Set<String> kinds) {
  }

  /** The definitions, events and truth of every scenario instance. */
  static final class World {
    final List<NodeDef> nodes = new ArrayList<>();
    final List<SignalLink> links = new ArrayList<>();
    final List<Observation> events = new ArrayList<>();
    final List<Truth> truths = new ArrayList<>();
  }

  /** The open signal kinds per node at the end of a run, and the number of changes made on the way. */
  record Outcome(Map<String, Set<String>> open, int raised, int updated, int resolved) {
  }

  private final Random random;
  private final World world = new World();
  private int next;

  SignalSimulator(long seed) {
    this.random = new Random(seed);
  }

  /** Generates {@code perScenario} instances of each scenario. */
  World generate(int perScenario) {
    for (Scenario scenario : Scenario.values()) {
      for (int i = 0; i < perScenario; i++) {
        add(scenario);
      }
    }
    world.events.sort(Comparator.comparing(Observation::time));
    return world;
  }

  static Instant day(double day) {
    return START.atStartOfDay(ZoneOffset.UTC).toInstant().plusMillis(Math.round(day * 86_400_000d));
  }

  // --- scenarios ---

  private void add(Scenario scenario) {
    String p = "s" + (next++) + "-";
    switch (scenario) {
      case HEALTHY -> {
        String kr = keyResult(p, scenario);
        String initiative = initiative(p, kr);
        weeklyCheckIns(kr, week -> 100.0 * week * 7 / 90, week -> 7 + random.nextInt(2), 12, 0);
        workDone(initiative, 2, 2, 1, 12);
        truth(kr, scenario);
        truth(initiative, scenario);
      }
      case SLOW_START_RECOVERY -> {
        String kr = keyResult(p, scenario);
        String initiative = initiative(p, kr);
        weeklyCheckIns(kr, week -> week <= 5 ? 1.5 * week : Math.min(100, 7.5 + (week - 5) * 14.0),
            week -> week <= 5 ? 5 : 7, 12, 0);
        workDone(initiative, 1, 3, 1, 12);
        truth(kr, scenario);
        truth(initiative, scenario);
      }
      case STALL_WITH_RISING_EFFORT -> {
        String kr = keyResult(p, scenario);
        String initiative = initiative(p, kr);
        double plateau = 35 + random.nextInt(10);
        weeklyCheckIns(kr, week -> week <= 6 ? plateau * week / 6 : plateau + jitter(0.3), week -> 6, 12, 0);
        workDone(initiative, 1, 1, 1, 7);
        workDone(initiative, 4, 4, 8, 12);
        // Flat at about 40 % with a week left: off track by any forecast, so the initiative that
        // feeds it contributes to an off-track node.
        truth(kr, scenario, SignalRules.STALLED_DESPITE_EFFORT, SignalRules.OFF_TRACK_FORECAST);
        truth(initiative, scenario, SignalRules.DEPENDENCY_AT_RISK);
      }
      case STALL_WITHOUT_EFFORT -> {
        String kr = keyResult(p, scenario);
        String initiative = initiative(p, kr);
        double plateau = 35 + random.nextInt(10);
        weeklyCheckIns(kr, week -> week <= 6 ? plateau * week / 6 : plateau + jitter(0.3), week -> 6, 12, 0);
        workDone(initiative, 3, 3, 1, 6);
        workDone(initiative, 1, 1, 7, 12);
        truth(kr, scenario, SignalRules.OFF_TRACK_FORECAST);
        truth(initiative, scenario, SignalRules.DEPENDENCY_AT_RISK);
      }
      case OFF_TRACK_FORECAST -> {
        String kr = keyResult(p, scenario);
        double pace = 3 + random.nextDouble() * 2;
        weeklyCheckIns(kr, week -> pace * week + jitter(0.5), week -> 6 + random.nextInt(2), 12, 0);
        truth(kr, scenario, SignalRules.OFF_TRACK_FORECAST);
      }
      case MISSED_CHECK_INS -> {
        String kr = keyResult(p, scenario);
        int weeks = 7 + random.nextInt(3);
        weeklyCheckIns(kr, week -> 100.0 * week * 7 / 90, week -> 7, weeks, 0);
        truth(kr, scenario, SignalRules.MISSED_CHECK_IN);
      }
      case LATE_BUT_IN_GRACE -> {
        String kr = keyResult(p, scenario);
        // The last check-in is on day 77 and a half: a week and a half day before the end of the stream.
        weeklyCheckIns(kr, week -> 100.0 * week * 7 / 90, week -> 7, 11, 0.5);
        truth(kr, scenario);
      }
      case CONFIDENCE_DROP -> {
        String kr = keyResult(p, scenario);
        int high = 7 + random.nextInt(3);
        int drop = 3 + random.nextInt(3);
        weeklyCheckIns(kr, week -> 100.0 * week * 7 / 90, week -> week < 12 ? high : high - drop, 12, 0);
        truth(kr, scenario, SignalRules.CONFIDENCE_DROP);
      }
      case SMALL_CONFIDENCE_DIP -> {
        String kr = keyResult(p, scenario);
        int high = 7 + random.nextInt(3);
        weeklyCheckIns(kr, week -> 100.0 * week * 7 / 90, week -> week < 12 ? high : high - 2, 12, 0);
        truth(kr, scenario);
      }
      case DEPENDENCY_OFF_TRACK -> {
        String helper = keyResult(p + "a-", scenario);
        String target = keyResult(p + "b-", scenario);
        world.links.add(new SignalLink(helper, target, "contribution"));
        weeklyCheckIns(helper, week -> 100.0 * week * 7 / 90, week -> 8, 12, 0);
        weeklyCheckIns(target, week -> 3.0 * week + jitter(0.5), week -> 6, 12, 0);
        truth(helper, scenario, SignalRules.DEPENDENCY_AT_RISK);
        truth(target, scenario, SignalRules.OFF_TRACK_FORECAST);
      }
      case KPI_HEALTHY -> {
        String kpi = kpi(p, "90", "80");
        dailyMeasurements(kpi, day -> 100 + gaussian(2));
        truth(kpi, scenario);
      }
      case KPI_SHOCK -> {
        String kpi = kpi(p, "90", "80");
        double shock = 125 + random.nextInt(20);
        dailyMeasurements(kpi, day -> day == LAST_DAY ? shock : 100 + gaussian(2));
        truth(kpi, scenario, SignalRules.KPI_ANOMALY);
      }
      case KPI_SEASONAL_DIP -> {
        String kpi = kpi(p, "60", "50");
        dailyMeasurements(kpi, day -> (isDipDay(day) ? 70 : 100) + gaussian(1.5));
        // The last day falls on the weekday of the dip, so its dip is the usual one.
        truth(kpi, scenario);
      }
      case KPI_SEASONAL_SHOCK -> {
        String kpi = kpi(p, "60", "50");
        dailyMeasurements(kpi, day -> day == LAST_DAY ? 100 + gaussian(1.5) : (isDipDay(day) ? 70 : 100) + gaussian(1.5));
        // The level of the other weekdays on the dip's weekday: usual for the KPI overall, anomalous for that weekday.
        truth(kpi, scenario, SignalRules.KPI_ANOMALY);
      }
      case KPI_OUT_OF_CORRIDOR -> {
        String kpi = kpi(p, "90", "80");
        double floor = 70 + random.nextInt(6);
        dailyMeasurements(kpi, day -> 100 - (100 - floor) * day / LAST_DAY + gaussian(1));
        truth(kpi, scenario, SignalRules.KPI_OUT_OF_CORRIDOR);
      }
      case KPI_FLAT_TICK -> {
        // Most days repeat the same rate, so the MAD is 0; a last-day tick of 0.01 is no anomaly.
        String kpi = kpi(p, "99.5", "98");
        dailyMeasurements(kpi, day -> day == LAST_DAY ? 99.57 : 99.58 + (random.nextInt(10) == 0 ? jitter(0.01) : 0));
        truth(kpi, scenario);
      }
      case KPI_FLAT_JUMP -> {
        // The same flat rate falls by 0.8 to 1.4 points on the last day, still above the red threshold.
        String kpi = kpi(p, "99.5", "98");
        double fall = 98.2 + random.nextInt(7) / 10.0;
        dailyMeasurements(kpi, day -> day == LAST_DAY ? fall : 99.58 + (random.nextInt(10) == 0 ? jitter(0.01) : 0));
        truth(kpi, scenario, SignalRules.KPI_ANOMALY);
      }
      default -> throw new IllegalStateException(scenario.name());
    }
  }

  /** Returns true on the weekday of {@link #LAST_DAY}, the day a seasonal KPI dips every week. */
  private static boolean isDipDay(int day) {
    return START.plusDays(day).getDayOfWeek() == START.plusDays(LAST_DAY).getDayOfWeek();
  }

  private double jitter(double size) {
    return (random.nextDouble() * 2 - 1) * size;
  }

  private double gaussian(double deviation) {
    return random.nextGaussian() * deviation;
  }

  private void truth(String nodeId, Scenario scenario, String... kinds) {
    world.truths.add(new Truth(nodeId, scenario, Set.of(kinds)));
  }

  // --- definitions ---

  private String keyResult(String prefix, Scenario scenario) {
    String objective = prefix + "objective";
    world.nodes.add(NodeDef.builder(objective, ORG, NodeKind.OBJECTIVE).key(objective)
        .title("Objective of " + scenario.name().toLowerCase()).unitId(TEAM).cycleId(QUARTER).build());
    String id = prefix + "kr";
    world.nodes.add(NodeDef.builder(id, ORG, NodeKind.KEY_RESULT).key(id).title("Key result " + id)
        .parentId(objective).measurement(Measurement.INCREASE).start(BigDecimal.ZERO).target(BigDecimal.valueOf(100))
        .build());
    return id;
  }

  private String initiative(String prefix, String keyResult) {
    String id = prefix + "initiative";
    world.nodes.add(NodeDef.builder(id, ORG, NodeKind.INITIATIVE).key(id).title("Initiative " + id).unitId(TEAM).build());
    world.links.add(new SignalLink(id, keyResult, "impact"));
    return id;
  }

  private String kpi(String prefix, String green, String red) {
    String id = prefix + "kpi";
    world.nodes.add(NodeDef.builder(id, ORG, NodeKind.KPI).key(id).title("KPI " + id).unitId(TEAM)
        .direction(Measurement.INCREASE).green(new BigDecimal(green)).red(new BigDecimal(red)).build());
    return id;
  }

  // --- events ---

  /** Adds check-ins on days 7, 14, ... up to {@code weeks} weeks, at a random hour of the day plus {@code shift} days. */
  private void weeklyCheckIns(String keyResult, java.util.function.IntToDoubleFunction value,
                              java.util.function.IntUnaryOperator confidence, int weeks, double shift) {
    for (int week = 1; week <= weeks; week++) {
      double at = week * 7 + shift + (9 + random.nextInt(8)) / 24.0;
      BigDecimal v = BigDecimal.valueOf(value.applyAsDouble(week)).setScale(2, RoundingMode.HALF_UP);
      world.events.add(new Observation.Value(keyResult, v, Math.max(0, Math.min(10, confidence.applyAsInt(week))),
          true, day(at), "urn:sim:person"));
    }
  }

  /** Adds {@code min}-{@code max} work items per week done in weeks {@code fromWeek} to {@code toWeek}. */
  private void workDone(String initiative, int min, int max, int fromWeek, int toWeek) {
    for (int week = fromWeek; week <= toWeek; week++) {
      int count = min + random.nextInt(max - min + 1);
      for (int i = 0; i < count; i++) {
        String item = initiative + "-w" + week + "-" + i;
        double opened = (week - 1) * 7 + random.nextDouble() * 3;
        double done = Math.min(LAST_DAY - 0.1, week * 7 - random.nextDouble() * 3);
        world.events.add(new Observation.WorkItem(initiative, "jira", item, "story", WorkStatus.TODO, null, false,
            day(opened), "urn:sim:jira"));
        world.events.add(new Observation.WorkItem(initiative, "jira", item, "story", WorkStatus.DONE, null, false,
            day(done), "urn:sim:jira"));
      }
    }
  }

  private void dailyMeasurements(String kpi, java.util.function.IntToDoubleFunction value) {
    for (int d = 1; d <= LAST_DAY; d++) {
      BigDecimal v = BigDecimal.valueOf(value.applyAsDouble(d)).setScale(2, RoundingMode.HALF_UP);
      world.events.add(new Observation.Value(kpi, v, null, false, day(d + 0.25), "urn:sim:warehouse"));
    }
  }

  // --- run ---

  /** A clock a run moves forward. */
  static final class SimClock extends Clock {
    Instant now;

    SimClock(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  /**
   * Feeds the world's events through an engine and a detector, one batch per day, and returns the
   * open signal kinds per node at the end of {@link #LAST_DAY}.
   */
  static Outcome run(World world, SignalSettings settings) {
    SimClock clock = new SimClock(day(0));
    GoalEngine engine = new GoalEngine(ORG, clock);
    CycleDef quarter = new CycleDef(QUARTER, ORG, QUARTER, "Q1 2026", CycleKind.QUARTER, null, START, END, false);
    engine.upsertCycle(quarter);
    engine.upsertUnit(new UnitDef(TEAM, ORG, TEAM, "Team", UnitKind.TEAM, null));
    SignalDetector detector = new SignalDetector(settings, world.links, List.of());
    detector.defineCycle(quarter);
    for (NodeDef node : world.nodes) {
      engine.upsertNode(node);
      detector.defineNode(node);
    }
    int raised = 0;
    int updated = 0;
    int resolved = 0;
    int at = 0;
    for (int d = 0; d <= LAST_DAY; d++) {
      Instant endOfDay = day(d + 1).minusMillis(1);
      List<Changes> batch = new ArrayList<>();
      while (at < world.events.size() && world.events.get(at).time().isBefore(day(d + 1))) {
        Observation event = world.events.get(at++);
        clock.now = event.time();
        detector.observe(event, "event-" + at);
        batch.add(engine.apply(event));
      }
      clock.now = endOfDay;
      List<io.momentum.streams.engine.NodeState> changed = new ArrayList<>();
      batch.forEach(changes -> changed.addAll(changes.nodes()));
      List<SignalChange> changes = new ArrayList<>(detector.evaluate(engine, changed, clock.now));
      detector.confirm(changes);
      changed.clear();
      changed.addAll(engine.tick(endOfDay).nodes());
      List<SignalChange> swept = detector.sweep(engine, endOfDay);
      detector.confirm(swept);
      changes.addAll(swept);
      for (SignalChange change : changes) {
        if (change instanceof SignalChange.Raise) {
          raised++;
        } else if (change instanceof SignalChange.Update) {
          updated++;
        } else {
          resolved++;
        }
      }
    }
    Map<String, Set<String>> open = new LinkedHashMap<>();
    for (NodeDef node : world.nodes) {
      open.put(node.id(), detector.reportedKinds(node.id()));
    }
    return new Outcome(open, raised, updated, resolved);
  }

  /** Precision and recall of one kind over every (node, kind) pair of a run. */
  record Accuracy(String kind, int truePositives, int falsePositives, int falseNegatives) {
    double precision() {
      return truePositives + falsePositives == 0 ? 1 : (double) truePositives / (truePositives + falsePositives);
    }

    double recall() {
      return truePositives + falseNegatives == 0 ? 1 : (double) truePositives / (truePositives + falseNegatives);
    }
  }

  /** Compares the open signals of every truth node with its truth, kind by kind. */
  static Map<String, Accuracy> score(World world, Outcome outcome, Map<String, List<String>> mistakes) {
    Map<String, int[]> counts = new LinkedHashMap<>();
    SignalDetector.KINDS.forEach(kind -> counts.put(kind, new int[3]));
    for (Truth truth : world.truths) {
      Set<String> open = outcome.open().getOrDefault(truth.nodeId(), Set.of());
      for (String kind : SignalDetector.KINDS) {
        boolean expected = truth.kinds().contains(kind);
        boolean found = open.contains(kind);
        int[] c = counts.get(kind);
        if (expected && found) {
          c[0]++;
        } else if (found) {
          c[1]++;
          mistakes.computeIfAbsent(kind, k -> new ArrayList<>()).add("false positive on " + truth.nodeId()
              + " (" + truth.scenario() + ")");
        } else if (expected) {
          c[2]++;
          mistakes.computeIfAbsent(kind, k -> new ArrayList<>()).add("missed on " + truth.nodeId()
              + " (" + truth.scenario() + ")");
        }
      }
    }
    Map<String, Accuracy> result = new LinkedHashMap<>();
    counts.forEach((kind, c) -> result.put(kind, new Accuracy(kind, c[0], c[1], c[2])));
    return result;
  }
}
