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
 * A key result that takes its numbers from a live key result of the organisation gets a finding
 * {@value #ALREADY_TRACKED} of severity {@code warning}: it duplicates existing work, but the
 * proposal keeps it to show the team which key result to contribute to.
 */
final class ProposalReview {

  /** Lowest quality score a proposal may have and still be shown. */
  static final int MIN_SCORE = 60;
  /** Rules whose finding on a key result removes that key result when a proposal is improved. */
  static final Set<String> REMOVING_RULES = Set.of("no_target", "duplicate_kr", "compound_kr", "output_not_outcome",
      "vague_verb", "binary_kr");
  /** Rule of the review's finding on a key result that a live key result already tracks. */
  static final String ALREADY_TRACKED = "already_tracked";
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
    proposal.keyResults().stream().filter(kr -> kr.alreadyTrackedBy() != null)
        .forEach(kr -> json.getJsonArray("findings").add(alreadyTracked(language, kr)));
    boolean errors = json.getJsonArray("findings").stream()
        .anyMatch(f -> "error".equals(((JsonObject) f).getString("severity")));
    return new Reviewed(proposal, json, !errors && report.score() >= MIN_SCORE, List.of());
  }

  /**
   * Returns the finding on a key result that duplicates a live key result. It costs no score,
   * because the wording is fine: the duplicate is of work, and the fix is to contribute to it.
   */
  static JsonObject alreadyTracked(String language, Proposal.KeyResult kr) {
    JsonObject tracked = kr.alreadyTrackedBy();
    String unit = tracked.getString("unitName");
    String cycle = tracked.getString("cycleName");
    boolean german = "de".equals(language);
    String why = german
        ? unit + " verfolgt dieses Schlüsselergebnis in " + cycle + " bereits, ein zweites würde dasselbe doppelt messen."
        : unit + " already tracks this key result in " + cycle + ", so a second one would measure the same thing twice.";
    String fix = german
        ? "Tragen Sie zu \u201e" + tracked.getString("title") + "\u201c bei, statt es noch einmal zu messen."
        : "Contribute to \u201c" + tracked.getString("title") + "\u201d rather than measure it twice.";
    return new JsonObject()
        .put("rule", ALREADY_TRACKED)
        .put("severity", "warning")
        .put("target", kr.id())
        .put("evidence", new JsonArray().add(tracked.getString("title")))
        .put("why", why)
        .put("fix", fix)
        .put("penalty", 0);
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
