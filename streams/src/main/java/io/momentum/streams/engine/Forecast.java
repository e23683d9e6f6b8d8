package io.momentum.streams.engine;

import java.math.BigDecimal;

/**
 * Projected value at the end of the cycle and its progress, or the reason why there is none.
 * Exactly one of ({@code value}, {@code progress}) and {@code reason} is set. With a reason,
 * {@code code} names it for clients that word it in their own language: {@code not_forecast}
 * (the kind of node has no forecast), {@code no_cycle}, {@code too_few_values} ({@code points}
 * values so far), {@code one_day} or {@code no_target}.
 */
public record Forecast(BigDecimal value, BigDecimal progress, String reason, String code, Integer points) {

  /** Returns a forecast that could not be made, with the reason a person can read and its code. */
  public static Forecast none(String code, String reason) {
    return new Forecast(null, null, reason, code, null);
  }

  /** Returns a forecast that needs more values, with the number it has. */
  public static Forecast tooFew(String reason, int points) {
    return new Forecast(null, null, reason, "too_few_values", points);
  }

  /** Returns a projection. */
  public static Forecast of(BigDecimal value, BigDecimal progress) {
    return new Forecast(value, progress, null, null, null);
  }
}
