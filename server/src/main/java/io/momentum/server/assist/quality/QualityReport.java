package io.momentum.server.assist.quality;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The result of a check: the findings, objective first and then key results in request order, and
 * the score, which is 100 minus the penalty of each finding's severity, clamped to 0-100.
 */
public record QualityReport(int score, List<Finding> findings) {

  public QualityReport {
    findings = List.copyOf(findings);
  }

  /** Returns {@code {"score", "findings": [...]}}. */
  public JsonObject toJson() {
    JsonArray array = new JsonArray();
    findings.forEach(finding -> array.add(finding.toJson()));
    return new JsonObject().put("score", score).put("findings", array);
  }

  /** Returns true when some finding has this rule and target. */
  public boolean has(QualityRule rule, String target) {
    return findings.stream().anyMatch(f -> f.rule() == rule && f.target().equals(target));
  }
}
