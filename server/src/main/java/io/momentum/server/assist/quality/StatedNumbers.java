package io.momentum.server.assist.quality;

import io.momentum.server.assist.quality.TextFacts.Quantity;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The start and target values a key result's text names ("from 3 days to 1 day", "von 30 % auf
 * 45 %", "to 120 s"), compared with the structured start and target of the request.
 *
 * <p>A number may be read in several ways: with "," or "." as the decimal separator, with or
 * without its scale ("120k", "2,1 Mio."), and a percentage also as a fraction ("18 %" as 0.18).
 * A field differs from the text only when it matches none of these readings, so a field in
 * another but equivalent notation is no mismatch.
 *
 * <p>A text that names a change but no target ("by 20 %", "um 500 Kunden") is compared with the
 * difference between the two fields. The change may be absolute ("by 0.4 pp", "by 500") or
 * relative to the start ("by 20 %" from 100 to 120), or a factor when written as one ("by 2x" from
 * 100 to 200).
 */
final class StatedNumbers {

  private static final Pattern DIGITS = Pattern.compile("\\d+(?:[.,]\\d+)*");
  private static final Set<String> START_WORDS = Set.of("from", "von");
  private static final Set<String> TARGET_WORDS = Set.of("to", "auf");
  private static final Set<String> CHANGE_WORDS = Set.of("by", "um");
  private static final Pattern FACTOR_AFTER = Pattern.compile("(?iu)^\\s*(?:x\\b|×|times\\b|-?fach(?:e[mns]?)?\\b)");
  private static final Set<String> PERIOD_WORDS = Set.of("innerhalb", "binnen");
  /**
   * Largest gap between a stated change and the fields' change, as a share of the latter. People
   * round such targets: "by 20 %" from 2.1 % to 2.5 % is a change of 19 %.
   */
  private static final BigDecimal CHANGE_TOLERANCE = new BigDecimal("0.05");
  /** How many words may stand between "from" or "to" and its number ("from EUR 120k"). */
  private static final int WORDS_BEFORE_NUMBER = 2;

  private StatedNumbers() {
  }

  /**
   * Returns the text's start and target numbers, as written, that differ from the request's
   * start and target fields. Returns an empty list when a field is missing, the text names no
   * such number, or every named number matches its field.
   */
  static List<String> mismatches(TextFacts facts, BigDecimal startField, BigDecimal targetField) {
    Quantity start = null;
    Quantity target = null;
    for (int i = 0; i < facts.quantities.size(); i++) {
      Quantity quantity = facts.quantities.get(i);
      boolean later = i + 1 < facts.quantities.size();
      if (start == null && target == null && later && follows(facts, quantity, START_WORDS)) {
        start = quantity;
      } else if (target == null && (follows(facts, quantity, TARGET_WORDS) || afterArrow(facts, start, quantity))) {
        target = quantity;
      }
    }

    List<String> differing = new ArrayList<>();
    if (start != null && startField != null && !matches(start, startField)) {
      differing.add(start.original());
    }
    if (target != null && targetField != null && !matches(target, targetField)) {
      differing.add(target.original());
    }
    if (target == null && startField != null && targetField != null) {
      Quantity change = changeOf(facts);
      if (change != null && !matchesChange(change, isFactor(facts, change), startField, targetField)) {
        differing.add(change.original());
      }
    }
    return differing;
  }

  /** Returns the first quantity stated as a change ("by 20 %", "um 15 %"), or null. */
  private static Quantity changeOf(TextFacts facts) {
    for (Quantity quantity : facts.quantities) {
      if (follows(facts, quantity, CHANGE_WORDS)) {
        return quantity;
      }
    }
    return null;
  }

