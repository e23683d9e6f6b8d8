package io.momentum.server.webhooks;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a failed delivery is tried again: the configured wait for the attempt number, spread by
 * up to 20 % either way so that many deliveries failing together do not retry together, or the
 * receiver's {@code Retry-After} on 429 and 503 when it requests a longer wait.
 */
public final class Backoff {

  /** Longest {@code Retry-After} honoured, so a receiver cannot park a delivery for days. */
  static final Duration MAX_RETRY_AFTER = Duration.ofHours(6);

  private Backoff() {
  }

  /**
   * Returns the wait after the failed attempt number {@code attempt} (1 for the first), or null
   * when the delivery has used all its attempts.
   *
   * @param retryAfter the receiver's Retry-After, or null
   */
  public static Duration delay(List<Duration> schedule, int attempt, int maxAttempts, Duration retryAfter) {
    if (attempt >= maxAttempts) {
      return null;
    }
    Duration base = schedule.get(Math.min(attempt, schedule.size()) - 1);
    double spread = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
    Duration jittered = Duration.ofMillis(Math.round(base.toMillis() * spread));
    if (retryAfter != null && retryAfter.compareTo(jittered) > 0) {
      return retryAfter.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter;
    }
    return jittered;
  }

  /**
   * Parses a Retry-After header: delay seconds or an HTTP date. Returns null for a missing or
   * unreadable value, and zero for a date in the past.
   */
  public static Duration parseRetryAfter(String header, Instant now) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String value = header.trim();
    if (value.matches("\\d{1,9}")) {
      return Duration.ofSeconds(Long.parseLong(value));
    }
    try {
      Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
