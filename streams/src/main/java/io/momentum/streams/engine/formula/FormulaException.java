package io.momentum.streams.engine.formula;

/**
 * A formula that cannot be parsed. {@link #position()} is the 1-based character position of the
 * problem, and the message names it together with the fix, for example "unknown function 'sqrt'
 * at 12; use min, max, abs or round".
 */
public final class FormulaException extends IllegalArgumentException {

  private final int position;
  private final String problem;
  private final String subject;
  private final String reason;

  FormulaException(int position, String problem, String reason, String hint) {
    this(position, problem, null, reason, hint);
  }

  /**
   * Creates the failure of a formula.
   *
   * @param problem stable code of the kind of problem, such as {@code unknown_function}
   * @param subject the function or character the problem is about, or null
   */
  FormulaException(int position, String problem, String subject, String reason, String hint) {
    super(reason + " at " + position + (hint == null ? "" : "; " + hint));
    this.position = position;
    this.problem = problem;
    this.subject = subject;
    this.reason = reason;
  }

  /** 1-based character position in the formula text where the problem starts. */
  public int position() {
    return position;
  }

  /**
   * Stable code of the kind of problem, for clients that word it themselves: empty, too_long,
   * number, character, extra_bracket, missing_operator, missing_bracket, ends_early,
   * unexpected_term, missing_arguments, argument_count, unknown_function, variable_too_long,
   * round_digits or too_deep.
   */
  public String problem() {
    return problem;
  }

  /** The function or character the problem is about, such as {@code sqrt}, or null. */
  public String subject() {
    return subject;
  }

  /** The problem without its position and hint, such as "unknown function 'sqrt'". */
  public String reason() {
    return reason;
  }
}
