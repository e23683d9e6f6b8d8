package io.momentum.server.assist.drafts;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.List;

/**
 * A proposed objective with its key results. Every part carries {@code sources}: the past OKRs,
 * library examples and KPIs it came from, with retrieval scores and the matching phrases of the
 * strategy text.
 */
record Proposal(String id, String title, List<JsonObject> sources, List<KeyResult> keyResults) {

  /**
   * A proposed key result. {@code measurement} is {@code increase} or {@code decrease}.
   * {@code indicator} is {@code leading} or {@code lagging}, or null when the source has no tag.
   */
  record KeyResult(String id, String title, String measurement, BigDecimal start, BigDecimal target, String unit,
                   String indicator, List<JsonObject> sources) {

    KeyResult withTitle(String newTitle) {
      return new KeyResult(id, newTitle, measurement, start, target, unit, indicator, sources);
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
          .put("sources", new JsonArray(List.copyOf(sources)));
    }
  }

  Proposal withTitle(String newTitle) {
    return new Proposal(id, newTitle, sources, keyResults);
  }

  Proposal withKeyResults(List<KeyResult> newKeyResults) {
    return new Proposal(id, title, sources, List.copyOf(newKeyResults));
  }

  JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("title", title)
        .put("sources", new JsonArray(List.copyOf(sources)))
        .put("keyResults", new JsonArray(keyResults.stream().map(KeyResult::toJson).toList()));
  }
}
