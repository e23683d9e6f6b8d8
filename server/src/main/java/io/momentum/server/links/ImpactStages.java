package io.momentum.server.links;

import io.momentum.streams.event.Articles;
import io.momentum.streams.event.FieldError;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stages of the impact chain in their order, and the kinds of node each stage accepts. Input and
 * output accept initiatives and KPIs. Outcome accepts key results, KPIs and objectives. Impact
 * accepts KPIs, strategic outcomes and objectives.
 */
final class ImpactStages {

  static final List<String> STAGES = List.of("input", "output", "outcome", "impact");

  private static final Map<String, List<String>> KINDS = Map.of(
      "input", List.of("initiative", "kpi"),
      "output", List.of("initiative", "kpi"),
      "outcome", List.of("key_result", "kpi", "objective"),
      "impact", List.of("kpi", "strategic_outcome", "objective"));

  private ImpactStages() {
  }

  /** Returns true when {@code to} is the same stage as {@code from} or a later one. */
  static boolean ordered(String from, String to) {
    return STAGES.indexOf(to) >= STAGES.indexOf(from);
  }

  /** Returns the error on {@code field} when a node of {@code kind} cannot stand at {@code stage}. */
  static Optional<FieldError> check(String field, String stage, String kind) {
    List<String> allowed = KINDS.get(stage);
    if (allowed.contains(kind)) {
      return Optional.empty();
    }
    return Optional.of(FieldError.of(field, "stage_kind", "the " + stage + " stage accepts " + String.join(", ", allowed)
        + " nodes, not " + Articles.withArticle(kind) + "; choose a stage that fits the node",
        new io.vertx.core.json.JsonObject().put("stage", stage).put("kind", kind).put("allowed", new io.vertx.core.json.JsonArray(List.copyOf(allowed)))));
  }
}
