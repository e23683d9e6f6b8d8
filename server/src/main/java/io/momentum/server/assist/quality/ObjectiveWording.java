package io.momentum.server.assist.quality;

import io.momentum.server.assist.quality.TextFacts.Word;
import java.util.List;

/**
 * Decides whether an objective's title is vague: whether it fails to say for whom or in which area
 * something should change. A title is vague when any of these holds:
 *
 * <ul>
 *   <li>it is empty or a single word, which names an area but no change ("Produktqualität");
 *   <li>every word is generic or a stop word ("Be the best", "Wir werden noch besser");
 *   <li>it contains a slogan such as "excellence", "world-class", "next level" or "smoothly";
 *   <li>an unspecific verb ("improve", "drive", "vorantreiben", "leben") acts on at most one
 *       named thing ("Sicherheit verbessern", "Deliver more value to our customers").
 * </ul>
 *
 * <p>A direction on a named measure ("Profitabilität steigern") and short titles that name a
 * market or state ("Win Austria", "Liquidität sichern") are not vague.
 */
final class ObjectiveWording {

  private ObjectiveWording() {
  }

  static boolean isVague(TextFacts title) {
    List<Word> words = title.words;
    if (words.size() <= 1) {
      return true;
    }
    if (words.stream().allMatch(ObjectiveWording::isFiller)) {
      return true;
    }
    if (hasSlogan(title)) {
      return true;
    }
    boolean unspecificVerb = words.stream().anyMatch(w -> Lexicon.OBJECTIVE_VAGUE_VERBS.contains(w.lower()));
    long named = words.stream().filter(w -> !isFiller(w) && !Lexicon.OBJECTIVE_VAGUE_VERBS.contains(w.lower())
        && !Lexicon.COMPARATIVES.contains(w.lower())).count();
    return unspecificVerb && named <= 1;
  }

  private static boolean isFiller(Word word) {
    return Lexicon.GENERIC_OBJECTIVE_WORDS.contains(word.lower()) || Lexicon.STOP_WORDS.contains(word.lower());
  }

  private static boolean hasSlogan(TextFacts title) {
    for (Word word : title.words) {
      if (Lexicon.SLOGAN_WORDS.contains(word.lower())
          || Lexicon.SLOGAN_BEGINNINGS.stream().anyMatch(word.lower()::startsWith)) {
        return true;
      }
    }
    return title.firstPhrase(Lexicon.SLOGAN_PHRASES) != null;
  }
}
