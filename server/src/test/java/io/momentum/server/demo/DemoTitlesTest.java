package io.momentum.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Demo initiatives and key results sit side by side in briefs and signals, where only their
 * titles tell them apart, so no initiative may start like a key result.
 */
class DemoTitlesTest {

  /** Number of leading words two titles may not share. */
  private static final int SHARED_WORDS = 3;

  @Test
  void initiativesDifferFromKeyResults() {
    DemoCatalog catalog = DemoCatalog.build(true);
    for (OutcomeSeed.InitiativeSpec initiative : OutcomeSeed.INITIATIVES) {
      for (DemoSpecs.KeyResultSpec keyResult : catalog.keyResults) {
        assertThat(leadingWords(initiative.title()))
            .as("initiative \"%s\" and key result \"%s\"", initiative.title(), keyResult.title)
            .isNotEqualTo(leadingWords(keyResult.title));
      }
    }
  }

  private static String leadingWords(String title) {
    String[] words = title.toLowerCase(Locale.ROOT).split("\\s+");
    return String.join(" ", Arrays.copyOf(words, Math.min(SHARED_WORDS, words.length)));
  }
}
