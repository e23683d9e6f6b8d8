package io.momentum.server.checkins;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The check-in rule, at Wednesday 2026-12-02 12:00 UTC with Monday as check-in day (week from 2026-11-30). */
class DueCheckInsTest {

  private static final DueCheckIns RULE = DueCheckIns.at(Instant.parse("2026-12-02T12:00:00Z"), 1);

  @ParameterizedTest(name = "last check-in {0}, created {1}, cycle from {2}: {3}")
  @CsvSource(nullValues = "none", value = {
      "2026-11-30T00:00:00Z, 2026-10-01T00:00:00Z, 2026-10-01, none",
      "2026-12-02T11:00:00Z, 2026-10-01T00:00:00Z, 2026-10-01, none",
      "2026-11-29T23:59:59Z, 2026-10-01T00:00:00Z, 2026-10-01, due",
      "2026-11-23T00:00:00Z, 2026-10-01T00:00:00Z, 2026-10-01, due",
      "2026-11-22T23:59:59Z, 2026-10-01T00:00:00Z, 2026-10-01, overdue",
      "none, 2026-10-01T00:00:00Z, 2026-10-01, overdue",
      "none, 2026-12-01T09:00:00Z, 2026-10-01, due",
      "none, 2026-10-01T00:00:00Z, 2026-11-30, due",
  })
  void stateFollowsRule(String lastCheckIn, String createdAt, String cycleStart, String expected) {
    String state = RULE.state(lastCheckIn == null ? null : Instant.parse(lastCheckIn), Instant.parse(createdAt),
        LocalDate.parse(cycleStart));

    assertThat(state).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} with check-in day {1} starts the week at {2}")
  @CsvSource({
      "2026-12-02T12:00:00Z, 1, 2026-11-30T00:00:00Z",
      "2026-12-02T12:00:00Z, 3, 2026-12-02T00:00:00Z",
      "2026-12-02T12:00:00Z, 4, 2026-11-26T00:00:00Z",
      "2026-12-06T23:59:59Z, 7, 2026-12-06T00:00:00Z",
  })
  void weekStartsOnLatestCheckInDay(String at, int checkInDay, String weekStart) {
    assertThat(DueCheckIns.at(Instant.parse(at), checkInDay).weekStart()).isEqualTo(Instant.parse(weekStart));
  }
}
