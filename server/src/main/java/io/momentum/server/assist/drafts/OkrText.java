package io.momentum.server.assist.drafts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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

  private static final Pattern PHRASE_BREAK = Pattern.compile("[.;:!?\\n\\r,•]+|\\s[-–]\\s");
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
   * Splits a strategy text into phrases at sentence ends, commas, semicolons, colons, bullets and
   * dashes between spaces. Phrases of fewer than 3 characters are left out, longer ones are cut at
   * 200 characters, and at most 60 phrases are kept.
   */
  public static List<String> phrases(String text) {
    List<String> phrases = new ArrayList<>();
    for (String part : PHRASE_BREAK.split(text)) {
      String phrase = part.strip();
      if (phrase.length() < 3) {
        continue;
      }
      phrases.add(phrase.length() > MAX_PHRASE_LENGTH ? phrase.substring(0, MAX_PHRASE_LENGTH) : phrase);
      if (phrases.size() == MAX_PHRASES) {
        break;
      }
    }
    return phrases;
  }

  /** Returns the phrases that share at least one analyzed term with {@code terms}. */
  public static List<String> matchingPhrases(String language, List<String> phrases, Set<String> terms) {
    List<String> matching = new ArrayList<>();
    for (String phrase : phrases) {
      Set<String> phraseTerms = terms(language, phrase);
      phraseTerms.retainAll(terms);
      if (!phraseTerms.isEmpty()) {
        matching.add(phrase);
      }
    }
    return matching;
  }
}
