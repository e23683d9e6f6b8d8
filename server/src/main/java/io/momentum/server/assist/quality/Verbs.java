package io.momentum.server.assist.quality;

import io.momentum.server.assist.quality.TextFacts.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The verbs of a key result that the rules need: the main verb when it names an activity, the
 * vague or direction words, and a verb that keeps a level.
 *
 * @param output the output verb or noun that opens the key result, as written, or null
 * @param vague vague verbs, direction verbs and comparatives, as written
 * @param keep the words that keep a level ("maintain", "hold … at"), as written, or null
 */
record Verbs(String output, List<String> vague, String keep) {

  /** How many words from the start may precede the main verb ("By end of Q2, launch …"). */
  private static final int MAIN_VERB_WINDOW = 6;
  private static final Set<String> HOLD = Set.of("hold", "holds", "held", "holding");
  /** Words that join two clauses, each of which may have its own verb. */
  private static final Set<String> CLAUSE_JOINS = Set.of("and", "und", "sowie");

  static Verbs of(TextFacts facts) {
    List<Word> words = facts.words;
    Word main = mainVerb(words);
    String keep = null;
    String output = null;
    if (main != null && isHoldAtLevel(words, words.indexOf(main))) {
      keep = main.original();
    } else if (main != null && Lexicon.OUTPUT_VERBS.contains(main.lower())) {
      output = main.original();
    } else if (!words.isEmpty() && Lexicon.OUTPUT_NOUNS.contains(words.get(0).lower())) {
      output = words.get(0).original();
    }
    List<String> vague = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      Word word = words.get(i);
      if (isSupportNoun(words, i)) {
        continue;
      }
      if (Lexicon.VAGUE_VERBS.contains(word.lower()) || Lexicon.DIRECTION_VERBS.contains(word.lower())
          || Lexicon.COMPARATIVES.contains(word.lower())) {
        vague.add(word.original());
      }
      if (keep == null && Lexicon.KEEP_VERBS.contains(word.lower())) {
        keep = word.original();
      }
      if (keep == null && HOLD.contains(word.lower()) && isHoldAtLevel(words, i)) {
        keep = word.original();
      }
    }
    return new Verbs(output, List.copyOf(vague), keep);
  }

  /**
   * Returns the words that make a key result an activity, as written: an opening such as "Work
   * on" or "Fokus auf" followed by what is worked on, or a final German verb such as "arbeiten".
   * Returns null when there are none.
   */
  static String activity(TextFacts facts) {
    List<Word> words = facts.words;
    for (List<String> opening : Lexicon.ACTIVITY_OPENINGS) {
      if (words.size() > opening.size() && opensWith(words, opening)) {
        return facts.text.substring(words.get(0).start(), words.get(opening.size() - 1).end());
      }
    }
    if (words.size() > 1 && Lexicon.ACTIVITY_FINAL_VERBS.contains(words.get(words.size() - 1).lower())) {
      return words.get(words.size() - 1).original();
    }
    return null;
  }

  /**
   * Returns the output verb of a clause after "and", "und" or "sowie", as written, or null. The
   * verb opens an English clause or closes a German one, so "Improve satisfaction and launch the
   * payment page" and "Zufriedenheit verbessern und Zahlungsseite einführen" name work in their
   * second half although they open with a direction.
   */
  static String laterClauseOutput(List<Word> words) {
    for (int i = 1; i < words.size() - 1; i++) {
      if (!CLAUSE_JOINS.contains(words.get(i).lower())) {
        continue;
      }
      int end = i + 1;
      while (end < words.size() && !CLAUSE_JOINS.contains(words.get(end).lower())) {
        end++;
      }
      List<Word> clause = words.subList(i + 1, end);
      for (int index : new int[] {0, clause.size() - 1}) {
        if (Lexicon.OUTPUT_VERBS.contains(clause.get(index).lower()) && isVerb(clause, index)) {
          return clause.get(index).original();
        }
      }
    }
    return null;
  }

  private static boolean opensWith(List<Word> words, List<String> opening) {
    for (int i = 0; i < opening.size(); i++) {
      if (!words.get(i).lower().equals(opening.get(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns the first verb among the opening words, or the last word when it is a verb (German
   * puts the infinitive last: "Kundenzufriedenheit verbessern"). A German infinitive at the end
   * wins over an English form at the start, which is then a noun ("Releases der App … steigern").
   */
  private static Word mainVerb(List<Word> words) {
    int last = words.size() - 1;
    boolean germanLast = last > 0 && isVerb(words, last) && Lexicon.isGermanVerb(words.get(last).lower());
    for (int i = 0; i < Math.min(MAIN_VERB_WINDOW, words.size()); i++) {
      if (isVerb(words, i)) {
        return germanLast && !Lexicon.isGermanVerb(words.get(i).lower()) ? words.get(last) : words.get(i);
      }
    }
    return last >= 0 && isVerb(words, last) ? words.get(last) : null;
  }

  static boolean isVerb(List<Word> words, int index) {
    String word = words.get(index).lower();
    if (isSupportNoun(words, index)) {
      return false;
    }
    return Lexicon.OUTPUT_VERBS.contains(word) || Lexicon.VAGUE_VERBS.contains(word)
        || Lexicon.DIRECTION_VERBS.contains(word) || Lexicon.KEEP_VERBS.contains(word)
        || Lexicon.NEUTRAL_VERBS.contains(word);
  }

  /** "support" and "service" before "tickets", "team" and the like are nouns. */
  private static boolean isSupportNoun(List<Word> words, int index) {
    String word = words.get(index).lower();
    boolean supportLike = word.equals("support") || word.equals("service");
    return supportLike && index + 1 < words.size() && Lexicon.SUPPORT_NOUNS.contains(words.get(index + 1).lower());
  }

  /** "hold NPS at 40" keeps a level; "hold 20 interviews" is an activity. */
  private static boolean isHoldAtLevel(List<Word> words, int index) {
    if (index < 0 || !HOLD.contains(words.get(index).lower())) {
      return false;
    }
    for (int i = index + 1; i < Math.min(words.size(), index + 5); i++) {
      if (Lexicon.LEVEL_WORDS.contains(words.get(i).lower())) {
        return true;
      }
    }
    return false;
  }

  /** True when the words contain a verb followed by at least one word of meaning ("reduce churn"). */
  static boolean hasVerbWithObject(List<Word> words) {
    for (int i = 0; i < words.size(); i++) {
      if (isVerb(words, i)) {
        for (int j = 0; j < words.size(); j++) {
          String other = words.get(j).lower();
          if (j != i && !Lexicon.STOP_WORDS.contains(other) && !isVerb(words, j)) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
