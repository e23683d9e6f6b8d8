package io.momentum.streams.engine.formula;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FormulaTest {

  private static final Map<String, BigDecimal> VALUES = Map.of(
      "orders", new BigDecimal("1200"),
      "aov", new BigDecimal("45.50"),
      "returns", new BigDecimal("30"),
      "zero", BigDecimal.ZERO,
      "neg", new BigDecimal("-2.5"),
      "third", new BigDecimal("0.3333333333333333333333"));

  static Stream<Arguments> evaluations() {
    return Stream.of(
        Arguments.of("orders * aov", "54600"),
        Arguments.of("1 + 2 * 3", "7"),
        Arguments.of("(1 + 2) * 3", "9"),
        Arguments.of("10 - 4 - 3", "3"),
        Arguments.of("100 / 10 / 2", "5"),
        Arguments.of("-orders + 1", "-1199"),
        Arguments.of("--3", "3"),
        Arguments.of("2 * -3", "-6"),
        Arguments.of("returns / orders", "0.025"),
        Arguments.of("1 / 3", "0.3333333333333333"),
        Arguments.of("2 / 3", "0.6666666666666667"),
        Arguments.of("third * 3", "1"),
        Arguments.of("min(orders, aov, returns)", "30"),
        Arguments.of("max(orders, aov, returns)", "1200"),
        Arguments.of("max(neg, -3)", "-2.5"),
        Arguments.of("abs(neg)", "2.5"),
        Arguments.of("round(aov / 3, 2)", "15.17"),
        Arguments.of("round(2.5, 0)", "3"),
        Arguments.of("round(-2.5, 0)", "-3"),
        Arguments.of("round(orders * aov, -3)", "55000"),
        Arguments.of("0.1 + 0.2", "0.3"),
        Arguments.of(".5 * 4", "2"),
        Arguments.of("  orders\t*\n2 ", "2400"),
        Arguments.of("12345678901234567890 + 1", "12345678901234570000"),
        Arguments.of("(orders - returns) / orders * 100", "97.5"));
  }

  @ParameterizedTest(name = "{0} = {1}")
  @MethodSource("evaluations")
  void evaluatesWithSixteenDigits(String text, String expected) {
    BigDecimal value = Formula.parse(text).evaluate(VALUES).orElseThrow();

    assertThat(value.toPlainString()).isEqualTo(expected);
  }

  static Stream<Arguments> noValue() {
    return Stream.of(
        Arguments.of("orders / zero", "division by zero"),
        Arguments.of("orders / (returns - 30)", "division by a zero expression"),
        Arguments.of("orders * missing", "missing variable"),
        Arguments.of("min(orders, missing)", "missing variable inside min"),
        Arguments.of("round(missing, 2)", "missing variable inside round"));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("noValue")
  void givesNoValue(String text, String why) {
    assertThat(Formula.parse(text).evaluate(VALUES)).as(why).isEmpty();
  }

  @Test
  void hugeDriverValuesGiveNoValueNotException() {
    Map<String, BigDecimal> values = new HashMap<>();
    values.put("a", new BigDecimal("1E+2147483000"));
    values.put("b", new BigDecimal("1E+2147483000"));

    assertThat(Formula.parse("a * b").evaluate(values)).isEmpty();
  }

  @Test
  void resultBeyondThousandDigitsGivesNoValue() {
    Map<String, BigDecimal> values = Map.of("a", new BigDecimal("1E+600"),
        "b", new BigDecimal("1E+600"));

    assertThat(Formula.parse("a * b").evaluate(values)).isEmpty();
  }

  @Test
  void tinyDriverValuesGiveNoValueNotException() {
    Map<String, BigDecimal> values = Map.of("a", new BigDecimal("1E-2147483000"),
        "b", new BigDecimal("1E-2147483000"));

    assertThat(Formula.parse("a * b").evaluate(values)).isEmpty();
  }

  static Stream<Arguments> rejected() {
    return Stream.of(
        Arguments.of("sqrt(orders)", 1, "unknown function 'sqrt' at 1; use min, max, abs or round"),
        Arguments.of("orders + sqrt(2)", 10, "unknown function 'sqrt' at 10; use min, max, abs or round"),
        Arguments.of("", 1, "empty formula at 1"),
        Arguments.of("   ", 4, "empty formula at 4"),
        Arguments.of("orders *", 9, "the formula ends too early at 9"),
        Arguments.of("orders aov", 8, "unexpected name 'aov' at 8; join terms"),
        Arguments.of("(orders", 8, "missing ')' at 8; close the '(' at character 1"),
        Arguments.of("orders)", 7, "unexpected ')' at 7; remove the extra ')'"),
        Arguments.of("Orders * 2", 1, "unexpected character 'O' at 1; variable names are lower case"),
        Arguments.of("orders ^ 2", 8, "unexpected character '^' at 8"),
        Arguments.of("orders; drop table kpis", 7, "unexpected character ';' at 7"),
        Arguments.of("1e5", 2, "invalid number '1e' at 2"),
        Arguments.of("1.2.3", 4, "invalid number '1.2.' at 4"),
        Arguments.of(".", 1, "a decimal point without digits at 1"),
        Arguments.of("min", 1, "function 'min' without arguments at 1; write min(...)"),
        Arguments.of("min(orders)", 1, "min needs at least 2 arguments, got 1 at 1"),
        Arguments.of("max()", 1, "max needs at least 2 arguments, got 0 at 1"),
        Arguments.of("abs(1, 2)", 1, "abs needs 1 argument, got 2 at 1"),
        Arguments.of("round(orders)", 1, "round needs 2 arguments, got 1 at 1"),
        Arguments.of("round(orders, aov)", 15, "the digits of round must be a number at 15"),
        Arguments.of("round(orders, 1.5)", 15, "invalid digits 1.5 for round at 15"),
        Arguments.of("round(orders, 13)", 15, "invalid digits 13 for round at 15"),
        Arguments.of("min(orders aov)", 12, "missing ')' at 12; separate arguments with ',' and close the call of 'min' at character 1"),
        Arguments.of("orders + é", 10, "unexpected character 'é' at 10"),
        Arguments.of("orders\u0000", 7, "unexpected character U+0000 at 7"),
        Arguments.of("1" + "0".repeat(40), 1, "number longer than 40 characters at 1"),
        Arguments.of("a".repeat(41), 1, "variable name longer than 40 characters at 1"),
        Arguments.of("x".repeat(501), 501, "formula longer than 500 characters at 501"),
        Arguments.of("(".repeat(33) + "1" + ")".repeat(33), 33, "nesting deeper than 32 levels at 33"),
        Arguments.of("-".repeat(33) + "1", 33, "nesting deeper than 32 levels at 33"),
        Arguments.of("abs(".repeat(33) + "1" + ")".repeat(33), 129,
            "nesting deeper than 32 levels at 129"));
  }

  @ParameterizedTest(name = "[{index}] {2}")
  @MethodSource("rejected")
  void rejectsWithPositionAndFix(String text, int position, String message) {
    assertThatThrownBy(() -> Formula.parse(text))
        .isInstanceOfSatisfying(FormulaException.class, e -> {
          assertThat(e.position()).isEqualTo(position);
          assertThat(e.getMessage()).startsWith(message);
        });
  }

  @Test
  void deepestAllowedNestingParses() {
    String text = "(".repeat(32) + "orders" + ")".repeat(32);

    assertThat(Formula.parse(text).evaluate(VALUES)).contains(new BigDecimal("1200"));
  }

  @Test
  void variablesListsEachNameOnce() {
    Formula formula = Formula.parse("orders * aov - min(orders, returns) + round(aov, 1)");

    assertThat(formula.variables()).isEqualTo(Set.of("orders", "aov", "returns"));
  }

  @Test
  void constantFormulaHasNoVariables() {
    assertThat(Formula.parse("2 * (3 + 4)").variables()).isEmpty();
  }

  static Stream<Arguments> variableNames() {
    return Stream.of(
        Arguments.of("orders", true),
        Arguments.of("_x1", true),
        Arguments.of("a".repeat(40), true),
        Arguments.of("a".repeat(41), false),
        Arguments.of("1x", false),
        Arguments.of("Orders", false),
        Arguments.of("order-count", false),
        Arguments.of("min", false),
        Arguments.of("round", false),
        Arguments.of("", false),
        Arguments.of(null, false));
  }

  @ParameterizedTest(name = "{0} valid: {1}")
  @MethodSource("variableNames")
  void validatesVariableNames(String name, boolean valid) {
    assertThat(Formula.validVariable(name)).isEqualTo(valid);
  }

  @Test
  void garbageNeverEscapesAsOtherException() {
    java.util.Random random = new java.util.Random(42);
    String alphabet = "abcxyz_019.+-*/(),  minaxroundbs\u0000é^;[]{}";
    for (int round = 0; round < 20_000; round++) {
      int length = random.nextInt(60);
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < length; i++) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      Formula formula;
      try {
        formula = Formula.parse(text.toString());
      } catch (FormulaException e) {
        assertThat(e.position()).isBetween(1, text.length() + 1);
        continue;
      }
      Map<String, BigDecimal> values = new HashMap<>();
      formula.variables().forEach(v -> values.put(v, BigDecimal.valueOf(random.nextInt(7) - 3)));
      formula.evaluate(values);
    }
  }
}
