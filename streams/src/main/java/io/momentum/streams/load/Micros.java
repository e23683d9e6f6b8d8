package io.momentum.streams.load;

import java.time.Instant;

/** Epoch-microsecond helpers: the unit of every latency this package records. */
final class Micros {

  private Micros() {
  }

  /** Returns the current wall-clock time in epoch microseconds (microsecond precision on Linux since JDK 15). */
  static long now() {
    return of(Instant.now());
  }

  static long of(Instant instant) {
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
  }

  /** Parses an ISO-8601 instant such as {@code 2026-12-04T10:00:00.123Z}; returns -1 for null. */
  static long parse(String iso) {
    return iso == null ? -1 : of(Instant.parse(iso));
  }
}
