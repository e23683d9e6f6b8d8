package io.momentum.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.server.app.MomentumNode;
import io.momentum.server.support.Http;
import io.momentum.server.support.TestNode;
import io.momentum.server.support.TestOrg;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Headless Chromium against a real node: a person drafts OKRs from a strategy text on the Draft
 * OKRs page, opens a cited library example, rejects one proposal with a reason and accepts
 * another, which prefills the OKR editor with the card's quality score. Both decisions land in
 * the decision trail, and the saved objective and key result exist. Then the page drafts in
 * German. Screenshots go to {@code server/target/screenshots/}.
 *
 * <p>Needs {@code /usr/bin/chromium} (Debian's package) and the web module's Node and
 * node_modules; see {@link BrowserScript}.
 */
class DraftsBrowserIT {

  private static final String STRATEGY = "Delight customers and grow revenue. Raise the win rate of qualified"
      + " opportunities, cut churn and open an office on the moon.";
  private static final String GERMAN_STRATEGY = "Die Abschlussquote qualifizierter Verkaufschancen steigern und die"
      + " Abwanderung senken.";

  @Test
  void draftIsAcceptedIntoEditor() throws Exception {
    BrowserScript.requireChromium();
    MomentumNode node = TestNode.get();
    TestOrg org = TestOrg.create(node, "drafts-web-" + UUID.randomUUID().toString().substring(0, 8)).awaitLive(node);
    UUID kpiId = UUID.randomUUID();
    node.services().pool().preparedQuery("INSERT INTO node_keys (org_id, key, node_id, kind) VALUES ($1, 'win-rate', $2, 'kpi')")
        .execute(Tuple.of(org.orgId, kpiId)).await();
    node.services().pool().preparedQuery("INSERT INTO kpis (id, org_id, key, title, unit_id, unit, direction, green, red,"
            + " current_value, current_at) VALUES ($1, $2, 'win-rate', 'Win rate of qualified opportunities', $3, '%',"
            + " 'increase', 27, 15, 21, now())")
        .execute(Tuple.of(kpiId, org.orgId, org.teamId)).await();
    // An objective of the unit's previous quarter, which a draft for the current quarter may cite.
    UUID previousQuarter = UUID.randomUUID();
    UUID previousObjective = UUID.randomUUID();
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    node.services().pool().preparedQuery("INSERT INTO cycles (id, org_id, key, name, kind, parent_id, start_date, end_date)"
            + " VALUES ($1, $2, 'previous-q', 'Previous quarter', 'quarter', $3, $4, $5)")
        .execute(Tuple.of(previousQuarter, org.orgId, org.yearId, today.minusDays(135), today.minusDays(46))).await();
    node.services().pool().preparedQuery("INSERT INTO node_keys (org_id, key, node_id, kind) VALUES ($1, 'previous', $2, 'objective')")
        .execute(Tuple.of(org.orgId, previousObjective)).await();
    node.services().pool().preparedQuery("INSERT INTO objectives (id, org_id, key, title, unit_id, cycle_id)"
            + " VALUES ($1, $2, 'previous', 'Delight customers in every region', $3, $4)")
        .execute(Tuple.of(previousObjective, org.orgId, org.teamId, previousQuarter)).await();
    // A draft offers an objective only when at least two of its key results answer the strategy.
    for (String title : List.of("Customers delighted by their first order", "Delighted customers who recommend us")) {
      UUID keyResult = UUID.randomUUID();
      String key = "k-" + keyResult.toString().substring(0, 8);
      node.services().pool().preparedQuery("INSERT INTO node_keys (org_id, key, node_id, kind) VALUES ($1, $2, $3, 'key_result')")
          .execute(Tuple.of(org.orgId, key, keyResult)).await();
      node.services().pool().preparedQuery("INSERT INTO key_results (id, org_id, key, objective_id, title, measurement,"
              + " start_value, target_value) VALUES ($1, $2, $3, $4, $5, 'increase', 10, 20)")
          .execute(Tuple.of(keyResult, org.orgId, key, previousObjective, title)).await();
    }

    // The company's live objective of the current quarter: work under way that the draft lists to align with, and
    // whose churn key result lends its numbers to the German draft through the bilingual library.
    UUID companyObjective = UUID.randomUUID();
    node.services().pool().preparedQuery("INSERT INTO node_keys (org_id, key, node_id, kind) VALUES ($1, 'regulars', $2, 'objective')")
        .execute(Tuple.of(org.orgId, companyObjective)).await();
    node.services().pool().preparedQuery("INSERT INTO objectives (id, org_id, key, title, unit_id, cycle_id)"
            + " VALUES ($1, $2, 'regulars', 'Keep customers who bought once', $3, $4)")
        .execute(Tuple.of(companyObjective, org.orgId, org.companyId, org.quarterId)).await();
    UUID churnKeyResult = UUID.randomUUID();
    node.services().pool().preparedQuery("INSERT INTO node_keys (org_id, key, node_id, kind) VALUES ($1, 'churn', $2, 'key_result')")
        .execute(Tuple.of(org.orgId, churnKeyResult)).await();
    node.services().pool().preparedQuery("INSERT INTO key_results (id, org_id, key, objective_id, title, measurement, start_value,"
            + " target_value, unit) VALUES ($1, $2, 'churn', $3, 'Cut monthly customer churn from 4.6 % to 3.9 %', 'decrease', 4.6, 3.9, '%')")
        .execute(Tuple.of(churnKeyResult, org.orgId, companyObjective)).await();

    BrowserScript.Outcome run = BrowserScript.run("scripts/drafts-e2e.js", List.of(
        "--url", "http://127.0.0.1:" + TestNode.httpPort(),
        "--email", org.email, "--password", TestOrg.PASSWORD,
        "--unit", org.teamId.toString(), "--strategy", STRATEGY, "--german-strategy", GERMAN_STRATEGY,
        "--out", BrowserScript.SCREENSHOTS.toString()), 240);

    JsonObject result = run.result();
    assertThat(result.getString("error")).as(run.output()).isNull();
    assertThat(result.getInteger("proposals")).isBetween(2, 3);
    assertThat(result.getJsonArray("scores").getString(0)).matches("Quality \\d+/100");
    assertThat(result.getJsonObject("cardInset").getDouble("left")).as("space left of a card's title").isGreaterThanOrEqualTo(8);
    assertThat(result.getJsonObject("cardInset").getDouble("top")).as("space above a card's title").isGreaterThanOrEqualTo(8);
    assertThat(result.getJsonArray("sourceTypes").getList()).contains("library", "okr", "kpi");
    assertThat(result.getString("kpiSource")).contains("Win rate of qualified opportunities: now 21, target 27 from its green bound");
    assertThat(result.getString("exampleText")).isNotBlank();
    assertThat(result.getJsonArray("phrases").getList()).as("cited phrases").isNotEmpty()
        .noneMatch(phrase -> phrase.toString().contains("Raise the win rate of qualified opportunities, cut churn"));
    assertThat(result.getJsonArray("titles").getList().toString() + result.getJsonArray("phrases").getList())
        .contains("cut churn");
    assertThat(result.getJsonArray("uncovered").getList()).containsExactly(
        "“open an office on the moon”: no earlier OKR or library example matches it. Name the result you want in"
            + " measurable words, or write a key result for it yourself.");
    assertThat(result.getString("rejectedText"))
        .isEqualTo("Rejected: Already covered by our OKRs: “Our support team owns this already.”");
    assertThat(result.getInteger("editorScore")).as("editor score of the accepted proposal")
        .isEqualTo(result.getInteger("cardScore"));
    assertThat(result.getJsonArray("editorFindings").getList().toString()).doesNotContain("without key results");
    assertThat(result.getString("germanAccept")).isEqualTo("Übernehmen und im Editor öffnen");
    assertThat(result.getString("germanHeading")).startsWith("Vorschläge (");
    // The team's own objective of the drafted quarter is under way too. The matched phrases follow on their own line.
    assertThat(result.getJsonArray("underWay").getList()).hasSize(2).anySatisfy(entry -> assertThat(entry.toString())
        .startsWith("“Keep customers who bought once” of Company (Quarter). Consider contributing a"
            + " key result to it or aligning your objective with it.")
        .endsWith("It matches “cut churn”."));
    assertThat(result.getJsonArray("underWay").getList()).anySatisfy(entry -> assertThat(entry.toString())
        .startsWith("“Delight customers”. Your unit already works on this in Quarter: add to it rather than start"
            + " again."));
    assertThat(result.getJsonArray("underWayLinks").getList()).contains("/nodes/" + companyObjective + "/impact",
        "/nodes/" + org.objectiveId + "/impact");
    assertThat(result.getJsonArray("titles").getList()).doesNotContain("Keep customers who bought once");
    assertThat(result.getJsonArray("germanKeyResults").getList())
        .contains("Monatliche Kundenabwanderung von 4,6 % auf 3,9 % senken");
    // The company's churn key result is live, so a proposal that takes its numbers marks it and links to it.
    assertThat(result.getJsonArray("alreadyTracked").getList()).as("tracked notes").containsExactly(
        "Company already tracks this key result in Quarter: contribute to “Cut monthly customer churn from 4.6 % to"
            + " 3.9 %” rather than measure it twice.");
    assertThat(result.getJsonArray("alreadyTrackedLinks").getList()).containsExactly("/nodes/" + churnKeyResult + "/impact");
    assertThat(BrowserScript.SCREENSHOTS.resolve("drafts-already-tracked.png")).exists();
    // The key result saved from the English draft is the team's own live work by then, so it may be marked too.
    assertThat(result.getJsonArray("germanAlreadyTracked").getList()).as("German tracked notes").contains(
        "Company verfolgt dieses Schlüsselergebnis in Quarter bereits: Tragen Sie zu „Cut monthly customer churn from"
            + " 4.6 % to 3.9 %“ bei, statt dasselbe doppelt zu messen.");
    assertThat(result.getJsonArray("germanNumbers").getList()).as("German origins on the cards").contains("Beispielzahlen");
    assertThat(result.getJsonArray("germanNumbersHelp").getList()).isNotEmpty()
        .allMatch("Beispielzahlen aus der Bibliothek: Ersetzen Sie sie durch Ihren Ausgangs- und Zielwert."::equals);
    assertThat(result.getJsonArray("germanFindings").getList().toString())
        .contains("Niemand verantwortet das Ziel").doesNotContain("Nobody owns");
    String firstTitle = result.getJsonArray("titles").getString(0).trim();
    assertThat(result.getString("prefilledObjective")).isEqualTo(firstTitle);
    assertThat(result.getString("prefilledKeyResult")).isNotBlank();
    assertThat(result.getString("bannerAfterObjective")).startsWith("Drafted key result 1 of ");
    assertThat(result.getString("bannerAfterKeyResult")).startsWith("Drafted key result 2 of ");
    assertNumbersMarked(result);
    assertThat(result.getJsonArray("failedRequests")).as("failed requests").isEmpty();
    assertThat(result.getJsonArray("unexpectedConsoleErrors")).isEmpty();
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(BrowserScript.SCREENSHOTS.resolve("drafts-proposals.png")).exists();

    Http api = Http.withToken(org.token);
    JsonArray decisions = Http.json(api.get("/api/v1/decisions?kind=draft.proposal")).getJsonArray("items");
    assertThat(decisions.stream().map(d -> ((JsonObject) d).getString("decision")).toList())
        .containsExactlyInAnyOrder("accepted", "rejected");
    JsonObject rejected = decisions.stream().map(d -> (JsonObject) d)
        .filter(d -> "rejected".equals(d.getString("decision"))).findFirst().orElseThrow();
    assertThat(rejected.getString("reason")).isEqualTo("Our support team owns this already.");
    assertThat(rejected.getJsonObject("evidence").getJsonObject("rejection").getString("reason")).isEqualTo("already_covered");
    JsonArray objectives = Http.json(api.get("/api/v1/objectives?unit=" + org.teamId + "&limit=500")).getJsonArray("items");
    assertThat(objectives.stream().map(o -> ((JsonObject) o).getString("title")).toList()).contains(firstTitle);
    JsonArray keyResults = Http.json(api.get("/api/v1/key-results?limit=500")).getJsonArray("items");
    String savedTitle = result.getString("titleAfterReplacing", result.getString("prefilledKeyResult"));
    JsonObject saved = keyResults.stream().map(k -> (JsonObject) k)
        .filter(k -> k.getString("title").equals(savedTitle)).findFirst().orElseThrow();
    if (result.getValue("ownNumbers") != null) {
      // Example numbers were replaced in the editor before saving, so the key result contains the team's numbers,
      // and the drafted title names them instead of the example's.
      String start = result.getJsonObject("ownNumbers").getValue("start").toString();
      String target = result.getJsonObject("ownNumbers").getValue("target").toString();
      assertThat(saved.getValue("start").toString()).startsWith(start);
      assertThat(saved.getValue("target").toString()).startsWith(target);
      assertThat(savedTitle).isNotEqualTo(result.getString("prefilledKeyResult"))
          .containsPattern("\\b" + start + "\\b").containsPattern("\\b" + target + "\\b");
    }
  }

  /**
   * Checks that every drafted key result's card names where its numbers come from, that example numbers
   * carry their explanation, and that the editor marks the first accepted key result's example numbers.
   */
  private static void assertNumbersMarked(JsonObject result) {
    List<JsonObject> numbers = result.getJsonArray("numbers").stream().map(n -> (JsonObject) n).toList();
    assertThat(numbers).extracting(n -> n.getString("numbers")).as("origins on the cards").contains("example", "kpi");
    assertThat(numbers).filteredOn(n -> n.getString("numbers").equals("example"))
        .allSatisfy(n -> assertThat(n.getString("text")).isEqualTo("Example numbers"));
    assertThat(numbers).filteredOn(n -> n.getString("numbers").equals("kpi"))
        .allSatisfy(n -> assertThat(n.getString("text")).isEqualTo("Numbers from your KPI"));
    long examples = numbers.stream().filter(n -> n.getString("numbers").equals("example")).count();
    assertThat(result.getJsonArray("numbersHelp").getList()).hasSize((int) examples)
        .allMatch("Example numbers from the library: replace them with your baseline and target."::equals);

    String firstAccepted = numbers.stream().filter(n -> n.getString("id").startsWith("p1-")).findFirst().orElseThrow()
        .getString("numbers");
    if (firstAccepted.equals("example")) {
      assertThat(result.getString("editorExampleNotice")).isEqualTo("Example numbers from the library: replace the"
          + " start and the target with your baseline and target; the title follows them.");
      assertThat(result.getJsonArray("editorExampleFields").getList()).containsExactly("kr-start", "kr-target");
      assertThat(result.getString("exampleKeptError")).isEqualTo("These are still the library's example numbers."
          + " Replace them with your baseline and target, or save again to keep them.");
      assertThat(result.getInteger("noticeAfterReplacing")).isZero();
    } else {
      assertThat(result.getString("editorExampleNotice")).isNull();
    }
  }
}
