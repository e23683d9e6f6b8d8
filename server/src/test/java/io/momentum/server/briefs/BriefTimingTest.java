package io.momentum.server.briefs;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.server.assist.briefs.BriefKind;
import io.momentum.server.assist.briefs.BriefTiming;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** When brief schedules run, in their time zone. */
class BriefTimingTest {

  @ParameterizedTest(name = "{0} after {4} -> {5}")
  @CsvSource({
      // Saturday 5 Dec 2026: the next Monday 07:00 in Berlin (UTC+1) is 06:00 UTC on the 7th.
      "weekly, 1, , Europe/Berlin, 2026-12-05T09:00:00Z, 2026-12-07T06:00:00Z",
      // On Monday before 07:00 local time, the run of the same morning is next.
      "weekly, 1, , Europe/Berlin, 2026-12-07T05:59:00Z, 2026-12-07T06:00:00Z",
      // Exactly at the run instant the next run is a week later.
      "weekly, 1, , Europe/Berlin, 2026-12-07T06:00:00Z, 2026-12-14T06:00:00Z",
      "weekly, 7, , UTC, 2026-12-05T09:00:00Z, 2026-12-06T07:00:00Z",
      "monthly, , 1, UTC, 2026-12-05T09:00:00Z, 2027-01-01T07:00:00Z",
      "monthly, , 5, UTC, 2026-12-05T06:00:00Z, 2026-12-05T07:00:00Z",
      // Quarterly runs on the day of March, June, September and December.
      "quarterly, , 15, UTC, 2026-12-05T09:00:00Z, 2026-12-15T07:00:00Z",
      "quarterly, , 15, UTC, 2026-12-16T09:00:00Z, 2027-03-15T07:00:00Z",
      // Summer time in Berlin (UTC+2) from 29 March 2026.
      "weekly, 1, , Europe/Berlin, 2026-03-28T12:00:00Z, 2026-03-30T05:00:00Z"})
  void nextRun(String kind, Integer dayOfWeek, Integer dayOfMonth, String zone, String after, String expected) {
    BriefTiming timing = new BriefTiming(BriefKind.fromWire(kind), dayOfWeek, dayOfMonth, LocalTime.of(7, 0), ZoneId.of(zone));

    assertThat(timing.nextRun(Instant.parse(after))).isEqualTo(Instant.parse(expected));
  }
}
