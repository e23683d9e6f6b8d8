package io.momentum.server.assist.quality;

import io.momentum.server.assist.quality.TextFacts.Word;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Word stems of a key result for near-duplicate detection, and their Jaccard similarity. */
final class Stems {

  /** Suffixes stripped in this order, once, when at least four letters remain. */
  private static final List<String> SUFFIXES = List.of("ungen", "ung", "ing", "ed", "es", "en", "er", "e", "n", "s");

  private Stems() {
  }

  /** Returns the stems of the words that carry meaning, with verbs of one direction mapped to one symbol. */
  static Set<String> of(TextFacts facts) {
    Set<String> stems = new HashSet<>();
    for (Word word : facts.words) {
      if (!Lexicon.STOP_WORDS.contains(word.lower())) {
        stems.add(Lexicon.canonical(stem(word.lower())));
      }
    }
    return stems;
  }

  static String stem(String word) {
    for (String suffix : SUFFIXES) {
      if (word.endsWith(suffix) && word.length() - suffix.length() >= 4) {
        return word.substring(0, word.length() - suffix.length());
      }
    }
    return word;
  }

  /** Returns |a ∩ b| / |a ∪ b|, or 0 when either set is empty. */
  static double jaccard(Set<String> a, Set<String> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return 0;
    }
    int common = 0;
    for (String stem : a) {
      if (b.contains(stem)) {
        common++;
      }
    }
    return (double) common / (a.size() + b.size() - common);
  }
}
