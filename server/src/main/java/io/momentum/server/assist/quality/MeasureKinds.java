package io.momentum.server.assist.quality;

import io.momentum.server.assist.quality.TextFacts.Word;
import java.util.ArrayList;
import java.util.List;

/** Tells lagging measures (revenue, churn, satisfaction) from leading ones (activation, pipeline, response time). */
final class MeasureKinds {

  private MeasureKinds() {
  }

  /** Returns the words of the text that name a lagging measure, as written. */
  static List<String> lagging(TextFacts facts) {
    List<String> found = new ArrayList<>();
    String phrase = facts.firstPhrase(Lexicon.LAGGING_PHRASES);
    if (phrase != null) {
      found.add(phrase);
    }
    for (Word word : facts.words) {
      if (Lexicon.LAGGING_EN.contains(word.lower()) || containsPart(word.lower(), Lexicon.LAGGING_PARTS_DE)) {
        found.add(word.original());
      }
    }
    return found;
  }

  static boolean isLeading(TextFacts facts) {
    for (Word word : facts.words) {
      if (Lexicon.LEADING_EN.contains(word.lower()) || containsPart(word.lower(), Lexicon.LEADING_PARTS_DE)) {
        return true;
      }
    }
    return false;
  }

  /** Returns true when a single lower-cased word names a lagging or a leading measure ("revenue", "Nutzung"). */
  static boolean namesMeasure(String lower) {
    return Lexicon.LAGGING_EN.contains(lower) || containsPart(lower, Lexicon.LAGGING_PARTS_DE)
        || Lexicon.LEADING_EN.contains(lower) || containsPart(lower, Lexicon.LEADING_PARTS_DE);
  }

  private static boolean containsPart(String word, List<String> parts) {
    for (String part : parts) {
      if (word.contains(part)) {
        return true;
      }
    }
    return false;
  }
}