  /**
   * Returns true when a reading of the change matches the fields: their difference, the difference
   * relative to the start, or, for a change written as a factor ("by 2x"), their ratio. The ratio
   * is left out otherwise, because "by 40 %" from 20 to 8 is a cut by 60 %, not a cut to 40 %.
   */
  private static boolean matchesChange(Quantity change, boolean factor, BigDecimal startField, BigDecimal targetField) {
    List<BigDecimal> changes = new ArrayList<>(List.of(targetField.subtract(startField).abs()));
    if (startField.signum() != 0) {
      changes.add(changes.get(0).divide(startField.abs(), MathContext.DECIMAL64));
      if (factor) {
        changes.add(targetField.divide(startField, MathContext.DECIMAL64).abs());
      }
    }
    for (BigDecimal reading : readings(change.original())) {
      for (BigDecimal actual : changes) {
        if (near(reading.abs(), actual)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Returns true when the quantity is followed by a factor word ("2x", "3 times", "2-fach"). */
  private static boolean isFactor(TextFacts facts, Quantity quantity) {
    return FACTOR_AFTER.matcher(facts.text.substring(quantity.end())).find();
  }

  private static boolean near(BigDecimal stated, BigDecimal actual) {
    return stated.subtract(actual).abs().compareTo(actual.multiply(CHANGE_TOLERANCE)) <= 0;
  }

  /**
   * Returns true when one of {@code words} is among the few words before the quantity. A "von"
   * after "innerhalb" or "binnen" opens a period ("innerhalb von 12 Monaten"), not a start.
   */
  private static boolean follows(TextFacts facts, Quantity quantity, Set<String> words) {
    for (int w = Math.max(0, quantity.wordIndex() - WORDS_BEFORE_NUMBER); w < quantity.wordIndex(); w++) {
      boolean period = w > 0 && PERIOD_WORDS.contains(facts.words.get(w - 1).lower());
      if (words.contains(facts.words.get(w).lower()) && !period) {
        return true;
      }
    }
    return false;
  }

  /** Returns true when an arrow joins the start and this quantity ("30 % → 45 %"). */
  private static boolean afterArrow(TextFacts facts, Quantity start, Quantity quantity) {
    if (start == null || quantity.start() <= start.end()) {
      return false;
    }
    String between = facts.text.substring(start.end(), quantity.start());
    return between.contains("->") || between.contains("→") || between.contains("=>");
  }

  private static boolean matches(Quantity quantity, BigDecimal field) {
    for (BigDecimal reading : readings(quantity.original())) {
      if (reading.compareTo(field) == 0) {
        return true;
      }
    }
    return false;
  }

  /** Returns every value the number may stand for, as described on the class. */
  static Set<BigDecimal> readings(String written) {
    Set<BigDecimal> values = new LinkedHashSet<>();
    Matcher digits = DIGITS.matcher(written);
    if (!digits.find()) {
      return values;
    }
    String number = digits.group();
    String after = written.substring(digits.end()).strip().toLowerCase(Locale.ROOT);
    boolean negative = written.substring(0, digits.start()).contains("-");
    BigDecimal scale = scaleOf(after);
    boolean percent = after.startsWith("%") || after.startsWith("percent") || after.startsWith("prozent");

    for (String plain : List.of(number.replace(",", ""), number.replace(".", "").replace(',', '.'))) {
      if (!plain.matches("\\d+(?:\\.\\d+)?")) {
        continue;
      }
      BigDecimal value = new BigDecimal(plain);
      values.add(value);
      if (scale != null) {
        values.add(value.multiply(scale));
      }
      if (percent) {
        values.add(value.movePointLeft(2));
      }
    }
    if (negative) {
      new ArrayList<>(values).forEach(value -> values.add(value.negate()));
    }
    return values;
  }

  /** Returns the factor of a scale written after a number ("k", "Mio.", "bn"), or null. */
  private static BigDecimal scaleOf(String after) {
    if (after.matches("^(?:k|tsd)\\b.*")) {
      return BigDecimal.valueOf(1_000);
    }
    if (after.matches("^(?:m|mio|mn)\\b.*")) {
      return BigDecimal.valueOf(1_000_000);
    }
    if (after.matches("^(?:bn|mrd)\\b.*")) {
      return BigDecimal.valueOf(1_000_000_000);
    }
    return null;
  }
}
