package io.momentum.streams.engine;

import java.math.BigDecimal;

/**
 * Projected value at the end of the cycle and its progress, or a reason why there is none.
 * Exactly one of ({@code value}, {@code progress}) and {@code reason} is set.
 */
public record Forecast(BigDecimal value, BigDecimal progress, String reason) {

  /** A forecast that could not be made, with the reason a person can read. */
  public static Forecast none(String reason) {
    return new Forecast(null, null, reason);
  }
}
