package io.momentum.streams.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RateScheduleTest {

  @Test
  void intendedTimesFollowStartAndRate() {
    RateSchedule schedule = new RateSchedule(5_000, 1_000);

    assertThat(schedule.intendedNanos(0)).isEqualTo(5_000);
    assertThat(schedule.intendedNanos(1)).isEqualTo(5_000 + 1_000_000);
    assertThat(schedule.intendedNanos(1_000)).isEqualTo(5_000 + 1_000_000_000L);
  }

  @Test
  void intendedTimesDoNotDriftAtOddRates() {
    RateSchedule schedule = new RateSchedule(0, 3);

    // 3 events/s is 333,333,333.3 ns apart: each time is rounded from the start, never summed.
    assertThat(schedule.intendedNanos(1)).isEqualTo(333_333_333L);
    assertThat(schedule.intendedNanos(2)).isEqualTo(666_666_667L);
    assertThat(schedule.intendedNanos(3_000_000)).isEqualTo(1_000_000_000_000_000L);
  }

  @Test
  void intendedTimesIgnoreWhenEventsAreSent() {
    RateSchedule schedule = new RateSchedule(0, 10_000);
    long before = schedule.intendedNanos(42);

    // A sender that stalled requests the same index later: the schedule does not move.
    schedule.dueCount(5_000_000_000L);

    assertThat(schedule.intendedNanos(42)).isEqualTo(before).isEqualTo(4_200_000L);
  }

  @Test
  void dueCountIncludesEventsAtNow() {
    RateSchedule schedule = new RateSchedule(1_000, 1_000);

    assertThat(schedule.dueCount(999)).isZero();
    assertThat(schedule.dueCount(1_000)).isEqualTo(1);
    assertThat(schedule.dueCount(1_000 + 999_999)).isEqualTo(1);
    assertThat(schedule.dueCount(1_000 + 1_000_000)).isEqualTo(2);
  }

  @Test
  void dueCountMatchesIntendedTimes() {
    RateSchedule schedule = new RateSchedule(17, 7_919);

    for (long index = 0; index < 20_000; index += 37) {
      long at = schedule.intendedNanos(index);
      assertThat(schedule.dueCount(at)).as("due at event %d", index).isEqualTo(index + 1);
      assertThat(schedule.dueCount(at - 1)).as("due just before event %d", index).isEqualTo(index);
    }
  }

  @Test
  void countWithinDurationExcludesTheEnd() {
    RateSchedule schedule = new RateSchedule(0, 1_000);

    assertThat(schedule.countWithin(1_000_000_000L)).isEqualTo(1_000);
    assertThat(schedule.countWithin(1_000_000_001L)).isEqualTo(1_001);
    assertThat(schedule.countWithin(0)).isZero();
  }

  @Test
  void rateMustBePositive() {
    assertThatThrownBy(() -> new RateSchedule(0, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("positive");
    assertThatThrownBy(() -> new RateSchedule(0, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
  }
}
