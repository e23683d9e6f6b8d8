package io.momentum.streams.engine.formula;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A parsed KPI formula: decimal numbers, lower-case variables ({@code [a-z_][a-z0-9_]*}), {@code
 * + - * /}, unary minus, parentheses, {@code min(a, b, ...)}, {@code max(a, b, ...)}, {@code
 * abs(x)} and {@code round(x, digits)}. There are no other functions, no assignments and no
 * loops, so evaluation always ends and costs time linear in the formula's length.
 *
 * <p>Arithmetic runs in {@link BigDecimal} with 16 significant digits ({@link
 * MathContext#DECIMAL64}, rounding half even); {@code round} rounds half up. Immutable and
 * thread-safe.
 */
public final class Formula {

  /** Longest formula text, in characters. */
  public static final int MAX_LENGTH = 500;
  /** Deepest nesting of parentheses, calls and unary minus. */
  public static final int MAX_DEPTH = 32;
  /** Longest variable name, as the {@code kpi_drivers.variable} column allows. */
  public static final int MAX_VARIABLE_LENGTH = 40;
  /** Arithmetic context of every evaluation: 16 significant digits. */
  public static final MathContext CONTEXT = MathContext.DECIMAL64;

  private final String text;
  private final Expr root;
  private final Set<String> variables;

  private Formula(String text, Expr root, Set<String> variables) {
    this.text = text;
    this.root = root;
    this.variables = Set.copyOf(variables);
  }

  /**
   * Parses formula text.
   *
   * @throws FormulaException naming the 1-based position of the problem and how to fix it
   */
  public static Formula parse(String text) {
    if (text == null) {
      throw new FormulaException(1, "empty", "missing formula", "send the formula text");
    }
    if (text.length() > MAX_LENGTH) {
      throw new FormulaException(MAX_LENGTH + 1, "too_long", "formula longer than " + MAX_LENGTH
          + " characters", "shorten it or move parts into driver KPIs");
    }
    Parser parser = Parser.parse(Lexer.tokens(text));
    Expr root = parser.expression();
    return new Formula(text, root, parser.variables());
  }

  /** Returns true when {@code name} is a valid variable name and not a function name. */
  public static boolean validVariable(String name) {
    if (name == null || name.isEmpty() || name.length() > MAX_VARIABLE_LENGTH
        || !Lexer.isNameStart(name.charAt(0)) || Parser.FUNCTIONS.contains(name)) {
      return false;
    }
    for (int i = 1; i < name.length(); i++) {
      if (!Lexer.isNamePart(name.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** The formula text as given. */
  public String text() {
    return text;
  }

  /** Names of the variables the formula uses. */
  public Set<String> variables() {
    return variables;
  }

  /**
   * Evaluates the formula. Returns empty ("no value") when a variable it uses has no value, when
   * it divides by zero, when a result leaves the range of {@link BigDecimal}, or when the result
   * has more than 1,000 digits before the decimal point; never throws for those. A whole-number result has scale 0, and trailing zeros are removed from other results.
   */
  public Optional<BigDecimal> evaluate(Map<String, BigDecimal> values) {
    BigDecimal result;
    try {
      result = root.eval(values, CONTEXT);
    } catch (ArithmeticException e) {
      // The exponent of a result left the int range of BigDecimal's scale.
      return Optional.empty();
    }
    if (result == null) {
      return Optional.empty();
    }
    BigDecimal stripped = result.stripTrailingZeros();
    if (stripped.scale() < 0) {
      if (stripped.precision() - stripped.scale() > 1_000) {
        return Optional.empty();
      }
      stripped = stripped.setScale(0);
    }
    return Optional.of(stripped);
  }

  @Override
  public String toString() {
    return text;
  }
}
