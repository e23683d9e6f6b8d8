package io.momentum.streams.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArticlesTest {

  @ParameterizedTest
  @CsvSource({
      "initiative, an initiative",
      "objective, an objective",
      "annual, an annual",
      "key_result, a key result",
      "strategic_outcome, a strategic outcome",
      "kpi, a kpi",
      "KPI, a KPI",
      "quarter, a quarter",
      "Outcome, an Outcome"
  })
  void articleFollowsFirstLetter(String noun, String expected) {
    assertThat(Articles.withArticle(noun)).isEqualTo(expected);
  }
}
