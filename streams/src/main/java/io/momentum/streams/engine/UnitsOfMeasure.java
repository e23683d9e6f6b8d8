package io.momentum.streams.engine;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a number with the unit of measure a person gave a key result or KPI, in English ("en")
 * or German ("de"). The web app has the same rules in {@code web/src/lib/unitsOfMeasure.js}.
 *
 * <ul>
 *   <li>Word units from a small lexicon agree with the number: "1 day" and "3 days", "1 Tag" and
 *       "3 Tage". Only a number written as exactly 1 takes the singular, so "1.0 days" and
 *       "0 days" stay plural, as English and German plural rules have it. The unit keeps the
 *       language it was written in: "days" in a German brief becomes "1 day".</li>
 *   <li>Currencies (EUR, USD, GBP, CHF, €, $, £, also with a scale such as "EUR k" or "EUR M")
 *       stand where a reader expects them: English "EUR 34.10" and "€34.10", German "34,10 EUR"
 *       and "34,10 €".</li>
 *   <li>Every other unit, including symbols and abbreviations such as %, s, ms, h, pp and kEUR,
 *       follows the number as written.</li>
 * </ul>
 *
 * <p>Money decimals: an amount in a currency without a scale is shown with two decimals when it
 * has cents ("34.10") and without decimals when it has none ("34"); see {@link #amount}.
 *
 * <p>Numbers of 1,000 and more are grouped by thousands ({@link #formatNumber}): English
 * "1,273.9", German "1.273,9", as {@code Intl.NumberFormat} writes them in the web app.
 */
public final class UnitsOfMeasure {

  private static final Pattern CURRENCY = Pattern.compile(
      "(EUR|USD|GBP|CHF|€|\\$|£)(?:\\s*(k|K|Tsd\\.?|M|m|Mio\\.?|bn|Mrd\\.?))?");

  private static final Pattern SINGULAR_NUMBER = Pattern.compile("[-+\u2212]?1");

  /** Singular and plural of an English word unit. */
  private static final Map<String, Forms> ENGLISH = new HashMap<>();
  /** Singular and plural of a German word unit. */
  private static final Map<String, Forms> GERMAN = new HashMap<>();

  static {
    for (String word : List.of("day", "week", "month", "year", "hour", "minute", "second", "point", "order",
        "customer", "user", "ticket", "hire", "release", "deal", "lead", "visit", "visitor", "review", "incident",
        "bug", "defect", "sprint", "employee", "signup", "sale", "call", "meeting", "download", "install",
        "subscriber", "member", "partner", "project", "feature", "test", "course", "demo", "contract", "invoice",
        "complaint", "session", "account", "store", "article", "post", "lesson", "item", "task", "request",
        "outage", "event", "trial", "seat", "license", "app", "deployment", "interview", "workshop", "shipment",
        "return", "story point")) {
      english(word, word + "s");
    }
    english("story", "stories");
    english("delivery", "deliveries");
    english("opportunity", "opportunities");
    english("country", "countries");
    english("person", "people");
    english("issue", "issues");

    german("Tag", "Tage");
    german("Woche", "Wochen");
    german("Monat", "Monate");
    german("Jahr", "Jahre");
    german("Stunde", "Stunden");
    german("Minute", "Minuten");
    german("Sekunde", "Sekunden");
    german("Punkt", "Punkte");
    german("Storypunkt", "Storypunkte");
    german("Bestellung", "Bestellungen");
    german("Auftrag", "Aufträge");
    german("Kunde", "Kunden");
    german("Neukunde", "Neukunden");
    german("Nutzer", "Nutzer");
    german("Benutzer", "Benutzer");
    german("Ticket", "Tickets");
    german("Story", "Storys");
    german("Einstellung", "Einstellungen");
    german("Neueinstellung", "Neueinstellungen");
    german("Release", "Releases");
    german("Deal", "Deals");
    german("Abschluss", "Abschlüsse");
    german("Lead", "Leads");
    german("Besuch", "Besuche");
    german("Besucher", "Besucher");
    german("Review", "Reviews");
    german("Vorfall", "Vorfälle");
    german("Störung", "Störungen");
    german("Fehler", "Fehler");
    german("Bug", "Bugs");
    german("Sprint", "Sprints");
    german("Person", "Personen");
    german("Anmeldung", "Anmeldungen");
    german("Registrierung", "Registrierungen");
    german("Verkauf", "Verkäufe");
    german("Anruf", "Anrufe");
    german("Termin", "Termine");
    german("Download", "Downloads");
    german("Installation", "Installationen");
    german("Mitglied", "Mitglieder");
    german("Projekt", "Projekte");
    german("Feature", "Features");
    german("Test", "Tests");
    german("Kurs", "Kurse");
    german("Schulung", "Schulungen");
    german("Vertrag", "Verträge");
    german("Lieferung", "Lieferungen");
    german("Rechnung", "Rechnungen");
    german("Beschwerde", "Beschwerden");
    german("Filiale", "Filialen");
    german("Artikel", "Artikel");
    german("Aufgabe", "Aufgaben");
    german("Anfrage", "Anfragen");
    german("Lizenz", "Lizenzen");
    german("Interview", "Interviews");
    german("Rücksendung", "Rücksendungen");
  }

  private UnitsOfMeasure() {
  }

  /** A word unit's singular and plural. */
  private record Forms(String singular, String plural) {
  }

  /** The text written before and after a number: for "EUR 34.10", "EUR " and "". */
  public record Placement(String before, String after) {

    /** Returns the number with this text around it. */
    public String around(String number) {
      return before + number + after;
    }
  }

  private static void english(String singular, String plural) {
    Forms forms = new Forms(singular, plural);
    ENGLISH.put(singular, forms);
    ENGLISH.put(plural, forms);
  }

  private static void german(String singular, String plural) {
    Forms forms = new Forms(singular, plural);
    GERMAN.put(singular.toLowerCase(Locale.ROOT), forms);
    GERMAN.put(plural.toLowerCase(Locale.ROOT), forms);
  }

  /**
   * Writes {@code number}, already formatted for {@code language}, with {@code unit}: "1 day",
   * "EUR 34.10", "34,10 €". A sign goes before a currency written in front: "-€5". Without a unit
   * it returns the number.
   */
  public static String write(String number, String unit, String language) {
    Placement placement = place(number, unit, language);
    boolean signed = !number.isEmpty() && "-+\u2212".indexOf(number.charAt(0)) >= 0;
    if (signed && !placement.before().isEmpty()) {
      return number.charAt(0) + placement.around(number.substring(1));
    }
    return placement.around(number);
  }

  /**
   * Returns the text around {@code number} (formatted for {@code language}, "en" or "de") that
   * writes it with {@code unit}. A blank or null unit gives no text.
   */
  public static Placement place(String number, String unit, String language) {
    String written = unit == null ? "" : unit.strip();
    if (written.isEmpty()) {
      return new Placement("", "");
    }
    Matcher currency = CURRENCY.matcher(written);
    if (currency.matches()) {
      return placeCurrency(currency.group(1), currency.group(2), "de".equals(language));
    }
    return new Placement("", " " + inflect(written, SINGULAR_NUMBER.matcher(number.strip()).matches(), language));
  }

  /**
   * Formats {@code value} with all its decimals for {@code language}, "en" or "de": the integer
   * part grouped by thousands from 1,000 on, English "-12,345.678", German "-12.345,678". Callers
   * round the value first.
   */
  public static String formatNumber(BigDecimal value, String language) {
    boolean german = "de".equals(language);
    String plain = value.toPlainString();
    String sign = plain.startsWith("-") ? "-" : "";
    String digits = plain.substring(sign.length());
    int point = digits.indexOf('.');
    String integer = point < 0 ? digits : digits.substring(0, point);
    String fraction = point < 0 ? "" : digits.substring(point + 1);

    StringBuilder grouped = new StringBuilder(integer);
    for (int i = integer.length() - 3; i > 0; i -= 3) {
      grouped.insert(i, german ? '.' : ',');
    }
    if (!fraction.isEmpty()) {
      grouped.append(german ? ',' : '.').append(fraction);
    }
    return sign + grouped;
  }

  /** Returns true when {@code unit} is a currency, with or without a scale such as "EUR k". */
  public static boolean isCurrency(String unit) {
    return unit != null && CURRENCY.matcher(unit.strip()).matches();
  }

  /**
   * Returns true when {@code value} is an amount in a currency without a scale and has cents, so
   * it is shown with exactly two decimals. Whole amounts, scaled currencies ("EUR k") and other
   * units keep the decimals of their own format.
   */
  public static boolean showsCents(BigDecimal value, String unit) {
    return value != null && hasCents(unit) && value.stripTrailingZeros().scale() > 0;
  }

  /** Returns true when {@code unit} is a currency without a scale, whose amounts can have cents. */
  public static boolean hasCents(String unit) {
    if (unit == null) {
      return false;
    }
    Matcher currency = CURRENCY.matcher(unit.strip());
    return currency.matches() && currency.group(2) == null;
  }

  /**
   * Returns {@code value} at the scale it is shown with in {@code unit}: an amount with cents
   * (see {@link #showsCents}) is rounded half up to two decimals, so 34.1 EUR reads "34.10".
   * Any other value is returned unchanged.
   */
  public static BigDecimal amount(BigDecimal value, String unit) {
    return showsCents(value, unit) ? value.setScale(2, RoundingMode.HALF_UP) : value;
  }

  /**
   * Returns the form of a word unit that agrees with a number: the singular when {@code singular},
   * else the plural. A word in both lexicons ("Person") is inflected in {@code language}. A unit
   * outside the lexicon is returned as written. In English, a unit of several words inflects its
   * last word ("active users"). A rate ("orders per day", "km/h") stays as written. In German, a
   * unit of several words stays as written too, because its adjectives would need to change as
   * well.
   */
  static String inflect(String unit, boolean singular, String language) {
    if (unit.contains("/") || unit.matches("(?i).*\\bper\\b.*") || unit.matches("(?i).*\\bpro\\b.*")) {
      return unit;
    }
    String key = unit.toLowerCase(Locale.ROOT);
    Forms english = ENGLISH.get(key);
    Forms german = GERMAN.get(key);
    if (german != null && (english == null || "de".equals(language))) {
      return singular ? german.singular() : german.plural();
    }
    if (english != null) {
      return keepCapital(unit, singular ? english.singular() : english.plural());
    }
    // NOTE: the words before the last are not checked to be English, so a German unit such as
    // "offene Tickets" in an English sentence becomes "1 offene Ticket".
    int space = unit.lastIndexOf(' ');
    if (space > 0 && !"de".equals(language)) {
      String last = unit.substring(space + 1);
      Forms forms = ENGLISH.get(last.toLowerCase(Locale.ROOT));
      if (forms != null) {
        return unit.substring(0, space + 1) + keepCapital(last, singular ? forms.singular() : forms.plural());
      }
    }
    return unit;
  }

  private static String keepCapital(String written, String form) {
    return Character.isUpperCase(written.charAt(0)) ? Character.toUpperCase(form.charAt(0)) + form.substring(1) : form;
  }

  private static Placement placeCurrency(String currency, String scale, boolean german) {
    boolean symbol = currency.length() == 1;
    if (german) {
      String scaleWord = scale == null ? "" : " " + germanScale(scale);
      return new Placement("", scaleWord + " " + currency);
    }
    String scaleLetter = scale == null ? "" : englishScale(scale);
    return new Placement(symbol ? currency : currency + " ", scaleLetter);
  }

  private static String englishScale(String scale) {
    return switch (scale.replace(".", "")) {
      case "k", "K", "Tsd" -> "k";
      case "bn", "Mrd" -> "bn";
      default -> "M";
    };
  }

  private static String germanScale(String scale) {
    return switch (scale.replace(".", "")) {
      case "k", "K", "Tsd" -> "Tsd.";
      case "bn", "Mrd" -> "Mrd.";
      default -> "Mio.";
    };
  }
}
