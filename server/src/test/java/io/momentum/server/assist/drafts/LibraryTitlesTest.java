package io.momentum.server.assist.drafts;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.server.assist.drafts.ExampleLibrary.Example;
import io.momentum.server.assist.drafts.ExampleLibrary.ExampleKeyResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Composes the title of every library key result, as a draft shows it, and checks how it reads. */
class LibraryTitlesTest {

  private static final ExampleLibrary LIBRARY = ExampleLibrary.load();
  /** A number glued to its percent sign: the app writes "18 %" in both languages. */
  private static final Pattern GLUED_PERCENT = Pattern.compile("\\d%");
  /** A kind of number written as if it were a unit: "to 3 ratio", "auf 2 Rate". */
  private static final Pattern KIND_AS_UNIT = Pattern.compile("\\d (ratio|rate|score|count|Verhältnis|Rate|Anzahl)\\b");
  /** A plural unit after exactly one: "to 1 hours", "auf 1 Stunden". */
  private static final Pattern ONE_WITH_PLURAL =
      Pattern.compile("\\b(to|auf) 1 (hours|days|minutes|months|weeks|Stunden|Tage|Minuten|Monate|Wochen)\\b");
  /** A count of "top N" things without "number of", which reads as "top 10 ... from 1 to 5". */
  private static final Pattern BARE_TOP_N = Pattern.compile("(?i)\\btop-\\d+");

  @Test
  void everyTitleReadsRight() {
    List<String> titles = titles();
    assertThat(titles).hasSizeGreaterThan(300);
    for (String title : titles) {
      assertThat(GLUED_PERCENT.matcher(title).find()).as("percent sign after a space: " + title).isFalse();
      assertThat(KIND_AS_UNIT.matcher(title).find()).as("no kind of number as unit: " + title).isFalse();
      assertThat(ONE_WITH_PLURAL.matcher(title).find()).as("no plural unit after 1: " + title).isFalse();
      assertThat(BARE_TOP_N.matcher(title).find()).as("no bare top-N count: " + title).isFalse();
    }
  }

  /** Names of measures that count a kind of day themselves, so their unit may follow them. */
  private static final Set<String> DAY_MEASURES = Set.of("sick days per employee per year",
      "working days to close the month", "days sales outstanding", "days of supply for critical parts");

  @Test
  void unitAppearsOnce() {
    for (Example example : LIBRARY.examples()) {
      for (ExampleKeyResult kr : example.keyResults()) {
        String title = DraftGenerator.exampleTitle(example.language(), kr);
        Matcher unit = Pattern.compile("(?i)\\b" + Pattern.quote(kr.unit()) + "\\b").matcher(title);
        long count = unit.results().count();
        if (!DAY_MEASURES.contains(kr.metric())) {
          assertThat(count).as("unit once: " + title).isLessThanOrEqualTo(1);
        }
      }
    }
  }

  @Test
  void serviceLeadTimeNamesDaysOnce() {
    ExampleKeyResult english = keyResult("en", "time from requesting a new service");
    ExampleKeyResult german = keyResult("de", "Zeit von der Anfrage eines neuen Dienstes");

    assertThat(DraftGenerator.exampleTitle("en", english))
        .isEqualTo("Reduce time from requesting a new service to its first deployment from 10 to 2 days");
    assertThat(DraftGenerator.exampleTitle("de", german))
        .isEqualTo("Zeit von der Anfrage eines neuen Dienstes bis zu seinem ersten Deployment von 10 auf 2 Tage senken");
  }

  private static ExampleKeyResult keyResult(String language, String metricStart) {
    return examples(language).stream().flatMap(example -> example.keyResults().stream())
        .filter(kr -> kr.metric().startsWith(metricStart)).findFirst().orElseThrow();
  }

  @Test
  void englishTitlesStartWithTheirVerb() {
    for (Example example : examples("en")) {
      for (ExampleKeyResult kr : example.keyResults()) {
        String title = DraftGenerator.exampleTitle("en", kr);
        assertThat(title).as(example.id()).startsWith(kr.direction().equals("increase") ? "Increase " : "Reduce ");
        assertThat(title).as(example.id()).containsPattern(" from -?[\\d,.]+( %)? to -?[\\d,.]+");
        // Only English is checked, because German rightly repeats "die" ("Kunden, die die API nutzen").
        assertThat(title).as("no doubled word: " + title).doesNotContainPattern("(?i)\\b(\\p{L}+) \\1\\b");
      }
    }
  }

  @Test
  void germanTitlesCloseTheirClauses() {
    for (Example example : examples("de")) {
      for (ExampleKeyResult kr : example.keyResults()) {
        String title = DraftGenerator.exampleTitle("de", kr);
        assertThat(title).as(example.id()).endsWith(kr.direction().equals("increase") ? " steigern" : " senken");
        assertThat(Character.isUpperCase(title.charAt(0))).as("capitalised: " + title).isTrue();
        assertThat(title).as("starts with its head noun: " + title).doesNotStartWith("Der ").doesNotStartWith("Des ");
        if (kr.metric().contains(",")) {
          assertThat(title).as("comma closes the clause: " + title).contains(", von ");
        }
      }
    }
  }

  @Test
  void percentStyleMatchesTheApp() {
    ExampleKeyResult winRate = new ExampleKeyResult("win rate", "%", "increase", new java.math.BigDecimal("18"),
        new java.math.BigDecimal("25.5"), "lagging", "");
    assertThat(DraftGenerator.exampleTitle("en", winRate)).isEqualTo("Increase win rate from 18 % to 25.5 %");
    assertThat(DraftGenerator.exampleTitle("de", winRate)).isEqualTo("Win rate von 18 % auf 25,5 % steigern");
  }

  private static List<Example> examples(String language) {
    return LIBRARY.examples().stream().filter(example -> example.language().equals(language)).toList();
  }

  private static List<String> titles() {
    List<String> titles = new ArrayList<>();
    for (Example example : LIBRARY.examples()) {
      for (ExampleKeyResult kr : example.keyResults()) {
        titles.add(DraftGenerator.exampleTitle(example.language(), kr));
      }
    }
    return titles;
  }
}
