package io.momentum.server.assist.drafts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OkrTextTest {

  @Test
  void detectsGerman() {
    assertThat(OkrText.detect("Wir wollen die Kunden in der Region besser betreuen und das Wachstum sichern")).isEqualTo("de");
  }

  @Test
  void detectsEnglish() {
    assertThat(OkrText.detect("We want to serve the customers in the region better and secure growth")).isEqualTo("en");
  }

  @Test
  void umlautsWithoutStopWordsMeanGerman() {
    assertThat(OkrText.detect("Größere Märkte")).isEqualTo("de");
  }

  @Test
  void englishTermsAreStemmed() {
    assertThat(OkrText.terms("en", "Winning customers")).containsExactly("win", "custom");
  }

  @Test
  void germanStopWordsAreDropped() {
    Set<String> terms = OkrText.terms("de", "die Kunden und der Umsatz");
    assertThat(terms).hasSize(2).doesNotContain("die", "und", "der");
  }

  @Test
  void phrasesSplitAtPunctuation() {
    assertThat(OkrText.phrases("Grow revenue. Cut churn; hire fast, ok\n- retain staff"))
        .containsExactly("Grow revenue", "Cut churn", "hire fast", "- retain staff");
  }

  @Test
  void matchingPhrasesShareTerms() {
    List<String> phrases = List.of("Grow revenue in Europe", "Hire engineers");
    assertThat(OkrText.matchingPhrases("en", phrases, OkrText.terms("en", "revenue growth"))).containsExactly("Grow revenue in Europe");
  }
}
