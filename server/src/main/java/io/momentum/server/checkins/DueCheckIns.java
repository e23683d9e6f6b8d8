package io.momentum.server.checkins;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;

/**
 * The check-in rule. A key result is due when it has no check-in since the start of the current
 * check-in week (the latest check-in day at 00:00 UTC, today included), and overdue when it also
 * had none in the week before. A key result is only overdue when it could have been checked in
 * the week before: it existed then and its cycle had started.
 *
 * @param weekStart start of the current check-in week
 */
record DueCheckIns(Instant at, int checkInDay, Instant weekStart) {

  /** The check-in weeks as of {@code at}, for an ISO day of the week (1 = Monday). */
  static DueCheckIns at(Instant at, int checkInDay) {
    LocalDate today = at.atOffset(ZoneOffset.UTC).toLocalDate();
    LocalDate start = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.of(checkInDay)));
    return new DueCheckIns(at, checkInDay, start.atStartOfDay(ZoneOffset.UTC).toInstant());
  }

  Instant previousWeekStart() {
    return weekStart.minusSeconds(7L * 24 * 3600);
  }

  /** State of a key result: {@code due}, {@code overdue}, or null when it is checked in for this week. */
  String state(Instant lastCheckIn, Instant createdAt, LocalDate cycleStart) {
    if (lastCheckIn != null && !lastCheckIn.isBefore(weekStart)) {
      return null;
    }
    boolean couldCheckInLastWeek = createdAt.isBefore(weekStart)
        && cycleStart.atStartOfDay(ZoneOffset.UTC).toInstant().isBefore(weekStart);
    boolean missedLastWeek = lastCheckIn == null || lastCheckIn.isBefore(previousWeekStart());
    return couldCheckInLastWeek && missedLastWeek ? "overdue" : "due";
  }
}
