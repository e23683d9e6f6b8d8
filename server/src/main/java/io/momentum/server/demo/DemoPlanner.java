package io.momentum.server.demo;

import io.momentum.server.demo.DemoCycles.Cycle;
import io.momentum.server.demo.DemoCycles.Role;
import io.momentum.server.demo.DemoSpecs.KeyResultSpec;
import io.momentum.server.demo.DemoSpecs.KpiSpec;
import io.momentum.server.demo.DemoSpecs.ObjectiveSpec;
import io.momentum.server.demo.DemoSpecs.UnitSpec;
import io.momentum.server.demo.SeedPlan.CheckInRow;
import io.momentum.server.demo.SeedPlan.MeasurementRow;
import io.vertx.core.json.JsonArray;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Turns the demo catalog into rows: assigns ids, places every definition in its cycle and
 * generates the history up to {@code now}. A key result's latest check-in and a KPI's latest
 * measurement are copied into their {@code current_*} columns, as ingestion would have left them.
 */
final class DemoPlanner {

  /** Seed of the generator, fixed so that seeding at the same instant always gives the same content. */
  static final long RANDOM_SEED = 20_260_401L;

  private final Instant now;
  private final Random random = new Random(RANDOM_SEED);
  private final HistoryGenerator history;
  private final SeedPlan plan = new SeedPlan();
  private final Map<Role, Cycle> cycles = new EnumMap<>(Role.class);
  private final Map<Role, UUID> cycleIds = new EnumMap<>(Role.class);
  private final Map<String, UUID> unitIds = new HashMap<>();
  private final Map<String, UUID> objectiveIds = new HashMap<>();
  private final Map<String, Instant> objectiveCreated = new HashMap<>();
  private final Map<String, ProgressProfile.Health> objectiveHealth = new HashMap<>();
  private final Map<String, UUID> kpiIds = new HashMap<>();
  /** Raw progress each key result that follows a KPI has today, which its KPI's series ends at. */
  private final Map<String, KeyResultSpec> followers = new HashMap<>();
  private final Map<String, Double> followerProgress = new HashMap<>();

  private DemoPlanner(Instant now) {
    this.now = now;
    this.history = new HistoryGenerator(random, now);
  }

  /** Plans the whole demo organisation as it looks at {@code now}. */
  static SeedPlan plan(Instant now) {
    return new DemoPlanner(now).build();
  }

  /** Returns when the demo organisation was founded: at the start of its strategy cycle. */
  static Instant organisationCreatedAt(Instant now) {
    LocalDate today = now.atOffset(ZoneOffset.UTC).toLocalDate();
    return DemoCycles.around(today).get(0).startInstant().plus(Duration.ofHours(9));
  }

  private SeedPlan build() {
    LocalDate today = now.atOffset(ZoneOffset.UTC).toLocalDate();
    List<Cycle> cycleList = DemoCycles.around(today);
    cycleList.forEach(c -> cycles.put(c.role(), c));
    DemoCatalog catalog = DemoCatalog.build(cycles.containsKey(Role.PREVIOUS_QUARTER));

    plan.organisationCreatedAt = organisationCreatedAt(now);
    plan.catalog = catalog;
    addCycles(cycleList);
    addUnits(catalog.units);
    addObjectives(catalog.objectives);
    catalog.kpis.forEach(k -> kpiIds.put(k.key(), UUID.randomUUID()));
    catalog.keyResults.forEach(this::addKeyResult);
    catalog.kpis.forEach(this::addKpi);
    return plan;
  }

  private void addCycles(List<Cycle> cycleList) {
    for (Cycle cycle : cycleList) {
      UUID id = UUID.randomUUID();
      cycleIds.put(cycle.role(), id);
      plan.cycles.add(new SeedPlan.CycleRow(id, cycle.key(), cycle.name(), cycle.kind(),
          cycle.parent() == null ? null : cycleIds.get(cycle.parent()), cycle.start(), cycle.end(), cycle.closed()));
    }
  }

  private void addUnits(List<UnitSpec> units) {
    for (UnitSpec unit : units) {
      UUID id = UUID.randomUUID();
      unitIds.put(unit.key(), id);
      plan.units.add(new SeedPlan.UnitRow(id, unit.key(), unit.name(), unit.kind(),
          unit.parentKey() == null ? null : unitIds.get(unit.parentKey())));
    }
  }

  private void addObjectives(List<ObjectiveSpec> objectives) {
    for (ObjectiveSpec objective : objectives) {
      UUID id = UUID.randomUUID();
      objectiveIds.put(objective.key(), id);
      Instant created = createdBefore(cycles.get(objective.cycle()));
      objectiveCreated.put(objective.key(), created);
      plan.objectives.add(new SeedPlan.ObjectiveRow(id, objective,
          objective.parentKey() == null ? null : objectiveIds.get(objective.parentKey()),
          unitIds.get(objective.unitKey()), cycleIds.get(objective.cycle()), created));
    }
  }

