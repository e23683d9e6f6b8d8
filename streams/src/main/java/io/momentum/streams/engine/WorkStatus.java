package io.momentum.streams.engine;

/** Status category of a work item, independent of the tracker's localised status names. */
public enum WorkStatus {
  TODO, IN_PROGRESS, DONE;

  /** Returns the lower-case name used in JSON. */
  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Parses the JSON name; throws {@link IllegalArgumentException} for any other. */
  public static WorkStatus fromWire(String value) {
    return valueOf(value.toUpperCase(java.util.Locale.ROOT));
  }
}
