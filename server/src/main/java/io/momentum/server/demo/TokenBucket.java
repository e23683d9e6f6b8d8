package io.momentum.server.demo;

/**
 * Tokens that accrue at a fixed rate up to a capacity, on a monotonic clock in nanoseconds. The
 * publisher takes its events per tick from one bucket, so that fractional rates and late timer
 * ticks still average out to the configured rate, and paces rare changes with others.
 */
final class TokenBucket {

  private final double perSecond;
  private final double capacity;
  private double tokens;
  private long lastNanos;

  TokenBucket(double perSecond, double capacity, double initial, long nowNanos) {
    this.perSecond = perSecond;
    this.capacity = capacity;
    this.tokens = Math.min(initial, capacity);
    this.lastNanos = nowNanos;
  }

  /** Takes every whole token that has accrued by {@code nowNanos} and returns their number. */
  int takeAll(long nowNanos) {
    refill(nowNanos);
    int whole = (int) Math.floor(tokens);
    tokens -= whole;
    return whole;
  }

  /** Takes one token when there is one. */
  boolean tryTake(long nowNanos) {
    refill(nowNanos);
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }

  private void refill(long nowNanos) {
    long elapsed = nowNanos - lastNanos;
    if (elapsed > 0) {
      tokens = Math.min(capacity, tokens + elapsed / 1e9 * perSecond);
      lastNanos = nowNanos;
    }
  }
}
