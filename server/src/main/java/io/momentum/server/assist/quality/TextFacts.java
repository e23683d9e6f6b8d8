package io.momentum.server.assist.quality;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Facts the checker reads from one text: its words, the numbers that are quantities (not dates,
 * versions or parts of names) and whether a starting value is named. Built once per text and
 * then only read, so the rules stay simple.
 */
final class TextFacts {

  /** A word as written, lower-cased, with its position in the text. */
  record Word(String lower, String original, int start, int end) {
  }

  /** A number that states an amount, as written (with its sign, unit or currency when attached). */
  record Quantity(String original, int start, int end, int wordIndex) {
  }

  private static final Pattern WORD = Pattern.compile("[\\p{L}][\\p{L}\\p{M}'’]*(?:-[\\p{L}\\p{M}]+)*|&|->|→|=>");
  private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)*");
  /** Numeric dates: 31.03.2026, 31.03., 2026-03-31, 3/31/2026, 31/03. */
  private static final Pattern NUMERIC_DATE = Pattern.compile(
      "\\b\\d{1,2}\\.\\d{1,2}\\.(?:\\d{2,4})?|\\b\\d{4}-\\d{2}-\\d{2}\\b|\\b\\d{1,2}/\\d{1,2}/\\d{2,4}\\b");
  /** Day and month: "March 31", "31 March", "31. März", "1st of June". */
  private static final Pattern DAY_MONTH = Pattern.compile(
      "(?iu)\\b\\d{1,2}(?:st|nd|rd|th|\\.)?\\s+(?:of\\s+)?(?:january|february|march|april|may|june|july|august|september"
          + "|october|november|december|januar|februar|märz|mai|juni|juli|oktober|dezember|jan|feb|mar|apr|jun|jul|aug"
          + "|sep|sept|oct|okt|nov|dec|dez)\\b|\\b(?:january|february|march|april|may|june|july|august|september|october"
          + "|november|december)\\s+\\d{1,2}(?:st|nd|rd|th)?\\b");
  /** Quarters, halves, fiscal years and calendar weeks: Q3, H1 2026, FY26, KW 12, week 12. */
  private static final Pattern PERIOD = Pattern.compile(
      "(?iu)\\b(?:q[1-4]|h[12]|fy|gj)\\s?'?\\d{0,4}\\b|\\b(?:kw|cw|week|woche|sprint)\\s?\\d{1,2}\\b|\\b24/7\\b");
  /** Signs and words right after a number that make it an amount. */
  private static final Pattern AMOUNT_AFTER = Pattern.compile(
      "(?iu)^\\s?(?:%|‰|€|\\$|£|pp\\b|percent|prozent|punkte|points|eur\\b|usd\\b|chf\\b|k\\b|m\\b|mio|mrd|bn|x\\b)");
  /**
   * Units of time, size and weight right after a number ("120 s", "3 days", "5 Tage"), kept in the
   * evidence as written. Unlike {@link #AMOUNT_AFTER} they do not make a number an amount.
   */
  private static final Pattern UNIT_AFTER = Pattern.compile(
      "(?iu)^\\s?(?:ms|s|secs?|seconds?|sek|sekunden|min|mins|minutes?|minuten|h|hrs?|hours?|std|stunden|d|days?"
          + "|tage?n?|weeks?|wochen|months?|monate?n?|kb|mb|gb|tb|kg|km)\\b");
  private static final Pattern CURRENCY_BEFORE = Pattern.compile("[€$£]\\s?$|(?i)(?:eur|usd|chf)\\s$");
  private static final Pattern BETWEEN = Pattern.compile("(?iu)\\b(?:between|zwischen)\\s+\\S+(?:\\s?[%€$]|\\s\\p{L}{1,8})?\\s+(?:and|und)\\b");

  final String text;
  final List<Word> words;
  final List<Quantity> quantities;
  final List<String> wholeTargetWords;
  final boolean namesBaseline;
  private final String lower;

  TextFacts(String text) {
    this.text = text;
    this.lower = text.toLowerCase(Locale.ROOT);
    this.words = readWords(text);
    List<int[]> dateSpans = dateSpans(text);
    this.quantities = readQuantities(dateSpans);
    this.wholeTargetWords = words.stream().map(Word::lower).filter(Lexicon.WHOLE_TARGET_WORDS::contains).toList();
    this.namesBaseline = findBaseline();
  }

  boolean hasQuantity() {
    return !quantities.isEmpty() || !wholeTargetWords.isEmpty();
  }

  /** Returns the quantities as written, then the number words. */
  List<String> quantityEvidence() {
    List<String> evidence = new ArrayList<>();
    quantities.forEach(q -> evidence.add(q.original()));
    evidence.addAll(wholeTargetWords);
    return evidence;
  }

  boolean contains(String phrase) {
    return containsPhrase(lower, phrase);
  }

  /** Returns the first of {@code phrases} in the text as written, or null. */
  String firstPhrase(List<String> phrases) {
    for (String phrase : phrases) {
      int at = indexOfPhrase(lower, phrase);
      if (at >= 0) {
        return text.substring(at, at + phrase.length());
      }
    }
    return null;
  }

  private static boolean containsPhrase(String lower, String phrase) {
    return indexOfPhrase(lower, phrase) >= 0;
  }

  /** Finds a phrase at word boundaries, so "ready" does not match "already". */
  private static int indexOfPhrase(String lower, String phrase) {
    int from = 0;
    while (true) {
      int at = lower.indexOf(phrase, from);
      if (at < 0) {
        return -1;
      }
      int end = at + phrase.length();
      boolean startOk = at == 0 || !Character.isLetterOrDigit(lower.charAt(at - 1));
      boolean endOk = end == lower.length() || !Character.isLetterOrDigit(lower.charAt(end));
      if (startOk && endOk) {
        return at;
      }
      from = at + 1;
    }
  }

  private static List<Word> readWords(String text) {
    List<Word> words = new ArrayList<>();
    Matcher matcher = WORD.matcher(text);
    while (matcher.find()) {
      String original = matcher.group();
      words.add(new Word(original.toLowerCase(Locale.ROOT).replace('’', '\''), original, matcher.start(), matcher.end()));
    }
    return words;
  }

  private static List<int[]> dateSpans(String text) {
    List<int[]> spans = new ArrayList<>();
    for (Pattern pattern : List.of(NUMERIC_DATE, DAY_MONTH, PERIOD)) {
      Matcher matcher = pattern.matcher(text);
      while (matcher.find()) {
        spans.add(new int[] {matcher.start(), matcher.end()});
      }
    }
    return spans;
  }

  private List<Quantity> readQuantities(List<int[]> dateSpans) {
    List<Quantity> found = new ArrayList<>();
    Matcher matcher = NUMBER.matcher(text);
    while (matcher.find()) {
      int start = matcher.start();
      int end = matcher.end();
      if (inside(dateSpans, start) || partOfWord(start, end)) {
        continue;
      }
      int wordIndex = wordsBefore(start);
      String before = wordIndex > 0 ? words.get(wordIndex - 1).lower() : "";
      boolean adjacentWord = wordIndex > 0 && gapIsBlank(words.get(wordIndex - 1).end(), start);
      String after = text.substring(end);
      boolean amountSign = AMOUNT_AFTER.matcher(after).find() || CURRENCY_BEFORE.matcher(text.substring(0, start)).find();
      if (!amountSign && adjacentWord && Lexicon.NAME_WORDS.contains(before)) {
        continue;
      }
      if (!amountSign && isYear(matcher.group(), before, after)) {
        continue;
      }
      if (after.startsWith("/") && !amountSign && !after.matches("(?s)^/\\s?(?:5|10|100)\\b.*")) {
        continue;
      }
      found.add(new Quantity(withUnit(start, end), start, end, wordIndex));
    }
    return List.copyOf(found);
  }

  /** Returns true for a year: after a date word or month ("by 2027"), or at the end of a clause ("…, 2026"). */
  private static boolean isYear(String digits, String wordBefore, String after) {
    if (digits.length() != 4 || !digits.chars().allMatch(Character::isDigit)) {
      return false;
    }
    int year = Integer.parseInt(digits);
    if (year < 1990 || year > 2100) {
      return false;
    }
    String rest = after.stripLeading();
    boolean clauseEnds = rest.isEmpty() || ",.;:)".indexOf(rest.charAt(0)) >= 0;
    return clauseEnds || Lexicon.DATE_WORDS.contains(wordBefore) || Lexicon.MONTHS.contains(wordBefore);
  }

  /** True for digits glued to letters that are no unit, such as "B2B", "P1", "5G" or "3rd". */
  private boolean partOfWord(int start, int end) {
    if (start > 0 && Character.isLetter(text.charAt(start - 1))) {
      return true;
    }
    int letters = end;
    while (letters < text.length() && Character.isLetter(text.charAt(letters))) {
      letters++;
    }
    if (letters == end) {
      return false;
    }
    String suffix = text.substring(end, letters).toLowerCase(Locale.ROOT);
    return !Lexicon.UNIT_SUFFIXES.contains(suffix);
  }

  private String withUnit(int start, int end) {
    int from = start;
    while (from > 0 && "€$£-+~<>≥≤".indexOf(text.charAt(from - 1)) >= 0) {
      from--;
    }
    String after = text.substring(end);
    Matcher amount = AMOUNT_AFTER.matcher(after);
    Matcher unit = UNIT_AFTER.matcher(after);
    int to = end;
    if (amount.find()) {
      to = end + amount.end();
    } else if (unit.find()) {
      to = end + unit.end();
    }
    return text.substring(from, to).trim();
  }

  private boolean gapIsBlank(int from, int to) {
    return text.substring(from, to).isBlank();
  }

  private int wordsBefore(int offset) {
    int count = 0;
    for (Word word : words) {
      if (word.end() <= offset) {
        count++;
      }
    }
    return count;
  }

  private static boolean inside(List<int[]> spans, int offset) {
    for (int[] span : spans) {
      if (offset >= span[0] && offset < span[1]) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns true when the text names a starting value: "from X to Y" ("von X auf Y"), an arrow
   * between two amounts, or a word such as "currently" or "derzeit" shortly before an amount.
   */
  private boolean findBaseline() {
    for (int i = 0; i < quantities.size(); i++) {
      Quantity quantity = quantities.get(i);
      boolean later = i + 1 < quantities.size();
      for (int w = Math.max(0, quantity.wordIndex() - 4); w < quantity.wordIndex(); w++) {
        String word = words.get(w).lower();
        if (later && (word.equals("from") || word.equals("von"))) {
          return true;
        }
        if (Lexicon.BASELINE_WORDS.contains(word)) {
          return true;
        }
      }
      if (later) {
        String between = text.substring(quantity.end(), quantities.get(i + 1).start());
        if (between.contains("->") || between.contains("→") || between.contains("=>")) {
          return true;
        }
      }
    }
    return false;
  }

  /** Returns the indexes of the words "and" or "und" that join the ends of a range ("between 40 and 60"). */
  Set<Integer> rangeConjunctions() {
    Set<Integer> indexes = new LinkedHashSet<>();
    Matcher matcher = BETWEEN.matcher(text);
    while (matcher.find()) {
      int end = matcher.end();
      for (int i = 0; i < words.size(); i++) {
        if (words.get(i).end() == end) {
          indexes.add(i);
        }
      }
    }
    return indexes;
  }
}
