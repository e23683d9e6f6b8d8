package io.momentum.server.assist.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Measures the checker against a labelled corpus of objectives and key results in English and
 * German ({@code assist/quality-corpus.json}) with the default settings, and prints precision and
 * recall per rule. A finding counts as correct when its rule and target match an expected one.
 * Fails below {@value #MIN_MICRO} micro-averaged precision or recall, and for a rule with at
 * least {@value #MIN_SUPPORT} expected findings below {@value #MIN_PER_RULE}.
 */
class QualityCorpusTest {

  static final double MIN_MICRO = 0.9;
  static final double MIN_PER_RULE = 0.8;
  static final int MIN_SUPPORT = 8;

  private static final Map<QualityRule, int[]> COUNTS = new EnumMap<>(QualityRule.class);
  private static final List<String> MISMATCHES = new ArrayList<>();
  /** Totals of the cases marked {@code "batch": "second"}: true positives, false positives, false negatives. */
  private static final int[] SECOND_BATCH = new int[3];
  private static int keyResults;

  /** Counts per rule: true positives, false positives, false negatives. */
  private static int[] counts(QualityRule rule) {
    return COUNTS.computeIfAbsent(rule, r -> new int[3]);
  }

  @BeforeAll
  static void runCorpus() throws IOException {
    JsonArray cases = load().getJsonArray("cases");
    QualityChecker checker = new QualityChecker(QualitySettings.defaults());
    for (int i = 0; i < cases.size(); i++) {
      JsonObject item = cases.getJsonObject(i);
      JsonObject body = new JsonObject().put("language", item.getString("language"))
          .put("objective", item.getJsonObject("objective")).put("keyResults", item.getJsonArray("keyResults"));
      QualityRequest request = QualityRequest.fromJson(body);
      keyResults += request.keyResults().size();
      Set<String> expected = new HashSet<>();
      item.getJsonArray("expected").stream().map(JsonObject.class::cast)
          .forEach(e -> expected.add(e.getString("rule") + "@" + e.getString("target")));
      Set<String> actual = new HashSet<>();
      checker.check(request).findings().forEach(f -> actual.add(f.rule().id() + "@" + f.target()));
      compare(i, item, expected, actual);
    }
    System.out.println(table());
    MISMATCHES.forEach(System.out::println);
  }

  private static void compare(int index, JsonObject item, Set<String> expected, Set<String> actual) {
    boolean second = "second".equals(item.getString("batch"));
    for (String finding : actual) {
      QualityRule rule = QualityRule.byId(finding.substring(0, finding.indexOf('@')));
      int kind = expected.contains(finding) ? 0 : 1;
      count(rule, kind, second);
      if (kind == 1) {
        MISMATCHES.add("unexpected " + finding + " in case " + index + ": " + textOf(item, finding));
      }
    }
    for (String finding : expected) {
      QualityRule rule = QualityRule.byId(finding.substring(0, finding.indexOf('@')));
      if (!actual.contains(finding)) {
        count(rule, 2, second);
        MISMATCHES.add("missed     " + finding + " in case " + index + ": " + textOf(item, finding));
      }
    }
  }

  private static void count(QualityRule rule, int kind, boolean secondBatch) {
    counts(rule)[kind]++;
    if (secondBatch) {
      SECOND_BATCH[kind]++;
    }
  }

  private static String textOf(JsonObject item, String finding) {
    String target = finding.substring(finding.indexOf('@') + 1);
    if (target.equals(Finding.OBJECTIVE)) {
      return item.getJsonObject("objective").getString("title");
    }
    return item.getJsonArray("keyResults").stream().map(JsonObject.class::cast)
        .filter(k -> k.getString("id").equals(target)).map(k -> k.getString("text")).findFirst().orElse("?");
  }

  private static JsonObject load() throws IOException {
    try (InputStream in = QualityCorpusTest.class.getResourceAsStream("/assist/quality-corpus.json")) {
      assertThat(in).as("assist/quality-corpus.json on the test classpath").isNotNull();
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  private static double ratio(int part, int whole) {
    return whole == 0 ? 1.0 : (double) part / whole;
  }

  private static String table() {
    StringBuilder table = new StringBuilder();
    table.append(String.format("Quality corpus: %d key results%n", keyResults));
    table.append(String.format("%-22s %5s %5s %5s %9s %7s%n", "rule", "TP", "FP", "FN", "precision", "recall"));
    int[] total = new int[3];
    for (QualityRule rule : QualityRule.values()) {
      int[] c = counts(rule);
      table.append(String.format("%-22s %5d %5d %5d %9.3f %7.3f%n", rule.id(), c[0], c[1], c[2],
          ratio(c[0], c[0] + c[1]), ratio(c[0], c[0] + c[2])));
      for (int i = 0; i < 3; i++) {
        total[i] += c[i];
      }
    }
    table.append(String.format("%-22s %5d %5d %5d %9.3f %7.3f%n", "micro average", total[0], total[1], total[2],
        ratio(total[0], total[0] + total[1]), ratio(total[0], total[0] + total[2])));
    int[] second = SECOND_BATCH;
    table.append(String.format("%-22s %5d %5d %5d %9.3f %7.3f%n", "second batch only", second[0], second[1], second[2],
        ratio(second[0], second[0] + second[1]), ratio(second[0], second[0] + second[2])));
    return table.toString();
  }

  @Test
  void corpusHasEnoughKeyResults() {
    assertThat(keyResults).isGreaterThanOrEqualTo(150);
  }

  @Test
  void microAveragesReachThreshold() {
    int[] total = new int[3];
    COUNTS.values().forEach(c -> {
      for (int i = 0; i < 3; i++) {
        total[i] += c[i];
      }
    });

    assertThat(ratio(total[0], total[0] + total[1])).as("micro-averaged precision").isGreaterThanOrEqualTo(MIN_MICRO);
    assertThat(ratio(total[0], total[0] + total[2])).as("micro-averaged recall").isGreaterThanOrEqualTo(MIN_MICRO);
  }

  @Test
  void everyWellCoveredRuleReachesThreshold() {
    for (QualityRule rule : QualityRule.values()) {
      int[] c = counts(rule);
      if (c[0] + c[2] < MIN_SUPPORT) {
        continue;
      }
      assertThat(ratio(c[0], c[0] + c[1])).as("precision of " + rule.id()).isGreaterThanOrEqualTo(MIN_PER_RULE);
      assertThat(ratio(c[0], c[0] + c[2])).as("recall of " + rule.id()).isGreaterThanOrEqualTo(MIN_PER_RULE);
    }
  }
}
