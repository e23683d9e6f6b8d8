package io.momentum.server.assist.briefs;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Number formats and templates of the brief languages. */
class BriefWordingTest {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\d+}");

  @ParameterizedTest(name = "{0}: {1} -> {2}, {3}")
  @CsvSource(delimiter = '|', value = {
      "en|0.625|62.5 %|+62.5 pp",
      "de|0.625|62,5 %|+62,5 Prozentpunkte",
      "en|-0.07249|-7.2 %|-7.2 pp",
      "en|0.00049|0.0 %|0.0 pp",
      "de|1.3|130,0 %|+130,0 Prozentpunkte"})
  void percentAndPoints(String language, String ratio, String percent, String points) {
    BriefWording wording = BriefWording.of(language);

    assertThat(wording.percent(new BigDecimal(ratio))).isEqualTo(percent);
    assertThat(wording.points(new BigDecimal(ratio))).isEqualTo(points);
  }

  @Test
  void decimalDropsTrailingZeros() {
    assertThat(BriefWording.of("en").decimal(new BigDecimal("45.5000"))).isEqualTo("45.5");
    assertThat(BriefWording.of("de").decimal(new BigDecimal("3.25"))).isEqualTo("3,25");
    assertThat(BriefWording.of("en").decimal(new BigDecimal("1E+3"))).isEqualTo("1000");
  }

  @Test
  void languagesHaveSameKeys() {
    assertThat(BriefTemplates.GERMAN.keySet()).isEqualTo(BriefTemplates.ENGLISH.keySet());
  }

  @Test
  void templatesHaveNoDigitsOutsidePieces() {
    for (var templates : java.util.List.of(BriefTemplates.ENGLISH, BriefTemplates.GERMAN)) {
      templates.forEach((key, template) -> assertThat(PLACEHOLDER.matcher(template).replaceAll(""))
          .as("template %s", key).doesNotContainPattern("\\d"));
    }
  }

  @Test
  void templatesUseSamePieces() {
    BriefTemplates.ENGLISH.forEach((key, english) -> assertThat(pieces(BriefTemplates.GERMAN.get(key)))
        .as("pieces of %s", key).isEqualTo(pieces(english)));
  }

  private static java.util.Set<String> pieces(String template) {
    java.util.Set<String> found = new java.util.TreeSet<>();
    PLACEHOLDER.matcher(template).results().forEach(match -> found.add(match.group()));
    return found;
  }
}
