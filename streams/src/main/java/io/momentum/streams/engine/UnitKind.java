package io.momentum.streams.engine;

/** Level of an organisational unit. */
public enum UnitKind {
  COMPANY, BUSINESS_UNIT, TEAM;

  /** Returns the lower-case name used in JSON and in the database. */
  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Parses the JSON and database name; throws {@link IllegalArgumentException} for any other. */
  public static UnitKind fromWire(String value) {
    return valueOf(value.toUpperCase(java.util.Locale.ROOT));
  }
}
