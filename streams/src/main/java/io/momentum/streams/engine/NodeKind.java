package io.momentum.streams.engine;

/** Kind of a goal node, as sent on boards ({@link #wire()}). */
public enum NodeKind {
  STRATEGIC_OUTCOME, OBJECTIVE, KEY_RESULT, KPI, INITIATIVE;

  /** Returns the lower-case name used in JSON and in the database. */
  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Parses the JSON and database name; throws {@link IllegalArgumentException} for any other. */
  public static NodeKind fromWire(String value) {
    return valueOf(value.toUpperCase(java.util.Locale.ROOT));
  }
}
