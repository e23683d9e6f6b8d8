package io.momentum.server.assist.quality;

import io.momentum.server.assist.quality.QualityRequest.KeyResult;
import io.momentum.server.assist.quality.TextFacts.Quantity;
import io.momentum.server.assist.quality.TextFacts.Word;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Scores an objective and its key results as drafted and lists what weakens them, rule by rule.
 * Rule-based: English and German word lists and patterns for numbers, dates and units, and
 * Jaccard similarity of word stems for near duplicates. Every text is read in both languages;
 * the request's language only selects the language of {@code why} and {@code fix}.
 *
 * <p>Thread-safe, no I/O: one instance per organisation's settings may serve any number of calls.
 *
 * <p>The score starts at 100 and loses the organisation's penalty for each finding's severity,
 * clamped to 0-100, so an extra finding never raises it.
 */
public final class QualityChecker {

  private final QualitySettings settings;

  public QualityChecker(QualitySettings settings) {
    this.settings = settings;
  }

  public QualitySettings settings() {
    return settings;
  }

  /** Checks a request and returns its score and findings: objective findings first, then key results in order. */
  public QualityReport check(QualityRequest request) {
    Collector findings = new Collector(request.language());
    List<TextFacts> facts = new ArrayList<>();
    for (KeyResult keyResult : request.keyResults()) {
      facts.add(new TextFacts(keyResult.text()));
    }
    checkObjective(request, facts, findings);
    for (int i = 0; i < request.keyResults().size(); i++) {
      checkKeyResult(request.keyResults().get(i), facts.get(i), findings);
    }
    checkDuplicates(request.keyResults(), facts, findings);
    List<Finding> ordered = findings.ordered(request);
    int score = 100;
    for (Finding finding : ordered) {
      score -= finding.penalty();
    }
    return new QualityReport(Math.max(0, Math.min(100, score)), ordered);
  }

  private void checkObjective(QualityRequest request, List<TextFacts> facts, Collector findings) {
    String title = request.objective().title();
    if (ObjectiveWording.isVague(new TextFacts(title))) {
      findings.add(QualityRule.VAGUE_OBJECTIVE, Finding.OBJECTIVE, title.isBlank() ? List.of() : List.of(title));
    }
    String output = ObjectiveWording.output(new TextFacts(title));
    if (output != null) {
      findings.add(QualityRule.OUTPUT_NOT_OUTCOME, Finding.OBJECTIVE, List.of(output));
    }
    if (!request.objective().hasOwner()) {
      findings.add(QualityRule.NO_OWNER, Finding.OBJECTIVE, List.of());
    }
    int count = request.keyResults().size();
    if (count == 0) {
      findings.add(QualityRule.NO_KEY_RESULTS, Finding.OBJECTIVE, List.of());
    } else if (count < settings.minKeyResults()) {
      findings.add(QualityRule.TOO_FEW_KRS, Finding.OBJECTIVE, List.of(Integer.toString(count)));
    } else if (count > settings.maxKeyResults()) {
      findings.add(QualityRule.TOO_MANY_KRS, Finding.OBJECTIVE, List.of(Integer.toString(count)));
    }
    checkLeadingIndicator(request.keyResults(), facts, findings);
  }

  /**
   * Fires when there are at least two key results and each is lagging: tagged {@code lagging}, or
   * untagged and naming a lagging measure and no leading one. A key result tagged {@code leading}
   * never counts as lagging, whatever its wording.
   */
  private void checkLeadingIndicator(List<KeyResult> keyResults, List<TextFacts> facts, Collector findings) {
    if (facts.size() < 2) {
      return;
    }
    Set<String> lagging = new LinkedHashSet<>();
    for (int i = 0; i < facts.size(); i++) {
      String evidence = laggingEvidence(keyResults.get(i), facts.get(i));
      if (evidence == null) {
        return;
      }
      lagging.add(evidence);
    }
    findings.add(QualityRule.NO_LEADING_INDICATOR, Finding.OBJECTIVE, List.copyOf(lagging));
  }

