package io.momentum.server.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private static final List<Duration> SCHEDULE = WebhookSettings.parseDelays("test", WebhookSettings.DEFAULT_RETRY_SECONDS);

  @Test
  void delayFollowsScheduleWithinJitter() {
    long[] expectedSeconds = {10, 60, 300, 1800, 7200, 21600};
    for (int attempt = 1; attempt <= expectedSeconds.length; attempt++) {
      for (int i = 0; i < 50; i++) {
        Duration delay = Backoff.delay(SCHEDULE, attempt, 7, null);
        long base = expectedSeconds[attempt - 1] * 1000;
        assertThat(delay.toMillis()).as("attempt %d", attempt).isBetween(Math.round(base * 0.8), Math.round(base * 1.2));
      }
    }
  }

  @Test
  void delayIsNullAfterLastAttempt() {
    assertThat(Backoff.delay(SCHEDULE, 7, 7, null)).isNull();
  }

  @Test
  void delayUsesLastWaitWhenRedeliveryAddsAttempts() {
    Duration delay = Backoff.delay(SCHEDULE, 9, 14, null);

    assertThat(delay.toMillis()).isBetween(Math.round(21_600_000 * 0.8), Math.round(21_600_000 * 1.2));
  }

  @Test
  void delayHonoursLongerRetryAfter() {
    assertThat(Backoff.delay(SCHEDULE, 1, 7, Duration.ofSeconds(120))).isEqualTo(Duration.ofSeconds(120));
  }

  @Test
  void delayKeepsScheduleWhenRetryAfterIsShorter() {
    assertThat(Backoff.delay(SCHEDULE, 2, 7, Duration.ofSeconds(1)).toSeconds()).isGreaterThanOrEqualTo(48);
  }

  @Test
  void delayCapsRetryAfter() {
    assertThat(Backoff.delay(SCHEDULE, 1, 7, Duration.ofDays(3))).isEqualTo(Backoff.MAX_RETRY_AFTER);
  }

  @Test
  void parseRetryAfterReadsSeconds() {
    assertThat(Backoff.parseRetryAfter("120", Instant.now())).isEqualTo(Duration.ofSeconds(120));
  }

  @Test
  void parseRetryAfterReadsHttpDate() {
    Instant now = Instant.parse("2026-12-05T10:00:00Z");

    assertThat(Backoff.parseRetryAfter("Sat, 05 Dec 2026 10:01:30 GMT", now)).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void parseRetryAfterIgnoresGarbage() {
    assertThat(Backoff.parseRetryAfter("soon", Instant.now())).isNull();
  }

  @Test
  void parseDelaysReadsFractions() {
    assertThat(WebhookSettings.parseDelays("k", "0.3, 1.2")).containsExactly(Duration.ofMillis(300), Duration.ofMillis(1200));
  }
}
