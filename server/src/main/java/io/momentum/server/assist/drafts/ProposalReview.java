package io.momentum.server.assist.drafts;

import io.momentum.server.assist.quality.QualityChecker;
import io.momentum.server.assist.quality.QualityReport;
import io.momentum.server.assist.quality.QualityRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs the quality checker over a proposal. A proposal passes with no finding of severity
 * {@code error} and a score of at least {@value #MIN_SCORE}. A failing proposal is improved once by
 * removing the key results that findings reject, as long as enough remain, and checked again.
 */
final class ProposalReview {

  /** Lowest quality score a proposal may have and still be shown. */
  static final int MIN_SCORE = 60;
  /** Rules whose finding on a key result removes that key result when a proposal is improved. */
  static final Set<String> REMOVING_RULES = Set.of("no_target", "duplicate_kr", "compound_kr", "output_not_outcome",
      "vague_verb", "binary_kr");
  /** Minimum number of key results an improved proposal keeps. */
  static final int MIN_KEPT_KEY_RESULTS = 2;

  /** A proposal as checked: its report ({@code score}, {@code findings}), whether it passed, and the key results removed to improve it. */
  record Reviewed(Proposal proposal, JsonObject report, boolean passed, List<String> removedKeyResults) {
  }

  private final QualityChecker checker;

  ProposalReview(QualityChecker checker) {
    this.checker = checker;
  }

  /** Checks {@code proposal} and, when it fails, improves and checks it once more. */
  Reviewed review(String language, Proposal proposal) {
    Reviewed first = check(language, proposal);
    if (first.passed()) {
      return first;
    }
    Set<String> remove = new LinkedHashSet<>();
    for (Object item : first.report().getJsonArray("findings")) {
      JsonObject finding = (JsonObject) item;
      boolean onKeyResult = !"objective".equals(finding.getString("target"));
      if (onKeyResult && ("error".equals(finding.getString("severity")) || REMOVING_RULES.contains(finding.getString("rule")))) {
        remove.add(finding.getString("target"));
      }
    }
    List<Proposal.KeyResult> kept = proposal.keyResults().stream().filter(kr -> !remove.contains(kr.id())).toList();
    if (remove.isEmpty() || kept.size() < MIN_KEPT_KEY_RESULTS) {
      return first;
    }
    Reviewed second = check(language, proposal.withKeyResults(kept));
    return new Reviewed(second.proposal(), second.report(), second.passed(), List.copyOf(remove));
  }

  /** Checks {@code proposal} without changing it. */
  Reviewed check(String language, Proposal proposal) {
    QualityReport report = checker.check(QualityRequest.fromJson(request(language, proposal)));
    JsonObject json = report.toJson();
    boolean errors = json.getJsonArray("findings").stream()
        .anyMatch(f -> "error".equals(((JsonObject) f).getString("severity")));
    return new Reviewed(proposal, json, !errors && report.score() >= MIN_SCORE, List.of());
  }

  private static JsonObject request(String language, Proposal proposal) {
    JsonArray keyResults = new JsonArray();
    for (Proposal.KeyResult kr : proposal.keyResults()) {
      keyResults.add(new JsonObject()
          .put("id", kr.id())
          .put("text", kr.title())
          .put("start", kr.start())
          .put("target", kr.target())
          .put("unit", unit(kr.unit()))
          .put("measurement", kr.measurement())
          .put("indicator", kr.indicator()));
    }
    return new JsonObject()
        .put("language", language)
        .put("objective", new JsonObject().put("title", proposal.title()))
        .put("keyResults", keyResults);
  }

  /** Returns the unit for the checker, whose limit is 20 characters, or null. */
  private static String unit(String unit) {
    return unit == null || unit.length() > 20 ? null : unit;
  }
}
