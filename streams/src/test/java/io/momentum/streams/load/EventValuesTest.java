package io.momentum.streams.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventValuesTest {

  @Test
  void consecutiveValuesDifferAndStayInRange() {
    double previous = Double.NaN;
    for (long step = 1; step <= 500; step++) {
      double value = EventValues.value(100, 50, step);
      assertThat(value).as("step %d", step).isBetween(50.0, 100.0).isNotEqualTo(previous);
      previous = value;
    }
  }

  @Test
  void formatIsPlainJsonNumber() {
    assertThat(EventValues.format(12.0)).isEqualTo("12");
    assertThat(EventValues.format(0.123456)).isEqualTo("0.1235");
    assertThat(EventValues.format(1e7)).isEqualTo("10000000");
  }
}
