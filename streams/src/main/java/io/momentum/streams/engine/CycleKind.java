package io.momentum.streams.engine;

/** Length of a planning cycle: a multi-year strategy, a year, or a quarter. */
public enum CycleKind {
  STRATEGY, ANNUAL, QUARTER;

  /** Returns the lower-case name used in JSON and in the database. */
  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Parses the JSON and database name; throws {@link IllegalArgumentException} for any other. */
  public static CycleKind fromWire(String value) {
    return valueOf(value.toUpperCase(java.util.Locale.ROOT));
  }
}
