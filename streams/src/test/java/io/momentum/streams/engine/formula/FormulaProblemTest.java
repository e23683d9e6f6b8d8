package io.momentum.streams.engine.formula;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each formula error names its kind of problem with a stable code, its position and its subject. */
class FormulaProblemTest {

  @ParameterizedTest(name = "\"{0}\" is {1} at {2}")
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "'   '          | empty             | 4  | -",
      ".              | number            | 1  | -",
      "a # b          | character         | 3  | #",
      "a + b)         | extra_bracket     | 6  | -",
      "a b            | missing_operator  | 3  | -",
      "(a + b         | missing_bracket   | 7  | -",
      "a +            | ends_early        | 4  | -",
      "a + *          | unexpected_term   | 5  | -",
      "min + 1        | missing_arguments | 1  | min",
      "min(a)         | argument_count    | 1  | min",
      "round(a)       | argument_count    | 1  | round",
      "sqrt(a)        | unknown_function  | 1  | sqrt",
      "round(a, b)    | round_digits      | 10 | -",
  })
  void problemIsNamed(String text, String problem, int position, String subject) {
    FormulaException failure = catchThrowableOfType(FormulaException.class, () -> Formula.parse(text));

    assertThat(failure.problem()).isEqualTo(problem);
    assertThat(failure.position()).isEqualTo(position);
    assertThat(failure.subject()).isEqualTo(subject);
  }
}
