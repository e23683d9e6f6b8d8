package io.momentum.server.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo's cycles around a given day: a four-year strategy from last year on, the current year,
 * the current quarter and, after the first quarter, the previous quarter of the year as a closed
 * cycle.
 */
final class DemoCycles {

  /** Role of a cycle in the demo, by which definitions name their cycle. */
  enum Role {
    STRATEGY, YEAR, QUARTER, PREVIOUS_QUARTER
  }

  /** One cycle row; dates are inclusive, as in the {@code cycles} table. */
  record Cycle(Role role, String key, String name, String kind, Role parent, LocalDate start,
               LocalDate end, boolean closed) {

    /** Returns 00:00 UTC of the first day. */
    Instant startInstant() {
      return start.atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    /** Returns 00:00 UTC of the day after the last day, where the cycle ends. */
    Instant endInstant() {
      return end.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    /** Returns the share of the cycle that has passed at {@code now}, from 0 to 1. */
    double elapsed(Instant now) {
      double total = endInstant().toEpochMilli() - startInstant().toEpochMilli();
      double passed = now.toEpochMilli() - startInstant().toEpochMilli();
      return Math.max(0, Math.min(1, passed / total));
    }
  }

  private DemoCycles() {
  }

  /** Returns the cycles for {@code today}, parents before children. */
  static List<Cycle> around(LocalDate today) {
    int year = today.getYear();
    int quarter = (today.getMonthValue() - 1) / 3 + 1;
    List<Cycle> cycles = new ArrayList<>();
    cycles.add(new Cycle(Role.STRATEGY, "strategy-" + (year - 1) + "-" + (year + 2),
        "Strategy " + (year - 1) + "-" + (year + 2), "strategy", null,
        LocalDate.of(year - 1, 1, 1), LocalDate.of(year + 2, 12, 31), false));
    cycles.add(new Cycle(Role.YEAR, String.valueOf(year), "Year " + year, "annual", Role.STRATEGY,
        LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31), false));
    if (quarter > 1) {
      cycles.add(quarter(Role.PREVIOUS_QUARTER, year, quarter - 1, true));
    }
    cycles.add(quarter(Role.QUARTER, year, quarter, false));
    return cycles;
  }

  private static Cycle quarter(Role role, int year, int quarter, boolean closed) {
    LocalDate start = LocalDate.of(year, (quarter - 1) * 3 + 1, 1);
    LocalDate end = start.plusMonths(3).minusDays(1);
    return new Cycle(role, year + "-q" + quarter, "Q" + quarter + " " + year, "quarter", Role.YEAR,
        start, end, closed);
  }
}
