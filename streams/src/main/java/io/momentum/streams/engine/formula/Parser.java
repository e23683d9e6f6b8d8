package io.momentum.streams.engine.formula;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Recursive-descent parser of the formula grammar:
 *
 * <pre>
 * sum     = product { ("+" | "-") product }
 * product = unary { ("*" | "/") unary }
 * unary   = "-" unary | primary
 * primary = number | variable | function "(" sum { "," sum } ")" | "(" sum ")"
 * </pre>
 *
 * Nesting of parentheses, calls and unary minus is bounded by {@link Formula#MAX_DEPTH}, so the
 * parser's recursion stays small whatever the input.
 */
final class Parser {

  static final Set<String> FUNCTIONS = Set.of("min", "max", "abs", "round");
  private static final String FUNCTION_HINT = "use min, max, abs or round";
  /** Largest number of digits {@code round} accepts, either side of the decimal point. */
  static final int MAX_ROUND_DIGITS = 12;

  private final List<Token> tokens;
  private final Set<String> variables = new TreeSet<>();
  private int index;
  private int depth;

  private Parser(List<Token> tokens) {
    this.tokens = tokens;
  }

  /** Parses tokens into a tree and collects the variable names it uses. */
  static Parser parse(List<Token> tokens) {
    return new Parser(tokens);
  }

  Expr expression() {
    if (peek().type() == Token.Type.END) {
      throw new FormulaException(peek().position(), "empty", "empty formula",
          "write an expression such as orders * average_order_value");
    }
    Expr expr = sum();
    Token rest = peek();
    if (rest.type() != Token.Type.END) {
      throw new FormulaException(rest.position(),
          rest.type() == Token.Type.RIGHT ? "extra_bracket" : "missing_operator", "unexpected " + describe(rest),
          rest.type() == Token.Type.RIGHT ? "remove the extra ')'"
              : "join terms with an operator such as + or *");
    }
    return expr;
  }

  Set<String> variables() {
    return variables;
  }

  private Expr sum() {
    Expr left = product();
    while (peek().type() == Token.Type.PLUS || peek().type() == Token.Type.MINUS) {
      char operator = next().text().charAt(0);
      left = new Expr.Binary(operator, left, product());
    }
    return left;
  }

  private Expr product() {
    Expr left = unary();
    while (peek().type() == Token.Type.STAR || peek().type() == Token.Type.SLASH) {
      char operator = next().text().charAt(0);
      left = new Expr.Binary(operator, left, unary());
    }
    return left;
  }

  private Expr unary() {
    if (peek().type() == Token.Type.MINUS) {
      Token minus = next();
      enter(minus);
      Expr operand = unary();
      depth--;
      return new Expr.Negate(operand);
    }
    return primary();
  }

  private Expr primary() {
    Token token = next();
    switch (token.type()) {
      case NUMBER:
        return new Expr.Number(new BigDecimal(token.text()));
      case NAME:
        return name(token);
      case LEFT: {
        enter(token);
        Expr inner = sum();
        expect(Token.Type.RIGHT, "missing ')'", "close the '(' at character " + token.position());
        depth--;
        return inner;
      }
      default:
        throw new FormulaException(token.position(), token.type() == Token.Type.END ? "ends_early" : "unexpected_term",
            token.type() == Token.Type.END ? "the formula ends too early" : "unexpected " + describe(token),
            "a number, a variable, a function or '(' must come here");
    }
  }

  private Expr name(Token token) {
    String name = token.text();
    boolean call = peek().type() == Token.Type.LEFT;
    if (!call) {
      if (FUNCTIONS.contains(name)) {
        throw new FormulaException(token.position(), "missing_arguments", name, "function '" + name + "' without arguments",
            "write " + name + "(...)");
      }
      if (name.length() > Formula.MAX_VARIABLE_LENGTH) {
        throw new FormulaException(token.position(), "variable_too_long", "variable name longer than "
            + Formula.MAX_VARIABLE_LENGTH + " characters", "use a shorter name");
      }
      variables.add(name);
      return new Expr.Variable(name);
    }
    if (!FUNCTIONS.contains(name)) {
      throw new FormulaException(token.position(), "unknown_function", shorten(name), "unknown function '" + shorten(name) + "'",
          FUNCTION_HINT);
    }
    next();
    enter(token);
    List<Expr> arguments = new ArrayList<>();
    List<Token> starts = new ArrayList<>();
    if (peek().type() != Token.Type.RIGHT) {
      do {
        starts.add(peek());
        arguments.add(sum());
      } while (accept(Token.Type.COMMA));
    }
    expect(Token.Type.RIGHT, "missing ')'", "separate arguments with ',' and close the call of '" + name
        + "' at character " + token.position());
    depth--;
    return call(token, name, arguments, starts);
  }

  private static Expr call(Token token, String name, List<Expr> arguments, List<Token> starts) {
    int count = arguments.size();
    switch (name) {
      case "min", "max" -> {
        if (count < 2) {
          throw new FormulaException(token.position(), "argument_count", name, name + " needs at least 2 arguments, got "
              + count, "write " + name + "(a, b, ...)");
        }
        return new Expr.Extreme(name.equals("max"), List.copyOf(arguments));
      }
      case "abs" -> {
        if (count != 1) {
          throw new FormulaException(token.position(), "argument_count", "abs", "abs needs 1 argument, got " + count,
              "write abs(x)");
        }
        return new Expr.Abs(arguments.get(0));
      }
      default -> {
        if (count != 2) {
          throw new FormulaException(token.position(), "argument_count", "round", "round needs 2 arguments, got " + count,
              "write round(x, digits), for example round(x, 2)");
        }
        return new Expr.Round(arguments.get(0), roundDigits(arguments.get(1), starts.get(1)));
      }
    }
  }

  /** Reads round's digits: a whole number from -12 to 12, optionally negated. */
  private static int roundDigits(Expr expr, Token start) {
    BigDecimal value = null;
    if (expr instanceof Expr.Number number) {
      value = number.value();
    } else if (expr instanceof Expr.Negate negate && negate.operand() instanceof Expr.Number n) {
      value = n.value().negate();
    }
    String hint = "write a whole number from -" + MAX_ROUND_DIGITS + " to " + MAX_ROUND_DIGITS;
    if (value == null) {
      throw new FormulaException(start.position(), "round_digits", "the digits of round must be a number", hint);
    }
    if (value.stripTrailingZeros().scale() > 0
        || value.abs().compareTo(BigDecimal.valueOf(MAX_ROUND_DIGITS)) > 0) {
      throw new FormulaException(start.position(), "round_digits", "invalid digits " + value.toPlainString()
          + " for round", hint);
    }
    return value.intValueExact();
  }

  private void enter(Token token) {
    if (++depth > Formula.MAX_DEPTH) {
      throw new FormulaException(token.position(), "too_deep", "nesting deeper than " + Formula.MAX_DEPTH
          + " levels", "simplify the formula");
    }
  }

  private Token peek() {
    return tokens.get(index);
  }

  private Token next() {
    Token token = tokens.get(index);
    if (token.type() != Token.Type.END) {
      index++;
    }
    return token;
  }

  private boolean accept(Token.Type type) {
    if (peek().type() == type) {
      index++;
      return true;
    }
    return false;
  }

  private void expect(Token.Type type, String reason, String hint) {
    Token token = peek();
    if (token.type() != type) {
      throw new FormulaException(token.position(), "missing_bracket", reason, hint);
    }
    index++;
  }

  private static String describe(Token token) {
    return switch (token.type()) {
      case NUMBER -> "number " + shorten(token.text());
      case NAME -> "name '" + shorten(token.text()) + "'";
      case END -> "end of formula";
      default -> "'" + token.text() + "'";
    };
  }

  private static String shorten(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "..." : text;
  }
}
