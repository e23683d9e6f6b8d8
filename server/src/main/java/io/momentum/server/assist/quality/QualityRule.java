package io.momentum.server.assist.quality;

/**
 * A rule of the quality checker, with its stable id (as sent in findings and settings) and its
 * default severity. Rules that look at one key result target it; the others target the objective.
 */
public enum QualityRule {
  NO_TARGET("no_target", Severity.ERROR),
  NO_BASELINE("no_baseline", Severity.WARNING),
  OUTPUT_NOT_OUTCOME("output_not_outcome", Severity.WARNING),
  VAGUE_VERB("vague_verb", Severity.WARNING),
  BINARY_KR("binary_kr", Severity.WARNING),
  COMPOUND_KR("compound_kr", Severity.WARNING),
  DUPLICATE_KR("duplicate_kr", Severity.WARNING),
  TOO_FEW_KRS("too_few_krs", Severity.WARNING),
  TOO_MANY_KRS("too_many_krs", Severity.WARNING),
  NO_KEY_RESULTS("no_key_results", Severity.ERROR),
  VAGUE_OBJECTIVE("vague_objective", Severity.WARNING),
  NO_OWNER("no_owner", Severity.WARNING),
  BUSINESS_AS_USUAL("business_as_usual", Severity.INFO),
  NO_LEADING_INDICATOR("no_leading_indicator", Severity.INFO),
  NUMBERS_MISMATCH("numbers_mismatch", Severity.WARNING);

  private final String id;
  private final Severity defaultSeverity;

  QualityRule(String id, Severity defaultSeverity) {
    this.id = id;
    this.defaultSeverity = defaultSeverity;
  }

  public String id() {
    return id;
  }

  public Severity defaultSeverity() {
    return defaultSeverity;
  }

  /** Returns the rule with this id, or null for an unknown id. */
  public static QualityRule byId(String id) {
    for (QualityRule rule : values()) {
      if (rule.id.equals(id)) {
        return rule;
      }
    }
    return null;
  }
}