  /**
   * Returns the words that make a key result lagging, or null when it is leading or names no
   * lagging measure. A key result tagged {@code lagging} without a lagging word is quoted whole.
   */
  private static String laggingEvidence(KeyResult keyResult, TextFacts facts) {
    if ("leading".equals(keyResult.indicator())) {
      return null;
    }
    List<String> laggingWords = MeasureKinds.lagging(facts);
    if ("lagging".equals(keyResult.indicator())) {
      return laggingWords.isEmpty() ? keyResult.text() : laggingWords.get(0);
    }
    if (laggingWords.isEmpty() || MeasureKinds.isLeading(facts)) {
      return null;
    }
    return laggingWords.get(0);
  }

  /** Measurement kinds whose progress comes from linked work items or a list of milestones. */
  private static final Set<String> STEPWISE_MEASUREMENTS = Set.of("work_items", "milestone");

  private void checkKeyResult(KeyResult keyResult, TextFacts facts, Collector findings) {
    String id = keyResult.id();
    Verbs verbs = Verbs.of(facts);
    String output = verbs.output();
    // An activity ("Work on checkout") is never done, so unlike an output it is not binary: it lacks a target.
    // Numbers do not make it an outcome ("Work on checkout from 2 % to 3 %" still names the work).
    String activity = output == null ? Verbs.activity(facts) : null;
    // A number in an activity's text is a target only beside a baseline: "with 4 engineers" is staffing.
    boolean hasTarget = keyResult.target() != null || (facts.hasQuantity() && (activity == null || facts.namesBaseline));
    String usual = businessAsUsual(keyResult, facts, verbs);
    String completion = facts.firstPhrase(Lexicon.COMPLETION_PHRASES);
    // Work items and milestones add progress step by step and define the end. Such a key result is
    // not binary and needs no target, although its text may still name work.
    boolean stepwise = STEPWISE_MEASUREMENTS.contains(String.valueOf(keyResult.measurement()));
    boolean binary = "binary".equals(keyResult.measurement())
        || (!stepwise && !hasTarget && usual == null && (output != null || completion != null));

    // A later clause's output ("… and launch the payment page") is work too, but the text opens
    // with a measure or a vague verb, so the output does not make the whole key result binary.
    String laterOutput = output == null && activity == null ? Verbs.laterClauseOutput(facts.words) : null;
    if (output != null) {
      findings.add(QualityRule.OUTPUT_NOT_OUTCOME, id, List.of(output));
    } else if (activity != null) {
      findings.add(QualityRule.OUTPUT_NOT_OUTCOME, id, List.of(activity));
    } else if (laterOutput != null) {
      findings.add(QualityRule.OUTPUT_NOT_OUTCOME, id, List.of(laterOutput));
    }
    if (binary) {
      String evidence = output != null ? output : completion;
      findings.add(QualityRule.BINARY_KR, id, evidence == null ? List.of() : List.of(evidence));
    } else if (!hasTarget && !stepwise) {
      findings.add(QualityRule.NO_TARGET, id, List.of());
    }
    // "Focus" in "Focus on checkout" is part of the activity, which output_not_outcome already names.
    List<String> vague = verbs.vague().stream().filter(word -> activity == null || !activity.contains(word)).toList();
    if (!hasTarget && !binary && !vague.isEmpty()) {
      findings.add(QualityRule.VAGUE_VERB, id, vague);
    }
    if (hasTarget && !binary && !stepwise && usual == null && keyResult.start() == null && !facts.namesBaseline
        && !countsNewItems(facts)) {
      List<String> evidence = facts.quantityEvidence();
      findings.add(QualityRule.NO_BASELINE, id,
          evidence.isEmpty() ? List.of(keyResult.target().stripTrailingZeros().toPlainString()) : List.of(evidence.get(0)));
    }
    List<String> compound = compoundParts(facts);
    if (!compound.isEmpty()) {
      findings.add(QualityRule.COMPOUND_KR, id, compound);
    }
    if (usual != null) {
      findings.add(QualityRule.BUSINESS_AS_USUAL, id, List.of(usual));
    }
    List<String> differing = StatedNumbers.mismatches(facts, keyResult.start(), keyResult.target());
    if (!differing.isEmpty()) {
      findings.add(QualityRule.NUMBERS_MISMATCH, id, differing);
    }
  }

