package io.momentum.server.assist.drafts;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.List;

/**
 * A proposed objective with its key results. Every part carries {@code sources}: the past OKRs,
 * library examples and KPIs it came from, with retrieval scores and the matching phrases of the
 * strategy text. {@code originalLanguage} is the language of an organisation's objective whose
 * title is kept as written in another language than the draft's, or null.
 */
record Proposal(String id, String title, List<JsonObject> sources, List<KeyResult> keyResults, String originalLanguage) {

  /** A proposal whose title is written in the draft's language. */
  Proposal(String id, String title, List<JsonObject> sources, List<KeyResult> keyResults) {
    this(id, title, sources, keyResults, null);
  }

  /** Origin of a proposed key result's start and target, as the API names it in {@code numbers}. */
  enum Numbers {
    /** A library example's typical numbers, which the team replaces with its own baseline and target. */
    EXAMPLE("example"),
    /** The unit's KPI: its current value as the start and a target derived from it. */
    KPI("kpi"),
    /** The start and target of one of the organisation's own key results. */
    PAST("past");

    private final String code;

    Numbers(String code) {
      this.code = code;
    }

    String code() {
      return code;
    }
  }

  /**
   * A proposed key result. {@code measurement} is {@code increase} or {@code decrease}.
   * {@code indicator} is {@code leading} or {@code lagging}, or null when the source has no tag.
   * {@code numbers} names the origin of its start and target. {@code alreadyTrackedBy} is the live
   * key result of the organisation whose numbers it takes ({@code id}, {@code title},
   * {@code objectiveId}, {@code objectiveTitle}, unit and cycle), or null. {@code originalLanguage}
   * is the language of an organisation's key result whose title is kept as written because the
   * library has no translation of it, or null when the title is in the draft's language.
   */
  record KeyResult(String id, String title, String measurement, BigDecimal start, BigDecimal target, String unit,
                   String indicator, Numbers numbers, List<JsonObject> sources, JsonObject alreadyTrackedBy,
                   String originalLanguage) {

    KeyResult(String id, String title, String measurement, BigDecimal start, BigDecimal target, String unit,
              String indicator, Numbers numbers, List<JsonObject> sources, JsonObject alreadyTrackedBy) {
      this(id, title, measurement, start, target, unit, indicator, numbers, sources, alreadyTrackedBy, null);
    }

    KeyResult(String id, String title, String measurement, BigDecimal start, BigDecimal target, String unit,
              String indicator, Numbers numbers, List<JsonObject> sources) {
      this(id, title, measurement, start, target, unit, indicator, numbers, sources, null, null);
    }

    /** Returns this key result with {@code newTitle}, which is in the draft's language unless it is the same title. */
    KeyResult withTitle(String newTitle) {
      String language = newTitle.equals(title) ? originalLanguage : null;
      return new KeyResult(id, newTitle, measurement, start, target, unit, indicator, numbers, sources, alreadyTrackedBy,
          language);
    }

    JsonObject toJson() {
      return new JsonObject()
          .put("id", id)
          .put("title", title)
          .put("measurement", measurement)
          .put("start", start)
          .put("target", target)
          .put("unit", unit)
          .put("indicator", indicator)
          .put("numbers", numbers.code())
          .put("sources", new JsonArray(List.copyOf(sources)))
          .put("alreadyTrackedBy", alreadyTrackedBy == null ? null : alreadyTrackedBy.copy())
          .put("originalLanguage", originalLanguage);
    }
  }

  /** Returns this proposal with {@code newTitle}, which is in the draft's language unless it is the same title. */
  Proposal withTitle(String newTitle) {
    return new Proposal(id, newTitle, sources, keyResults, newTitle.equals(title) ? originalLanguage : null);
  }

  Proposal withKeyResults(List<KeyResult> newKeyResults) {
    return new Proposal(id, title, sources, List.copyOf(newKeyResults), originalLanguage);
  }

  JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("title", title)
        .put("sources", new JsonArray(List.copyOf(sources)))
        .put("keyResults", new JsonArray(keyResults.stream().map(KeyResult::toJson).toList()))
        .put("originalLanguage", originalLanguage);
  }
}
