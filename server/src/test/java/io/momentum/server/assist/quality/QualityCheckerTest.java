package io.momentum.server.assist.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.momentum.server.assist.quality.QualityRequest.KeyResult;
import io.momentum.server.assist.quality.QualityRequest.Objective;
import io.momentum.server.http.ApiException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class QualityCheckerTest {

  private static final Objective OWNED = new Objective("New customers reach value in their first week", "u1", null);
  private final QualityChecker checker = new QualityChecker(QualitySettings.defaults());

  private static QualityRequest request(String language, String... texts) {
    List<KeyResult> keyResults = new ArrayList<>();
    for (int i = 0; i < texts.length; i++) {
      keyResults.add(KeyResult.of("kr" + (i + 1), texts[i]));
    }
    return new QualityRequest(language, OWNED, keyResults);
  }

  private static Set<String> rulesOf(QualityReport report, String target) {
    return report.findings().stream().filter(f -> f.target().equals(target)).map(f -> f.rule().id())
        .collect(Collectors.toSet());
  }

  private static List<String> evidenceOf(QualityReport report, String target, QualityRule rule) {
    return report.findings().stream().filter(f -> f.target().equals(target) && f.rule() == rule)
        .flatMap(f -> f.evidence().stream()).toList();
  }

  @Test
  void weakKeyResultIsVagueWithoutTarget() {
    QualityReport report = checker.check(request("en", "Improve customer satisfaction",
        "Raise weekly active teams from 120 to 180"));

    assertThat(rulesOf(report, "kr1")).containsExactlyInAnyOrder("vague_verb", "no_target");
    Finding vague = report.findings().stream().filter(f -> f.rule() == QualityRule.VAGUE_VERB).findFirst().orElseThrow();
    assertThat(vague.evidence()).containsExactly("Improve");
    assertThat(vague.why()).contains("Improve");
    assertThat(vague.severity()).isEqualTo(Severity.WARNING);
  }

  @Test
  void activityPhrasingIsOutputNotOutcome() {
    QualityReport report = checker.check(request("en", "Work on checkout", "Focus on checkout conversion",
        "Working on the mobile app"));

    for (String target : List.of("kr1", "kr2", "kr3")) {
      assertThat(rulesOf(report, target)).as(target).containsExactlyInAnyOrder("output_not_outcome", "no_target");
    }
    Finding output = report.findings().stream().filter(f -> f.rule() == QualityRule.OUTPUT_NOT_OUTCOME).findFirst()
        .orElseThrow();
    assertThat(output.evidence()).containsExactly("Work on");
  }

  @Test
  void germanActivityPhrasingIsOutputNotOutcome() {
    QualityReport report = checker.check(request("de", "Arbeiten am Checkout", "Fokus auf die Conversion im Checkout",
        "Weiter an der mobilen App arbeiten"));
    QualityReport finalVerb = checker.check(request("de", "Am Checkout arbeiten"));

    for (String target : List.of("kr1", "kr2", "kr3")) {
      assertThat(rulesOf(report, target)).as(target).containsExactlyInAnyOrder("output_not_outcome", "no_target");
    }
    assertThat(rulesOf(finalVerb, "kr1")).containsExactlyInAnyOrder("output_not_outcome", "no_target");
  }

  @Test
  void activityWithNumbersIsOutputNotOutcome() {
    KeyResult fields = new KeyResult("kr1", "Work on checkout", new BigDecimal("2"), new BigDecimal("3"), "%", null,
        null, null, null);
    KeyResult inText = KeyResult.of("kr2", "Focus on checkout conversion from 2 % to 3 %");
    KeyResult germanFields = new KeyResult("kr1", "Arbeiten am Checkout", new BigDecimal("2"), new BigDecimal("3"),
        "%", null, null, null, null);
    KeyResult germanInText = KeyResult.of("kr2", "Fokus auf die Conversion im Checkout von 2 % auf 3 %");

    QualityReport english = checker.check(new QualityRequest("en", OWNED, List.of(fields, inText)));
    QualityReport german = checker.check(new QualityRequest("de", OWNED, List.of(germanFields, germanInText)));

    assertThat(rulesOf(english, "kr1")).containsExactly("output_not_outcome");
    assertThat(rulesOf(english, "kr2")).containsExactly("output_not_outcome");
    assertThat(rulesOf(german, "kr1")).containsExactly("output_not_outcome");
    assertThat(rulesOf(german, "kr2")).containsExactly("output_not_outcome");
  }

  @Test
  void continuingIsBusinessAsUsual() {
    QualityReport english = checker.check(request("en", "Continue the loyalty programme"));
    QualityReport german = checker.check(request("de", "Treueprogramm fortsetzen"));

    assertThat(rulesOf(english, "kr1")).containsExactlyInAnyOrder("business_as_usual", "no_target");
    assertThat(rulesOf(german, "kr1")).containsExactlyInAnyOrder("business_as_usual", "no_target");
  }

  @Test
  void activityWordWithTargetIsOutcome() {
    QualityReport report = checker.check(request("en", "Continue to cut monthly churn from 4.6 % to 3.9 %",
        "Reduce work in progress per team from 12 to 6"));

    assertThat(rulesOf(report, "kr1")).doesNotContain("output_not_outcome");
    assertThat(rulesOf(report, "kr2")).isEmpty();
  }

  @Test
  void twoMeasuredVerbPhrasesAreCompound() {
    QualityReport report = checker.check(request("en", "Reduce refunds and increase repeat orders",
        "Increase revenue from new and returning customers"));

    assertThat(rulesOf(report, "kr1")).contains("compound_kr");
    assertThat(rulesOf(report, "kr2")).doesNotContain("compound_kr");
  }

  @Test
  void verbPhrasesWithNumbersAreCompound() {
    KeyResult fields = new KeyResult("kr1", "Reduce refunds and increase repeat orders", new BigDecimal("5"),
        new BigDecimal("3"), "%", "decrease", null, null, null);
    KeyResult inText = KeyResult.of("kr2", "Reduce refunds from 5 % to 3 % and increase repeat orders");

    QualityReport report = checker.check(new QualityRequest("en", OWNED, List.of(fields, inText)));

    assertThat(rulesOf(report, "kr1")).contains("compound_kr");
    assertThat(rulesOf(report, "kr2")).contains("compound_kr");
  }

  @Test
  void germanMeasuredVerbPhrasesAreCompound() {
    QualityReport report = checker.check(request("de", "Rückerstattungen senken und Wiederholungskäufe steigern",
        "Umsatz mit neuen und wiederkehrenden Kunden steigern"));

    assertThat(rulesOf(report, "kr1")).contains("compound_kr");
    assertThat(rulesOf(report, "kr2")).doesNotContain("compound_kr");
  }

  @Test
  void goodKeyResultHasNoFindings() {
    QualityReport report = checker.check(request("en", "Raise trial-to-paid conversion from 40 % to 55 %",
        "Cut median time to first dashboard from 9 days to 2 days"));

    assertThat(report.findings()).isEmpty();
    assertThat(report.score()).isEqualTo(100);
  }

  @Test
  void datesAndNamesAreNoTargets() {
    QualityReport report = checker.check(request("en", "Achieve ISO 27001 certification by Q3 2027",
        "Improve onboarding by 31.03.2027"));

    assertThat(rulesOf(report, "kr1")).containsExactly("binary_kr");
    assertThat(rulesOf(report, "kr2")).containsExactlyInAnyOrder("vague_verb", "no_target");
  }

  @Test
  void germanKeyResultsAreUnderstood() {
    QualityReport report = checker.check(request("de", "Kundenzufriedenheit verbessern",
        "Neues CRM einführen", "Erstlösungsquote von 62 % auf 75 % steigern"));

    assertThat(rulesOf(report, "kr1")).containsExactlyInAnyOrder("vague_verb", "no_target");
    assertThat(rulesOf(report, "kr2")).containsExactlyInAnyOrder("output_not_outcome", "binary_kr");
    assertThat(rulesOf(report, "kr3")).isEmpty();
    Finding vague = report.findings().stream().filter(f -> f.rule() == QualityRule.VAGUE_VERB).findFirst().orElseThrow();
    assertThat(vague.why()).contains("\u201Everbessern\u201C", "Maß");
  }

  @Test
  void germanTextsUseGermanQuotes() {
    QualityReport report = checker.check(request("de", "Kundenzufriedenheit verbessern",
        "Neues CRM einführen", "Erstlösungsquote auf 75 % steigern", "Umsatz steigern"));

    assertThat(report.findings()).isNotEmpty();
    for (Finding finding : report.findings()) {
      assertThat(finding.why()).as("why of %s", finding.rule()).doesNotContain("\"");
      assertThat(finding.fix()).as("fix of %s", finding.rule()).doesNotContain("\"");
    }
  }

  @Test
  void compoundWithOutputHalfNamesWork() {
    QualityReport english = checker.check(request("en", "Improve customer satisfaction and launch the new payment page"));
    QualityReport german = checker.check(request("de", "Kundenzufriedenheit im Checkout verbessern und Zahlungsseite einführen"));

    assertThat(rulesOf(english, "kr1")).contains("compound_kr", "output_not_outcome", "vague_verb");
    assertThat(evidenceOf(english, "kr1", QualityRule.OUTPUT_NOT_OUTCOME)).containsExactly("launch");
    assertThat(rulesOf(german, "kr1")).contains("compound_kr", "output_not_outcome", "vague_verb");
    assertThat(evidenceOf(german, "kr1", QualityRule.OUTPUT_NOT_OUTCOME)).containsExactly("einführen");
  }

  @Test
  void measureHalvesAreNoOutput() {
    QualityReport report = checker.check(request("en", "Raise NPS from 30 to 45 and cut churn from 4 % to 2 %",
        "Grow qualified pipeline in Sales and Marketing from 2.1M to 3M EUR"));

    assertThat(rulesOf(report, "kr1")).doesNotContain("output_not_outcome");
    assertThat(rulesOf(report, "kr2")).doesNotContain("output_not_outcome");
  }

  /** Checks that no template quotes the evidence, because the checker quotes it itself. */
  @ParameterizedTest
  @EnumSource(QualityRule.class)
  void evidenceIsNotQuotedTwice(QualityRule rule) {
    String evidence = "\u201C3.5 %\u201D";
    for (String language : List.of("en", "de")) {
      for (String text : List.of(QualityMessages.why(rule, language, evidence, QualitySettings.defaults()),
          QualityMessages.fix(rule, language, evidence, QualitySettings.defaults()))) {
        int at = text.indexOf(evidence);
        if (at < 0) {
          continue;
        }
        String before = text.substring(0, at);
        long straightQuotes = before.chars().filter(c -> c == '"').count();
        long openQuotes = before.chars().filter(c -> c == '\u201E' || c == '\u201C').count()
            - before.chars().filter(c -> c == '\u201D').count();
        assertThat(straightQuotes % 2).as("%s %s: %s", rule, language, text).isZero();
        assertThat(openQuotes).as("%s %s: %s", rule, language, text).isZero();
      }
    }
  }

  @Test
  void compoundNeedsTwoMeasures() {
    QualityReport report = checker.check(request("en", "Raise NPS from 30 to 45 and cut churn from 4 % to 2 %",
        "Grow qualified pipeline in Sales and Marketing from 2.1M to 3M EUR",
        "Keep the share of orders between 40 and 60 per hour from 35 % to 50 %"));

    assertThat(rulesOf(report, "kr1")).contains("compound_kr");
    assertThat(rulesOf(report, "kr2")).doesNotContain("compound_kr");
    assertThat(rulesOf(report, "kr3")).doesNotContain("compound_kr");
  }

  @Test
  void sharedVerbOverTwoMeasuresIsCompound() {
    QualityReport report = checker.check(request("en", "Increase trial signups and paid conversions by 20 %",
        "increase NPS to 50 and retention to 90 %",
        "Upsell-Quote auf 15 % und Vertragsverlängerungen auf 95 % steigern",
        "Sign 12 new customers in Austria and Switzerland", "Reduce P1 and P2 incidents by 30 %"));

    assertThat(rulesOf(report, "kr1")).contains("compound_kr");
    Finding shared = report.findings().stream()
        .filter(f -> f.rule() == QualityRule.COMPOUND_KR && f.target().equals("kr1")).findFirst().orElseThrow();
    assertThat(shared.evidence()).containsExactly("Increase trial signups", "paid conversions by 20 %");
    assertThat(rulesOf(report, "kr2")).contains("compound_kr");
    assertThat(rulesOf(report, "kr3")).contains("compound_kr");
    assertThat(rulesOf(report, "kr4")).doesNotContain("compound_kr");
    assertThat(rulesOf(report, "kr5")).doesNotContain("compound_kr");
  }

  @Test
  void nounsSharingOneMeasureAreNoCompound() {
    QualityReport report = checker.check(request("en", "Grow repair and resale revenue from 1.2 % to 4 % of net revenue",
        "Raise mobile and web conversion from 2 % to 3 %",
        "Increase signups and paid conversions by 20 %"));

    assertThat(rulesOf(report, "kr1")).isEmpty();
    assertThat(rulesOf(report, "kr2")).doesNotContain("compound_kr");
    assertThat(rulesOf(report, "kr3")).contains("compound_kr");
  }

  @Test
  void germanNounBeforeFinalVerbIsNoOutput() {
    QualityReport german = checker.check(request("de", "Releases der mobilen App von 1 auf 4 pro Quartal steigern"));
    QualityReport english = checker.check(request("en", "Increase mobile app releases from 1 to 4 per quarter"));

    assertThat(rulesOf(german, "kr1")).isEqualTo(rulesOf(english, "kr1")).doesNotContain("output_not_outcome");
    assertThat(german.score()).isEqualTo(english.score());
    assertThat(rulesOf(checker.check(request("de", "Release 3.0 der App ausrollen")), "kr1"))
        .contains("output_not_outcome");
  }

  @Test
  void vagueObjectiveTitles() {
    List<String> vague = List.of("Drive operational excellence", "Take customer experience to the next level",
        "Sicherheit verbessern", "Innovation vorantreiben", "Kundenorientierung leben", "Produktqualität",
        "Exzellenter Service", "Deliver more value to our customers", "Be the best");
    List<String> specific = List.of("Win Austria", "Liquidität sichern", "Profitabilität steigern",
        "Arbeitgebermarke in der Region stärken", "New customers reach value in their first week",
        "Great people join us and stay");

    for (String title : vague) {
      QualityRequest draft = new QualityRequest("en", new Objective(title, "u1", null),
          List.of(KeyResult.of("kr1", "Raise activation from 20 % to 35 %"), KeyResult.of("kr2", "Cut churn from 3 % to 2 %")));
      assertThat(rulesOf(checker.check(draft), "objective")).as(title).contains("vague_objective");
    }
    for (String title : specific) {
      QualityRequest draft = new QualityRequest("en", new Objective(title, "u1", null),
          List.of(KeyResult.of("kr1", "Raise activation from 20 % to 35 %"), KeyResult.of("kr2", "Cut churn from 3 % to 2 %")));
      assertThat(rulesOf(checker.check(draft), "objective")).as(title).doesNotContain("vague_objective");
    }
  }

  @Test
  void nearDuplicateTargetsLaterKeyResult() {
    QualityReport report = checker.check(request("en", "Increase NPS from 30 to 40", "Raise NPS from 30 to 45"));

    assertThat(rulesOf(report, "kr2")).contains("duplicate_kr");
    assertThat(rulesOf(report, "kr1")).doesNotContain("duplicate_kr");
  }

  @Test
  void keyResultCountsFollowSettings() {
    QualityRequest two = request("en", "Raise activation from 20 % to 35 %", "Cut churn from 3 % to 2 %");
    assertThat(rulesOf(checker.check(two), "objective")).doesNotContain("too_few_krs");

    QualitySettings stricter = QualitySettings.fromJson(new JsonObject().put("minKeyResults", 3));
    assertThat(rulesOf(new QualityChecker(stricter).check(two), "objective")).contains("too_few_krs");

    QualityReport none = checker.check(new QualityRequest("en", OWNED, List.of()));
    assertThat(rulesOf(none, "objective")).contains("no_key_results").doesNotContain("too_few_krs");
  }

  @Test
  void severityOffRemovesRuleAndPenaltiesSetScore() {
    QualityRequest weak = request("en", "Improve customer satisfaction", "Support the sales team");
    int before = checker.check(weak).score();

    QualitySettings noVague = QualitySettings.fromJson(new JsonObject()
        .put("severities", new JsonObject().put("vague_verb", "off"))
        .put("penalties", new JsonObject().put("error", 30)));
    QualityReport after = new QualityChecker(noVague).check(weak);

    assertThat(after.findings()).noneMatch(f -> f.rule() == QualityRule.VAGUE_VERB);
    assertThat(after.score()).isEqualTo(100 - 30 - 30);
    assertThat(before).isEqualTo(100 - 20 - 10 - 20 - 10);
  }

  @Test
  void findingsCarryPenaltiesOfSettings() {
    QualitySettings harsh = QualitySettings.fromJson(new JsonObject().put("penalties", new JsonObject().put("error", 30)));
    QualityReport report = new QualityChecker(harsh).check(request("en", "Improve customer satisfaction"));

    Finding noTarget = report.findings().stream().filter(f -> f.rule() == QualityRule.NO_TARGET).findFirst().orElseThrow();
    Finding vague = report.findings().stream().filter(f -> f.rule() == QualityRule.VAGUE_VERB).findFirst().orElseThrow();
    assertThat(noTarget.penalty()).isEqualTo(30);
    assertThat(vague.penalty()).isEqualTo(10);
    assertThat(noTarget.toJson().getInteger("penalty")).isEqualTo(30);
    assertThat(report.score()).isEqualTo(100 - report.findings().stream().mapToInt(Finding::penalty).sum());
  }

  @Test
  void scoreNeverRisesWithAnotherFinding() {
    QualityRequest good = request("en", "Raise activation from 20 % to 35 %", "Cut churn from 3 % to 2 %");
    QualityRequest worse = request("en", "Raise activation from 20 % to 35 %", "Cut churn from 3 % to 2 %",
        "Improve things");

    assertThat(checker.check(worse).score()).isLessThanOrEqualTo(checker.check(good).score());
    assertThat(checker.check(worse).findings().size()).isGreaterThan(checker.check(good).findings().size());
  }

  @Test
  void structuredValuesCount() {
    KeyResult structured = new KeyResult("kr1", "Weekly active teams", new BigDecimal("120"), new BigDecimal("180"),
        "teams", "increase", null, null, null);
    KeyResult same = new KeyResult("kr2", "Uptime of the API", new BigDecimal("99.9"), new BigDecimal("99.9"),
        "%", "increase", null, null, null);
    QualityReport report = checker.check(new QualityRequest("en", OWNED, List.of(structured, same)));

    assertThat(rulesOf(report, "kr1")).isEmpty();
    assertThat(rulesOf(report, "kr2")).containsExactly("business_as_usual");
  }

  @Test
  void missingOwnerIsFound() {
    QualityRequest request = new QualityRequest("en", new Objective("Make onboarding effortless for new teams", null, null),
        List.of(KeyResult.of("a", "Raise activation from 20 % to 35 %"), KeyResult.of("b", "Cut churn from 3 % to 2 %")));

    assertThat(rulesOf(checker.check(request), "objective")).containsExactly("no_owner");
  }

  @Test
  void requestOverLimitsIsRejected() {
    JsonArray many = new JsonArray();
    for (int i = 0; i < QualityRequest.MAX_KEY_RESULTS + 1; i++) {
      many.add(new JsonObject().put("id", "k" + i).put("text", "Raise X to " + i));
    }
    JsonObject tooMany = new JsonObject().put("objective", new JsonObject().put("title", "t")).put("keyResults", many);
    assertThatThrownBy(() -> QualityRequest.fromJson(tooMany))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.status()).isEqualTo(413);
          assertThat(e.getMessage()).contains("limit is 20");
        });

    JsonObject tooLong = new JsonObject().put("objective", new JsonObject().put("title", "x".repeat(501)));
    assertThatThrownBy(() -> QualityRequest.fromJson(tooLong))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.fields().get(0).field()).isEqualTo("objective.title");
          assertThat(e.getMessage()).contains("limit is 500");
        });
  }

  @Test
  void requestReadsFieldsAndRejectsRepeatedIds() {
    JsonObject body = new JsonObject().put("language", "de")
        .put("objective", new JsonObject().put("title", "Ziel").put("ownerId", "u1"))
        .put("keyResults", new JsonArray().add(new JsonObject().put("id", "a").put("text", "x").put("start", 3)
            .put("target", 5).put("unit", "%")));
    QualityRequest request = QualityRequest.fromJson(body);
    assertThat(request.language()).isEqualTo("de");
    assertThat(request.keyResults().get(0).target()).isEqualByComparingTo("5");

    JsonObject repeated = body.copy().put("keyResults", new JsonArray()
        .add(new JsonObject().put("id", "a").put("text", "x")).add(new JsonObject().put("id", "a").put("text", "y")));
    assertThatThrownBy(() -> QualityRequest.fromJson(repeated))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.fields().get(0).field()).isEqualTo("keyResults[1].id"));

    JsonObject badLanguage = body.copy().put("language", "fr");
    assertThatThrownBy(() -> QualityRequest.fromJson(badLanguage)).isInstanceOf(ApiException.class);
  }

  private static QualityReport checkTitle(String language, String title) {
    return new QualityChecker(QualitySettings.defaults()).check(new QualityRequest(language, new Objective(title, "u1", null),
        List.of(KeyResult.of("kr1", "Raise activation from 20 % to 35 %"), KeyResult.of("kr2", "Cut churn from 3 % to 2 %"))));
  }

  @Test
  void buzzwordObjectivesAreVague() {
    List<String> vague = List.of("Be more customer-centric", "Delight our customers", "Become a data-driven company",
        "Kundenorientierter werden", "Unsere Kunden begeistern", "Ein datengetriebenes Unternehmen werden",
        "Become truly agile");
    List<String> specific = List.of("Become customer-centric in how we onboard hospitals",
        "Delight first-time buyers at checkout", "Datengetriebene Preise für Neukunden im Handel",
        "Be an employer of choice", "Customers trust our reporting numbers", "Kundenorientierter Support für Neukunden");

    for (String title : vague) {
      assertThat(rulesOf(checkTitle("en", title), "objective")).as(title).contains("vague_objective");
    }
    for (String title : specific) {
      assertThat(rulesOf(checkTitle("en", title), "objective")).as(title).doesNotContain("vague_objective");
    }
  }

  @Test
  void objectiveNamingWorkIsOutputNotOutcome() {
    assertThat(evidenceOf(checkTitle("en", "Launch the new payment page"), "objective", QualityRule.OUTPUT_NOT_OUTCOME))
        .containsExactly("Launch");
    assertThat(evidenceOf(checkTitle("en", "Improve customer satisfaction and launch the new payment page"), "objective",
        QualityRule.OUTPUT_NOT_OUTCOME)).containsExactly("launch");
    assertThat(evidenceOf(checkTitle("de", "Neue Zahlungsseite einführen"), "objective", QualityRule.OUTPUT_NOT_OUTCOME))
        .containsExactly("einführen");
    assertThat(evidenceOf(checkTitle("en", "By Q3, migrate all customers to the new billing system"), "objective",
        QualityRule.OUTPUT_NOT_OUTCOME)).containsExactly("migrate");
    assertThat(evidenceOf(checkTitle("en", "Ship orders customers track in the app"), "objective",
        QualityRule.OUTPUT_NOT_OUTCOME)).containsExactly("Ship");

    List<String> outcomes = List.of("Make renewals predictable for enterprise accounts",
        "Research & Development ships what customers asked for", "Forschung und Entwicklung liefern verkaufbare Produkte",
        "Führungskräfte entwickeln ihre Teams", "Windows 11 rollout does not disrupt work",
        "Partnerkanal als zweites Standbein etablieren", "Deliver more value to our customers",
        "Die neue Zahlungsseite wird der Standardweg", "Release notes reach every customer",
        "Build times drop below five minutes");
    for (String title : outcomes) {
      assertThat(rulesOf(checkTitle("en", title), "objective")).as(title).doesNotContain("output_not_outcome");
    }
  }

  @Test
  void germanSharedFinalVerbIsCompound() {
    QualityReport german = checker.check(request("de", "Testanmeldungen und bezahlte Conversions um 20 % steigern",
        "Umsatz und Marge um 5 % steigern", "Reparatur- und Wiederverkaufsumsatz von 1,2 % auf 4 % steigern",
        "Pipeline in Vertrieb und Marketing um 20 % steigern",
        "Anteil der Käufe ohne Vertriebskontakt von 30 % auf 60 % erhöhen", "Mobile und Web-Conversion um 10 % steigern",
        "Neukunden und Umsatz um 20 % steigern"));
    QualityReport english = checker.check(request("en", "Increase trial signups and paid conversions by 20 %"));

    assertThat(evidenceOf(german, "kr1", QualityRule.COMPOUND_KR))
        .containsExactly("Testanmeldungen", "bezahlte Conversions um 20 % steigern");
    assertThat(rulesOf(german, "kr1")).isEqualTo(rulesOf(english, "kr1"));
    assertThat(rulesOf(german, "kr2")).contains("compound_kr");
    assertThat(rulesOf(german, "kr3")).doesNotContain("compound_kr");
    assertThat(rulesOf(german, "kr4")).doesNotContain("compound_kr");
    assertThat(rulesOf(german, "kr5")).doesNotContain("compound_kr");
    assertThat(rulesOf(german, "kr6")).doesNotContain("compound_kr");
    assertThat(evidenceOf(german, "kr7", QualityRule.COMPOUND_KR)).containsExactly("Neukunden", "Umsatz um 20 % steigern");
  }

  @Test
  void noBaselineEvidenceKeepsUnit() {
    QualityReport english = checker.check(request("en", "Cut checkout time to 120 s", "Answer tickets within 4 hours"));
    QualityReport german = checker.check(request("de", "Bearbeitungszeit auf 3 Tage senken"));

    assertThat(evidenceOf(english, "kr1", QualityRule.NO_BASELINE)).containsExactly("120 s");
    assertThat(english.findings().stream().filter(f -> f.rule() == QualityRule.NO_BASELINE && f.target().equals("kr1"))
        .findFirst().orElseThrow().why()).contains("\"120 s\"");
    assertThat(evidenceOf(english, "kr2", QualityRule.NO_BASELINE)).containsExactly("4 hours");
    assertThat(evidenceOf(german, "kr1", QualityRule.NO_BASELINE)).containsExactly("3 Tage");
  }

  private static KeyResult withFields(String id, String text, String start, String target) {
    return new KeyResult(id, text, start == null ? null : new BigDecimal(start), target == null ? null : new BigDecimal(target),
        null, null, null, null, null);
  }

  @Test
  void textNumbersDifferingFromFieldsAreReported() {
    QualityReport report = checker.check(new QualityRequest("en", OWNED, List.of(
        withFields("kr1", "Cut refund time from 3 days to 1 day", "3", "0"),
        withFields("kr2", "Cut checkout time to 120 s", null, "90"),
        withFields("kr3", "Reduce failed payments from 4 % to 2 %", "5", "3"))));

    assertThat(evidenceOf(report, "kr1", QualityRule.NUMBERS_MISMATCH)).containsExactly("1 day");
    assertThat(rulesOf(report, "kr1")).doesNotContain("no_target", "no_baseline");
    assertThat(evidenceOf(report, "kr2", QualityRule.NUMBERS_MISMATCH)).containsExactly("120 s");
    assertThat(evidenceOf(report, "kr3", QualityRule.NUMBERS_MISMATCH)).containsExactly("4 %", "2 %");
    Finding finding = report.findings().stream().filter(f -> f.rule() == QualityRule.NUMBERS_MISMATCH).findFirst().orElseThrow();
    assertThat(finding.severity()).isEqualTo(Severity.WARNING);
    assertThat(finding.why()).contains("\"1 day\"");
    assertThat(report.score()).isLessThan(100);
  }

  @Test
  void equivalentFieldNotationsMatchText() {
    QualityReport report = checker.check(new QualityRequest("de", OWNED, List.of(
        withFields("kr1", "Conversion im Checkout von 2 % auf 3,5 % steigern", "2", "3.5"),
        withFields("kr2", "Aktive Nutzer von 1.200 auf 2.000 steigern", "1200", "2000"),
        withFields("kr3", "Grow MRR from EUR 120k to EUR 180k", "120000", "180000"),
        withFields("kr4", "Raise share of refunds in the app from 18 % to 30 %", "0.18", "0.3"),
        withFields("kr5", "Increase weekly repeat buyers by 20 %", "100", "120"),
        withFields("kr6", "Raise NPS from 30 to 45", null, null))));

    for (String id : List.of("kr1", "kr2", "kr3", "kr4", "kr5", "kr6")) {
      assertThat(rulesOf(report, id)).as(id).doesNotContain("numbers_mismatch");
    }
    QualityReport german = checker.check(new QualityRequest("de", OWNED, List.of(
        withFields("kr1", "Bearbeitungszeit von 5 auf 2 Tage senken", "5", "3"))));
    assertThat(evidenceOf(german, "kr1", QualityRule.NUMBERS_MISMATCH)).containsExactly("2 Tage");
    assertThat(german.findings().stream().filter(f -> f.rule() == QualityRule.NUMBERS_MISMATCH).findFirst().orElseThrow()
        .why()).contains("\u201E2 Tage\u201C");
  }

  @Test
  void statedChangeIsComparedWithFields() {
    QualityReport english = checker.check(new QualityRequest("en", OWNED, List.of(
        withFields("kr1", "Grow repeat revenue by 20 %", "100", "150"),
        withFields("kr2", "Raise checkout conversion by 20 %", "2.1", "2.5"),
        withFields("kr3", "Raise checkout conversion by 0.4 pp", "2.1", "2.5"),
        withFields("kr4", "Cut support costs by 20 %", "100", "80"),
        withFields("kr5", "Raise NPS by 10 points", "30", "45"),
        withFields("kr6", "Grow marketplace revenue by 2x", "100", "200"),
        withFields("kr7", "Grow repeat revenue by 20 % by 2027", "100", null),
        withFields("kr8", "Cut time to first invoice by 40 %", "20", "8"),
        withFields("kr9", "Grow weekly active teams by 3 times", "50", "150"))));

    assertThat(evidenceOf(english, "kr1", QualityRule.NUMBERS_MISMATCH)).containsExactly("20 %");
    assertThat(evidenceOf(english, "kr5", QualityRule.NUMBERS_MISMATCH)).containsExactly("10 points");
    assertThat(evidenceOf(english, "kr8", QualityRule.NUMBERS_MISMATCH)).containsExactly("40 %");
    for (String id : List.of("kr2", "kr3", "kr4", "kr6", "kr7", "kr9")) {
      assertThat(rulesOf(english, id)).as(id).doesNotContain("numbers_mismatch");
    }
    QualityReport german = checker.check(new QualityRequest("de", OWNED, List.of(
        withFields("kr1", "Umsatz mit Stammkunden um 10 % steigern", "100", "130"),
        withFields("kr2", "Neukunden pro Monat um 500 steigern", "1000", "1500"),
        withFields("kr3", "Offene Tickets um 40 % senken", "500", "200"),
        withFields("kr4", "Aktive Teams um das 2-fache steigern", "40", "80"))));
    assertThat(evidenceOf(german, "kr1", QualityRule.NUMBERS_MISMATCH)).containsExactly("10 %");
    assertThat(rulesOf(german, "kr2")).doesNotContain("numbers_mismatch");
    assertThat(evidenceOf(german, "kr3", QualityRule.NUMBERS_MISMATCH)).containsExactly("40 %");
    assertThat(rulesOf(german, "kr4")).doesNotContain("numbers_mismatch");
  }

  @Test
  void periodBeforeStartIsNoStart() {
    QualityReport german = checker.check(new QualityRequest("de", OWNED, List.of(
        withFields("kr1", "Wiederkaufrate innerhalb von 12 Monaten von 27 % auf 33 % steigern", "27", "33"),
        withFields("kr2", "Kündigungen innerhalb von 30 Tagen von 5 % auf 3 % senken", "5", "3"),
        withFields("kr3", "Kündigungen innerhalb von 30 Tagen von 5 % auf 3 % senken", "6", "3"))));

    assertThat(rulesOf(german, "kr1")).doesNotContain("numbers_mismatch");
    assertThat(rulesOf(german, "kr2")).doesNotContain("numbers_mismatch");
    assertThat(evidenceOf(german, "kr3", QualityRule.NUMBERS_MISMATCH)).containsExactly("5 %");
  }

  @Test
  void stepwiseMeasurementIsNotBinary() {
    QualityReport report = checker.check(new QualityRequest("en", OWNED, List.of(
        new KeyResult("kr1", "Launch the referral programme", null, null, null, "work_items", null, null, null),
        new KeyResult("kr2", "Launch the referral programme", null, null, null, "milestone", null, null, null),
        new KeyResult("kr3", "Launch the referral programme", null, null, null, "increase", null, null, null))));

    for (String id : List.of("kr1", "kr2")) {
      assertThat(rulesOf(report, id)).as(id).contains("output_not_outcome").doesNotContain("binary_kr", "no_target", "no_baseline");
    }
    assertThat(rulesOf(report, "kr3")).contains("output_not_outcome", "binary_kr");
  }

  @Test
  void changeWithoutStartAsksForBothValues() {
    QualityReport english = checker.check(request("en", "Grow repeat revenue by 20 %"));
    Finding finding = english.findings().stream().filter(f -> f.rule() == QualityRule.NO_BASELINE).findFirst().orElseThrow();

    assertThat(finding.evidence()).containsExactly("20 %");
    assertThat(finding.why()).doesNotContain("target");
    assertThat(finding.fix()).contains("from X to Y").doesNotContain("to \"20 %\"");
  }

  @Test
  void numbersMismatchFollowsSeveritySetting() {
    QualitySettings off = QualitySettings.fromJson(new JsonObject()
        .put("severities", new JsonObject().put("numbers_mismatch", "off")));
    QualityRequest draft = new QualityRequest("en", OWNED, List.of(
        withFields("kr1", "Cut refund time from 3 days to 1 day", "3", "0"),
        withFields("kr2", "Raise NPS from 30 to 45", "30", "45")));

    assertThat(rulesOf(new QualityChecker(off).check(draft), "kr1")).doesNotContain("numbers_mismatch");
    assertThat(rulesOf(checker.check(draft), "kr1")).contains("numbers_mismatch");
  }

  private static KeyResult tagged(String id, String text, String indicator) {
    return new KeyResult(id, text, null, null, null, null, indicator, null, null);
  }

  @Test
  void leadingTagOutranksLaggingWording() {
    QualityReport report = checker.check(new QualityRequest("en", OWNED, List.of(
        tagged("kr1", "Reduce monthly churn from 3 % to 2 %", null),
        tagged("kr2", "Raise churn saves by the success team from 5 to 20", "leading"))));

    assertThat(rulesOf(report, "objective")).doesNotContain("no_leading_indicator");
  }

  @Test
  void laggingTagCountsWithoutLaggingWords() {
    QualityReport report = checker.check(new QualityRequest("de", OWNED, List.of(
        tagged("kr1", "Kundenabwanderung von 3 % auf 2 % senken", null),
        tagged("kr2", "Aktive Nutzer von 400 auf 600 steigern", "lagging"))));

    assertThat(rulesOf(report, "objective")).contains("no_leading_indicator");
  }

  @Test
  void germanChurnReasonsCountAsLeading() {
    QualityReport report = checker.check(new QualityRequest("de", OWNED, List.of(
        KeyResult.of("kr1", "Kundenabwanderung von 3 % auf 2 % senken"),
        KeyResult.of("kr2", "Behobene Top-10-Kündigungsgründe von 2 auf 8 steigern"))));

    assertThat(rulesOf(report, "objective")).doesNotContain("no_leading_indicator");
  }

  @Test
  void invalidIndicatorIsRejected() {
    JsonObject body = new JsonObject().put("objective", new JsonObject().put("title", "Ziel"))
        .put("keyResults", new JsonArray().add(new JsonObject().put("id", "a").put("text", "x").put("indicator", "early")));

    assertThatThrownBy(() -> QualityRequest.fromJson(body))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.fields().get(0).field()).isEqualTo("keyResults[0].indicator"));
  }

  @Test
  void settingsRejectInvalidValues() {
    assertThatThrownBy(() -> QualitySettings.fromJson(new JsonObject().put("minKeyResults", 6).put("maxKeyResults", 3)))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.fields().get(0).field()).isEqualTo("minKeyResults"));
    assertThatThrownBy(() -> QualitySettings.fromJson(new JsonObject().put("severities", new JsonObject().put("nope", "off"))))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.fields().get(0).field()).isEqualTo("severities.nope"));
    assertThat(QualitySettings.fromJson(QualitySettings.defaults().toJson())).isEqualTo(QualitySettings.defaults());
  }
}
