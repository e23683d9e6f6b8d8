package io.momentum.server.webhooks;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Settings of outbound webhooks.
 *
 * @param allowPrivate whether URLs may point at loopback, private, link-local or multicast
 *     addresses; off in production so a webhook cannot reach the node's own network
 * @param timeout the longest one attempt may take, from connecting to the end of the response
 * @param retryDelays the waits before the second, third, ... attempt; after the last one fails
 *     the delivery is failed, so a delivery makes at most {@code retryDelays.size() + 1} attempts
 * @param maxConcurrentPerSubscription the most attempts in flight for one subscription across
 *     the cluster
 * @param pollInterval how often each node looks for due deliveries when nothing wakes it
 * @param keepFinished how long delivered and failed deliveries stay in the delivery log
 */
public record WebhookSettings(boolean allowPrivate, Duration timeout, List<Duration> retryDelays,
                              int maxConcurrentPerSubscription, Duration pollInterval, Duration keepFinished) {

  /** Default waits between attempts: 10 s, 1 min, 5 min, 30 min, 2 h, 6 h, so 7 attempts in about 8.6 h. */
  public static final String DEFAULT_RETRY_SECONDS = "10,60,300,1800,7200,21600";

  public WebhookSettings {
    retryDelays = List.copyOf(retryDelays);
  }

  /** Returns the number of attempts a delivery gets before it is failed. */
  public int maxAttempts() {
    return retryDelays.size() + 1;
  }

  /**
   * Parses a comma-separated list of waits in seconds, such as "10,60,300" or "0.2,0.5"; throws
   * {@link IllegalArgumentException} naming {@code key} for an empty list, a value that is not a
   * number, or one outside 0.05 to 604800 (a week).
   */
  public static List<Duration> parseDelays(String key, String text) {
    List<Duration> delays = new ArrayList<>();
    for (String part : text.split(",")) {
      String trimmed = part.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      BigDecimal seconds;
      try {
        seconds = new BigDecimal(trimmed);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(key + " must be a comma-separated list of seconds such as \""
            + DEFAULT_RETRY_SECONDS + "\", not \"" + text + "\"");
      }
      if (seconds.compareTo(new BigDecimal("0.05")) < 0 || seconds.compareTo(BigDecimal.valueOf(604_800)) > 0) {
        throw new IllegalArgumentException(key + " must list waits from 0.05 to 604800 seconds, not " + trimmed);
      }
      delays.add(Duration.ofMillis(seconds.movePointRight(3).longValue()));
    }
    if (delays.isEmpty()) {
      throw new IllegalArgumentException(key + " must list at least one wait in seconds, such as \""
          + DEFAULT_RETRY_SECONDS + "\"");
    }
    return delays;
  }

  /** Returns the settings as text for the start-up log. */
  public String describe() {
    return "allowPrivate=" + allowPrivate + " timeout=" + timeout.toMillis() + "ms retries="
        + retryDelays.stream().map(d -> d.toMillis() + "ms").toList() + " perSubscription="
        + maxConcurrentPerSubscription + " poll=" + pollInterval.toMillis() + "ms keep=" + keepFinished.toDays() + "d";
  }
}
