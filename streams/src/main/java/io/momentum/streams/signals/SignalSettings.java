package io.momentum.streams.signals;

import java.time.Duration;

/**
 * Thresholds of the signal detection of one organisation, stored with the organisation and
 * changed through {@code PATCH /api/v1/settings}.
 *
 * @param stallCheckIns number of consecutive check-ins with a flat value that make a key result
 *     stalled (2-20)
 * @param confidenceDrop fall in confidence, in points of the 0-10 scale, that raises a
 *     confidence drop (1-10)
 * @param anomalyZ robust z-score from which a KPI value is anomalous (2-10)
 * @param checkInGraceDays days after the weekly check-in is due before it counts as missed (0-30)
 */
public record SignalSettings(int stallCheckIns, int confidenceDrop, double anomalyZ, int checkInGraceDays) {

  /** Settings of an organisation that never changed them. */
  public static final SignalSettings DEFAULTS = new SignalSettings(3, 3, 3.5, 2);

  /** Time between two check-ins a key result is expected to keep. */
  public static final Duration CHECK_IN_EVERY = Duration.ofDays(7);

  public SignalSettings {
    if (stallCheckIns < 2 || stallCheckIns > 20) {
      throw new IllegalArgumentException("stallCheckIns must be 2-20, was " + stallCheckIns);
    }
    if (confidenceDrop < 1 || confidenceDrop > 10) {
      throw new IllegalArgumentException("confidenceDrop must be 1-10, was " + confidenceDrop);
    }
    if (!(anomalyZ >= 2 && anomalyZ <= 10)) {
      throw new IllegalArgumentException("anomalyZ must be 2-10, was " + anomalyZ);
    }
    if (checkInGraceDays < 0 || checkInGraceDays > 30) {
      throw new IllegalArgumentException("checkInGraceDays must be 0-30, was " + checkInGraceDays);
    }
  }

  /**
   * Time after the last check-in, or after the later of the cycle start and the key result's
   * creation, from which a check-in counts as missed.
   */
  public Duration missedAfter() {
    return CHECK_IN_EVERY.plusDays(checkInGraceDays);
  }
}
