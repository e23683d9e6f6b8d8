package io.momentum.server.assist.briefs;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/** The three review briefs and the period each one looks back over. */
public enum BriefKind {
  /** One unit over the last 7 days: for the team's weekly or stand-up. */
  WEEKLY("weekly"),
  /** A unit and its sub-units over the last month: for the monthly portfolio review. */
  MONTHLY("monthly"),
  /** The unit's whole tree (usually the company) from the cycle's start: for the quarterly strategy review. */
  QUARTERLY("quarterly");

  /** Wire names, as the API and the database use them. */
  public static final List<String> WIRE_NAMES = List.of("weekly", "monthly", "quarterly");

  private final String wire;

  BriefKind(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  /** Returns the kind of a wire name, or null for an unknown name. */
  public static BriefKind fromWire(String name) {
    for (BriefKind kind : values()) {
      if (kind.wire.equals(name)) {
        return kind;
      }
    }
    return null;
  }

  /**
   * Returns the start of the period a brief as of {@code asOf} covers: 7 days back for a weekly
   * brief, the same day and time one month back (in UTC) for a monthly one, and the cycle's first
   * day for a quarterly one. So a monthly brief on the 1st covers the last calendar month. The start never lies before the cycle's first day, because values from before
   * the cycle carry no information about its progress.
   */
  public Instant periodStart(Instant asOf, LocalDate cycleStart) {
    Instant cycleBegin = cycleStart.atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant start = switch (this) {
      case WEEKLY -> asOf.minusSeconds(7L * 24 * 3600);
      case MONTHLY -> asOf.atZone(ZoneOffset.UTC).minusMonths(1).toInstant();
      case QUARTERLY -> cycleBegin;
    };
    if (start.isBefore(cycleBegin)) {
      start = cycleBegin;
    }
    return start.isAfter(asOf) ? asOf : start;
  }
}
