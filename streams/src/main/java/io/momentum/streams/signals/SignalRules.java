package io.momentum.streams.signals;

import io.momentum.streams.engine.CycleDef;
import io.momentum.streams.engine.DisplayPrecision;
import io.momentum.streams.engine.Forecast;
import io.momentum.streams.engine.Measurement;
import io.momentum.streams.engine.NodeKind;
import io.momentum.streams.engine.NodeState;
import io.momentum.streams.engine.Observation;
import io.momentum.streams.engine.Status;
import io.momentum.streams.engine.UnitsOfMeasure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The condition of each signal kind, as pure functions of a node's state and recent history.
 * Each rule returns the {@link Finding} while its condition is met and null otherwise. Every
 * finding carries an English explanation, the code and parameters clients word in their own
 * language, and the data points the rule used as evidence.
 */
final class SignalRules {

  static final String OFF_TRACK_FORECAST = "off_track_forecast";
  static final String STALLED_DESPITE_EFFORT = "stalled_despite_effort";
  static final String MISSED_CHECK_IN = "missed_check_in";
  static final String CONFIDENCE_DROP = "confidence_drop";
  static final String KPI_OUT_OF_CORRIDOR = "kpi_out_of_corridor";
  static final String KPI_ANOMALY = "kpi_anomaly";
  static final String DEPENDENCY_AT_RISK = "dependency_at_risk";

  /**
   * Forecast progress below which a key result is off track by forecast. At the cycle end the
   * expected progress is 1, and a gap below -0.25 makes a key result off track, so a projected
   * progress below 0.75 means the key result is heading for off track.
   */
  static final BigDecimal FORECAST_OFF_TRACK = new BigDecimal("0.75");
  /** Forecast progress below which an off-track forecast is critical. */
  static final BigDecimal FORECAST_CRITICAL = new BigDecimal("0.5");
  /**
   * Largest spread of the stall window's values, as a share of the distance from start to
   * target, that still counts as flat.
   */
  static final BigDecimal FLAT_SHARE = new BigDecimal("0.01");
  /** Minimum number of linked work items done in the stall window that counts as effort. */
  static final int MIN_DONE_IN_WINDOW = 2;
  /** Earlier check-ins whose highest confidence a new check-in is compared with. */
  static final int CONFIDENCE_LOOKBACK = 3;
  /** Confidence at or below which a drop is critical; it also makes the key result off track. */
  static final int CONFIDENCE_CRITICAL = 3;
  /** Maximum number of the cycle's values listed in the evidence of an off-track forecast. */
  static final int FORECAST_EVIDENCE_POINTS = 20;
  /** Largest absolute z-score stored in parameters and evidence; JSON has no infinity. */
  static final double Z_LIMIT = 999;

  private static final String WARNING = "warning";
  private static final String CRITICAL = "critical";
  private static final long DAY_MILLIS = 86_400_000L;
  private static final java.math.MathContext SIGNIFICANT_4 = new java.math.MathContext(4);

  private SignalRules() {
  }

  /** A condition as last reported to the store, which a rule compares its result with. */
  record Reported(String kind, String severity, JsonObject params) {

    /** Returns true when the reported condition has {@code severity} and parameter {@code name} equal to {@code value}. */
    boolean same(String otherSeverity, String name, Object value) {
      Object stored = params == null ? null : params.getValue(name);
      if (stored instanceof Number a && value instanceof Number b) {
        return severity.equals(otherSeverity) && a.doubleValue() == b.doubleValue();
      }
      return severity.equals(otherSeverity) && java.util.Objects.equals(stored, value);
    }
  }

  /**
   * Returned by a rule whose condition is still as {@code last} reported it, so nothing needs
   * writing. It saves building parameters, explanation and evidence on most evaluations.
   */
  static final Finding UNCHANGED = new Finding("unchanged", "unchanged", Instant.EPOCH, List.of(), List.of(), "info",
      "unchanged", new JsonObject(), () -> "", JsonObject::new);

  /** Linked work of a key result: an initiative (or the key result itself) and its history. */
  record LinkedWork(NodeState node, NodeTrack track) {
  }

  /** A node linked to the one a dependency rule checks, and how. */
  record Related(NodeState node, String relation, String linkType) {
  }

  static String fingerprint(String kind, String nodeId) {
    return kind + ":" + nodeId;
  }

