package io.momentum.streams.load;

/**
 * The intended send time of every event of a fixed-rate run, computed from the start time and
 * the rate alone. A sender that falls behind still stamps each event with its intended time, so
 * the delay it caused shows in the measured latency instead of being hidden (no coordinated
 * omission).
 */
public final class RateSchedule {

  private final long startNanos;
  private final double eventsPerSecond;

  /**
   * @param startNanos {@link System#nanoTime()} value at which event 0 is due
   * @param eventsPerSecond rate; must be above zero
   */
  public RateSchedule(long startNanos, double eventsPerSecond) {
    if (!(eventsPerSecond > 0) || Double.isInfinite(eventsPerSecond)) {
      throw new IllegalArgumentException("rate must be a positive number of events per second, not " + eventsPerSecond);
    }
    this.startNanos = startNanos;
    this.eventsPerSecond = eventsPerSecond;
  }

  public long startNanos() {
    return startNanos;
  }

  public double eventsPerSecond() {
    return eventsPerSecond;
  }

  /** Returns the {@link System#nanoTime()} value at which event {@code index} (0-based) is due. */
  public long intendedNanos(long index) {
    if (index < 0) {
      throw new IllegalArgumentException("event index must be 0 or more, not " + index);
    }
    return startNanos + Math.round(index * 1e9 / eventsPerSecond);
  }

  /** Returns how many events are due at or before {@code nowNanos}, that is, events 0 to n-1. */
  public long dueCount(long nowNanos) {
    if (nowNanos < startNanos) {
      return 0;
    }
    long estimate = (long) Math.floor((nowNanos - startNanos) * eventsPerSecond / 1e9) + 1;
    // Rounding in intendedNanos may move an event by one nanosecond either way; settle it exactly.
    while (estimate > 0 && intendedNanos(estimate - 1) > nowNanos) {
      estimate--;
    }
    while (intendedNanos(estimate) <= nowNanos) {
      estimate++;
    }
    return estimate;
  }

  /** Returns how many events fall in a run of {@code durationNanos}: those due before its end. */
  public long countWithin(long durationNanos) {
    return durationNanos <= 0 ? 0 : dueCount(startNanos + durationNanos - 1);
  }
}
