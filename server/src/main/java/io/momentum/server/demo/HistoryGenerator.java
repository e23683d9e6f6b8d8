package io.momentum.server.demo;

import io.momentum.server.demo.DemoSpecs.KeyResultSpec;
import io.momentum.server.demo.DemoSpecs.KpiSpec;
import io.momentum.server.demo.DemoSpecs.MilestoneSpec;
import io.momentum.server.demo.SeedPlan.MeasurementRow;
import io.momentum.server.demo.SeedPlan.WorkItemRow;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Generates the history of the demo's key results and KPIs: check-in times, value paths that end
 * at a chosen progress, KPI measurement series, milestone flags and work items. All randomness
 * comes from one seeded {@link Random}, so the same instant always gives the same history.
 */
final class HistoryGenerator {

  /** Last check-in of a stale key result lies this many days back, plus up to 11 more. */
  private static final int STALE_MIN_DAYS = 9;
  /** A key result that is not stale has a check-in within this many days. */
  private static final int RECENT_DAYS = 6;
  /** KPIs have measurements for at least this long before today. */
  private static final Duration KPI_HISTORY = Duration.ofDays(84);
  private static final int[] STORY_POINTS = {1, 2, 3, 5, 8, 13};

  private static final List<String> GOOD_NOTES = List.of(
      "Good week: the change is live for all customers.",
      "Up again after Tuesday's campaign.",
      "Steady progress, no blockers.",
      "The experiment results are in and look promising.",
      "Ahead of plan; we keep the scope as it is.");
  private static final List<String> WORRIED_NOTES = List.of(
      "Slower than planned: the release moved by one sprint.",
      "Waiting for the vendor to fix their API.",
      "Two people on holiday this week, so less progress.",
      "The first A/B test was inconclusive; running a second one.");
  private static final List<String> BAD_NOTES = List.of(
      "We underestimated the migration and are re-planning with the team.",
      "No movement yet; the data export from the ERP is still missing.",
      "This needs a budget decision before we can continue.");
  private static final List<String> BLOCKERS = List.of(
      "Legal has not yet approved the new terms.",
      "Blocked by the platform migration.",
      "No owner on the vendor side since the contract change.");

  private final Random random;
  private final Instant now;

  HistoryGenerator(Random random, Instant now) {
    this.random = random;
    this.now = now;
  }

  /**
   * Returns weekly check-in times (every two weeks in a year-long cycle) from the cycle start up to
   * today or the end of a closed cycle. A stale profile stops 9 to 20 days ago; any other profile
   * gets a check-in within the last {@value #RECENT_DAYS} days.
   */
  List<Instant> checkInTimes(DemoCycles.Cycle cycle, ProgressProfile profile) {
    List<Instant> times = new ArrayList<>();
    if (profile == ProgressProfile.PENDING) {
      return times;
    }
    Instant start = cycle.startInstant();
    Instant until = cycle.closed() ? cycle.endInstant() : now.minus(Duration.ofHours(1));
    if (profile == ProgressProfile.STALE && !cycle.closed()) {
      until = now.minus(Duration.ofDays(STALE_MIN_DAYS + random.nextInt(12))).minus(Duration.ofHours(random.nextInt(12)));
    }
    int stepDays = cycle.role() == DemoCycles.Role.YEAR ? 14 : 7;
    for (int week = 0; ; week++) {
      Instant time = start.plus(Duration.ofDays(2L + (long) week * stepDays + random.nextInt(3) - 1))
          .plus(workingHour());
      if (!time.isAfter(start)) {
        continue;
      }
      if (!time.isBefore(until)) {
        break;
      }
      times.add(time);
    }
    Instant recent = now.minus(Duration.ofDays(RECENT_DAYS));
    boolean missingRecent = times.isEmpty() || times.get(times.size() - 1).isBefore(recent);
    if (profile != ProgressProfile.STALE && !cycle.closed() && missingRecent) {
      Instant time = now.minus(Duration.ofMinutes(120 + random.nextInt(3 * 24 * 60)));
      if (time.isAfter(start.plus(Duration.ofHours(1)))) {
        times.add(time);
      }
    }
    return times;
  }

  /**
   * Returns the values of an increase or decrease key result at {@code times}: a noisy curve from
   * its start that ends exactly at {@code finalProgress} of the way to its target.
   */
  List<BigDecimal> metricPath(KeyResultSpec spec, List<Instant> times, Instant cycleStart, double finalProgress) {
    double start = spec.start.doubleValue();
    double span = spec.target.doubleValue() - start;
    List<Double> progress = progressCurve(times, cycleStart, finalProgress);
    List<BigDecimal> values = new ArrayList<>();
    for (double p : progress) {
      values.add(round(withinNaturalLimits(start + p * span, spec), spec.decimals()));
    }
    return values;
  }