  private void addKeyResult(KeyResultSpec spec) {
    UUID id = UUID.randomUUID();
    Cycle cycle = cycles.get(spec.cycle);
    ProgressProfile.Health health = objectiveHealth.computeIfAbsent(spec.objectiveKey,
        key -> ProgressProfile.Health.draw(random));
    ProgressProfile profile = spec.profile != null ? spec.profile : health.drawProfile(random);
    if (cycle.closed() && (profile == ProgressProfile.STALE || profile == ProgressProfile.PENDING)) {
      profile = ProgressProfile.AT_RISK;
    }
    double progress = profile.finalProgress(cycle.elapsed(now), random);
    List<Instant> times = history.checkInTimes(cycle, profile);
    List<Integer> confidences = history.confidencePath(times.size(), profile.confidence(random));

    List<BigDecimal> values = switch (spec.measurement) {
      case "increase", "decrease" -> history.metricPath(spec, times, cycle.startInstant(), progress);
      case "range" -> history.rangePath(spec, times, progress);
      case "binary" -> history.binaryPath(times.size(), isBinaryDone(profile));
      default -> null;
    };
    if (values != null && spec.stalledDays > 0 && !cycle.closed()) {
      holdFlat(values, times, now.minus(Duration.ofDays(spec.stalledDays)));
    }
    JsonArray milestones = "milestone".equals(spec.measurement)
        ? history.milestones(spec.milestones, progress) : new JsonArray();
    if ("work_items".equals(spec.measurement)) {
      plan.workItems.addAll(history.workItems(id, spec, cycle, progress));
    }
    if ("kpi".equals(spec.measurement)) {
      followers.put(spec.kpiKey, spec);
      followerProgress.put(spec.kpiKey, progress);
    }

    BigDecimal current = null;
    Instant currentAt = null;
    for (int i = 0; i < times.size(); i++) {
      BigDecimal value = values == null ? null : values.get(i);
      plan.checkIns.add(new CheckInRow(id, value, confidences.get(i), history.note(profile),
          history.blockers(profile, i == times.size() - 1), spec.owner, times.get(i)));
      if (value != null) {
        current = value;
        currentAt = times.get(i);
      }
    }
    Integer confidence = times.isEmpty() ? null : confidences.get(times.size() - 1);
    Instant confidenceAt = times.isEmpty() ? null : times.get(times.size() - 1);
    plan.keyResults.add(new SeedPlan.KeyResultRow(id, spec, objectiveIds.get(spec.objectiveKey),
        unitIds.get(spec.unitKey), spec.kpiKey == null ? null : kpiIds.get(spec.kpiKey), milestones,
        current, currentAt, confidence, confidenceAt, objectiveCreated.get(spec.objectiveKey)));
  }

  /**
   * Gives every check-in from {@code since} on the value of the first one in that span, so the
   * value stays flat over the last check-ins.
   */
  private static void holdFlat(List<BigDecimal> values, List<Instant> times, Instant since) {
    BigDecimal flatValue = null;
    for (int i = 0; i < times.size(); i++) {
      if (times.get(i).isBefore(since)) {
        continue;
      }
      if (flatValue == null) {
        flatValue = values.get(i);
      } else {
        values.set(i, flatValue);
      }
    }
  }

  /**
   * Decides whether a binary key result is done: when on track or ahead, because a binary key result
   * that is not done looks on track only in the first tenth of its cycle.
   */
  private static boolean isBinaryDone(ProgressProfile profile) {
    return profile == ProgressProfile.ON_TRACK || profile == ProgressProfile.AHEAD || profile == ProgressProfile.DONE;
  }

  private void addKpi(KpiSpec spec) {
    UUID id = kpiIds.get(spec.key());
    List<MeasurementRow> series = followers.containsKey(spec.key())
        ? followedSeries(id, spec, followers.get(spec.key()), followerProgress.get(spec.key()))
        : ownSeries(id, spec);
    plan.measurements.addAll(series);
    MeasurementRow latest = series.get(series.size() - 1);
    plan.kpis.add(new SeedPlan.KpiRow(id, spec, unitIds.get(spec.unitKey()), latest.value(), latest.at(),
        series.get(0).at().minus(Duration.ofDays(1))));
  }

  /**
   * Generates the series of a followed KPI: near its key result's start when the key result's cycle
   * began and at the key result's progress today, so the key result shows the status its profile chose.
   */
  private List<MeasurementRow> followedSeries(UUID id, KpiSpec spec, KeyResultSpec follower, double progress) {
    double start = follower.start.doubleValue();
    double span = follower.target.doubleValue() - start;
    double latest = start + progress * span;
    int decimals = ValueScale.decimals(spec.start(), spec.target(), spec.unit());
    Instant pivot = cycles.get(follower.cycle).startInstant();
    return history.kpiSeries(id, spec, pivot, start - 0.15 * span, start, latest, Math.abs(span) * 0.03, decimals);
  }

  /** Generates the series of a KPI that no key result follows: from its start value to the catalog's value of today. */
  private List<MeasurementRow> ownSeries(UUID id, KpiSpec spec) {
    double start = spec.start().doubleValue();
    double latest = spec.latest().doubleValue();
    double noise = Math.abs(spec.target().doubleValue() - start) * 0.03;
    int decimals = ValueScale.decimals(spec.start(), spec.target(), spec.unit());
    Instant pivot = now.minus(Duration.ofDays(84));
    return history.kpiSeries(id, spec, pivot, start, start, latest, noise, decimals);
  }

  /** Returns when a definition was written: in the week before its cycle began, or a day ago for a new cycle. */
  private Instant createdBefore(Cycle cycle) {
    Instant created = cycle.startInstant().minus(Duration.ofDays(7)).plus(Duration.ofHours(10));
    Instant latest = now.minus(Duration.ofDays(1));
    return created.isAfter(latest) ? latest : created;
  }
}
