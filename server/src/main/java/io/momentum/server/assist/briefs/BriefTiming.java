package io.momentum.server.assist.briefs;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;

/**
 * When a brief schedule runs, in its time zone: a weekly brief on a weekday, a monthly brief on a
 * day of the month (1 to 28, so every month has it), and a quarterly brief on that day of the last
 * month of each calendar quarter (March, June, September, December), so that it reviews a quarter
 * before it ends. A local time that a daylight-saving change skips runs at the next valid instant.
 *
 * @param dayOfWeek 1 (Monday) to 7 (Sunday), for weekly schedules
 * @param dayOfMonth 1 to 28, for monthly and quarterly schedules
 */
public record BriefTiming(BriefKind kind, Integer dayOfWeek, Integer dayOfMonth, LocalTime time, ZoneId zone) {

  /** Returns the first run strictly after {@code after}. */
  public Instant nextRun(Instant after) {
    ZonedDateTime from = after.atZone(zone);
    LocalDate day = from.toLocalDate();
    for (int step = 0; step < 400; step++) {
      LocalDate candidate = candidate(day);
      Instant run = candidate.atTime(time).atZone(zone).toInstant();
      if (run.isAfter(after)) {
        return run;
      }
      day = candidate.plusDays(1);
    }
    throw new IllegalStateException("No run of " + this + " within 400 periods after " + after);
  }

  /** Returns the first day on or after {@code day} on which the schedule runs. */
  private LocalDate candidate(LocalDate day) {
    return switch (kind) {
      case WEEKLY -> day.with(TemporalAdjusters.nextOrSame(DayOfWeek.of(dayOfWeek)));
      case MONTHLY -> {
        LocalDate inMonth = day.withDayOfMonth(dayOfMonth);
        yield inMonth.isBefore(day) ? inMonth.plusMonths(1) : inMonth;
      }
      case QUARTERLY -> {
        LocalDate inMonth = day.withDayOfMonth(dayOfMonth);
        if (inMonth.isBefore(day)) {
          inMonth = inMonth.plusMonths(1);
        }
        while (inMonth.getMonthValue() % 3 != 0) {
          inMonth = inMonth.plusMonths(1);
        }
        yield inMonth;
      }
    };
  }
}