  /** Returns the end of a cycle: 00:00 UTC of the day after its last day. */
  static Instant cycleEnd(CycleDef cycle) {
    return cycle.end().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  static Instant cycleStart(CycleDef cycle) {
    return cycle.start().atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** Returns true when the cycle runs at {@code now}: started, not ended and not closed. */
  static boolean running(CycleDef cycle, Instant now) {
    return cycle != null && !cycle.closed() && !now.isBefore(cycleStart(cycle)) && now.isBefore(cycleEnd(cycle));
  }

  // --- off track by forecast ---

  static Finding offTrackForecast(NodeState node, NodeTrack track, CycleDef cycle, Instant now, Reported last) {
    if (node.kind() != NodeKind.KEY_RESULT || node.status() == Status.CLOSED || !running(cycle, now)) {
      return null;
    }
    Forecast forecast = node.forecast();
    if (forecast == null || forecast.progress() == null || forecast.progress().compareTo(FORECAST_OFF_TRACK) >= 0) {
      return null;
    }
    Instant end = cycleEnd(cycle);
    long leadDays = ceilDays(Duration.between(now, end));
    BigDecimal percent = offTrackPercent(forecast.progress());
    String severity = forecast.progress().compareTo(FORECAST_CRITICAL) < 0 ? CRITICAL : WARNING;
    long leadWeeks = (leadDays + 6) / 7;
    if (last != null && last.same(severity, "forecastPercent", percent.doubleValue())
        && last.same(severity, "leadWeeks", leadWeeks)) {
      return UNCHANGED;
    }
    int decimals = DisplayPrecision.decimalsFor(node.start(), node.target(), node.current());
    String shownForecast = plain(DisplayPrecision.round(forecast.value(), decimals));
    JsonObject params = nodeParams(node)
        .put("forecast", shownForecast)
        .put("decimals", decimals)
        .put("forecastPercent", jsonNumber(percent))
        .put("target", plain(node.target()))
        .put("unit", node.unit())
        .put("leadWeeks", leadWeeks)
        .put("cycleEnd", cycle.end().toString());
    Supplier<JsonObject> evidence = () -> new JsonObject()
        .put("forecast", new JsonObject().put("value", plain(forecast.value())).put("progress", plain(forecast.progress()))
            .put("points", forecast.points()).put("offTrackBelow", plain(FORECAST_OFF_TRACK)))
        .put("start", plain(node.start()))
        .put("target", plain(node.target()))
        .put("current", plain(node.current()))
        .put("progress", plain(node.progress()))
        .put("expected", plain(node.expected()))
        .put("cycle", new JsonObject().put("id", cycle.id()).put("start", cycle.start().toString())
            .put("end", cycle.end().toString()))
        .put("leadDays", leadDays)
        .put("values", pointsJson(spreadOverTime(track.valuesSince(cycleStart(cycle)), FORECAST_EVIDENCE_POINTS)))
        .put("checkedAt", now.toString());
    Supplier<String> explanation = () -> node.title() + " is forecast to reach " + withoutTrailingZeros(new BigDecimal(shownForecast), node)
        + " by the end of its cycle on " + cycle.end() + ", " + percent + " % of the way to its target "
        + withUnit(node.target(), node) + ". That is off track, with " + counted(leadDays, "day", "days") + " left to act.";
    return new Finding(OFF_TRACK_FORECAST, fingerprint(OFF_TRACK_FORECAST, node.id()), now, List.of(node.id()),
        units(node), severity, OFF_TRACK_FORECAST, params, explanation, evidence);
  }

  /**
   * Returns the forecast progress of an off-track key result in percent as its sentence shows it:
   * whole percent rounded half up, unless that reaches the off-track threshold of 75 %. Then it
   * keeps one decimal rounded down, so 0.7496 reads 74.9 and never 75, a value that is not off
   * track.
   */
  static BigDecimal offTrackPercent(BigDecimal progress) {
    BigDecimal percent = progress.movePointRight(2);
    BigDecimal whole = percent.setScale(0, RoundingMode.HALF_UP);
    if (whole.compareTo(FORECAST_OFF_TRACK.movePointRight(2)) < 0) {
      return whole;
    }
    return percent.setScale(1, RoundingMode.FLOOR);
  }

  /**
   * Returns the reason an off-track forecast resolved, with the forecast shown like the board
   * shows it ({@link DisplayPrecision}) and its progress in whole percent, as the signal words it.
   */
  static String forecastClearedReason(NodeState node) {
    Forecast forecast = node.forecast();
    if (forecast == null || forecast.progress() == null) {
      return "The forecast is no longer off track.";
    }
    int percent = forecast.progress().movePointRight(2).setScale(0, RoundingMode.HALF_UP).intValue();
    if (forecast.value() == null) {
      return "The forecast is no longer off track: it reaches " + percent + " % of the way to the target.";
    }
    int decimals = DisplayPrecision.decimalsFor(node.start(), node.target(), node.current());
    return "The forecast is no longer off track: it reaches " + withoutTrailingZeros(DisplayPrecision.round(forecast.value(), decimals), node)
        + ", " + percent + " % of the way to its target " + withUnit(node.target(), node) + ".";
  }

  // --- stalled despite effort ---

  /**
   * @param linkedWork returns the key result's linked work; it is called only once the value is
   *     found flat, because most key results are not
   */
  static Finding stalledDespiteEffort(NodeState node, NodeTrack track, Supplier<List<LinkedWork>> linkedWork,
                                      SignalSettings settings) {
    if (node.kind() != NodeKind.KEY_RESULT || node.status() == Status.CLOSED
        || node.measurement() == Measurement.WORK_ITEMS
        || (node.progress() != null && node.progress().compareTo(BigDecimal.ONE) >= 0)) {
      return null;
    }
    List<NodeTrack.CheckIn> valued = track.valuedCheckIns();
    int n = settings.stallCheckIns();
    if (valued.size() < n) {
      return null;
    }
    BigDecimal tolerance = flatTolerance(node, valued);
    List<NodeTrack.CheckIn> window = flatRun(valued, tolerance);
    if (window.size() < n) {
      return null;
    }
    Instant from = window.get(0).time();
    Instant to = window.get(window.size() - 1).time();
    Duration span = Duration.between(from, to);
    if (span.toMillis() < DAY_MILLIS) {
      return null;
    }
    List<LinkedWork> work = linkedWork.get();
    if (work.isEmpty()) {
      return null;
    }
    Instant before = from.minus(span);
    // Each item belongs to one node, so the linked nodes' items are counted without duplicates.
    int recent = 0;
    int previous = 0;
    for (LinkedWork linked : work) {
      for (Instant at : linked.track().doneAt.values()) {
        if (at.isAfter(from) && !at.isAfter(to)) {
          recent++;
        } else if (at.isAfter(before) && !at.isAfter(from)) {
          previous++;
        }
      }
    }
    if (recent < MIN_DONE_IN_WINDOW || recent <= previous) {
      return null;
    }
    int doneRecent = recent;
    int donePrevious = previous;
    double weeks = Math.round(span.toMillis() / (7.0 * DAY_MILLIS) * 10) / 10.0;
    long days = Math.max(1, Math.round(span.toMillis() / (double) DAY_MILLIS));
    JsonObject params = nodeParams(node)
        .put("checkIns", window.size())
        .put("value", plain(window.get(window.size() - 1).value()))
        .put("unit", node.unit())
        .put("weeks", weeks)
        .put("days", days)
        .put("doneRecent", doneRecent)
        .put("donePrevious", donePrevious);
    Supplier<JsonObject> evidence = () -> new JsonObject()
        .put("checkIns", checkInsJson(window))
        .put("flatTolerance", plain(tolerance))
        .put("window", new JsonObject().put("from", from.toString()).put("to", to.toString()))
        .put("previousWindow", new JsonObject().put("from", before.toString()).put("to", from.toString()))
        .put("doneRecent", doneRecent)
        .put("donePrevious", donePrevious)
        .put("donePerWeek", donePerWeek(work, before, to))
        .put("linkedWork", linkedJson(work));
    Supplier<String> explanation = () -> node.title() + " stayed at " + withUnit(window.get(window.size() - 1).value(), node)
        + " over its last " + counted(window.size(), "check-in", "check-ins") + " (" + spanText(days) + "), while "
        + counted(doneRecent, "linked work item was", "linked work items were") + " done, up from " + donePrevious
        + " in the same time before. The delivered work does not move the result.";
    List<String> nodeIds = new ArrayList<>(List.of(node.id()));
    for (LinkedWork item : work) {
      if (!nodeIds.contains(item.node().id())) {
        nodeIds.add(item.node().id());
      }
    }
    return new Finding(STALLED_DESPITE_EFFORT, fingerprint(STALLED_DESPITE_EFFORT, node.id()), from, nodeIds,
        units(node), WARNING, STALLED_DESPITE_EFFORT, params, explanation, evidence);
  }

  /**
   * Returns the longest run of check-ins that ends with the newest and whose values all lie
   * within {@code tolerance} of each other.
   */
  private static List<NodeTrack.CheckIn> flatRun(List<NodeTrack.CheckIn> valued, BigDecimal tolerance) {
    int first = valued.size() - 1;
    BigDecimal min = valued.get(first).value();
    BigDecimal max = min;
    while (first > 0) {
      BigDecimal value = valued.get(first - 1).value();
      BigDecimal newMin = value.min(min);
      BigDecimal newMax = value.max(max);
      if (newMax.subtract(newMin).compareTo(tolerance) > 0) {
        break;
      }
      min = newMin;
      max = newMax;
      first--;
    }
    return valued.subList(first, valued.size());
  }

  /** Returns 1 % of the distance from start to target, or of the values' size when there is no distance. */
  private static BigDecimal flatTolerance(NodeState node, List<NodeTrack.CheckIn> window) {
    BigDecimal scale = null;
    if (node.start() != null && node.target() != null) {
      scale = node.target().subtract(node.start()).abs();
    } else if (node.low() != null && node.high() != null) {
      scale = node.high().subtract(node.low()).abs();
    }
    if (scale == null || scale.signum() == 0) {
      scale = window.get(window.size() - 1).value().abs().max(BigDecimal.ONE);
    }
    return scale.multiply(FLAT_SHARE);
  }

  private static JsonArray checkInsJson(List<NodeTrack.CheckIn> checkIns) {
    JsonArray json = new JsonArray();
    checkIns.forEach(checkIn -> json.add(checkInJson(checkIn)));
    return json;
  }

  private static JsonArray linkedJson(List<LinkedWork> work) {
    JsonArray linked = new JsonArray();
    for (LinkedWork item : work) {
      linked.add(new JsonObject().put("id", item.node().id()).put("key", item.node().key())
          .put("title", item.node().title()).put("kind", item.node().kind().wire()));
    }
    return linked;
  }

  /** Counts the linked items done per week (weeks start on Monday, UTC) in (from, to]. */
  private static JsonArray donePerWeek(List<LinkedWork> work, Instant from, Instant to) {
    TreeMap<LocalDate, Integer> weeks = new TreeMap<>();
    LocalDate week = monday(from);
    while (!week.isAfter(monday(to))) {
      weeks.put(week, 0);
      week = week.plusWeeks(1);
    }
    for (LinkedWork linked : work) {
      for (Instant at : linked.track().doneAt.values()) {
        if (at.isAfter(from) && !at.isAfter(to)) {
          weeks.merge(monday(at), 1, Integer::sum);
        }
      }
    }
    JsonArray result = new JsonArray();
    weeks.forEach((start, count) -> result.add(new JsonObject().put("week", start.toString()).put("done", count)));
    return result;
  }

  private static LocalDate monday(Instant time) {
    LocalDate day = time.atZone(ZoneOffset.UTC).toLocalDate();
    return day.minusDays(day.getDayOfWeek().getValue() - DayOfWeek.MONDAY.getValue());
  }

  // --- missed check-in ---

  /**
   * A key result is expected to be checked in weekly from its cycle's start, or from its
   * creation when that is later, until it reaches its target. A range key result is checked in
   * for as long as the cycle runs, because staying inside the range is its target.
   */
  static Finding missedCheckIn(NodeState node, NodeTrack track, CycleDef cycle, Instant createdAt,
                               SignalSettings settings, Instant now) {
    if (node.kind() != NodeKind.KEY_RESULT || node.status() == Status.CLOSED || !running(cycle, now)) {
      return null;
    }
    boolean reached = node.progress() != null && node.progress().compareTo(BigDecimal.ONE) >= 0;
    if (reached && node.measurement() != Measurement.RANGE) {
      return null;
    }
    Instant start = createdAt != null && createdAt.isAfter(cycleStart(cycle)) ? createdAt : cycleStart(cycle);
    Instant last = track.lastCheckIn();
    boolean noCheckInThisCycle = last == null || last.isBefore(start);
    Instant since = noCheckInThisCycle ? start : last;
    if (!now.isAfter(since.plus(settings.missedAfter()))) {
      return null;
    }
    Instant due = since.plus(SignalSettings.CHECK_IN_EVERY);
    long missed = Duration.between(since, now).toMillis() / SignalSettings.CHECK_IN_EVERY.toMillis();
    String severity = missed >= 2 ? CRITICAL : WARNING;
    // The board row shows a value copied from the previous cycle as the key result's current
    // value, so the sentence names it rather than read as if the key result had no value at all.
    boolean carried = noCheckInThisCycle && node.current() != null && node.updatedAt() != null
        && Observation.CARRY_OVER_SOURCE.equals(node.source());
    JsonObject params = nodeParams(node)
        .put("lastCheckIn", last == null ? null : last.toString())
        .put("dueAt", due.toString())
        .put("missed", missed);
    if (carried) {
      params.put("carriedValue", plain(node.current())).put("carriedAt", node.updatedAt().toString()).put("unit", node.unit());
    }
    List<NodeTrack.CheckIn> checkIns = track.checkIns;
    List<NodeTrack.CheckIn> recent = List.copyOf(checkIns.subList(Math.max(0, checkIns.size() - 5), checkIns.size()));
    Supplier<JsonObject> evidence = () -> {
      JsonObject json = new JsonObject()
          .put("lastCheckIn", last == null ? null : last.toString())
          .put("countedFrom", since.toString())
          .put("dueAt", due.toString())
          .put("graceDays", settings.checkInGraceDays())
          .put("missed", missed)
          .put("recentCheckIns", checkInsJson(recent))
          .put("unit", node.unit())
          .put("checkedAt", now.toString());
      if (carried) {
        json.put("carriedValue", plain(node.current())).put("carriedAt", node.updatedAt().toString());
      }
      return json;
    };
    Supplier<String> explanation = () -> node.title() + (noCheckInThisCycle
        ? " has had no check-in since " + start.atZone(ZoneOffset.UTC).toLocalDate()
        : " was last checked in on " + last.atZone(ZoneOffset.UTC).toLocalDate())
        + (carried ? ". Its value " + withUnit(node.current(), node) + " was carried over from the previous cycle" : "")
        + ". The weekly check-in was due on " + due.atZone(ZoneOffset.UTC).toLocalDate() + ", so " + missed
        + (missed == 1 ? " check-in is" : " check-ins are") + " missing.";
    return new Finding(MISSED_CHECK_IN, fingerprint(MISSED_CHECK_IN, node.id()), due, List.of(node.id()),
        units(node), severity, MISSED_CHECK_IN, params, explanation, evidence);
  }

  // --- confidence drop ---

  static Finding confidenceDrop(NodeState node, NodeTrack track, SignalSettings settings) {
    if (node.kind() != NodeKind.KEY_RESULT || node.status() == Status.CLOSED) {
      return null;
    }
    // The newest rated check-in and up to CONFIDENCE_LOOKBACK rated ones before it, oldest first.
    List<NodeTrack.CheckIn> rated = new ArrayList<>(CONFIDENCE_LOOKBACK + 1);
    for (int i = track.checkIns.size() - 1; i >= 0 && rated.size() <= CONFIDENCE_LOOKBACK; i--) {
      NodeTrack.CheckIn checkIn = track.checkIns.get(i);
      if (checkIn.confidence() != null) {
        rated.add(0, checkIn);
      }
    }
    if (rated.size() < 2) {
      return null;
    }
    NodeTrack.CheckIn latest = rated.get(rated.size() - 1);
    List<NodeTrack.CheckIn> earlier = rated.subList(0, rated.size() - 1);
    NodeTrack.CheckIn reference = highestConfidence(earlier);
    int drop = reference.confidence() - latest.confidence();
    if (drop < settings.confidenceDrop()) {
      return null;
    }
    String severity = latest.confidence() <= CONFIDENCE_CRITICAL ? CRITICAL : WARNING;
    JsonObject params = nodeParams(node)
        .put("from", reference.confidence())
        .put("to", latest.confidence())
        .put("drop", drop)
        .put("fromAt", reference.time().toString());
    Supplier<JsonObject> evidence = () -> new JsonObject()
        .put("checkIns", checkInsJson(earlier).add(checkInJson(latest)))
        .put("reference", checkInJson(reference))
        .put("latest", checkInJson(latest))
        .put("drop", drop)
        .put("threshold", settings.confidenceDrop())
        .put("unit", node.unit());
    Supplier<String> explanation = () -> "Confidence in " + node.title() + " fell by " + counted(drop, "point", "points")
        + ", from " + reference.confidence() + "/10 on " + reference.time().atZone(ZoneOffset.UTC).toLocalDate() + " to " + latest.confidence() + "/10 at the"
        + " check-in of " + latest.time().atZone(ZoneOffset.UTC).toLocalDate() + ".";
    return new Finding(CONFIDENCE_DROP, fingerprint(CONFIDENCE_DROP, node.id()), latest.time(), List.of(node.id()),
        units(node), severity, CONFIDENCE_DROP, params, explanation, evidence);
  }

  /** Returns the check-in with the highest confidence, the newest of equal ones. */
  private static NodeTrack.CheckIn highestConfidence(List<NodeTrack.CheckIn> checkIns) {
    NodeTrack.CheckIn highest = checkIns.get(0);
    for (NodeTrack.CheckIn checkIn : checkIns) {
      if (checkIn.confidence() >= highest.confidence()) {
        highest = checkIn;
      }
    }
    return highest;
  }

  // --- KPI out of corridor ---

  static Finding kpiOutOfCorridor(NodeState node, NodeTrack track, Reported last) {
    if (node.kind() != NodeKind.KPI || node.status() != Status.OFF_TRACK || node.current() == null || node.red() == null) {
      return null;
    }
    if (last != null && last.same(CRITICAL, "value", plain(node.current()))) {
      return UNCHANGED;
    }
    boolean increase = node.direction() != Measurement.DECREASE;
    JsonObject params = nodeParams(node)
        .put("value", plain(node.current()))
        .put("red", plain(node.red()))
        .put("green", plain(node.green()))
        .put("unit", node.unit())
        .put("direction", increase ? "increase" : "decrease");
    Supplier<JsonObject> evidence = () -> new JsonObject()
        .put("value", plain(node.current()))
        .put("at", node.updatedAt() == null ? null : node.updatedAt().toString())
        .put("red", plain(node.red()))
        .put("green", plain(node.green()))
        .put("direction", increase ? "increase" : "decrease")
        .put("values", points(track.values, Instant.MIN, 20));
    Supplier<String> explanation = () -> node.title() + " is at " + withUnit(node.current(), node) + ", "
        + (increase ? "at or below" : "at or above") + " its red threshold of " + withUnit(node.red(), node)
        + (node.green() == null ? "" : "; its corridor is on track from " + withUnit(node.green(), node)) + ".";
    Instant episode = node.updatedAt() == null ? Instant.EPOCH : node.updatedAt();
    return new Finding(KPI_OUT_OF_CORRIDOR, fingerprint(KPI_OUT_OF_CORRIDOR, node.id()), episode, List.of(node.id()),
        units(node), CRITICAL, KPI_OUT_OF_CORRIDOR, params, explanation, evidence);
  }

  // --- KPI anomaly ---

  static Finding kpiAnomaly(NodeState node, NodeTrack track, SignalSettings settings, Reported last) {
    if (node.kind() != NodeKind.KPI || track.values.size() < RobustScore.MIN_POINTS + 1) {
      return null;
    }
    NodeTrack.Point latest = track.values.get(track.values.size() - 1);
    double corridorWidth = node.green() == null || node.red() == null ? 0 : node.green().subtract(node.red()).abs().doubleValue();
    RobustScore.Score score = RobustScore.score(track.values.subList(0, track.values.size() - 1), latest, corridorWidth);
    if (score == null || Math.abs(score.z()) < settings.anomalyZ()) {
      return null;
    }
    double z = Math.max(-Z_LIMIT, Math.min(Z_LIMIT, score.z()));
    double zRounded = Math.round(z * 10) / 10.0;
    String severity = Math.abs(z) >= 2 * settings.anomalyZ() ? CRITICAL : WARNING;
    if (last != null && last.same(severity, "z", zRounded) && last.same(severity, "value", plain(latest.value()))) {
      return UNCHANGED;
    }
    JsonObject params = nodeParams(node)
        .put("value", plain(latest.value()))
        .put("unit", node.unit())
        .put("z", zRounded)
        .put("centre", round(score.centre()))
        .put("side", z > 0 ? "above" : "below")
        .put("seasonal", score.seasonal());
    Supplier<JsonObject> evidence = () -> new JsonObject()
        .put("value", plain(latest.value()))
        .put("at", latest.time().toString())
        .put("z", zRounded)
        .put("cutoff", settings.anomalyZ())
        .put("centre", round(score.centre()))
        .put("spread", round(score.spread()))
        .put("seasonal", score.seasonal())
        .put("window", score.window())
        .put("values", points(track.values, Instant.MIN, NodeTrack.MAX_VALUES));
    Supplier<String> explanation = () -> node.title() + " measured " + withUnit(latest.value(), node) + " on "
        + latest.time().atZone(ZoneOffset.UTC).toLocalDate() + ", " + Math.abs(zRounded) + " robust standard deviations "
        + (z > 0 ? "above" : "below") + " the median " + medianText(score.centre()) + " of its last " + score.window()
        + (score.seasonal() ? " values on the same weekday" : " values") + ".";
    return new Finding(KPI_ANOMALY, fingerprint(KPI_ANOMALY, node.id()), latest.time(), List.of(node.id()),
        units(node), severity, KPI_ANOMALY, params, explanation, evidence);
  }

  // --- dependency at risk ---

  static Finding dependencyAtRisk(NodeState node, List<Related> related, Instant now, Reported last) {
    if (node.status() == Status.CLOSED || related.isEmpty()) {
      return null;
    }
    List<Related> offTrack = new ArrayList<>();
    for (Related other : related) {
      if (other.node().status() == Status.OFF_TRACK) {
        offTrack.add(other);
      }
    }
    if (offTrack.isEmpty()) {
      return null;
    }
    Related first = offTrack.get(0);
    if (last != null && last.same(WARNING, "count", offTrack.size()) && last.same(WARNING, "otherKey", first.node().key())
        && last.same(WARNING, "relation", first.relation()) && last.same(WARNING, "otherStatus", Status.OFF_TRACK.wire())) {
      return UNCHANGED;
    }
    JsonObject params = dependencyParams(node, first, offTrack.size());
    JsonArray nodes = new JsonArray();
    List<String> nodeIds = new ArrayList<>(List.of(node.id()));
    List<String> unitIds = new ArrayList<>(units(node));
    for (Related other : offTrack) {
      nodes.add(relatedJson(other));
      addRelated(other, nodeIds, unitIds);
    }
    Supplier<JsonObject> evidence = () -> new JsonObject().put("offTrack", nodes).put("linked", related.size()).put("checkedAt", now.toString());
    Supplier<String> explanation = () -> node.title() + " " + relationText(first) + " the " + kindName(first.node().kind()) + " "
        + first.node().title() + ", which is off track." + alsoOffTrackText(offTrack.subList(1, offTrack.size()));
    return new Finding(DEPENDENCY_AT_RISK, fingerprint(DEPENDENCY_AT_RISK, node.id()), now, nodeIds, unitIds,
        "warning", DEPENDENCY_AT_RISK, params, explanation, evidence);
  }

  /**
   * Describes an open dependency signal whose condition cleared, while it settles: no linked node
   * is off track any more, and the node the signal names has another status now, such as at risk.
   * The signal stays open, but its explanation and parameters name that status instead of "off
   * track".
   *
   * @return null when the named node is no longer linked, {@link #UNCHANGED} when the signal
   *     already names its current status
   */
  static Finding dependencySettling(NodeState node, List<Related> related, Instant now, Reported last) {
    String otherId = last.params() == null ? null : last.params().getString("otherId");
    Related named = null;
    for (Related other : related) {
      if (other.node().id().equals(otherId) && named == null) {
        named = other;
      }
    }
    if (named == null || named.node().status() == Status.OFF_TRACK) {
      return null;
    }
    String status = named.node().status().wire();
    if (last.same(WARNING, "otherStatus", status) && last.same(WARNING, "count", 0)) {
      return UNCHANGED;
    }
    Related other = named;
    JsonObject params = dependencyParams(node, other, 0);
    List<String> nodeIds = new ArrayList<>(List.of(node.id()));
    List<String> unitIds = new ArrayList<>(units(node));
    addRelated(other, nodeIds, unitIds);
    Supplier<JsonObject> evidence = () -> new JsonObject().put("offTrack", new JsonArray())
        .put("named", relatedJson(other)).put("linked", related.size()).put("checkedAt", now.toString());
    Supplier<String> explanation = () -> node.title() + " " + relationText(other) + " the " + kindName(other.node().kind()) + " "
        + other.node().title() + ", which was off track and is " + status.replace('_', ' ') + " now.";
    return new Finding(DEPENDENCY_AT_RISK, fingerprint(DEPENDENCY_AT_RISK, node.id()), now, nodeIds, unitIds,
        WARNING, DEPENDENCY_AT_RISK, params, explanation, evidence);
  }

  /** Returns the parameters of a dependency signal that names {@code other} with its current status. */
  private static JsonObject dependencyParams(NodeState node, Related other, int offTrackCount) {
    return nodeParams(node)
        .put("kind", node.kind().wire())
        .put("count", offTrackCount)
        .put("otherId", other.node().id())
        .put("otherTitle", other.node().title())
        .put("otherKey", other.node().key())
        .put("otherKind", other.node().kind().wire())
        .put("otherStatus", other.node().status().wire())
        .put("relation", other.relation());
  }

  private static JsonObject relatedJson(Related other) {
    NodeState o = other.node();
    return new JsonObject().put("id", o.id()).put("key", o.key()).put("title", o.title()).put("kind", o.kind().wire())
        .put("relation", other.relation()).put("link", other.linkType()).put("status", o.status().wire())
        .put("progress", plain(o.progress())).put("expected", plain(o.expected()))
        .put("updatedAt", o.updatedAt() == null ? null : o.updatedAt().toString());
  }

  private static void addRelated(Related other, List<String> nodeIds, List<String> unitIds) {
    nodeIds.add(other.node().id());
    String unitId = other.node().unitId();
    if (unitId != null && !unitIds.contains(unitId)) {
      unitIds.add(unitId);
    }
  }

  private static String relationText(Related other) {
    return other.relation().equals("depends_on") ? "depends on" : "contributes to";
  }

  // --- helpers ---

  private static JsonObject nodeParams(NodeState node) {
    return new JsonObject().put("nodeId", node.id()).put("key", node.key()).put("title", node.title());
  }

  private static List<String> units(NodeState node) {
    return node.unitId() == null ? List.of() : List.of(node.unitId());
  }

  private static JsonObject checkInJson(NodeTrack.CheckIn checkIn) {
    return new JsonObject().put("at", checkIn.time().toString()).put("value", plain(checkIn.value()))
        .put("confidence", checkIn.confidence()).put("eventId", checkIn.eventId());
  }

  /**
   * Returns at most {@code max} of {@code series} (oldest first), spread evenly over its time span:
   * the first, the last, and between them the value nearest each of {@code max - 2} evenly spaced
   * times. A burst of recent values thus takes no more room than its share of the time span.
   * Fewer than {@code max} are returned when several of those times share their nearest value.
   */
  static List<NodeTrack.Point> spreadOverTime(List<NodeTrack.Point> series, int max) {
    if (series.size() <= max) {
      return series;
    }
    long first = series.get(0).time().toEpochMilli();
    long span = series.get(series.size() - 1).time().toEpochMilli() - first;
    List<NodeTrack.Point> sample = new ArrayList<>(max);
    sample.add(series.get(0));
    int lastIndex = 0;
    int at = 0;
    for (int step = 1; step < max - 1; step++) {
      long targetMillis = first + Math.round(span * (double) step / (max - 1));
      while (at + 1 < series.size() && series.get(at + 1).time().toEpochMilli() <= targetMillis) {
        at++;
      }
      int nearest = at;
      if (at + 1 < series.size()
          && series.get(at + 1).time().toEpochMilli() - targetMillis < targetMillis - series.get(at).time().toEpochMilli()) {
        nearest = at + 1;
      }
      if (nearest > lastIndex && nearest < series.size() - 1) {
        sample.add(series.get(nearest));
        lastIndex = nearest;
      }
    }
    sample.add(series.get(series.size() - 1));
    return sample;
  }

  private static JsonArray pointsJson(List<NodeTrack.Point> values) {
    JsonArray result = new JsonArray();
    for (NodeTrack.Point point : values) {
      result.add(new JsonObject().put("at", point.time().toString()).put("value", plain(point.value())));
    }
    return result;
  }

  private static JsonArray points(List<NodeTrack.Point> values, Instant from, int max) {
    JsonArray result = new JsonArray();
    for (int i = Math.max(0, values.size() - max); i < values.size(); i++) {
      NodeTrack.Point point = values.get(i);
      if (!point.time().isBefore(from)) {
        result.add(new JsonObject().put("at", point.time().toString()).put("value", plain(point.value())));
      }
    }
    return result;
  }

  /**
   * Writes a measured value in English with the node's unit, an amount of money with its cents
   * and thousands separators: "EUR 34.10", "1,273.9 tickets", "3 days".
   */
  static String withUnit(BigDecimal value, NodeState node) {
    BigDecimal amount = UnitsOfMeasure.amount(value.stripTrailingZeros(), node.unit());
    return UnitsOfMeasure.write(UnitsOfMeasure.formatNumber(amount, "en"), node.unit(), "en");
  }

  /**
   * Writes a derived value, already rounded to its decimals, in English with the node's unit and
   * without trailing zeros, as the web app shows it: 4.80 reads "4.8 %" and 3.00 weeks "3 weeks".
   * An amount of money with cents keeps two decimals.
   */
  static String withoutTrailingZeros(BigDecimal rounded, NodeState node) {
    BigDecimal stripped = rounded.stripTrailingZeros();
    BigDecimal shown = stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    BigDecimal amount = UnitsOfMeasure.amount(shown, node.unit());
    return UnitsOfMeasure.write(UnitsOfMeasure.formatNumber(amount, "en"), node.unit(), "en");
  }

  /** Returns a whole number as an int and any other as a double, so JSON writes 74 and 74.9. */
  private static Number jsonNumber(BigDecimal value) {
    if (value.scale() <= 0) {
      return value.intValueExact();
    }
    return value.doubleValue();
  }

  private static long ceilDays(Duration duration) {
    return Math.max(0, (duration.toMillis() + DAY_MILLIS - 1) / DAY_MILLIS);
  }

  static String plain(BigDecimal value) {
    return value == null ? null : value.stripTrailingZeros().toPlainString();
  }

  /** Returns a span of whole days as people count it: days below two weeks, whole weeks from there. */
  static String spanText(long days) {
    if (days < 14) {
      return counted(days, "day", "days");
    }
    return Math.round(days / 7.0) + " weeks";
  }

  /** Writes a count with the English noun phrase that agrees with it: "1 day", "0 days", "3 days". */
  static String counted(long count, String singular, String plural) {
    return count + " " + (count == 1 ? singular : plural);
  }

  /** Returns the end of a dependency sentence for the other off-track nodes besides the one it names. */
  /**
   * Returns the sentence, with a leading space, that names the other off-track nodes of a
   * dependency by kind and title: " Also off track: the initiative A, the KPI B and the objective
   * C." Returns "" without other nodes.
   */
  private static String alsoOffTrackText(List<Related> others) {
    if (others.isEmpty()) {
      return "";
    }
    List<String> names = new ArrayList<>();
    for (Related other : others) {
      names.add("the " + kindName(other.node().kind()) + " " + other.node().title());
    }
    String last = names.remove(names.size() - 1);
    String list = names.isEmpty() ? last : String.join(", ", names) + " and " + last;
    return " Also off track: " + list + ".";
  }

  /** Returns the English name of a node kind for sentences, such as "key result". */
  static String kindName(NodeKind kind) {
    return switch (kind) {
      case STRATEGIC_OUTCOME -> "strategic outcome";
      case OBJECTIVE -> "objective";
      case KEY_RESULT -> "key result";
      case KPI -> "KPI";
      case INITIATIVE -> "initiative";
    };
  }

  /** Writes a median rounded to 4 significant digits with thousands separators, or "unknown". */
  private static String medianText(double value) {
    String rounded = round(value);
    return rounded == null ? "unknown" : UnitsOfMeasure.formatNumber(new BigDecimal(rounded), "en");
  }

  /** Rounds a statistic to 4 significant digits for display. */
  private static String round(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return null;
    }
    return BigDecimal.valueOf(value).round(SIGNIFICANT_4).stripTrailingZeros().toPlainString();
  }
}
