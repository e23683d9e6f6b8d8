package io.momentum.server.assist.quality;

import io.momentum.server.http.ApiException;
import io.momentum.server.http.BodyReader;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * An organisation's thresholds and rule severities for the quality checker. Immutable.
 *
 * @param minKeyResults fewer key results than this give {@code too_few_krs}
 * @param maxKeyResults more key results than this give {@code too_many_krs}
 * @param duplicateSimilarity Jaccard similarity of two key results' word stems (0-1) from which
 *     the later one is a {@code duplicate_kr}
 * @param penalties score points subtracted per finding of each severity ({@link Severity#OFF} has none)
 * @param severities severity of each rule; {@link Severity#OFF} turns the rule off
 */
public record QualitySettings(int minKeyResults, int maxKeyResults, double duplicateSimilarity,
                              Map<Severity, Integer> penalties, Map<QualityRule, Severity> severities) {

  /** Largest key result count a threshold may name; requests are limited separately. */
  public static final int MAX_KEY_RESULT_THRESHOLD = 20;
  static final double MIN_SIMILARITY = 0.3;

  public QualitySettings {
    if (minKeyResults < 1 || maxKeyResults < minKeyResults || maxKeyResults > MAX_KEY_RESULT_THRESHOLD) {
      throw new IllegalArgumentException("key result thresholds must satisfy 1 <= min <= max <= 20");
    }
    if (duplicateSimilarity < MIN_SIMILARITY || duplicateSimilarity > 1.0) {
      throw new IllegalArgumentException("duplicateSimilarity must be from 0.3 to 1");
    }
    EnumMap<Severity, Integer> penaltyCopy = new EnumMap<>(Severity.class);
    penaltyCopy.putAll(penalties);
    penaltyCopy.put(Severity.OFF, 0);
    EnumMap<QualityRule, Severity> severityCopy = new EnumMap<>(QualityRule.class);
    for (QualityRule rule : QualityRule.values()) {
      severityCopy.put(rule, severities.getOrDefault(rule, rule.defaultSeverity()));
    }
    penalties = Collections.unmodifiableMap(penaltyCopy);
    severities = Collections.unmodifiableMap(severityCopy);
  }

  /** Returns the settings of an organisation that never changed them. */
  public static QualitySettings defaults() {
    Map<Severity, Integer> penalties = new EnumMap<>(Severity.class);
    penalties.put(Severity.ERROR, 20);
    penalties.put(Severity.WARNING, 10);
    penalties.put(Severity.INFO, 3);
    return new QualitySettings(2, 5, 0.6, penalties, Map.of());
  }

  /**
   * Reads settings from JSON in the shape of {@link #toJson()}; members left out keep their
   * default. Throws a 400 {@link ApiException} naming every invalid member.
   */
  public static QualitySettings fromJson(JsonObject json) {
    BodyReader reader = BodyReader.of(json, "");
    QualitySettings settings = defaults().apply(reader);
    reader.finish();
    return settings;
  }

  /**
   * Returns these settings with the members that {@code body} contains replaced, recording
   * invalid members as errors of {@code body}; the caller calls {@link BodyReader#finish()}.
   * Returns this unchanged when a member was invalid.
   */
  public QualitySettings apply(BodyReader body) {
    int errorsBefore = body.errors().size();
    Integer min = body.integer("minKeyResults", 1, MAX_KEY_RESULT_THRESHOLD, false);
    Integer max = body.integer("maxKeyResults", 1, MAX_KEY_RESULT_THRESHOLD, false);
    BigDecimal similarity = body.number("duplicateSimilarity", false);
    if (similarity != null && (similarity.doubleValue() < MIN_SIMILARITY || similarity.doubleValue() > 1.0)) {
      body.reject("duplicateSimilarity", "must be a number from 0.3 to 1, such as 0.6");
    }
    Map<Severity, Integer> newPenalties = new EnumMap<>(penalties);
    JsonObject penaltyJson = body.object("penalties", false);
    if (penaltyJson != null) {
      readPenalties(penaltyJson, newPenalties, body);
    }
    Map<QualityRule, Severity> newSeverities = new EnumMap<>(severities);
    JsonObject severityJson = body.object("severities", false);
    if (severityJson != null) {
      readSeverities(severityJson, newSeverities, body);
    }
    int newMin = min != null ? min : minKeyResults;
    int newMax = max != null ? max : maxKeyResults;
    if (body.errors().size() == errorsBefore && newMin > newMax) {
      body.reject("minKeyResults", "is " + newMin + " but maxKeyResults is " + newMax
          + "; the minimum must not be larger than the maximum");
    }
    if (body.errors().size() > errorsBefore) {
      return this;
    }
    double newSimilarity = similarity != null ? similarity.doubleValue() : duplicateSimilarity;
    return new QualitySettings(newMin, newMax, newSimilarity, newPenalties, newSeverities);
  }

  private static void readPenalties(JsonObject json, Map<Severity, Integer> penalties, BodyReader body) {
    for (String name : json.fieldNames()) {
      Severity severity = Severity.byId(name);
      Object value = json.getValue(name);
      if (severity == null || severity == Severity.OFF) {
        body.reject("penalties." + name, "is not a severity; use error, warning or info");
      } else if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
          || n.intValue() < 0 || n.intValue() > 100) {
        body.reject("penalties." + name, "must be a whole number of points from 0 to 100");
      } else {
        penalties.put(severity, n.intValue());
      }
    }
  }

  private static void readSeverities(JsonObject json, Map<QualityRule, Severity> severities, BodyReader body) {
    for (String name : json.fieldNames()) {
      QualityRule rule = QualityRule.byId(name);
      Object value = json.getValue(name);
      Severity severity = value instanceof String s ? Severity.byId(s) : null;
      if (rule == null) {
        body.reject("severities." + name, "is not a rule id; see the findings' \"rule\" values");
      } else if (severity == null) {
        body.reject("severities." + name, "must be error, warning, info or off");
      } else {
        severities.put(rule, severity);
      }
    }
  }

  /** Returns the severity of a rule in these settings. */
  public Severity severityOf(QualityRule rule) {
    return severities.get(rule);
  }

  /** Returns the points one finding of this severity costs. */
  public int penaltyOf(Severity severity) {
    return penalties.getOrDefault(severity, 0);
  }

  /** Returns the settings as JSON: thresholds, {@code penalties} and {@code severities} by id. */
  public JsonObject toJson() {
    JsonObject penaltyJson = new JsonObject();
    for (Severity severity : Severity.values()) {
      if (severity != Severity.OFF) {
        penaltyJson.put(severity.id(), penaltyOf(severity));
      }
    }
    JsonObject severityJson = new JsonObject();
    severities.forEach((rule, severity) -> severityJson.put(rule.id(), severity.id()));
    return new JsonObject()
        .put("minKeyResults", minKeyResults)
        .put("maxKeyResults", maxKeyResults)
        .put("duplicateSimilarity", duplicateSimilarity)
        .put("penalties", penaltyJson)
        .put("severities", severityJson);
  }
}
