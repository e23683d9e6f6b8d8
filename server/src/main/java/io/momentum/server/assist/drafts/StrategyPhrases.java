package io.momentum.server.assist.drafts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
   * German. "faster" asks for a speed and "often" for a frequency, which the key result's direction
   * carries. "back", as in "bring customers back", only points the way of the verb. "speed up" is
   * read as "accelerate" ({@link #SPEED_UP}), a direction word like "beschleunigen".
   */
  private static final String DIRECTION_WORDS = "increase raise grow boost improve reduce cut lower decrease shorten"
      + " drive make keep get achieve deliver want need must should become ensure help enable let more less better fewer"
      + " higher"
      + " faster quicker sooner often frequently back accelerate accelerates"
      + " steigern erhöhen senken verringern reduzieren verbessern verkürzen ausbauen halten machen ermöglichen helfen"
      + " lassen befähigen wollen müssen sollen mehr weniger besser höher niedriger schneller rascher öfter"
      + " beschleunigen beschleunigt"
      + " wachsen wächst sinken sinkt";

  /**
   * Verbs, function words and generic words of measures ("customers", "rate", "monthly",
   * "session") that do not name the topic of an OKR, in English and German, beyond the direction
   * words and Lucene's stop word lists. Lucene's English list has only 33 words, so "from" in
   * "from 4.6 % to 3.9 %" would otherwise count as a shared word. A German draft reads the
   * organisation's English titles with the German analyzer, which keeps English stop words, so
   * the third line lists those. "it", "not" and "such" stay topic words, because the German
   * analyzer reads "IT", "Not" and "Suche" as them.
   */
  private static final String GENERIC_WORDS = "bring put hold turn run want wants from per every each all our we us your its over"
      + " up down out than via has have do does can would may also"
      + " a and are as at be but by for if into is no of on or that the their then there they this to with"
      + " bringen stellen halten laufen jede jeden jeder alle pro über";

  /**
   * Words that name a period ("within", "days", "innerhalb", "Tage"), in English and German. They
   * name how soon or how often, not what changes, so "Refund within two days of a return
   * arriving" does not answer "first-time buyers should order again within 90 days".
   */
  private static final String PERIOD_WORDS = "within day days week weeks month months year years"
      + " innerhalb tag tage tagen woche wochen monat monate monaten jahr jahre jahren";

  /** Generic words of a measure, in English and German: they name how something is counted, not what. */
  private static final String MEASURE_WORDS = "customer customers rate share daily monthly weekly free session sessions new"
      + " time"
      + " kunde kunden kundin rate quote anteil täglich monatlich wöchentlich frei sitzung sitzungen neu neue neuen zeit";

  /**
   * Words of both languages that name the same topic, releasing software to its users. The first
   * word's analyzed term replaces the others when topics are matched, so "Release the app every
   * two weeks" shares "ship" with "ship the mobile app faster". "deliver" is a direction word and
   * stays out. "veröffentlichen" stays out too, because the library uses it for publishing content.
   */
  private static final String SAME_TOPIC_WORDS = "ship ships shipping release releases ausliefern auslieferung";

  /** Maps each analyzed term of {@link #SAME_TOPIC_WORDS}, per language, to the term that replaces it. */
  private static final Map<String, Map<String, String>> TOPIC_KEYS = topicKeys();

  /** Content-free terms of each language: direction words, generic words and measure words of both languages. */
  private static final Map<String, Set<String>> GENERIC_TERMS = genericTerms();

  /** Analyzed {@link #MEASURE_WORDS} of each language. */
  private static final Map<String, Set<String>> MEASURE_TERMS = measureTerms();

  /** Analyzed {@link #PERIOD_WORDS} of each language. */
  private static final Map<String, Set<String>> PERIOD_TERMS = Map.of(
      "en", Set.copyOf(OkrText.terms("en", PERIOD_WORDS)), "de", Set.copyOf(OkrText.terms("de", PERIOD_WORDS)));

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

  /** Words that open the place part of a phrase ("in the DACH region", "im DACH-Raum"). */
  private static final Set<String> PLACE_PREPOSITIONS = Set.of("in", "im", "across", "throughout", "within", "for",
      "für", "outside", "außerhalb", "innerhalb");

  /**
   * Prepositions that open a side part of a phrase, such as the channel in "make checkout faster
   * on mobile", in English and German. The topic words before them name what should change.
   * "through" and "via" stay out, because they name the means ("grow revenue through partners"),
   * which a text should match.
   */
  private static final Set<String> SIDE_PREPOSITIONS = Set.of("on", "across", "auf");

  /** Prepositions that open a segment of customers as a side part ("bei Stammkunden"), see {@link #segmentSidePart}. */
  private static final Set<String> SEGMENT_PREPOSITIONS = Set.of("bei", "for", "für");

  /**
   * Modal and auxiliary verbs that follow the subject of a phrase, in English and German. When one
   * is the second word, the first word is the subject, as "Checkout" in "Checkout must be faster
   * on mobile", and not the verb.
   */
  private static final Set<String> MODAL_VERBS = Set.of("must", "should", "will", "shall", "can", "could", "would",
      "need", "needs", "has", "have", "is", "are", "soll", "sollen", "muss", "müssen", "wird", "werden", "kann",
      "können", "wollen", "ist", "sind");

  /**
   * Words that name a segment of customers, those who buy again, in English and German. The
   * English analyzer reads "returning customers" as {@link OkrText#REPEAT_PURCHASE}.
   */
  private static final String SEGMENT_WORDS = OkrText.REPEAT_PURCHASE + " stammkunden wiederkäufer";

  /** Analyzed {@link #SEGMENT_WORDS} of each language. */
  private static final Map<String, Set<String>> SEGMENT_TERMS = Map.of(
      "en", Set.copyOf(OkrText.terms("en", SEGMENT_WORDS)), "de", Set.copyOf(OkrText.terms("de", SEGMENT_WORDS)));

  /**
   * The phrasal verb "speed up" in any form, which names a pace as "faster" does. Its "speed"
   * would otherwise count as a topic word and match the library's "delivery speed" of releases, so
   * "speed up checkout on mobile" would be answered by "Ship our mobile app to customers faster".
   */
  private static final Pattern SPEED_UP = Pattern.compile("\\b(?:speed|speeds|speeding|sped)\\s+up\\b",
      Pattern.CASE_INSENSITIVE);

  /** A word of letters joined by hyphens, such as "self-service" or "Checkout-Conversion". */
  private static final Pattern COMPOUND = Pattern.compile("\\p{L}+(?:-\\p{L}+)+");

  /**
   * A phrase with the weights of its content terms and the analyzed place words it names. A text
   * answers it only when it names one of those places too, so "grow revenue" alone answers
   * "Grow revenue in the DACH region" only partly. {@code measures} are the generic words of a
   * measure that a phrase with a single topic word names ("rate" in "cut the return rate"). A text
   * must contain one of them as well, so "paid media spend below target return" does not answer
   * "cut the return rate": its "return" is a return on ad spend, not a product return.
   * {@code compounds} are the analyzed parts of each hyphenated word, which count only together.
   * {@code topic} splits the topic terms at a side part.
   */
  private record Phrase(String text, Map<String, Double> weights, double total, Set<String> places, Set<String> measures,
                        List<Set<String>> compounds, SplitTopic topic) {
  }

  /**
   * The topic terms of a phrase that a text must name, one of the {@code main} terms, and those
   * that count only when a text names them, the {@code side} terms. They are split at a side part
   * ({@link #SIDE_PREPOSITIONS}) or at a segment of customers ({@link #SEGMENT_WORDS}), and both
   * sets are empty without either. So "checkout conversion" answers "make checkout faster on
   * mobile", and "crash-free sessions of the mobile app" does not.
   */
  private record SplitTopic(Set<String> main, Set<String> side) {
    static final SplitTopic NONE = new SplitTopic(Set.of(), Set.of());
  }

  private final String language;
  private final List<Phrase> phrases;
  private final Set<String> directionTerms;
  private final Set<String> placeTerms;

  private StrategyPhrases(String language, List<Phrase> phrases, Set<String> directionTerms, Set<String> placeTerms) {
    this.language = language;
    this.phrases = List.copyOf(phrases);
    this.directionTerms = directionTerms;
    this.placeTerms = placeTerms;
  }

  /**
   * Splits {@code strategy} into phrases and weighs their content terms in {@code language} with
   * {@code idf}, the inverse document frequency of an analyzed term.
   */
  static StrategyPhrases of(String language, String strategy, ToDoubleFunction<String> idf) {
    Set<String> places = OkrText.terms(language, PLACE_WORDS);
    Set<String> direction = OkrText.terms(language, DIRECTION_WORDS);
    direction.addAll(places);
    List<Phrase> phrases = new ArrayList<>();
    for (String text : OkrText.phrases(strategy)) {
      Map<String, Double> weights = new LinkedHashMap<>();
      Set<String> named = new HashSet<>();
      for (String term : analyze(language, text)) {
        if (places.contains(term)) {
          named.add(term);
        } else if (!direction.contains(term)) {
          weights.put(term, idf.applyAsDouble(term));
        }
      }
      List<Set<String>> compounds = compounds(language, text, weights);
      double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
      Set<String> measures = new HashSet<>();
      weights.keySet().stream().filter(MEASURE_TERMS.get(language)::contains).forEach(measures::add);
      long topicWords = weights.keySet().stream().filter(term -> isTopicTerm(language, term)).count();
      phrases.add(new Phrase(text, weights, total, Set.copyOf(named), topicWords == 1 ? Set.copyOf(measures) : Set.of(),
          compounds, splitTopic(language, text, weights.keySet())));
    }
    return new StrategyPhrases(language, phrases, direction, places);
  }

  /**
   * Returns the analyzed content terms of each hyphenated word of {@code text} that has at least 2
   * of them, and gives their parts one term's weight together: the largest weight of a part,
   * shared equally. So "self-service" weighs as much as one rare word, not as two.
   */
  private static List<Set<String>> compounds(String language, String text, Map<String, Double> weights) {
    List<Set<String>> compounds = new ArrayList<>();
    Matcher matcher = COMPOUND.matcher(text);
    while (matcher.find()) {
      Set<String> parts = OkrText.terms(language, matcher.group().replace('-', ' '));
      parts.retainAll(weights.keySet());
      if (parts.size() < 2) {
        continue;
      }
      double weight = parts.stream().mapToDouble(weights::get).max().orElse(0) / parts.size();
      parts.forEach(part -> weights.put(part, weight));
      compounds.add(Set.copyOf(parts));
    }
    return List.copyOf(compounds);
  }

  /**
   * Splits the topic terms among {@code content} of {@code text} at a segment of customers
   * ({@link #splitSegment}) or else at its first side preposition ("on", "auf", ...). In "make
   * checkout faster on mobile" the main term is "checkout", and "mobile" names where, not what.
   * The words before the preposition need a topic term after their first word, which is mostly
   * the verb, so "focus on repeat customers" is not split. A first word followed by a modal verb
   * is the subject and counts ("Checkout must be faster on mobile").
   */
  private static SplitTopic splitTopic(String language, String text, Set<String> content) {
    Set<String> segment = new HashSet<>(content);
    segment.retainAll(SEGMENT_TERMS.get(language));
    if (!segment.isEmpty()) {
      SplitTopic split = splitSegment(language, content, segment);
      SplitTopic sidePart = split.main().isEmpty() ? null : segmentSidePart(language, text, content, segment);
      return sidePart != null ? sidePart : split;
    }
    String[] words = text.strip().split("\\s+");
    for (int i = 1; i < words.length - 1; i++) {
      if (!SIDE_PREPOSITIONS.contains(words[i].toLowerCase(Locale.ROOT))) {
        continue;
      }
      Set<String> before = topicTerms(language, String.join(" ", Arrays.copyOfRange(words, 0, i)));
      int verb = i > 1 && MODAL_VERBS.contains(words[1].toLowerCase(Locale.ROOT)) ? 0 : 1;
      Set<String> afterVerb = topicTerms(language, String.join(" ", Arrays.copyOfRange(words, verb, i)));
      Set<String> after = topicTerms(language, String.join(" ", Arrays.copyOfRange(words, i + 1, words.length)));
      before.retainAll(content);
      afterVerb.retainAll(content);
      after.retainAll(content);
      after.removeAll(before);
      return afterVerb.isEmpty() || after.isEmpty() ? SplitTopic.NONE : new SplitTopic(Set.copyOf(before), Set.copyOf(after));
    }
    return SplitTopic.NONE;
  }

  /**
   * Returns the split of a phrase whose segment of customers would be its main topic
   * ({@link #splitSegment}) but follows "bei", "for" or "für" after a topic term, or null when it
   * has none. The segment is then a side part and the topic terms
   * before it are the main topic, so "Zahlungsfehler bei Stammkunden senken" is about failed
   * payments, as "Cut payment failures for returning customers" is. A German phrase may start
   * with its topic, because its verb comes last, while the first word of an English phrase is
   * mostly the verb and counts only before a modal verb.
   */
  private static SplitTopic segmentSidePart(String language, String text, Set<String> content, Set<String> segment) {
    String[] words = text.strip().split("\\s+");
    for (int i = 1; i < words.length - 1; i++) {
      if (!SEGMENT_PREPOSITIONS.contains(words[i].toLowerCase(Locale.ROOT))) {
        continue;
      }
      Set<String> after = OkrText.terms(language, words[i + 1] + (i + 2 < words.length ? " " + words[i + 2] : ""));
      after.retainAll(segment);
      if (after.isEmpty()) {
        continue;
      }
      boolean subjectFirst = language.equals("de") || MODAL_VERBS.contains(words[1].toLowerCase(Locale.ROOT));
      Set<String> before = topicTerms(language, String.join(" ", Arrays.copyOfRange(words, subjectFirst ? 0 : 1, i)));
      before.retainAll(content);
      before.removeAll(segment);
      return before.isEmpty() ? null : new SplitTopic(Set.copyOf(before), Set.copyOf(segment));
    }
    return null;
  }

  /**
   * Splits the topic terms of a phrase that names a segment of customers ("grow revenue from
   * returning customers"). With at most one other topic term the segment is the main topic, so
   * "net revenue retention" does not answer: it counts every customer. With more, the segment is
   * one detail of the phrase and counts only when a text names it, so "guest checkout" answers
   * "make checkout effortless for returning and guest customers".
   */
  private static SplitTopic splitSegment(String language, Set<String> content, Set<String> segment) {
    long others = content.stream().filter(term -> isTopicTerm(language, term) && !segment.contains(term)).count();
    return others <= 1 ? new SplitTopic(Set.copyOf(segment), Set.of()) : new SplitTopic(Set.of(), Set.copyOf(segment));
  }

  private static Map<String, Set<String>> genericTerms() {
    Map<String, Set<String>> generic = new HashMap<>();
    for (String language : OkrText.LANGUAGES) {
      Set<String> terms = OkrText.terms(language, DIRECTION_WORDS + " " + GENERIC_WORDS + " " + PERIOD_WORDS + " "
          + MEASURE_WORDS);
      generic.put(language, Set.copyOf(terms));
    }
    return Map.copyOf(generic);
  }

  private static Map<String, Set<String>> measureTerms() {
    Map<String, Set<String>> measures = new HashMap<>();
    for (String language : OkrText.LANGUAGES) {
      measures.put(language, Set.copyOf(OkrText.terms(language, MEASURE_WORDS)));
    }
    return Map.copyOf(measures);
  }

  private static Map<String, Map<String, String>> topicKeys() {
    Map<String, Map<String, String>> keys = new HashMap<>();
    for (String language : OkrText.LANGUAGES) {
      Set<String> terms = OkrText.terms(language, SAME_TOPIC_WORDS);
      String key = terms.iterator().next();
      Map<String, String> byTerm = new HashMap<>();
      terms.forEach(term -> byTerm.put(term, key));
      keys.put(language, Map.copyOf(byTerm));
    }
    return Map.copyOf(keys);
  }

  /**
   * Returns the term that replaces the analyzed {@code term} of {@code language} when topics are
   * matched: the first of its words of the same topic ({@link #SAME_TOPIC_WORDS}), or the term
   * itself.
   */
  static String topicKey(String language, String term) {
    return TOPIC_KEYS.get(language).getOrDefault(term, term);
  }

  /**
   * Returns true when an analyzed {@code term} of {@code language} can name the topic of an OKR:
   * it is no number, no stop word, no verb or word of direction such as "bring", "cut" or
   * "senken", and no generic word of a measure such as "customers" or "rate". Stop words never
   * reach here, because the analyzers drop them.
   */
  static boolean isTopicTerm(String language, String term) {
    return !term.isEmpty() && Character.isLetter(term.charAt(0)) && !GENERIC_TERMS.get(language).contains(term);
  }

  /** Returns true when the analyzed {@code term} is a word of a period ({@link #PERIOD_WORDS}) in {@code language}. */
  static boolean isPeriodTerm(String language, String term) {
    return PERIOD_TERMS.get(language).contains(term);
  }

  /** Returns true when the analyzed {@code term} is a generic word of a measure ({@link #MEASURE_WORDS}) in {@code language}. */
  static boolean isMeasureTerm(String language, String term) {
    return MEASURE_TERMS.get(language).contains(term);
  }

  /** Returns the topic terms ({@link #isTopicTerm}) of {@code text} analyzed in {@code language}, in order. */
  static Set<String> topicTerms(String language, String text) {
    Set<String> terms = analyze(language, text);
    terms.removeIf(term -> !isTopicTerm(language, term));
    return terms;
  }

  /** Returns the content terms of {@code phrase}, one of {@link #texts()}: its terms without direction and place words. */
  Set<String> contentTermsOf(String phrase) {
    Set<String> terms = new LinkedHashSet<>();
    phrases.stream().filter(p -> p.text().equals(phrase)).forEach(p -> terms.addAll(p.weights().keySet()));
    return terms;
  }

  /** Returns the content terms of {@code phrase}, one of {@link #texts()}, that can name its topic. */
  Set<String> topicTermsOf(String phrase) {
    Set<String> terms = new LinkedHashSet<>();
    phrases.stream().filter(p -> p.text().equals(phrase))
        .forEach(p -> p.weights().keySet().stream().filter(term -> isTopicTerm(language, term)).forEach(terms::add));
    return terms;
  }

  /**
   * Returns the topic terms of the side part of {@code phrase} ({@link SplitTopic}), which a text
   * need not name: "mobil" in "make checkout faster on mobile".
   */
  Set<String> sideTermsOf(String phrase) {
    Set<String> terms = new HashSet<>();
    phrases.stream().filter(p -> p.text().equals(phrase)).forEach(p -> terms.addAll(p.topic().side()));
    return terms;
  }

  /**
   * Returns the analyzed segment of customers that is the main topic of {@code phrase}
   * ({@link #splitSegment}), such as {@value OkrText#REPEAT_PURCHASE} in "grow revenue from
   * returning customers", or an empty set when the phrase has none or names it as one detail.
   */
  Set<String> segmentTopicOf(String phrase) {
    Set<String> terms = new HashSet<>();
    phrases.stream().filter(p -> p.text().equals(phrase)).map(p -> p.topic().main())
        .filter(main -> !main.isEmpty() && SEGMENT_TERMS.get(language).containsAll(main)).forEach(terms::addAll);
    return terms;
  }

  /** Returns the analyzed terms of {@code text} in {@code language}, with "speed up" read as "accelerate". */
  private static Set<String> analyze(String language, String text) {
    return OkrText.terms(language, SPEED_UP.matcher(text).replaceAll("accelerate"));
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
   * Returns the phrases that name something to change: those with at least one topic term
   * ({@link #isTopicTerm}). Every one of them should be answered by a proposal, or reported as
   * unmatched. A phrase of generic words of a measure alone, such as "Kunden helfen", names none.
   */
  List<String> outcomes() {
    return phrases.stream().filter(this::namesTopic).map(Phrase::text).toList();
  }

  private boolean namesTopic(Phrase phrase) {
    return phrase.weights().keySet().stream().anyMatch(term -> isTopicTerm(language, term));
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

  /**
   * Returns true when a text with the analyzed {@code terms} answers what {@code phrase} asks to
   * change but names none of the places the phrase names.
   */
  boolean answersPartly(String phrase, Set<String> terms) {
    return phrases.stream().anyMatch(p -> p.text().equals(phrase) && sharesContent(p, terms) && !namesPlace(p, terms));
  }

  /** Returns true when a text with the analyzed {@code terms} contains at least one content term of {@code phrase}. */
  boolean sharesAnyContent(String phrase, Set<String> terms) {
    return phrases.stream().anyMatch(p -> p.text().equals(phrase) && p.weights().keySet().stream().anyMatch(terms::contains));
  }

  /**
   * Returns the words of {@code phrase} that name its place, from the preposition before its first
   * place word to its last place word ("in the DACH region", "in der DACH-Region"), or null when
   * it names no place or no preposition opens it.
   */
  String placeQualifier(String phrase) {
    String[] words = phrase.strip().split("\\s+");
    int first = -1;
    int last = -1;
    for (int i = 0; i < words.length; i++) {
      Set<String> terms = OkrText.terms(language, words[i]);
      terms.retainAll(placeTerms);
      if (!terms.isEmpty()) {
        first = first < 0 ? i : first;
        last = i;
      }
    }
    if (first < 0) {
      return null;
    }
    for (int i = first - 1; i >= Math.max(0, first - 3); i--) {
      if (PLACE_PREPOSITIONS.contains(words[i].toLowerCase(Locale.ROOT))) {
        return String.join(" ", Arrays.copyOfRange(words, i, last + 1)).replaceAll("[,.;:]+$", "");
      }
    }
    return null;
  }

  /**
   * Returns the analyzed terms of {@code text} in the phrases' language, without direction words
   * but with the place words, which a phrase naming a place asks for.
   */
  Set<String> termsOf(String text) {
    Set<String> terms = analyze(language, text);
    for (String term : new ArrayList<>(terms)) {
      if (directionTerms.contains(term) && !placeTerms.contains(term)) {
        terms.remove(term);
      }
    }
    return terms;
  }

  private boolean answers(Phrase phrase, Set<String> terms) {
    return sharesContent(phrase, terms) && namesPlace(phrase, terms);
  }

  private static boolean namesPlace(Phrase phrase, Set<String> terms) {
    return phrase.places().isEmpty() || phrase.places().stream().anyMatch(terms::contains);
  }

  private boolean sharesContent(Phrase phrase, Set<String> terms) {
    if (phrase.total() <= 0 || !namesTopic(phrase)) {
      return false;
    }
    if (!phrase.measures().isEmpty() && phrase.measures().stream().noneMatch(terms::contains)) {
      return false;
    }
    Set<String> main = phrase.topic().main();
    if (!main.isEmpty() && main.stream().noneMatch(terms::contains)) {
      return false;
    }
    Set<String> shared = sharedTerms(phrase, terms);
    if (sharesModifierOnly(phrase, shared) || sharesOneTopicOfMany(phrase, shared)) {
      return false;
    }
    double weight = 0;
    for (String term : shared) {
      weight += phrase.weights().get(term);
    }
    double total = phrase.total();
    for (String side : phrase.topic().side()) {
      total -= shared.contains(side) ? 0 : phrase.weights().get(side);
    }
    return total > 0 && weight / total >= MIN_ANSWERED_WEIGHT;
  }

  /**
   * Returns the content terms of the phrase that {@code terms} contains. A part of a hyphenated
   * word counts only when {@code terms} contains all its parts, so "self-serve dashboards" shares
   * nothing with "self-service" while "first contact" shares "first-contact".
   */
  private static Set<String> sharedTerms(Phrase phrase, Set<String> terms) {
    Set<String> shared = new HashSet<>(phrase.weights().keySet());
    shared.retainAll(terms);
    for (Set<String> compound : phrase.compounds()) {
      if (!terms.containsAll(compound)) {
        shared.removeAll(compound);
      }
    }
    return shared;
  }

  /**
   * Returns true when the phrase has at least 2 topic terms and the text shares only one of them,
   * a hyphenated word counting as one. So "checkout form errors" does
   * not answer "cut forecast error". A phrase split at a segment of customers or a side part
   * ({@link SplitTopic}) keeps its own rule, because its main term alone may answer it.
   */
  private boolean sharesOneTopicOfMany(Phrase phrase, Set<String> shared) {
    if (!phrase.topic().main().isEmpty()) {
      return false;
    }
    Set<String> phraseTopics = topicUnits(phrase, phrase.weights().keySet());
    return phraseTopics.size() >= 2 && topicUnits(phrase, shared).size() == 1;
  }

  /** Returns the topic terms among {@code terms}, the parts of each hyphenated word replaced by one of them. */
  private Set<String> topicUnits(Phrase phrase, Set<String> terms) {
    Set<String> units = new HashSet<>();
    for (String term : terms) {
      if (!isTopicTerm(language, term)) {
        continue;
      }
      String unit = term;
      for (Set<String> compound : phrase.compounds()) {
        if (compound.contains(term)) {
          unit = compound.stream().sorted().findFirst().orElse(term);
        }
      }
      units.add(unit);
    }
    return units;
  }

  /**
   * Returns true when the only topic terms shared are parts of the phrase's hyphenated words
   * while the phrase has other topic terms that are not shared. A hyphenated word such as
   * "self-service" qualifies a noun, so "make deployments self-service" is not answered by
   * "self-service revenue": their head nouns differ.
   */
  private boolean sharesModifierOnly(Phrase phrase, Set<String> shared) {
    if (phrase.compounds().isEmpty()) {
      return false;
    }
    Set<String> inCompounds = new HashSet<>();
    phrase.compounds().forEach(inCompounds::addAll);
    Set<String> sharedTopic = new HashSet<>(shared);
    sharedTopic.removeIf(term -> !isTopicTerm(language, term));
    boolean otherTopic = phrase.weights().keySet().stream()
        .anyMatch(term -> isTopicTerm(language, term) && !inCompounds.contains(term));
    return !sharedTopic.isEmpty() && inCompounds.containsAll(sharedTopic) && otherTopic;
  }
}
