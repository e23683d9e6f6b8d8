package io.momentum.server.assist.drafts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Language handling of the draft generator: Lucene's English and German analyzers (stop words
 * and stemming), language detection by stop words, and the split of a strategy text into phrases
 * that sources cite.
 */
public final class OkrText {

  /** Languages with an analyzer; the index has one field per language. */
  public static final List<String> LANGUAGES = List.of("en", "de");

  private static final CharArraySet ENGLISH_STOP = EnglishAnalyzer.ENGLISH_STOP_WORDS_SET;
  private static final CharArraySet GERMAN_STOP = GermanAnalyzer.getDefaultStopSet();
  /** Analyzes field {@code en} in English and field {@code de} in German; other fields use the standard analyzer. */
  static final Analyzer ANALYZER = new PerFieldAnalyzerWrapper(new StandardAnalyzer(),
      Map.of("en", new EnglishAnalyzer(), "de", new GermanAnalyzer()));

  /** Sentence ends and list punctuation; a point or comma between two digits is a decimal or thousands mark, not a break. */
  private static final Pattern PHRASE_BREAK = Pattern.compile("(?:[;:!?\\n\\r•]|[.,](?!\\d)|(?<!\\d)[.,])+|\\s[-–]\\s");
  /** Words that join two clauses of a sentence; "by" only before a gerund, as in "grow revenue by winning deals". */
  private static final Pattern CLAUSE_JOINER = Pattern.compile(
      "\\s+(?:and|while|whilst|so that|as well as|but|by(?=\\s+\\p{L}+ing\\b)"
          + "|und|sowie|damit|indem|sodass|so dass|während|aber)\\s+",
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  /** The start of a range whose "and" joins two numbers: "between 5", "zwischen 5 %". */
  private static final Pattern RANGE_START =
      Pattern.compile("(?:between|zwischen)\\s+[\\d.,]+\\s*\\S{0,6}\\s*$", Pattern.CASE_INSENSITIVE);
  /** A bullet, dash or number that starts a list item. */
  private static final Pattern LIST_MARK = Pattern.compile("^\\s*(?:[-–*]|\\d{1,2}[.)])\\s+");
  private static final Pattern WORD = Pattern.compile("\\p{L}+");
  private static final int MAX_PHRASES = 60;
  private static final int MAX_PHRASE_LENGTH = 200;

  private OkrText() {
  }

  /**
   * Returns {@code de} when the text has more German than English stop words or has umlauts and
   * no English stop words, else {@code en}.
   */
  public static String detect(String text) {
    int english = 0;
    int german = 0;
    var words = WORD.matcher(text.toLowerCase(Locale.ROOT));
    while (words.find()) {
      String word = words.group();
      if (ENGLISH_STOP.contains(word)) {
        english++;
      }
      if (GERMAN_STOP.contains(word)) {
        german++;
      }
    }
    boolean umlauts = text.chars().anyMatch(c -> "äöüÄÖÜß".indexOf(c) >= 0);
    return german > english || (umlauts && english == 0) ? "de" : "en";
  }

  /** Returns the analyzed terms of {@code text} in {@code language} (stemmed, without stop words), in order, without repeats. */
  public static Set<String> terms(String language, String text) {
    Set<String> terms = new LinkedHashSet<>();
    try (TokenStream stream = ANALYZER.tokenStream(language, text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        terms.add(term.toString());
      }
      stream.end();
    } catch (IOException e) {
      // Analyzing an in-memory string does no I/O; the signature only declares it.
      throw new UncheckedIOException("Analyzing text failed", e);
    }
    return terms;
  }

  /**
   * Splits a strategy text into clause-sized phrases, so that each proposal can cite the part of
   * the strategy it answers. The text breaks at sentence ends, commas, semicolons, colons, bullets
   * and dashes between spaces, and then at words that join clauses: "and", "while", "so that", "as
   * well as", "but", "by" before a verb ending in "-ing", and the German "und", "sowie", "damit",
   * "indem", "sodass", "während", "aber". An "and" or "und" inside a range ("between 5 and 10")
   * joins numbers, not clauses, so it stays. Leading list marks are removed, phrases of fewer than
   * 3 characters are left out, longer ones are cut at 200 characters, and at most 60 are kept.
   */
  public static List<String> phrases(String text) {
    List<String> phrases = new ArrayList<>();
    for (String part : PHRASE_BREAK.split(text)) {
      for (String clause : clauses(part)) {
        String phrase = LIST_MARK.matcher(clause).replaceFirst("").strip();
        if (phrase.length() < 3) {
          continue;
        }
        phrases.add(phrase.length() > MAX_PHRASE_LENGTH ? phrase.substring(0, MAX_PHRASE_LENGTH) : phrase);
        if (phrases.size() == MAX_PHRASES) {
          return phrases;
        }
      }
    }
    return phrases;
  }

  /** Splits one sentence part at the words that join clauses, keeping "and" inside a range. */
  private static List<String> clauses(String part) {
    List<String> clauses = new ArrayList<>();
    Matcher joiner = CLAUSE_JOINER.matcher(part);
    int start = 0;
    while (joiner.find()) {
      String before = part.substring(start, joiner.start());
      if (RANGE_START.matcher(before).find()) {
        continue;
      }
      clauses.add(before);
      start = joiner.end();
    }
    clauses.add(part.substring(start));
    return clauses;
  }
}
