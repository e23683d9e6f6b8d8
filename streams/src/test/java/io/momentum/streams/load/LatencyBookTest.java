package io.momentum.streams.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LatencyBookTest {

  private static LatencyBook bookWithWindow(long from, long to) {
    LatencyBook book = new LatencyBook();
    book.window(from, to);
    return book;
  }

  @Test
  void newerValueRecordsReceiveMinusUpdatedAt() {
    LatencyBook book = bookWithWindow(0, Long.MAX_VALUE);
    book.hold("n1", "kr-a", 1_000_000);

    long latency = book.observe("n1", "kr-a", 2_000_000, 2_012_500);

    assertThat(latency).isEqualTo(12_500);
    Histogram histogram = book.takeInterval();
    assertThat(histogram.getTotalCount()).isEqualTo(1);
    assertThat(histogram.getMaxValue()).isBetween(12_490L, 12_510L);
  }

  @Test
  void valueNotNewerThanHeldIsIgnored() {
    LatencyBook book = bookWithWindow(0, Long.MAX_VALUE);
    book.hold("n1", "kr-a", 2_000_000);

    assertThat(book.observe("n1", "kr-a", 2_000_000, 2_100_000)).isEqualTo(-1);
    assertThat(book.observe("n1", "kr-a", 1_500_000, 2_100_000)).isEqualTo(-1);
    assertThat(book.takeInterval().getTotalCount()).isZero();
  }

  @Test
  void sameValueCountsOnceAcrossDeltas() {
    LatencyBook book = bookWithWindow(0, Long.MAX_VALUE);

    assertThat(book.observe("n1", "kr-a", 2_000_000, 2_050_000)).isEqualTo(50_000);
    assertThat(book.observe("n1", "kr-a", 2_000_000, 2_090_000)).isEqualTo(-1);
    assertThat(book.recorded()).isEqualTo(1);
  }

  @Test
  void valuesOutsideWindowAreHeldButNotRecorded() {
    LatencyBook book = bookWithWindow(10_000_000, 20_000_000);

    assertThat(book.observe("n1", "kr-a", 9_999_999, 10_100_000)).isEqualTo(-1);
    assertThat(book.observe("n1", "kr-a", 20_000_000, 20_100_000)).isEqualTo(-1);
    assertThat(book.observe("n2", "kr-b", 10_000_000, 10_100_000)).isEqualTo(100_000);
    assertThat(book.takeInterval().getTotalCount()).isEqualTo(1);
    // The out-of-window value is still held, so an older one later is not taken as news.
    assertThat(book.observe("n1", "kr-a", 15_000_000, 21_000_000)).isEqualTo(-1);
  }

  @Test
  void negativeLatencyIsClampedToZero() {
    LatencyBook book = bookWithWindow(0, Long.MAX_VALUE);

    assertThat(book.observe("n1", "kr-a", 2_001_000, 2_000_500)).isZero();
    assertThat(book.clampedNegative()).isEqualTo(1);
  }

  @Test
  void takeIntervalStartsAfresh() {
    LatencyBook book = bookWithWindow(0, Long.MAX_VALUE);
    book.observe("n1", "kr-a", 1_000, 2_000);
    book.takeInterval();

    book.observe("n1", "kr-a", 3_000, 5_000);

    Histogram second = book.takeInterval();
    assertThat(second.getTotalCount()).isEqualTo(1);
    assertThat(second.getMaxValue()).isEqualTo(2_000);
  }

  @Test
  void behindCountsNodesOlderThanLastSent() {
    LatencyBook book = bookWithWindow(0, Long.MAX_VALUE);
    book.hold("n1", "kr-a", 5_000_000);
    book.hold("n2", "kr-b", 7_000_000);
    book.hold("n3", "objective-x", 1_000);

    Map<String, Long> lastSentMillis = Map.of("kr-a", 5_000L, "kr-b", 8_000L);

    assertThat(book.behind(lastSentMillis)).isEqualTo(1);
    book.observe("n2", "kr-b", 8_000_000, 8_010_000);
    assertThat(book.behind(lastSentMillis)).isZero();
  }

  @Test
  void countKeysFindsHeldTargets() {
    LatencyBook book = new LatencyBook();
    book.hold("n1", "kr-a", 1);
    book.hold("n2", "kr-b", 1);

    assertThat(book.countKeys(Set.of("kr-a", "kr-z"))).isEqualTo(1);
  }
}