  /**
   * Returns the values of a range key result: from inside the band towards a value whose raw
   * progress is {@code finalProgress} (inside the band when it is 1 or more).
   */
  List<BigDecimal> rangePath(KeyResultSpec spec, List<Instant> times, double finalProgress) {
    double low = spec.low.doubleValue();
    double high = spec.high.doubleValue();
    double width = Math.max(high - low, 1e-9);
    double tolerance = spec.tolerance == null ? width : spec.tolerance.doubleValue();
    double first = low + width * (0.3 + 0.4 * random.nextDouble());
    double last;
    if (finalProgress >= 1) {
      last = low + width * (0.15 + 0.7 * random.nextDouble());
    } else {
      double distance = (1 - Math.max(0, finalProgress)) * tolerance;
      boolean below = random.nextBoolean() && low - distance >= 0;
      last = below ? low - distance : high + distance;
    }
    List<BigDecimal> values = new ArrayList<>();
    int n = times.size();
    for (int i = 0; i < n; i++) {
      double share = n == 1 ? 1 : (double) i / (n - 1);
      double value = first + (last - first) * share;
      if (i < n - 1) {
        value += random.nextGaussian() * width * 0.05;
      }
      if (low >= 0) {
        value = Math.max(0, value);
      }
      values.add(round(value, spec.decimals()));
    }
    return values;
  }

