package io.momentum.streams.engine;

/** Status of a node. {@link #severity()} orders the scored statuses from best to worst. */
public enum Status {
  ON_TRACK(0), AT_RISK(1), OFF_TRACK(2), PENDING(-1), CLOSED(-2);

  private final int severity;

  Status(int severity) {
    this.severity = severity;
  }

  /** Returns 0 for on track, 1 for at risk, 2 for off track and a negative number otherwise. */
  public int severity() {
    return severity;
  }

  /** Returns the worse of two statuses by {@link #severity()}. */
  public static Status worse(Status a, Status b) {
    return b.severity > a.severity ? b : a;
  }

  /** Returns the lower-case name used in JSON. */
  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
