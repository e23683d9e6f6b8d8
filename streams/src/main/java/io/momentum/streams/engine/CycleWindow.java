package io.momentum.streams.engine;

import java.time.Instant;
import java.time.ZoneOffset;

/**
 * A cycle as a time window: from 00:00 UTC of its first day (inclusive) to 00:00 UTC of the day
 * after its last day (exclusive), in epoch milliseconds. Replacing a cycle creates a new window.
 */
final class CycleWindow {

  final CycleDef def;
  final long startMillis;
  final long endMillis;

  CycleWindow(CycleDef def) {
    this.def = def;
    this.startMillis = def.start().atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    this.endMillis = def.end().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
  }

  boolean closed() {
    return def.closed();
  }

  /** Returns true when {@code millis} lies inside the window. */
  boolean contains(long millis) {
    return millis >= startMillis && millis < endMillis;
  }

  /** Returns true when the cycle overlaps the UTC day of {@code now}. */
  boolean overlaps(Instant now) {
    return contains(now.toEpochMilli());
  }

  /** Expected progress at {@code now}: the elapsed share of the window, clamped, in fixed point. */
  long expected(Instant now) {
    long length = endMillis - startMillis;
    if (length <= 0) {
      return FixedPoint.ONE;
    }
    long elapsed = Math.max(0, Math.min(length, now.toEpochMilli() - startMillis));
    return FixedPoint.divideHalfUp(elapsed * FixedPoint.ONE, length);
  }
}
