package io.momentum.server.cycles;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A fiscal year and its four quarters. {@code year} is the calendar year in which the fiscal year
 * starts; a year that starts in January is named "FY 2027", one that starts in another month
 * "FY 2026/27".
 */
record FiscalYear(int year, int startMonth, String keyPrefix) {

  /** An annual cycle ({@code quarter} 0) or one of its quarters (1-4). */
  record Period(int quarter, String key, String name, LocalDate start, LocalDate end) {
  }

  static FiscalYear of(int year, int startMonth, String keyPrefix) {
    return new FiscalYear(year, startMonth, keyPrefix);
  }

  LocalDate start() {
    return LocalDate.of(year, startMonth, 1);
  }

  LocalDate end() {
    return start().plusYears(1).minusDays(1);
  }

  String name() {
    return startMonth == 1 ? "FY " + year : "FY " + year + "/" + String.format("%02d", (year + 1) % 100);
  }

  /** Returns the annual period first, then the quarters in order. */
  List<Period> periods() {
    List<Period> periods = new ArrayList<>();
    periods.add(new Period(0, keyPrefix, name(), start(), end()));
    for (int quarter = 1; quarter <= 4; quarter++) {
      LocalDate start = start().plusMonths(3L * (quarter - 1));
      periods.add(new Period(quarter, keyPrefix + "-q" + quarter, "Q" + quarter + " " + name(), start,
          start.plusMonths(3).minusDays(1)));
    }
    return periods;
  }
}
