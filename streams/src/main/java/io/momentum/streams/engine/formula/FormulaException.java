package io.momentum.streams.engine.formula;

/**
 * A formula that cannot be parsed. {@link #position()} is the 1-based character position of the
 * problem, and the message names it together with the fix, for example "unknown function 'sqrt'
 * at 12; use min, max, abs or round".
 */
public final class FormulaException extends IllegalArgumentException {

  private final int position;
  private final String reason;

  FormulaException(int position, String reason, String hint) {
    super(reason + " at " + position + (hint == null ? "" : "; " + hint));
    this.position = position;
    this.reason = reason;
  }

  /** 1-based character position in the formula text where the problem starts. */
  public int position() {
    return position;
  }

  /** The problem without its position and hint, such as "unknown function 'sqrt'". */
  public String reason() {
    return reason;
  }
}
