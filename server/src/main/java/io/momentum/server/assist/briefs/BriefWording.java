package io.momentum.server.assist.briefs;

import io.momentum.streams.engine.UnitsOfMeasure;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/**
 * The words and number formats of one brief language. Sentence templates name their pieces
 * {@code {0}}, {@code {1}}, ... so each language orders them as its grammar needs; the pieces are
 * node labels, numbers and quotes that {@link Sentence.Builder} fills in.
 *
 * <p>Every number in a brief goes through {@link #percent}, {@link #points}, {@link #decimal} or
 * {@link #count}: percentages and points with one decimal (rounded half up, as the API rounds
 * them), plain values with up to four decimals, no digit grouping. A change of progress or score
 * is the difference of its two rounded values ({@link #shownChange}).
 */
public final class BriefWording {

  /** Languages a brief can be written in. */
  public static final List<String> LANGUAGES = List.of("en", "de");

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private final String language;
  private final char decimalSeparator;
  private final String pointsUnit;
  private final Map<String, String> templates;

  private BriefWording(String language, char decimalSeparator, String pointsUnit, Map<String, String> templates) {
    this.language = language;
    this.decimalSeparator = decimalSeparator;
    this.pointsUnit = pointsUnit;
    this.templates = templates;
  }

  /** Returns the wording of {@code language} ("en" or "de"). */
  public static BriefWording of(String language) {
    return switch (language) {
      case "en" -> new BriefWording("en", '.', "pp", BriefTemplates.ENGLISH);
      case "de" -> new BriefWording("de", ',', "Prozentpunkte", BriefTemplates.GERMAN);
      default -> throw new IllegalArgumentException("Unknown brief language " + language);
    };
  }

  public String language() {
    return language;
  }

  /** Returns the template of {@code key}; a missing key is a programming error. */
  public String template(String key) {
    String template = templates.get(key);
    if (template == null) {
      throw new IllegalStateException("No " + language + " brief template " + key);
    }
    return template;
  }

  /**
   * Returns the key of the form of a counted sentence: {@code key.one} for a count of 1, else
   * {@code key.other} (also for 0), the plural rule of both English and German.
   */
  static String countedKey(String key, long count) {
    return key + (count == 1 ? ".one" : ".other");
  }

  /**
   * Returns the form of a sentence that counts {@code count} of {@code total} nodes: ".only" when
   * there is one node (the sentence names its status), ".both" when both of two are counted (no
   * count shown), ".all" when every one of more is counted (the count shown once), else the
   * singular or plural form of the count.
   */
  static String shareKey(String key, long count, long total) {
    if (total == 1) {
      return key + ".only";
    }
    if (count == total) {
      return key + (total == 2 ? ".both" : ".all");
    }
    return countedKey(key, count);
  }

  /** Returns true when the wording has a template of {@code key}. */
  public boolean has(String key) {
    return templates.containsKey(key);
  }

  /** Formats a ratio (0.625) as a percentage with one decimal: "62.5 %" or "62,5 %". */
  public String percent(BigDecimal ratio) {
    return localise(roundedPercent(ratio).toPlainString()) + " %";
  }

  /**
   * Returns the change between two ratios as a brief shows it: the difference of the two values
   * rounded as {@link #percent} rounds them, as a ratio (0.223 for "+22.3 pp"). A change shown
   * beside its two values therefore equals their difference as shown: "from 56.7 % to 79.0 %
   * (+22.3 pp)", even when the unrounded difference would round to 22.4. Rounding keeps order, so
   * the shown change never has the opposite sign of the unrounded one, but it can be 0.
   */
  public static BigDecimal shownChange(BigDecimal from, BigDecimal to) {
    return roundedPercent(to).subtract(roundedPercent(from)).divide(HUNDRED);
  }

  private static BigDecimal roundedPercent(BigDecimal ratio) {
    return ratio.multiply(HUNDRED).setScale(1, RoundingMode.HALF_UP);
  }

  /** Formats a difference of two ratios as signed percentage points: "+7.2 pp" or "+7,2 Prozentpunkte". */
  public String points(BigDecimal difference) {
    BigDecimal value = difference.multiply(HUNDRED).setScale(1, RoundingMode.HALF_UP);
    String sign = value.signum() > 0 ? "+" : "";
    return sign + localise(value.toPlainString()) + " " + pointsUnit;
  }

  /**
   * Formats a measured value with up to four decimals and no trailing zeros, grouped by thousands
   * as the boards write values: "45", "3.25", "1,232" in English, "3,25" and "1.232" in German.
   */
  public String decimal(BigDecimal value) {
    BigDecimal rounded = value.setScale(4, RoundingMode.HALF_UP).stripTrailingZeros();
    if (rounded.scale() < 0) {
      rounded = rounded.setScale(0);
    }
    return UnitsOfMeasure.formatNumber(rounded, language);
  }

  /**
   * Formats a value measured in {@code unit} as {@link #decimal} does, except that an amount of
   * money with cents is shown with two decimals ("34.10"), as {@link UnitsOfMeasure#showsCents} decides.
   */
  public String decimal(BigDecimal value, String unit) {
    if (UnitsOfMeasure.showsCents(value, unit)) {
      return UnitsOfMeasure.formatNumber(UnitsOfMeasure.amount(value, unit), language);
    }
    return decimal(value);
  }

  /** Returns the number of decimals {@link #decimal(BigDecimal, String)} shows for {@code value}. */
  public int decimalsShown(BigDecimal value, String unit) {
    if (UnitsOfMeasure.showsCents(value, unit)) {
      return 2;
    }
    return Math.max(0, value.setScale(4, RoundingMode.HALF_UP).stripTrailingZeros().scale());
  }

  /**
   * Formats a value measured in {@code unit} as {@link #decimal(BigDecimal, String)} does, but with
   * at least {@code decimals} decimals, so the two values of a pair read alike ("6.0 %" beside
   * "5.6 %", "EUR 33.00" beside "EUR 33.10").
   */
  public String decimal(BigDecimal value, String unit, int decimals) {
    int atLeast = Math.max(decimals, decimalsShown(value, unit));
    BigDecimal shown = value.setScale(Math.max(atLeast, 0), RoundingMode.HALF_UP);
    return UnitsOfMeasure.formatNumber(shown, language);
  }

  /** Formats a count or a confidence, grouped by thousands as {@link #decimal(BigDecimal)} does. */
  public String count(long value) {
    return UnitsOfMeasure.formatNumber(BigDecimal.valueOf(value), language);
  }

  /** Formats a day: "2026-09-30" in English, "30.09.2026" in German. */
  public String date(java.time.LocalDate day) {
    return "de".equals(language) ? String.format("%02d.%02d.%d", day.getDayOfMonth(), day.getMonthValue(), day.getYear())
        : day.toString();
  }

  /** Returns the status as a sentence uses it ("off track", "nicht im Plan"). */
  public String status(String wire) {
    return template("status." + wire);
  }

  private String localise(String plain) {
    return decimalSeparator == '.' ? plain : plain.replace('.', decimalSeparator);
  }
}
