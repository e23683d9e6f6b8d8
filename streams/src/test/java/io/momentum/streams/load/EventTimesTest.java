package io.momentum.streams.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventTimesTest {

  @Test
  void stampIsIntendedTimeWhenNewer() {
    EventTimes times = new EventTimes();

    assertThat(times.stamp("kr-a", 1_000)).isEqualTo(1_000);
    assertThat(times.stamp("kr-a", 1_005)).isEqualTo(1_005);
    assertThat(times.bumped()).isZero();
  }

  @Test
  void sameMillisecondIsBumpedPerKey() {
    EventTimes times = new EventTimes();
    times.stamp("kr-a", 1_000);

    assertThat(times.stamp("kr-a", 1_000)).isEqualTo(1_001);
    assertThat(times.stamp("kr-a", 1_000)).isEqualTo(1_002);
    assertThat(times.bumped()).isEqualTo(2);
  }

  @Test
  void otherKeysKeepTheirOwnTimes() {
    EventTimes times = new EventTimes();
    times.stamp("kr-a", 1_000);

    assertThat(times.stamp("kr-b", 1_000)).isEqualTo(1_000);
    assertThat(times.bumped()).isZero();
  }

  @Test
  void lastStampIsKeptPerKey() {
    EventTimes times = new EventTimes();
    times.stamp("kr-a", 1_000);
    times.stamp("kr-a", 999);
    times.stamp("kr-b", 2_000);

    assertThat(times.last("kr-a")).isEqualTo(1_001);
    assertThat(times.last("kr-c")).isEqualTo(-1);
    assertThat(times.lastByKey()).containsEntry("kr-a", 1_001L).containsEntry("kr-b", 2_000L).hasSize(2);
  }
}
