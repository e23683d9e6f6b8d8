package io.momentum.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

  private static final long TICK_NANOS = 50_000_000L;
  private static final long SECOND_NANOS = 1_000_000_000L;

  @Test
  void fractionalRateAveragesOut() {
    TokenBucket bucket = new TokenBucket(0.5, 1, 0, 0);
    int taken = 0;
    for (long now = TICK_NANOS; now <= 10 * SECOND_NANOS; now += TICK_NANOS) {
      taken += bucket.takeAll(now);
    }
    assertThat(taken).isEqualTo(5);
  }

  @Test
  void highRateSendsItsShareEachTick() {
    TokenBucket bucket = new TokenBucket(5000, 5000, 0, 0);
    int total = 0;
    for (long now = TICK_NANOS; now <= SECOND_NANOS; now += TICK_NANOS) {
      int tick = bucket.takeAll(now);
      assertThat(tick).isBetween(249, 251);
      total += tick;
    }
    assertThat(total).isBetween(4999, 5000);
  }

  @Test
  void capacityLimitsBurstAfterPause() {
    TokenBucket bucket = new TokenBucket(100, 100, 0, 0);
    assertThat(bucket.takeAll(10 * SECOND_NANOS)).isEqualTo(100);
    assertThat(bucket.takeAll(10 * SECOND_NANOS + TICK_NANOS)).isEqualTo(5);
  }

  @Test
  void tryTakeUsesInitialTokensThenWaits() {
    TokenBucket bucket = new TokenBucket(1.0 / 120, 1, 1, 0);
    assertThat(bucket.tryTake(0)).isTrue();
    assertThat(bucket.tryTake(60 * SECOND_NANOS)).isFalse();
    assertThat(bucket.tryTake(120 * SECOND_NANOS)).isTrue();
  }
}