  /** Returns binary values: 0 until the key result was done, then 1 from a check-in in the second half. */
  List<BigDecimal> binaryPath(int count, boolean done) {
    int doneFrom = done ? Math.max(0, count / 2 + random.nextInt(Math.max(1, count - count / 2))) : count;
    List<BigDecimal> values = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      values.add(i >= doneFrom ? BigDecimal.ONE : BigDecimal.ZERO);
    }
    return values;
  }

  /** Returns confidences that move from 7 towards {@code last}, which the latest check-in has exactly. */
  List<Integer> confidencePath(int count, int last) {
    List<Integer> values = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      if (i == count - 1) {
        values.add(last);
        break;
      }
      double share = count == 1 ? 1 : (double) i / (count - 1);
      long value = Math.round(7 + (last - 7) * share) + (random.nextInt(4) == 0 ? random.nextInt(3) - 1 : 0);
      values.add((int) Math.max(0, Math.min(10, value)));
    }
    return values;
  }

  /** Returns a note for about a third of the check-ins, in the tone of the profile, or null. */
  String note(ProgressProfile profile) {
    if (random.nextInt(100) >= 35) {
      return null;
    }
    List<String> notes = switch (profile) {
      case ON_TRACK, AHEAD, DONE -> GOOD_NOTES;
      case AT_RISK, LOW_CONFIDENCE, STALE -> WORRIED_NOTES;
      default -> BAD_NOTES;
    };
    return notes.get(random.nextInt(notes.size()));
  }

  /**
   * Returns a blocker for the latest check-in and about a third of the others of an off-track key
   * result, else null. So the weekly brief of a team with such a key result names a blocker.
   */
  String blockers(ProgressProfile profile, boolean latest) {
    if (profile != ProgressProfile.OFF_TRACK || !latest && random.nextInt(3) != 0) {
      return null;
    }
    return BLOCKERS.get(random.nextInt(BLOCKERS.size()));
  }

  /**
   * Returns a KPI's measurements, about three a week (one a week for a weekly KPI, whose last one is
   * older than the stale limit), moving linearly from {@code earliest} through {@code atPivot} at
   * {@code pivot} to {@code latest} today, with noise of {@code noise} (one standard deviation).
   */
  List<MeasurementRow> kpiSeries(UUID kpiId, KpiSpec spec, Instant pivot, double earliest, double atPivot,
                                 double latest, double noise, int decimals) {
    Instant last = spec.weekly()
        ? now.minus(Duration.ofHours(9 * 24 + 12 + random.nextInt(12)))
        : now.minus(Duration.ofMinutes(120 + random.nextInt(22 * 60)));
    Instant first = pivot.isBefore(now.minus(KPI_HISTORY)) ? pivot : now.minus(KPI_HISTORY);
    if (pivot.isAfter(last)) {
      pivot = last;
    }
    double stepHours = spec.weekly() ? 7 * 24 : 56;
    List<Instant> times = new ArrayList<>();
    for (Instant t = last; !t.isBefore(first); t = t.minus(Duration.ofMinutes((long) (stepHours * 60)))) {
      times.add(0, t.minus(Duration.ofMinutes(random.nextInt(180))));
    }
    times.set(times.size() - 1, last);
    List<MeasurementRow> rows = new ArrayList<>();
    for (int i = 0; i < times.size(); i++) {
      Instant t = times.get(i);
      double value;
      if (t.isBefore(pivot)) {
        value = interpolate(first, earliest, pivot, atPivot, t);
      } else {
        value = interpolate(pivot, atPivot, last, latest, t);
      }
      if (i < times.size() - 1) {
        value += random.nextGaussian() * noise;
      }
      rows.add(new MeasurementRow(kpiId, round(value, decimals), t));
    }
    return rows;
  }

  /** Returns the milestone list as stored: ids m1, m2, ... with done flags up to {@code progress} of the weight. */
  JsonArray milestones(List<MilestoneSpec> specs, double progress) {
    BigDecimal total = specs.stream().map(MilestoneSpec::weight).reduce(BigDecimal.ZERO, BigDecimal::add);
    double reached = 0;
    boolean reachedProgress = false;
    JsonArray array = new JsonArray();
    for (int i = 0; i < specs.size(); i++) {
      MilestoneSpec milestone = specs.get(i);
      double share = milestone.weight().doubleValue() / total.doubleValue();
      // Milestones are finished in order, so the first one whose middle lies beyond the progress
      // ends the done prefix.
      boolean done = !reachedProgress && reached + share / 2 <= progress;
      if (done) {
        reached += share;
      } else {
        reachedProgress = true;
      }
      array.add(new JsonObject()
          .put("id", "m" + (i + 1))
          .put("title", milestone.title())
          .put("weight", milestone.weight())
          .put("done", done));
    }
    return array;
  }

  /**
   * Returns the linked Jira items of a work-item key result: done items worth about
   * {@code progress} of the points, one or two in progress, the rest to do. About one item in
   * five has no estimate; with {@code estimated} false none has.
   */
  List<WorkItemRow> workItems(UUID keyResultId, KeyResultSpec spec, DemoCycles.Cycle cycle, double progress) {
    List<BigDecimal> points = new ArrayList<>();
    double total = 0;
    for (int i = 0; i < spec.workItemCount; i++) {
      BigDecimal estimate = null;
      if (spec.estimated && random.nextInt(5) != 0) {
        estimate = BigDecimal.valueOf(STORY_POINTS[random.nextInt(STORY_POINTS.length)]);
      }
      points.add(estimate);
      total += size(estimate, spec.estimated);
    }
    double goal = Math.max(0, progress) * total;
    double done = 0;
    int inProgress = 0;
    List<WorkItemRow> rows = new ArrayList<>();
    for (int i = 0; i < points.size(); i++) {
      BigDecimal estimate = points.get(i);
      double size = size(estimate, spec.estimated);
      String status;
      if (done + size / 2 <= goal && inProgress == 0) {
        status = "done";
        done += size;
      } else if (inProgress < 2) {
        status = "in_progress";
        inProgress++;
      } else {
        status = "todo";
      }
      String type = random.nextInt(100) < 60 ? "story" : random.nextBoolean() ? "task" : "bug";
      rows.add(new WorkItemRow(spec.workProject + "-" + (101 + i), keyResultId, type, status, estimate,
          timeWithin(cycle)));
    }
    return rows;
  }

  /**
   * Returns the size an item counts with: its story points, or 1 when no item of the key result is
   * estimated, so that done items are counted. An item without an estimate beside estimated ones
   * counts 0, as progress leaves it out.
   */
  private static double size(BigDecimal estimate, boolean estimated) {
    if (estimate != null) {
      return estimate.doubleValue();
    }
    return estimated ? 0 : 1;
  }

  /** Returns progress values at {@code times}: a noisy curve from 0 that ends exactly at {@code last}. */
  private List<Double> progressCurve(List<Instant> times, Instant cycleStart, double last) {
    List<Double> progress = new ArrayList<>();
    if (times.isEmpty()) {
      return progress;
    }
    double shape = 0.8 + 0.5 * random.nextDouble();
    double span = Duration.between(cycleStart, times.get(times.size() - 1)).toMillis();
    for (int i = 0; i < times.size(); i++) {
      if (i == times.size() - 1) {
        progress.add(last);
        break;
      }
      double share = span <= 0 ? 1 : Duration.between(cycleStart, times.get(i)).toMillis() / span;
      progress.add(last * Math.pow(share, shape) + random.nextGaussian() * 0.03);
    }
    return progress;
  }

  /** Keeps counts and shares from going below 0, and percentages that start and end within 0-100 below 100. */
  private static double withinNaturalLimits(double value, KeyResultSpec spec) {
    double start = spec.start.doubleValue();
    double target = spec.target.doubleValue();
    if (start >= 0 && target >= 0) {
      value = Math.max(0, value);
    }
    if ("%".equals(spec.unit) && start <= 100 && target <= 100) {
      value = Math.min(100, value);
    }
    return value;
  }

  private Duration workingHour() {
    return Duration.ofMinutes(8 * 60 + random.nextInt(9 * 60));
  }

  private Instant timeWithin(DemoCycles.Cycle cycle) {
    Instant start = cycle.startInstant();
    Instant end = cycle.closed() ? cycle.endInstant() : now;
    long millis = Math.max(1, Duration.between(start, end).toMillis());
    return start.plusMillis((long) (random.nextDouble() * millis));
  }

  private static double interpolate(Instant from, double fromValue, Instant to, double toValue, Instant at) {
    double total = Duration.between(from, to).toMillis();
    if (total <= 0) {
      return toValue;
    }
    double share = Duration.between(from, at).toMillis() / total;
    return fromValue + (toValue - fromValue) * share;
  }

  static BigDecimal round(double value, int decimals) {
    return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP);
  }
}