  /** Returns true for a count of new things ("20 new customers", "15 neue Partner"), which starts at zero. */
  private static boolean countsNewItems(TextFacts facts) {
    for (Word word : facts.words) {
      if (Set.of("new", "neue", "neuen", "neuer", "neues", "additional", "zusätzliche", "zusätzlichen", "more")
          .contains(word.lower())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns the words that make a key result business as usual: a verb that keeps a level
   * ("maintain", "halten"), a phrase such as "as last year", or a start value equal to the target.
   */
  private static String businessAsUsual(KeyResult keyResult, TextFacts facts, Verbs verbs) {
    if (keyResult.start() != null && keyResult.target() != null && keyResult.start().compareTo(keyResult.target()) == 0) {
      return keyResult.target().stripTrailingZeros().toPlainString();
    }
    if (verbs.keep() != null) {
      return verbs.keep();
    }
    return facts.firstPhrase(Lexicon.USUAL_PHRASES);
  }

  /**
   * Splits the text at "and", "und", "&", "sowie" (not inside "between X and Y") and returns the
   * first two parts when at least two of them carry a measure of their own: an amount, or a verb
   * with an object. A verb shared by two measures also counts: a first part with a verb and its
   * object but no amount, followed by a part that names another measure with the amount
   * ("Increase trial signups and paid conversions by 20 %").
   */
  private static List<String> compoundParts(TextFacts facts) {
    Set<Integer> rangeJoins = facts.rangeConjunctions();
    List<int[]> parts = new ArrayList<>();
    int partStart = 0;
    int firstWord = 0;
    for (int i = 0; i < facts.words.size(); i++) {
      Word word = facts.words.get(i);
      if (Lexicon.CONJUNCTIONS.contains(word.lower()) && !rangeJoins.contains(i)) {
        parts.add(new int[] {partStart, word.start(), firstWord, i});
        partStart = word.end();
        firstWord = i + 1;
      }
    }
    if (parts.isEmpty()) {
      return List.of();
    }

    parts.add(new int[] {partStart, facts.text.length(), firstWord, facts.words.size()});

    int withAmount = 0;
    int withVerb = 0;
    List<String> measured = new ArrayList<>();
    String sharedVerbPart = null;
    String sharedAmountPart = null;
    List<Word> firstPartWords = List.of();
    for (int p = 0; p < parts.size(); p++) {
      int[] part = parts.get(p);
      boolean amount = false;
      for (Quantity quantity : facts.quantities) {
        amount |= quantity.start() >= part[0] && quantity.start() < part[1];
      }
      List<Word> partWords = facts.words.subList(part[2], part[3]);
      if (p == 0) {
        firstPartWords = partWords;
      }
      boolean verbWithObject = Verbs.hasVerbWithObject(partWords);
      withAmount += amount ? 1 : 0;
      withVerb += verbWithObject ? 1 : 0;
      String text = facts.text.substring(part[0], part[1]).trim();
      if (amount || verbWithObject) {
        measured.add(text);
      }
      // A digit in the first part is a label of the same measure ("Reduce P1 and P2 incidents").
      if (p == 0 && verbWithObject && !amount && !hasPreposition(partWords) && text.chars().noneMatch(Character::isDigit)) {
        sharedVerbPart = text;
      } else if (p > 0 && sharedVerbPart != null && sharedAmountPart == null && amount && !verbWithObject
          && namesMeasure(partWords) && !(p == 1 && modifiesNextMeasure(firstPartWords, partWords))) {
        sharedAmountPart = text;
      }
    }

    if (withAmount >= 2 || withVerb >= 2) {
      return measured.subList(0, 2);
    }
    if (sharedAmountPart != null) {
      return List.of(sharedVerbPart, sharedAmountPart);
    }
    return sharedFinalVerbParts(facts, parts);
  }

  /**
   * Returns the first and last part when a German verb at the end of the text is shared by two
   * measures and the last part carries the amount ("Testanmeldungen und bezahlte Conversions um
   * 20 % steigern"). Returns an empty list otherwise. The first part must name a measure of its own: a word of
   * the measure lists or a noun after the first word, because German capitalises nouns. A first
   * part ending in a hyphen ("Reparatur- und Wiederverkaufsumsatz") or opening a place or group
   * ("Pipeline in Vertrieb und Marketing") qualifies the one measure of the last part, and so
   * does a first part that ends at "ohne" ("Anteil der Käufe ohne Vertriebskontakt … erhöhen").
   *
   * @param parts each part as {start offset, end offset, first word index, end word index}
   */
  /**
   * Endings of German nouns for counted people or things ("Neukunden", "Bestellungen"). A first
   * part of one such word names a measure, but a capitalised adjective ("Mobile und
   * Web-Conversion") does not.
   */
  private static final List<String> COUNTED_NOUN_ENDINGS_DE = List.of("kunden", "kundinnen", "nutzer", "nutzerinnen",
      "besucher", "bestellungen", "anmeldungen", "abonnenten", "mitglieder", "käufer", "käufe", "leads");

  private static List<String> sharedFinalVerbParts(TextFacts facts, List<int[]> parts) {
    int lastWord = facts.words.size() - 1;
    if (lastWord < 2 || !Verbs.isVerb(facts.words, lastWord) || !Lexicon.isGermanVerb(facts.words.get(lastWord).lower())) {
      return List.of();
    }
    int[] first = parts.get(0);
    int[] last = parts.get(parts.size() - 1);
    // "ohne" and "während" open a guardrail or a condition of the one measure, not a second measure.
    if (!Set.of("und", "sowie", "&").contains(facts.words.get(first[3]).lower())) {
      return List.of();
    }
    List<Word> firstWords = facts.words.subList(first[2], first[3]);
    List<Word> lastWords = facts.words.subList(last[2], last[3] - 1);
    String firstText = facts.text.substring(first[0], first[1]).trim();
    boolean firstHasAmount = facts.quantities.stream().anyMatch(q -> q.start() < first[1]);
    boolean lastHasAmount = facts.quantities.stream().anyMatch(q -> q.start() >= last[0]);
    if (firstWords.isEmpty() || firstHasAmount || !lastHasAmount || firstText.endsWith("-")
        || firstText.chars().anyMatch(Character::isDigit) || hasPreposition(firstWords)
        || Verbs.hasVerbWithObject(firstWords) || !namesMeasure(lastWords)) {
      return List.of();
    }
    boolean firstNamesMeasure = firstWords.stream().anyMatch(w -> MeasureKinds.namesMeasure(w.lower()))
        || firstWords.stream().skip(1).anyMatch(w -> Character.isUpperCase(w.original().charAt(0)))
        || firstWords.stream().anyMatch(w -> COUNTED_NOUN_ENDINGS_DE.stream().anyMatch(w.lower()::endsWith));
    if (!firstNamesMeasure) {
      return List.of();
    }
    return List.of(firstText, facts.text.substring(last[0], last[1]).trim());
  }

  /**
   * Returns true when the only object of the first part is a word that names no measure and the
   * next part opens with a noun group ending in a measure: both words then qualify that one
   * measure ("Grow repair and resale revenue", "Raise mobile and web conversion"), while
   * "Increase signups and paid conversions" joins two measures.
   */
  private static boolean modifiesNextMeasure(List<Word> first, List<Word> next) {
    List<Word> objects = new ArrayList<>();
    for (int i = 0; i < first.size(); i++) {
      if (!Lexicon.STOP_WORDS.contains(first.get(i).lower()) && !Verbs.isVerb(first, i)) {
        objects.add(first.get(i));
      }
    }
    if (objects.size() != 1 || MeasureKinds.namesMeasure(objects.get(0).lower())) {
      return false;
    }
    List<Word> group = new ArrayList<>();
    for (Word word : next) {
      if (Lexicon.PREPOSITIONS.contains(word.lower()) || Lexicon.COMPARATIVES.contains(word.lower())) {
        break;
      }
      group.add(word);
    }
    return group.size() >= 2 && group.subList(1, group.size()).stream()
        .anyMatch(w -> MeasureKinds.namesMeasure(w.lower()));
  }

  /**
   * Returns true when the words contain a preposition. "and" after one joins the places or groups
   * of a single measure ("pipeline in Sales and Marketing"), not two measures.
   */
  private static boolean hasPreposition(List<Word> words) {
    return words.stream().anyMatch(w -> Lexicon.PREPOSITIONS.contains(w.lower()));
  }

  /** Returns true when the words name something measured: a word that is no stop word, comparative or unit. */
  private static boolean namesMeasure(List<Word> words) {
    return words.stream().map(Word::lower).anyMatch(w -> !Lexicon.STOP_WORDS.contains(w)
        && !Lexicon.COMPARATIVES.contains(w) && !Lexicon.UNIT_SUFFIXES.contains(w) && !w.equals("&"));
  }

  private void checkDuplicates(List<KeyResult> keyResults, List<TextFacts> facts, Collector findings) {
    List<Set<String>> stems = new ArrayList<>();
    for (TextFacts text : facts) {
      stems.add(Stems.of(text));
    }
    for (int later = 1; later < keyResults.size(); later++) {
      for (int earlier = 0; earlier < later; earlier++) {
        if (Stems.jaccard(stems.get(earlier), stems.get(later)) >= settings.duplicateSimilarity()) {
          findings.add(QualityRule.DUPLICATE_KR, keyResults.get(later).id(), List.of(keyResults.get(earlier).text()));
          break;
        }
      }
    }
  }

  /** Collects findings with the severity and texts of the settings, leaving out rules that are off. */
  private final class Collector {

    private final String language;
    private final List<Finding> findings = new ArrayList<>();

    Collector(String language) {
      this.language = language;
    }

    void add(QualityRule rule, String target, List<String> evidence) {
      Severity severity = settings.severityOf(rule);
      if (severity == Severity.OFF) {
        return;
      }
      String quoted = quote(evidence);
      findings.add(new Finding(rule, severity, target, evidence,
          QualityMessages.why(rule, language, quoted, settings), QualityMessages.fix(rule, language, quoted, settings),
          settings.penaltyOf(severity)));
    }

    /** Quotes each piece of evidence as the language does: "x" in English, „x“ in German. */
    private String quote(List<String> evidence) {
      if (evidence.isEmpty()) {
        return "";
      }
      String open = "de".equals(language) ? "\u201E" : "\"";
      String close = "de".equals(language) ? "\u201C" : "\"";
      return open + String.join(close + ", " + open, evidence) + close;
    }

    List<Finding> ordered(QualityRequest request) {
      List<Finding> ordered = new ArrayList<>();
      Set<String> targets = new HashSet<>();
      List<String> order = new ArrayList<>();
      order.add(Finding.OBJECTIVE);
      request.keyResults().forEach(k -> order.add(k.id()));
      for (String target : order) {
        if (targets.add(target)) {
          findings.stream().filter(f -> f.target().equals(target)).forEach(ordered::add);
        }
      }
      return ordered;
    }
  }
}
