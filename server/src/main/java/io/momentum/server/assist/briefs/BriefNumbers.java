package io.momentum.server.assist.briefs;

import io.momentum.streams.engine.DisplayPrecision;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * The numbers a brief shows, each read from engine node JSON and returned with its text and a
 * fact that names the measure, the node or units and the instant it comes from. The fact's
 * {@code value} is the engine value before formatting, so a reader can check the text against it
 * and the value against the engine.
 *
 * <p>Measures: {@code progress}, {@code expected}, {@code forecast} (forecast progress at cycle
 * end), {@code confidence} and {@code staleDays} of a node at {@code at}; {@code staleAfterDays}, the
 * organisation's stale limit; {@code change} of a
 * node's progress from {@code from} to {@code to}, whose {@code shownValue} is the difference of the
 * two rounded values ({@link BriefWording#shownChange}); {@code gap} (expected minus progress, shown
 * unsigned) of a node at {@code at}; {@code score} (mean progress of the objectives of
 * {@code unitIds} in {@code cycleId}) at {@code at}, or with {@code existedAt} of those objectives
 * that existed at that instant, its {@code scoreChange} (with {@code shownValue} as a change has it),
 * {@code scoreChangeOverPlan} (the score change minus the change of the expected progress) and {@code scoreGap};
 * and {@code count}, whose {@code nodeIds} are the nodes counted. A key result measured in its own
 * unit also has {@code value} (its current value), {@code target} and {@code forecastValue} (the
 * forecast value at cycle end, rounded to the decimals of {@link DisplayPrecision}); their facts
 * carry the key result's {@code unit}, which the sentence writes with the number as
 * {@link io.momentum.streams.engine.UnitsOfMeasure} does.
 */
final class BriefNumbers {

  /** Top of the confidence scale: a check-in gives a confidence from 0 to 10. */
  static final int CONFIDENCE_SCALE = 10;

  private final BriefWording wording;
  private final String cycleId;

  BriefNumbers(BriefWording wording, String cycleId) {
    this.wording = wording;
    this.cycleId = cycleId;
  }

  /** Reads a decimal field of node JSON (stored as a number of any type), or null. */
  static BigDecimal decimal(JsonObject node, String field) {
    Object value = node == null ? null : node.getValue(field);
    return value instanceof Number number ? new BigDecimal(number.toString()) : null;
  }

  /** Returns a node's progress, 0 when it has none. */
  static BigDecimal progressOf(JsonObject node) {
    BigDecimal progress = decimal(node, "progress");
    return progress == null ? BigDecimal.ZERO : progress;
  }

  /** Returns the forecast progress of a node, or null when the engine has no forecast for it. */
  static BigDecimal forecastOf(JsonObject node) {
    JsonObject forecast = node.getJsonObject("forecast");
    return forecast == null ? null : decimal(forecast, "progress");
  }

  /** Returns the mean progress of objectives, rounded to 4 decimals like the engine's progress; 0 for none. */
  static BigDecimal meanProgress(Collection<JsonObject> objectives) {
    if (objectives.isEmpty()) {
      return BigDecimal.ZERO;
    }
    BigDecimal sum = BigDecimal.ZERO;
    for (JsonObject objective : objectives) {
      sum = sum.add(progressOf(objective));
    }
    return sum.divide(BigDecimal.valueOf(objectives.size()), 4, RoundingMode.HALF_UP);
  }

  /** Returns whole days from the node's last value to {@code at}, or -1 when it has none. */
  static long staleDaysOf(JsonObject node, Instant at) {
    String updated = node.getString("updatedAt");
    return updated == null ? -1 : Duration.between(Instant.parse(updated), at).toDays();
  }

  /**
   * Returns true when a key result has a current value and a target in its own unit (an increase,
   * decrease or KPI-following key result), so a sentence about its measure shows the value rather
   * than the progress. Ranges, milestones, binary and work-item key results have no such pair.
   */
  static boolean hasValue(JsonObject node) {
    String measurement = node.getString("measurement");
    return "key_result".equals(node.getString("kind"))
        && ("increase".equals(measurement) || "decrease".equals(measurement) || "kpi".equals(measurement))
        && decimal(node, "current") != null && decimal(node, "target") != null;
  }

  /** Returns the forecast value of a node at cycle end, or null when the engine has none. */
  static BigDecimal forecastValueOf(JsonObject node) {
    JsonObject forecast = node.getJsonObject("forecast");
    return forecast == null ? null : decimal(forecast, "value");
  }

  /** Returns the current value of a key result in its unit. */
  Sentence.Number value(JsonObject node, Instant at) {
    BigDecimal value = decimal(node, "current");
    return new Sentence.Number(wording.decimal(value, unitOf(node)), nodeFact("value", node, at, value), unitOf(node));
  }

  /**
   * Returns the value of a key result at the period's start and now, in its unit, both with the
   * decimals of the more precise one ("from 6.0 % to 5.6 %", "from EUR 33.10 to EUR 33.00").
   */
  List<Sentence.Number> valuePair(JsonObject before, Instant then, JsonObject now, Instant at) {
    String unit = unitOf(now);
    BigDecimal from = decimal(before, "current");
    BigDecimal to = decimal(now, "current");
    int decimals = Math.max(wording.decimalsShown(from, unit), wording.decimalsShown(to, unit));
    return List.of(
        new Sentence.Number(wording.decimal(from, unit, decimals), nodeFact("value", before, then, from), unit),
        new Sentence.Number(wording.decimal(to, unit, decimals), nodeFact("value", now, at, to), unit));
  }

  /** Returns the target of a key result in its unit. */
  Sentence.Number target(JsonObject node, Instant at) {
    BigDecimal value = decimal(node, "target");
    return new Sentence.Number(wording.decimal(value, unitOf(node)), nodeFact("target", node, at, value), unitOf(node));
  }

  /**
   * Returns the forecast value of a key result at cycle end in its unit, rounded to the precision
   * of its start, target and current value plus one decimal. It is written without trailing zeros,
   * as the key result's own values are: 5.2976 beside 6.5, 3.5 and 5.6 reads "5.3", not "5.30".
   */
  Sentence.Number forecastValue(JsonObject node, Instant at) {
    BigDecimal value = forecastValueOf(node);
    int decimals = DisplayPrecision.decimalsFor(decimal(node, "start"), decimal(node, "target"), decimal(node, "current"));
    return new Sentence.Number(wording.decimal(DisplayPrecision.round(value, decimals), unitOf(node)),
        nodeFact("forecastValue", node, at, value).put("decimals", decimals), unitOf(node));
  }

  private static String unitOf(JsonObject node) {
    String unit = node.getString("unit");
    return unit == null || unit.isBlank() ? null : unit.strip();
  }

  Sentence.Number progress(JsonObject node, Instant at) {
    BigDecimal value = progressOf(node);
    return new Sentence.Number(wording.percent(value), nodeFact("progress", node, at, value));
  }

  Sentence.Number expected(JsonObject node, Instant at) {
    BigDecimal value = decimal(node, "expected");
    value = value == null ? BigDecimal.ZERO : value;
    return new Sentence.Number(wording.percent(value), nodeFact("expected", node, at, value));
  }

  Sentence.Number forecast(JsonObject node, Instant at) {
    BigDecimal value = forecastOf(node);
    return new Sentence.Number(wording.percent(value), nodeFact("forecast", node, at, value));
  }

  /** Returns the latest confidence of a node, shown on its 0-10 scale as the boards show it: "3/10". */
  Sentence.Number confidence(JsonObject node, Instant at) {
    int value = node.getInteger("confidence");
    return new Sentence.Number(wording.count(value), nodeFact("confidence", node, at, BigDecimal.valueOf(value)), null,
        CONFIDENCE_SCALE);
  }

  Sentence.Number staleDays(JsonObject node, Instant at) {
    long days = staleDaysOf(node, at);
    return new Sentence.Number(wording.count(days), nodeFact("staleDays", node, at, BigDecimal.valueOf(days)));
  }

  /** Returns the signed change of a node's progress between two of its states. */
  Sentence.Number change(JsonObject then, Instant from, JsonObject now, Instant to) {
    BigDecimal value = progressOf(now).subtract(progressOf(then));
    BigDecimal shownChange = BriefWording.shownChange(progressOf(then), progressOf(now));
    JsonObject fact = new JsonObject().put("measure", "change").put("nodeId", now.getString("id"))
        .put("from", from.toString()).put("to", to.toString()).put("value", value.toPlainString())
        .put("shownValue", shownChange.toPlainString());
    return new Sentence.Number(wording.points(shownChange), fact);
  }

  /** Returns how far a node is behind its expected progress, shown without a sign. */
  Sentence.Number gap(JsonObject node, Instant at) {
    BigDecimal value = gapOf(node);
    return new Sentence.Number(wording.points(value.abs()).replace("+", ""), nodeFact("gap", node, at, value));
  }

  /** Returns expected minus progress of a node: positive when it is behind. */
  static BigDecimal gapOf(JsonObject node) {
    BigDecimal expected = decimal(node, "expected");
    return (expected == null ? BigDecimal.ZERO : expected).subtract(progressOf(node));
  }

  Sentence.Number score(List<JsonObject> objectives, List<String> unitIds, Instant at) {
    BigDecimal value = meanProgress(objectives);
    return new Sentence.Number(wording.percent(value), scoreFact("score", unitIds, value)
        .put("nodeIds", ids(objectives)).put("at", at.toString()));
  }

  /**
   * Returns the score of the objectives that existed at {@code existedAt} and still exist at
   * {@code at}: the fact records {@code existedAt}, so a reader can check that the score leaves
   * out exactly the objectives added since.
   */
  Sentence.Number keptScore(List<JsonObject> objectives, List<String> unitIds, Instant at, Instant existedAt) {
    Sentence.Number score = score(objectives, unitIds, at);
    score.fact().put("existedAt", existedAt.toString());
    return score;
  }

  /** Returns the change of the score of the objectives that existed at {@code from}, recording {@code existedAt}. */
  Sentence.Number keptScoreChange(List<JsonObject> then, Instant from, List<JsonObject> now, Instant to, List<String> unitIds) {
    Sentence.Number change = scoreChange(then, from, now, to, unitIds);
    change.fact().put("existedAt", from.toString());
    return change;
  }

  /** Returns the change of the score; {@code fromNodeIds} are the objectives that existed at {@code from}. */
  Sentence.Number scoreChange(List<JsonObject> then, Instant from, List<JsonObject> now, Instant to, List<String> unitIds) {
    BigDecimal value = meanProgress(now).subtract(meanProgress(then));
    BigDecimal shownChange = BriefWording.shownChange(meanProgress(then), meanProgress(now));
    return new Sentence.Number(wording.points(shownChange), scoreFact("scoreChange", unitIds, value)
        .put("shownValue", shownChange.toPlainString()).put("fromNodeIds", ids(then)).put("nodeIds", ids(now)).put("from", from.toString()).put("to", to.toString()));
  }

  /** Returns the expected progress of objectives, which their cycle sets alike for all of them; 0 for none. */
  static BigDecimal expectedOf(List<JsonObject> objectives) {
    BigDecimal expected = objectives.isEmpty() ? null : decimal(objectives.get(0), "expected");
    return expected == null ? BigDecimal.ZERO : expected;
  }

  /**
   * Returns how much more the score rose than the expected progress over the same period, shown
   * without a sign: its {@code shownValue} is the shown score change minus the shown change of the
   * expected progress, so "rose by 42.7 pp, 9.1 pp more than planned" adds up for a reader.
   */
  Sentence.Number scoreChangeOverPlan(List<JsonObject> then, Instant from, List<JsonObject> now, Instant to, List<String> unitIds) {
    BigDecimal planChange = expectedOf(now).subtract(expectedOf(then));
    BigDecimal value = meanProgress(now).subtract(meanProgress(then)).subtract(planChange);
    BigDecimal shownValue = BriefWording.shownChange(meanProgress(then), meanProgress(now))
        .subtract(BriefWording.shownChange(expectedOf(then), expectedOf(now)));
    JsonObject fact = scoreFact("scoreChangeOverPlan", unitIds, value).put("shownValue", shownValue.toPlainString())
        .put("fromNodeIds", ids(then)).put("nodeIds", ids(now)).put("from", from.toString()).put("to", to.toString())
        .put("existedAt", from.toString());
    return new Sentence.Number(wording.points(shownValue.abs()).replace("+", ""), fact);
  }

  /**
   * Returns a change shown without its sign, for a sentence whose verb ("rose", "fell") gives the
   * direction: the fact records {@code unsigned} and the {@code direction} the verb states.
   */
  Sentence.Number unsigned(Sentence.Number change) {
    BigDecimal value = new BigDecimal(change.fact().getString("value"));
    BigDecimal shownChange = new BigDecimal(change.fact().getString("shownValue"));
    JsonObject fact = change.fact().copy().put("unsigned", true).put("direction", value.signum() < 0 ? "down" : "up");
    return new Sentence.Number(wording.points(shownChange.abs()).replace("+", ""), fact);
  }

  private static JsonArray ids(Collection<JsonObject> nodes) {
    JsonArray ids = new JsonArray();
    nodes.forEach(node -> ids.add(node.getString("id")));
    return ids;
  }

  /** Returns how far the mean progress of objectives is behind their expected progress, unsigned. */
  Sentence.Number scoreGap(List<JsonObject> objectives, List<String> unitIds, Instant at) {
    BigDecimal value = scoreGapOf(objectives);
    return new Sentence.Number(wording.points(value.abs()).replace("+", ""),
        scoreFact("scoreGap", unitIds, value).put("nodeIds", ids(objectives)).put("at", at.toString()));
  }

  /** Returns the expected progress of the cycle minus the mean progress of the objectives. */
  static BigDecimal scoreGapOf(List<JsonObject> objectives) {
    if (objectives.isEmpty()) {
      return BigDecimal.ZERO;
    }
    BigDecimal expected = decimal(objectives.get(0), "expected");
    return (expected == null ? BigDecimal.ZERO : expected).subtract(meanProgress(objectives));
  }

  /** Returns the organisation's stale limit in days, which the engine's {@code stale} flag of a key result follows. */
  Sentence.Number staleLimit(int days, Instant at) {
    JsonObject fact = new JsonObject().put("measure", "staleAfterDays").put("at", at.toString()).put("value", Integer.toString(days));
    return new Sentence.Number(wording.count(days), fact);
  }

  /** Returns a count of nodes; {@code what} names what was counted, such as "objectives.on_track". */
  Sentence.Number count(String what, Collection<JsonObject> nodes, Instant at) {
    JsonObject fact = new JsonObject().put("measure", "count").put("of", what).put("nodeIds", ids(nodes))
        .put("at", at.toString()).put("value", Integer.toString(nodes.size()));
    return new Sentence.Number(wording.count(nodes.size()), fact);
  }

  /** Returns the count of the nodes and units whose sentences a section left out; {@code subjects} has the link of each, once. */
  Sentence.Number more(List<JsonObject> subjects, Instant at) {
    JsonArray about = new JsonArray();
    subjects.forEach(link -> about.add(new JsonObject().put("type", link.getString("type")).put("id", link.getValue("id"))));
    JsonObject fact = new JsonObject().put("measure", "count").put("of", "subjects.more").put("subjects", about)
        .put("at", at.toString()).put("value", Integer.toString(subjects.size()));
    return new Sentence.Number(wording.count(subjects.size()), fact);
  }

  /**
   * Returns the count of the nodes and units left out of a risk section for one reason, such as
   * "off_track"; {@code subjects} has the link of each, once.
   */
  Sentence.Number risks(String reason, List<JsonObject> subjects, Instant at) {
    Sentence.Number count = more(subjects, at);
    return new Sentence.Number(count.text(), count.fact().put("of", "subjects." + reason));
  }

  private JsonObject nodeFact(String measure, JsonObject node, Instant at, BigDecimal value) {
    return new JsonObject().put("measure", measure).put("nodeId", node.getString("id")).put("at", at.toString())
        .put("value", value.toPlainString());
  }

  private JsonObject scoreFact(String measure, List<String> unitIds, BigDecimal value) {
    return new JsonObject().put("measure", measure).put("unitIds", new JsonArray(List.copyOf(unitIds)))
        .put("cycleId", cycleId).put("value", value.toPlainString());
  }
}
