package io.momentum.server.assist.quality;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * One problem the checker found.
 *
 * @param target {@code "objective"} or the id of the key result it concerns
 * @param evidence the words or values of the text that triggered the rule, as written (may be empty
 *     for rules about counts or missing fields)
 * @param why why it matters, in the request's language
 * @param fix a suggested change, in the request's language
 * @param penalty the score points this finding costs under the organisation's settings, so a
 *     client can score a part of the findings, such as one key result's, by the same rule
 */
public record Finding(QualityRule rule, Severity severity, String target, List<String> evidence, String why, String fix,
                      int penalty) {

  /** Target of findings about the objective or the set of key results. */
  public static final String OBJECTIVE = "objective";

  public Finding {
    evidence = List.copyOf(evidence);
  }

  /** Returns {@code {"rule", "severity", "target", "evidence": [...], "why", "fix", "penalty"}}. */
  public JsonObject toJson() {
    return new JsonObject()
        .put("rule", rule.id())
        .put("severity", severity.id())
        .put("target", target)
        .put("evidence", new JsonArray(List.copyOf(evidence)))
        .put("why", why)
        .put("fix", fix)
        .put("penalty", penalty);
  }
}
