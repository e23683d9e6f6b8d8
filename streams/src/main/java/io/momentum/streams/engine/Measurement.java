package io.momentum.streams.engine;

/** How a key result measures progress. */
public enum Measurement {
  INCREASE, DECREASE, RANGE, MILESTONE, BINARY, KPI, WORK_ITEMS;

  /** Returns the lower-case name used in JSON and in the database. */
  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Parses the JSON and database name; throws {@link IllegalArgumentException} for any other. */
  public static Measurement fromWire(String value) {
    return valueOf(value.toUpperCase(java.util.Locale.ROOT));
  }
}
