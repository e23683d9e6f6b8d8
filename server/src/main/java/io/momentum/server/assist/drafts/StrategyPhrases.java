package io.momentum.server.assist.drafts;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * The clause-sized phrases of a strategy text ({@link OkrText#phrases}) and the test of which of
 * them an objective or key result answers. A text answers a phrase when it contains at least
 * {@value #MIN_ANSWERED_WEIGHT} of the phrase's content terms, each weighted by its inverse
 * document frequency in the example library. So "raise the win rate" is answered by "win rate of
 * qualified opportunities" but not by "monthly customer churn rate", whose only shared term "rate"
 * is common. Content terms leave out the verbs and words that only name a direction of change,
 * such as "cut" or "steigern", because a key result carries its direction separately.
 */
final class StrategyPhrases {

  /** Share of a phrase's weighted content terms that a text must contain to answer it. */
  static final double MIN_ANSWERED_WEIGHT = 0.5;

  /**
   * Words that name a direction, a pace or a wish rather than what should change, in English and
   * German. "faster" asks for a speed, which the key result's direction carries.
   */
  private static final String DIRECTION_WORDS = "increase raise grow boost improve reduce cut lower decrease shorten"
      + " drive make keep get achieve deliver want need ensure help enable more less better fewer higher"
      + " faster quicker sooner"
      + " steigern erhöhen senken verringern reduzieren verbessern verkürzen ausbauen halten machen wollen"
      + " müssen sollen mehr weniger besser höher niedriger schneller rascher";

  /**
   * Words that name where an outcome should happen (a region or market) rather than what should
   * change. Neither the example library nor a key result's metric names regions, so they would
   * keep a phrase such as "grow revenue in the DACH region" from ever being answered.
   */
  private static final String PLACE_WORDS = "region regions regional dach emea apac latam americas europe european"
      + " germany austria switzerland nordics benelux international global worldwide domestic country countries"
      + " nationwide"
      + " region regionen regional europa europäisch deutschland österreich schweiz international weltweit"
      + " national inland ausland land länder bundesweit";

  private record Phrase(String text, Map<String, Double> weights, double total) {
  }

  private final String language;
  private final List<Phrase> phrases;
  private final Set<String> directionTerms;

  private StrategyPhrases(String language, List<Phrase> phrases, Set<String> directionTerms) {
    this.language = language;
    this.phrases = List.copyOf(phrases);
    this.directionTerms = directionTerms;
  }

  /**
   * Splits {@code strategy} into phrases and weighs their content terms in {@code language} with
   * {@code idf}, the inverse document frequency of an analyzed term.
   */
  static StrategyPhrases of(String language, String strategy, ToDoubleFunction<String> idf) {
    Set<String> direction = OkrText.terms(language, DIRECTION_WORDS);
    direction.addAll(OkrText.terms(language, PLACE_WORDS));
    List<Phrase> phrases = new ArrayList<>();
    for (String text : OkrText.phrases(strategy)) {
      Map<String, Double> weights = new LinkedHashMap<>();
      for (String term : OkrText.terms(language, text)) {
        if (!direction.contains(term)) {
          weights.put(term, idf.applyAsDouble(term));
        }
      }
      double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
      phrases.add(new Phrase(text, weights, total));
    }
    return new StrategyPhrases(language, phrases, direction);
  }

  /** Returns the language the phrases were analyzed in. */
  String language() {
    return language;
  }

  /** Returns every phrase, in text order. */
  List<String> texts() {
    return phrases.stream().map(Phrase::text).toList();
  }

  /**
   * Returns the phrases that name something to change: those with at least one content term.
   * Every one of them should be answered by a proposal, or reported as unmatched.
   */
  List<String> outcomes() {
    return phrases.stream().filter(phrase -> !phrase.weights().isEmpty()).map(Phrase::text).toList();
  }

  /** Returns the content terms of all phrases together, without direction words. */
  Set<String> contentTerms() {
    Set<String> terms = new HashSet<>();
    phrases.forEach(phrase -> terms.addAll(phrase.weights().keySet()));
    return terms;
  }

  /** Returns the phrases that a text with the analyzed {@code terms} answers, in text order. */
  List<String> answeredBy(Set<String> terms) {
    List<String> answered = new ArrayList<>();
    for (Phrase phrase : phrases) {
      if (answers(phrase, terms)) {
        answered.add(phrase.text());
      }
    }
    return answered;
  }

  /** Returns true when a text with the analyzed {@code terms} answers {@code phrase}, one of {@link #texts()}. */
  boolean answers(String phrase, Set<String> terms) {
    return phrases.stream().anyMatch(p -> p.text().equals(phrase) && answers(p, terms));
  }

  /** Returns the analyzed terms of {@code text} in the phrases' language, without direction words. */
  Set<String> termsOf(String text) {
    Set<String> terms = OkrText.terms(language, text);
    terms.removeAll(directionTerms);
    return terms;
  }

  private static boolean answers(Phrase phrase, Set<String> terms) {
    if (phrase.total() <= 0) {
      return false;
    }
    double shared = 0;
    for (Map.Entry<String, Double> term : phrase.weights().entrySet()) {
      if (terms.contains(term.getKey())) {
        shared += term.getValue();
      }
    }
    return shared / phrase.total() >= MIN_ANSWERED_WEIGHT;
  }
}
