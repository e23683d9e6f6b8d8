package io.momentum.server.assist.drafts;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.AnalyzerWrapper;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.pattern.PatternReplaceCharFilter;
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
  /**
   * English words outside the stop words that short strategies use and German never does
   * ("Customers should come back more often"), counted as English stop words.
   */
  private static final Set<String> ENGLISH_MARKERS = Set.of("should", "must", "more", "less", "fewer", "often",
      "every", "our", "we", "us", "can", "could", "would", "need", "needs", "make", "get", "faster", "better");
  /** The word that the English analyzer reads for repeat purchases and customers who buy again. */
  static final String REPEAT_PURCHASE = "repeatpurchase";
  /**
   * Words for customers who buy again, each read as the one word {@value #REPEAT_PURCHASE} by the
   * English analyzer: "returning", "repeat" or "existing" before customers, buyers, shoppers or
   * clients, also with a second adjective joined by "and" or "or" ("returning and guest
   * customers"), "repeat purchase", "second order" and "order again" or "buy again". Customers
   * who "come back" (also "more often" or "again") and who "return more often", "return again" or
   * "return to buy" count too. The stem "return" would tie them to product returns, and two words
   * would weigh the wish twice in a phrase. "returns" stays out, because it mostly names product
   * returns.
   */
  static final Pattern REPEAT_CUSTOMERS = Pattern.compile("\\brepeat[\\s-]+purchases?\\b"
      + "|\\bsecond[\\s-]+orders?\\b|\\b(?:order|orders|buy|buys)\\s+again\\b"
      + "|\\b(?:come|comes|coming|came)\\s+back(?:\\s+(?:more\\s+)?(?:often|frequently|again))?\\b"
      + "|\\breturn(?:ing)?\\s+(?:more\\s+(?:often|frequently)|again|to\\s+(?:buy|shop|order))\\b"
      + "|\\b(?:returning|repeat|existing)"
      + "(?=(?:\\s+(?:and|or)\\s+\\p{L}+)?"
      + "\\s+(?:customers?|buyers?|shoppers?|clients?)\\b)", Pattern.CASE_INSENSITIVE);
  /** The German word for customers who buy again, which the library's repeat purchase examples use. */
  static final String REGULAR_CUSTOMERS_DE = "Stammkunden";
  /**
   * German words for customers who buy again or come back, each read as {@value #REGULAR_CUSTOMERS_DE}
   * by the German analyzer: "wiederkehrende Kunden" (or "Käufer"), "wiederkommen" and "wiederkehren"
   * with their inflections, and a clause that ends with the separated "kommen ... wieder" ("Kunden
   * kommen öfter wieder"). "wiederkehrend" alone stays, because "wiederkehrende Umsätze" are
   * recurring revenue.
   */
  static final Pattern REGULAR_CUSTOMERS = Pattern.compile(
      "\\bwiederkehrende[nrs]?\\s+(?:Kunden|Kundinnen|Käufer|Käuferinnen)\\b"
          + "|\\bwieder(?:kommen|kommt|kommende[nrs]?|kehren|kehrt)\\b"
          + "|\\bkomm(?:en|t)\\b((?:\\s+[\\p{L}\\d]+){0,3}?)\\s+wieder(?=\\s*(?:[.,;:!?]|$))",
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  /** "CSAT", which the analyzers read as the words it stands for, so it matches "customer satisfaction". */
  static final Pattern CSAT = Pattern.compile("\\bCSAT\\b");
  static final String CSAT_WORDS = "customer satisfaction score";
  static final String CSAT_WORDS_DE = "Kundenzufriedenheit";
  /**
   * "GMV", gross merchandise value: the value of all goods sold through a marketplace, its gross
   * revenue. The analyzers read it as "GMV" and the word for revenue, so "Grow the marketplace share
   * of GMV" answers "grow marketplace revenue".
   */
  static final Pattern GMV = Pattern.compile("\\bGMV\\b");
  static final String GMV_WORDS = "GMV revenue";
  static final String GMV_WORDS_DE = "GMV Umsatz";
  /**
   * The German verb "deployen" with its inflections and the borrowed "Deploys", each read as
   * {@value #DEPLOYMENT_DE} by the German analyzer. Its stem "deploy" would otherwise miss the
   * noun "Deployment", which the library's deployment examples use.
   * NOTE: "ausliefern" and "ausrollen" are not read as deploying, because they also name shipping
   * an app ("die Mobile-App ausliefern") or rolling out a process.
   */
  static final Pattern DEPLOY_DE = Pattern.compile("\\b(?:ge)?deploy(?:e|en|s|st|t|te|ten|test|tet)?\\b",
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  static final String DEPLOYMENT_DE = "Deployment";
  /**
   * A lower-case German participle of a separable verb ("fehlgeschlagen", "zurückgerollte",
   * "umgesetzt"), which the German analyzer reads as the verb's infinitive ("fehlschlagen",
   * "zurückrollen", "umsetzen"). Its stem ("fehlgeschlag") would otherwise miss the verb's
   * ("fehlschlag"), so "Zahlungen sollen fehlschlagen" would not find "fehlgeschlagene
   * Zahlungsversuche". Group 1 is the prefix and group 2 the verb stem; a stem in "-er" or "-el"
   * ("ausgeliefert") takes "n" instead of "en" ({@link #SEPARABLE_PARTICIPLE_ER}).
   * NOTE: a participle written with a capital letter at the start of a sentence keeps its stem,
   * because nouns such as "Angestellte" or "Angebote" would otherwise be read as verbs.
   */
  static final Pattern SEPARABLE_PARTICIPLE = separableParticiple("(\\p{Ll}{2,}?)(?:t|et|en)");
  static final Pattern SEPARABLE_PARTICIPLE_ER = separableParticiple("(\\p{Ll}+?(?:er|el))(?:t|et)");

  /**
   * Analyzes field {@code en} in English, with {@link #REPEAT_CUSTOMERS} read as one word, {@link #CSAT}
   * as {@value #CSAT_WORDS}, {@link #GMV} as {@value #GMV_WORDS}, and
   * {@link NounStemFilter} after Lucene's Porter stemmer, and field {@code de} in German, with
   * {@link #REGULAR_CUSTOMERS} read as {@value #REGULAR_CUSTOMERS_DE}, {@link #CSAT} as
   * {@value #CSAT_WORDS_DE}, {@link #GMV} as {@value #GMV_WORDS_DE}, {@link #SEPARABLE_PARTICIPLE} as
   * the verb's infinitive and {@link #DEPLOY_DE} as {@value #DEPLOYMENT_DE}. Other fields use the
   * standard analyzer.
   */
  static final Analyzer ANALYZER = new PerFieldAnalyzerWrapper(new StandardAnalyzer(),
      Map.of("en", withNounStems(new EnglishAnalyzer()), "de", withGermanReadings(new GermanAnalyzer())));
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
  /** A word that ends in a hyphen at the end of a text, such as "PayPal-" in "PayPal- und Klarna-Zahlungen". */
  private static final Pattern SUSPENDED_COMPOUND = Pattern.compile("\\p{L}-\\s*$");
  /** Maximum number of words after "and" or "und" that can still belong to the noun phrase before it. */
  private static final int MAX_NOUN_PHRASE_WORDS = 3;
  /** A lower-case word ending in "en", "ern" or "eln" right before a clause end or the text end. */
  private static final Pattern GERMAN_CLAUSE_END = Pattern.compile("(?<![\\p{L}])\\p{Ll}+(?:en|ern|eln)\\s*(?:[.;!?]|$)",
      Pattern.MULTILINE);
  /** Text that ends with an amount ("by 10 %", "to 4.5"): a measure that is complete on its own. */
  private static final Pattern ENDS_WITH_AMOUNT = Pattern.compile("\\d\\s*%?\\s*$");
  /**
   * Verbs and modal verbs that start or carry a clause of a strategy text, in English and German.
   * The list is not complete: a clause of more than {@link #MAX_NOUN_PHRASE_WORDS} words after
   * "and" splits off without one.
   * NOTE: a short clause with an unlisted verb and a bare noun, such as "and befriend quokkas",
   * stays joined to the clause before it.
   */
  private static final Set<String> VERBS = Set.of(("increase raise grow boost improve reduce cut lower decrease"
      + " shorten halve double drive make keep get achieve deliver become ensure help enable win answer solve ship"
      + " release launch build sell resell refund offer open enter expand hire stop start let bring turn move hold run"
      + " put check automate serve reach protect retain convert onboard"
      + " should must will can shall need needs want wants is are be"
      + " soll sollen wollen muss müssen kann können wird werden ist sind").split(" "));
  /** Articles, possessives and quantifiers that open a noun phrase, in English and German. */
  private static final Set<String> DETERMINERS = Set.of("the", "a", "an", "every", "each", "our", "your", "their",
      "its", "this", "these", "those", "all", "some", "any", "more", "fewer", "less", "der", "die", "das", "den",
      "dem", "des", "ein", "eine", "einen", "jede", "jeden", "jeder", "unsere", "unseren", "mehr", "weniger");
  /** German modal and auxiliary verbs whose infinitive ends the clause. */
  private static final Set<String> GERMAN_MODALS = Set.of("soll", "sollen", "will", "wollen", "muss", "müssen", "kann",
      "können", "wird", "werden");
  private static final int MAX_PHRASES = 60;
  private static final int MAX_PHRASE_LENGTH = 200;

  private OkrText() {
  }

  private static Analyzer withNounStems(Analyzer analyzer) {
    return withReadings(analyzer, reader -> new PatternReplaceCharFilter(GMV, GMV_WORDS,
        new PatternReplaceCharFilter(CSAT, CSAT_WORDS,
            new PatternReplaceCharFilter(REPEAT_CUSTOMERS, REPEAT_PURCHASE, reader))), NounStemFilter::new);
  }

  private static Analyzer withGermanReadings(Analyzer analyzer) {
    // The separated "kommen ... wieder" keeps the words between them ("$1").
    return withReadings(analyzer, reader -> new PatternReplaceCharFilter(DEPLOY_DE, DEPLOYMENT_DE,
        new PatternReplaceCharFilter(GMV, GMV_WORDS_DE, new PatternReplaceCharFilter(CSAT, CSAT_WORDS_DE,
            new PatternReplaceCharFilter(SEPARABLE_PARTICIPLE, "$1$2en",
                new PatternReplaceCharFilter(SEPARABLE_PARTICIPLE_ER, "$1$2n",
                    new PatternReplaceCharFilter(REGULAR_CUSTOMERS, "$1 " + REGULAR_CUSTOMERS_DE, reader)))))),
        stream -> stream);
  }

  /**
   * Returns a pattern for a lower-case participle of a German separable verb: a separable prefix,
   * "ge", then {@code stemAndEnding} (the verb stem as group 2 and the participle ending) and an
   * optional adjective ending.
   */
  private static Pattern separableParticiple(String stemAndEnding) {
    return Pattern.compile("(?<!\\p{L})(ab|an|auf|aus|bei|ein|fehl|fest|frei|her|hin|los|mit|nach|vor|weg|weiter"
        + "|zu|zurück|zusammen|um)ge" + stemAndEnding + "(?:e|en|er|es|em)?(?!\\p{L})");
  }

  /**
   * Wraps {@code analyzer} so that {@code readings} rewrite the text before it is tokenised and
   * {@code filter} runs on its tokens, at index and query time alike.
   */
  private static Analyzer withReadings(Analyzer analyzer, UnaryOperator<Reader> readings, UnaryOperator<TokenStream> filter) {
    return new AnalyzerWrapper(analyzer.getReuseStrategy()) {
      @Override
      protected Analyzer getWrappedAnalyzer(String fieldName) {
        return analyzer;
      }

      @Override
      protected Reader wrapReader(String fieldName, Reader reader) {
        return readings.apply(reader);
      }

      @Override
      protected TokenStreamComponents wrapComponents(String fieldName, TokenStreamComponents components) {
        return new TokenStreamComponents(components.getSource(), filter.apply(components.getTokenStream()));
      }
    };
  }

  /**
   * Folds an English Porter stem of a noun in "-ure" into the stem of its verb, as the Porter
   * stemmer leaves "failures" as "failur" but "failed" as "fail". A stem of at least 6 letters
   * that ends in a consonant and "ur" loses the "ur": "failur", "departur" and "closur" become
   * "fail", "depart" and "clos". Stems such as "behaviour" keep theirs, because a vowel comes
   * before "ur". The Porter stemmer also turns "deploy" and "deployed" into "deploi" but
   * "deployments" into "deploy". So a stem of at least 5 letters that ends in "ai", "ei", "oi" or
   * "ui" gets its "y" back ("deploi", "emploi" and "delai" become "deploy", "employ" and "delay").
   * The same filter runs at index and query time, so both sides fold alike.
   */
  static final class NounStemFilter extends TokenFilter {

    private static final int MIN_LENGTH = 6;
    private static final int MIN_VERB_Y_LENGTH = 5;
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

    NounStemFilter(TokenStream input) {
      super(input);
    }

    @Override
    public boolean incrementToken() throws IOException {
      if (!input.incrementToken()) {
        return false;
      }
      int length = term.length();
      char[] buffer = term.buffer();
      if (length >= MIN_LENGTH && buffer[length - 2] == 'u' && buffer[length - 1] == 'r'
          && Character.isLetter(buffer[length - 3]) && "aeiouy".indexOf(buffer[length - 3]) < 0) {
        term.setLength(length - 2);
      } else if (length >= MIN_VERB_Y_LENGTH && buffer[length - 1] == 'i' && "aeou".indexOf(buffer[length - 2]) >= 0) {
        buffer[length - 1] = 'y';
      }
      return true;
    }
  }

  /**
   * Returns {@code de} when the text has more German than English stop words or has umlauts and
   * no English stop words, else {@code en}.
   */
  public static String detect(String text) {
    return detect(text, null);
  }

  /**
   * Detects the language as {@link #detect(String)} does, but when the text has no stop words and
   * no umlauts, as short strategies often have ("Zahlungsfehler senken."), decides by the verbs: a
   * German clause ends with its infinitive, a lower-case word ending in "en", "ern" or "eln", and
   * an English one opens with an imperative such as "cut" or "raise". With neither, or both, it
   * returns {@code fallback}, the language of the page that sent the request. Without a fallback
   * such a text is {@code en}.
   */
  public static String detect(String text, String fallback) {
    int english = 0;
    int german = 0;
    var words = WORD.matcher(text.toLowerCase(Locale.ROOT));
    while (words.find()) {
      String word = words.group();
      if (ENGLISH_STOP.contains(word) || ENGLISH_MARKERS.contains(word)) {
        english++;
      }
      if (GERMAN_STOP.contains(word)) {
        german++;
      }
    }
    boolean umlauts = text.chars().anyMatch(c -> "äöüÄÖÜß".indexOf(c) >= 0);
    if (english == 0 && german == 0 && !umlauts && fallback != null) {
      return byVerbs(text, fallback);
    }
    return german > english || (umlauts && english == 0) ? "de" : "en";
  }

  private static String byVerbs(String text, String fallback) {
    boolean germanEnd = GERMAN_CLAUSE_END.matcher(text).find();
    boolean englishStart = phrases(text).stream().map(OkrText::words)
        .anyMatch(words -> !words.isEmpty() && VERBS.contains(words.get(0).toLowerCase(Locale.ROOT)));
    if (germanEnd == englishStart) {
      return fallback;
    }
    return germanEnd ? "de" : "en";
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
   * Prepositions that end the head of a metric, in English and German. The words before the first
   * of them name what is measured ("customer satisfaction score" in "customer satisfaction score
   * after a support contact"), and the words after it qualify the measure.
   */
  private static final Set<String> METRIC_PREPOSITIONS = Set.of("after", "before", "of", "per", "in", "on", "from",
      "to", "with", "without", "within", "by", "for", "at", "into", "across", "through", "until",
      "nach", "vor", "von", "vom", "bei", "beim", "im", "mit", "ohne", "innerhalb", "pro", "je", "für", "auf",
      "aus", "bis", "zu", "zum", "zur", "über", "unter", "seit");

  /**
   * Splits a metric at its first preposition after its first word into the head, which names what
   * is measured, and the qualifier after it. Returns null when the metric has no such preposition.
   * "customer satisfaction score after a support contact" splits into "customer satisfaction score"
   * and "after a support contact", "Kundenzufriedenheit nach einem Support-Kontakt" into
   * "Kundenzufriedenheit" and "nach einem Support-Kontakt".
   */
  static String[] splitMetric(String metric) {
    String[] words = metric.strip().split("\\s+");
    for (int i = 1; i < words.length - 1; i++) {
      if (METRIC_PREPOSITIONS.contains(words[i].toLowerCase(Locale.ROOT))) {
        return new String[] {String.join(" ", Arrays.copyOfRange(words, 0, i)),
            String.join(" ", Arrays.copyOfRange(words, i, words.length))};
      }
    }
    return null;
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

  /**
   * Splits one sentence part at the words that join clauses, keeping "and" inside a range and an
   * "and" or "und" that joins two parts of one noun phrase ({@link #joinsNounPhrase}).
   */
  private static List<String> clauses(String part) {
    List<int[]> joiners = new ArrayList<>();
    Matcher matcher = CLAUSE_JOINER.matcher(part);
    while (matcher.find()) {
      String joinerWord = matcher.group().strip().toLowerCase(Locale.ROOT);
      if (!joinsListItems(joinerWord, part.substring(0, matcher.start()), part.substring(matcher.end()))) {
        joiners.add(new int[] {matcher.start(), matcher.end()});
      }
    }
    List<String> clauses = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < joiners.size(); i++) {
      int[] joiner = joiners.get(i);
      String before = part.substring(start, joiner[0]);
      int nextStart = i + 1 < joiners.size() ? joiners.get(i + 1)[0] : part.length();
      String joinerWord = part.substring(joiner[0], joiner[1]).strip().toLowerCase(Locale.ROOT);
      String after = part.substring(joiner[1], nextStart);
      if (RANGE_START.matcher(before).find() || joinsNounPhrase(joinerWord, before, after)) {
        continue;
      }
      clauses.add(before);
      start = joiner[1];
    }
    clauses.add(part.substring(start));
    return clauses;
  }

  /**
   * Returns true when {@code joiner}, "and" or "und", joins two words of one noun phrase rather
   * than two clauses. That is so when the words after it, up to the next joiner, are at most
   * {@value #MAX_NOUN_PHRASE_WORDS}, contain no verb and no determiner after their first word, as
   * in "for returning and guest customers" or "payment failures and payment fees", unless the words
   * before it end with an amount ("Grow revenue by 10 % and standby time"). A determiner
   * after the first word, as in "and befriend every quokka", marks a verb with its object. In
   * German it is also so when the words before it
   * contain a modal verb whose infinitive is still missing, as in "Der Checkout soll für
   * Stammkunden und Gastkunden mühelos werden". Without part-of-speech tagging, a verb is a word of
   * {@link #VERBS}, or in German a lower-case word ending in "en", "ern" or "eln".
   */
  private static boolean joinsNounPhrase(String joiner, String before, String after) {
    if (!joiner.equals("and") && !joiner.equals("und")) {
      return false;
    }
    if (ENDS_WITH_AMOUNT.matcher(before).find()) {
      return false;
    }
    List<String> afterWords = words(after);
    boolean determinerInside = afterWords.stream().skip(1)
        .anyMatch(word -> DETERMINERS.contains(word.toLowerCase(Locale.ROOT)));
    boolean shortWithoutVerb = !afterWords.isEmpty() && afterWords.size() <= MAX_NOUN_PHRASE_WORDS
        && !determinerInside && afterWords.stream().noneMatch(word -> isVerb(joiner, word));
    if (shortWithoutVerb) {
      return true;
    }
    if (joiner.equals("und")) {
      List<String> beforeWords = words(before);
      boolean modal = beforeWords.stream().anyMatch(word -> GERMAN_MODALS.contains(word.toLowerCase(Locale.GERMAN)));
      return modal && !beforeWords.isEmpty() && !isVerb(joiner, beforeWords.get(beforeWords.size() - 1));
    }
    return false;
  }

  /**
   * Returns true when {@code joiner}, "and" or "und", joins two items of a list inside one clause
   * and is never a clause break: the word before it ends in a hyphen, a German suspended compound
   * as in "PayPal- und Klarna-Zahlungen", or the words on both sides are capitalised names, as in
   * "make PayPal and Klarna payments succeed". Such a joiner is skipped before any other is
   * weighed, so the clause it sits in stays whole.
   * NOTE: German capitalises every noun, so "Kunden und Partner" counts as two names as well, which
   * keeps a noun list together but would also join two clauses split only between two nouns.
   */
  private static boolean joinsListItems(String joiner, String before, String after) {
    if (!joiner.equals("and") && !joiner.equals("und")) {
      return false;
    }
    if (SUSPENDED_COMPOUND.matcher(before).find()) {
      return true;
    }
    List<String> beforeWords = words(before);
    List<String> afterWords = words(after);
    if (beforeWords.size() < 2 || afterWords.isEmpty()) {
      return false;
    }
    return isName(joiner, beforeWords.get(beforeWords.size() - 1)) && isName(joiner, afterWords.get(0));
  }

  /** Returns true when {@code word} is capitalised and no verb by the rules of {@link #joinsNounPhrase}. */
  private static boolean isName(String joiner, String word) {
    return Character.isUpperCase(word.charAt(0)) && !isVerb(joiner, word)
        && !DETERMINERS.contains(word.toLowerCase(Locale.ROOT));
  }

  private static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    Matcher word = WORD.matcher(text);
    while (word.find()) {
      words.add(word.group());
    }
    return words;
  }

  /** Returns true when {@code word} is a verb by the rules of {@link #joinsNounPhrase}, "und" marking German. */
  private static boolean isVerb(String joiner, String word) {
    String lower = word.toLowerCase(Locale.ROOT);
    if (VERBS.contains(lower)) {
      return true;
    }
    return joiner.equals("und") && Character.isLowerCase(word.charAt(0))
        && (lower.endsWith("en") || lower.endsWith("ern") || lower.endsWith("eln"));
  }
}
