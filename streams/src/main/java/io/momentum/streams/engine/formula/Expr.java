package io.momentum.streams.engine.formula;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/**
 * Syntax tree of a formula. {@link #eval} returns null for "no value": a missing variable, a
 * division by zero, or a result outside the range of {@link BigDecimal}.
 */
sealed interface Expr {

  BigDecimal eval(Map<String, BigDecimal> values, MathContext context);

  /** A number literal. */
  record Number(BigDecimal value) implements Expr {
    @Override
    public BigDecimal eval(Map<String, BigDecimal> values, MathContext context) {
      return value;
    }
  }

  /** A driver's variable. */
  record Variable(String name) implements Expr {
    @Override
    public BigDecimal eval(Map<String, BigDecimal> values, MathContext context) {
      return values.get(name);
    }
  }

  /** Unary minus. */
  record Negate(Expr operand) implements Expr {
    @Override
    public BigDecimal eval(Map<String, BigDecimal> values, MathContext context) {
      BigDecimal value = operand.eval(values, context);
      return value == null ? null : value.negate();
    }
  }

  /** One of {@code + - * /}. */
  record Binary(char operator, Expr left, Expr right) implements Expr {
    @Override
    public BigDecimal eval(Map<String, BigDecimal> values, MathContext context) {
      BigDecimal a = left.eval(values, context);
      if (a == null) {
        return null;
      }
      BigDecimal b = right.eval(values, context);
      if (b == null) {
        return null;
      }
      return switch (operator) {
        case '+' -> a.add(b, context);
        case '-' -> a.subtract(b, context);
        case '*' -> a.multiply(b, context);
        case '/' -> b.signum() == 0 ? null : a.divide(b, context);
        default -> throw new IllegalStateException("operator " + operator);
      };
    }
  }

  /** {@code min} or {@code max} over two or more arguments. */
  record Extreme(boolean max, List<Expr> arguments) implements Expr {
    @Override
    public BigDecimal eval(Map<String, BigDecimal> values, MathContext context) {
      BigDecimal result = null;
      for (Expr argument : arguments) {
        BigDecimal value = argument.eval(values, context);
        if (value == null) {
          return null;
        }
        if (result == null || (max ? value.compareTo(result) > 0 : value.compareTo(result) < 0)) {
          result = value;
        }
      }
      return result;
    }
  }

  /** Absolute value. */
  record Abs(Expr operand) implements Expr {
    @Override
    public BigDecimal eval(Map<String, BigDecimal> values, MathContext context) {
      BigDecimal value = operand.eval(values, context);
      return value == null ? null : value.abs();
    }
  }

  /** Rounds half up to {@code digits} decimals; negative digits round to tens, hundreds and so on. */
  record Round(Expr operand, int digits) implements Expr {
    @Override
    public BigDecimal eval(Map<String, BigDecimal> values, MathContext context) {
      BigDecimal value = operand.eval(values, context);
      return value == null ? null : value.setScale(digits, RoundingMode.HALF_UP);
    }
  }
}
