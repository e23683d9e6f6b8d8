package io.momentum.server.assist.quality;

import io.momentum.server.assist.quality.TextFacts.Word;
import java.util.List;
import java.util.Set;

/**
 * Decides whether an objective's title is vague: whether it fails to say for whom or in which area
 * something should change. A title is vague when any of these holds:
 *
 * <ul>
 *   <li>it is empty or a single word, which names an area but no change ("Produktqualität");
 *   <li>every word is generic or a stop word ("Be the best", "Wir werden noch besser");
 *   <li>it contains a slogan such as "excellence", "world-class", "next level" or "smoothly";
 *   <li>it names an aspiration with a buzzword and nothing else but generic words and "our
 *       customers" or "a company" ("Be more customer-centric", "Delight our customers",
 *       "Kundenorientierter werden");
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
    if (isBuzzwordOnly(words)) {
      return true;
    }
    boolean unspecificVerb = words.stream().anyMatch(w -> Lexicon.OBJECTIVE_VAGUE_VERBS.contains(w.lower()));
    long named = words.stream().filter(w -> !isFiller(w) && !Lexicon.OBJECTIVE_VAGUE_VERBS.contains(w.lower())
        && !Lexicon.COMPARATIVES.contains(w.lower())).count();
    return unspecificVerb && named <= 1;
  }

  /**
   * Returns the verb that makes the title name work instead of an outcome, as written, or null.
   * The verb is an English imperative that opens the title or follows a lead-in such as "By Q3,",
   * or a German infinitive that closes it. An English verb may also open a clause after "and",
   * "und" or "sowie" ("Improve customer satisfaction and launch the new payment page").
   */
  static String output(TextFacts title) {
    List<Word> words = title.words;
    if (words.size() < 2) {
      return null;
    }
    String opening = openingOutputVerb(title);
    if (opening != null) {
      return opening;
    }
    Word last = words.get(words.size() - 1);
    if (Lexicon.OBJECTIVE_OUTPUT_VERBS.contains(last.lower()) && Lexicon.isGermanVerb(last.lower())) {
      return last.original();
    }
    for (int i = 1; i < words.size() - 1; i++) {
      if (!CLAUSE_JOINS.contains(words.get(i).lower())) {
        continue;
      }
      Word next = words.get(i + 1);
      if (Lexicon.OBJECTIVE_OUTPUT_VERBS.contains(next.lower()) && !Lexicon.isGermanVerb(next.lower())) {
        return next.original();
      }
    }
    return null;
  }

  /** Words that join two clauses of a title, each of which may have its own verb. */
  private static final Set<String> CLAUSE_JOINS = Set.of("and", "und", "sowie");
  /** How many words a lead-in such as "By the end of Q3," may have before the opening verb. */
  private static final int LEAD_IN_WINDOW = 6;

  /** Returns the English output verb that opens the title or follows a comma in its first words, or null. */
  private static String openingOutputVerb(TextFacts title) {
    List<Word> words = title.words;
    for (int i = 0; i < Math.min(words.size(), LEAD_IN_WINDOW); i++) {
      Word word = words.get(i);
      boolean opens = i == 0 || title.text.substring(words.get(i - 1).end(), word.start()).contains(",");
      if (opens && Lexicon.OBJECTIVE_OUTPUT_VERBS.contains(word.lower()) && !Lexicon.isGermanVerb(word.lower())
          && !qualifiesSubject(words, i)) {
        return word.original();
      }
    }
    return null;
  }

  /** Verbs that may follow a plural subject at the start of a title ("Release notes reach …"). */
  private static final Set<String> SUBJECT_VERBS = Set.of("reach", "drop", "fall", "rise", "stay", "remain", "arrive",
      "land", "happen", "go", "come", "take", "get", "cover", "show", "tell");

  /**
   * Returns true when the word at {@code i} qualifies a plural noun that a verb follows. The word is
   * then a noun, and the title states an outcome ("Release notes reach every customer").
   */
  private static boolean qualifiesSubject(List<Word> words, int i) {
    if (i + 2 >= words.size()) {
      return false;
    }
    String noun = words.get(i + 1).lower();
    String verb = words.get(i + 2).lower();
    boolean plural = noun.length() > 3 && noun.endsWith("s") && !noun.endsWith("ss") && !Lexicon.STOP_WORDS.contains(noun);
    boolean finite = SUBJECT_VERBS.contains(verb)
        || (Lexicon.DIRECTION_VERBS.contains(verb) || Lexicon.NEUTRAL_VERBS.contains(verb) || Lexicon.KEEP_VERBS.contains(verb))
        && !Lexicon.isGermanVerb(verb);
    return plural && finite;
  }

  /**
   * Returns true when the title has a buzzword and every other word is generic, a stop word or a
   * word for customers or the company as a whole.
   */
  private static boolean isBuzzwordOnly(List<Word> words) {
    boolean buzzword = false;
    for (Word word : words) {
      if (isBuzzword(word.lower())) {
        buzzword = true;
      } else if (!isFiller(word) && !Lexicon.GENERIC_AUDIENCE_WORDS.contains(word.lower())
          && !Lexicon.COMPARATIVES.contains(word.lower())) {
        return false;
      }
    }
    return buzzword;
  }

  private static boolean isBuzzword(String lower) {
    return Lexicon.BUZZWORDS.contains(lower) || Lexicon.BUZZWORD_BEGINNINGS_DE.stream().anyMatch(lower::startsWith);
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
