package io.momentum.server.assist;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.server.app.MomentumNode;
import io.momentum.server.assist.drafts.OkrText;
import io.momentum.server.demo.DemoSeeder;
import io.momentum.server.support.Http;
import io.momentum.server.support.TestNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Drafts for the seeded demo organisation's units in its current quarter, through the REST route. */
class DraftsDemoIT {

  static final String CHECKOUT_EN = "We want to cut churn and raise checkout conversion. Payments must become more"
      + " reliable, and more customers should check out as guests.";
  static final String CHECKOUT_DE = "Wir wollen die Abwanderung senken und die Checkout-Conversion steigern. Zahlungen"
      + " sollen zuverlässiger werden, und mehr Kunden sollen als Gast bestellen.";
  static final String MARKETPLACE_EN = "Win Austria and grow marketplace GMV share while cutting the return rate.";

  private static MomentumNode node;
  private static Http api;

  @BeforeAll
  static void seedDemo() {
    node = TestNode.get();
    DemoSeeder.Login login = new DemoSeeder(node.services().pool(), node.services().auth(), Clock.systemUTC())
        .seed("demo-drafts-password", "").await();
    api = Http.withToken(login.token());
  }

  private static UUID unit(String key) {
    return node.services().pool().preparedQuery("SELECT id FROM units WHERE org_id = $1 AND key = $2")
        .execute(Tuple.of(DemoSeeder.ORG_ID, key)).await().iterator().next().getUUID("id");
  }

  /** Returns the demo's quarter that contains today. */
  private static UUID currentQuarter() {
    Row row = node.services().pool().preparedQuery("SELECT id FROM cycles WHERE org_id = $1 AND kind = 'quarter'"
            + " AND start_date <= current_date AND end_date >= current_date")
        .execute(Tuple.of(DemoSeeder.ORG_ID)).await().iterator().next();
    return row.getUUID("id");
  }

  private static JsonObject draft(String unitKey, String strategy, String language) {
    JsonObject body = new JsonObject().put("strategy", strategy).put("unitId", unit(unitKey).toString())
        .put("cycleId", currentQuarter().toString()).put("language", language).put("uiLanguage", language);
    HttpResponse<Buffer> response = api.post("/api/v1/assist/drafts", body);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return Http.json(response);
  }

  /** Returns the ids of the demo's objectives with {@code title} in cycles that ended before today, and of their key results. */
  private static List<String> previousQuarterIds(String title) {
    List<String> ids = new ArrayList<>();
    node.services().pool().preparedQuery("SELECT o.id FROM objectives o JOIN cycles c ON c.id = o.cycle_id"
            + " WHERE o.org_id = $1 AND o.title = $2 AND c.end_date < current_date")
        .execute(Tuple.of(DemoSeeder.ORG_ID, title)).await().forEach(row -> ids.add(row.getUUID("id").toString()));
    node.services().pool().preparedQuery("SELECT id FROM key_results WHERE org_id = $1 AND objective_id = ANY($2::uuid[])")
        .execute(Tuple.tuple().addString(DemoSeeder.ORG_ID).addArrayOfUUID(ids.stream().map(UUID::fromString)
            .toArray(UUID[]::new))).await().forEach(row -> ids.add(row.getUUID("id").toString()));
    return ids;
  }

  /** Returns the id of the demo's objective with {@code title} in the current quarter. */
  private static String currentObjective(String title) {
    return node.services().pool().preparedQuery("SELECT id FROM objectives WHERE org_id = $1 AND title = $2 AND cycle_id = $3")
        .execute(Tuple.of(DemoSeeder.ORG_ID, title, currentQuarter())).await().iterator().next().getUUID("id").toString();
  }

  private static List<JsonObject> proposals(JsonObject draft) {
    return draft.getJsonArray("proposals").stream().map(JsonObject.class::cast).toList();
  }

  private static List<JsonObject> keyResults(JsonObject draft) {
    return proposals(draft).stream()
        .flatMap(p -> p.getJsonArray("keyResults").stream().map(JsonObject.class::cast)).toList();
  }

  private static List<String> sourceIds(JsonObject draft) {
    List<String> ids = new ArrayList<>();
    for (JsonObject proposal : proposals(draft)) {
      proposal.getJsonArray("sources").forEach(s -> ids.add(((JsonObject) s).getString("id")));
    }
    for (JsonObject kr : keyResults(draft)) {
      kr.getJsonArray("sources").forEach(s -> ids.add(((JsonObject) s).getString("id")));
    }
    return ids;
  }

  private static List<String> underWayPhrases(JsonObject draft, String objectiveId) {
    return draft.getJsonArray("underWay").stream().map(JsonObject.class::cast)
        .filter(entry -> entry.getString("id").equals(objectiveId))
        .flatMap(entry -> entry.getJsonArray("phrases").stream().map(String::valueOf)).toList();
  }

  /** Returns every phrase that a shown key result or a listed objective under way answers. */
  private static Set<String> shownPhrases(JsonObject draft) {
    Set<String> phrases = new HashSet<>();
    for (JsonObject kr : keyResults(draft)) {
      kr.getJsonArray("sources").forEach(s -> {
        JsonArray answered = ((JsonObject) s).getJsonArray("phrases");
        if (answered != null) {
          answered.forEach(phrase -> phrases.add(String.valueOf(phrase)));
        }
      });
    }
    draft.getJsonArray("underWay").forEach(entry -> ((JsonObject) entry).getJsonArray("phrases")
        .forEach(phrase -> phrases.add(String.valueOf(phrase))));
    return phrases;
  }

  private static List<String> uncovered(JsonObject draft) {
    return draft.getJsonArray("uncovered").stream().map(entry -> ((JsonObject) entry).getString("phrase")).toList();
  }

  @Test
  void carriedOverObjectiveIsNotProposed() {
    List<String> previous = previousQuarterIds("Let customers check out as guests");
    assertThat(previous).as("the previous quarter's objective and its key results").hasSizeGreaterThanOrEqualTo(3);

    for (String[] request : new String[][] {{CHECKOUT_EN, "en"}, {CHECKOUT_DE, "de"}}) {
      JsonObject draft = draft("checkout", request[0], request[1]);

      assertThat(proposals(draft)).as(request[1]).extracting(p -> p.getString("title"))
          .doesNotContain("Let customers check out as guests");
      assertThat(sourceIds(draft)).as(request[1]).doesNotContainAnyElementsOf(previous);
      assertThat(keyResults(draft)).as(request[1]).extracting(kr -> kr.getString("title"))
          .doesNotContain("Cut checkout form errors from 12 % to 6 %", "Reach 30 % of orders through guest checkout (from 0 %)");
    }
  }

  @Test
  void carriedOverObjectiveIsUnderWay() {
    String guestCheckout = currentObjective("Let customers check out as guests");

    JsonObject english = draft("checkout", CHECKOUT_EN, "en");
    JsonObject german = draft("checkout", CHECKOUT_DE, "de");

    assertThat(underWayPhrases(english, guestCheckout)).containsExactly("more customers should check out as guests");
    assertThat(underWayPhrases(german, guestCheckout)).containsExactly("mehr Kunden sollen als Gast bestellen");
  }

  @Test
  void germanPaymentsClauseIsUnderWay() {
    String payments = currentObjective("Make payments reliable and cheaper");

    JsonObject german = draft("checkout", CHECKOUT_DE, "de");

    assertThat(underWayPhrases(german, payments)).containsExactly("Zahlungen sollen zuverlässiger werden");
    assertThat(uncovered(german)).doesNotContain("Zahlungen sollen zuverlässiger werden", "mehr Kunden sollen als Gast bestellen");
  }

  @Test
  void uncoveredAgreesWithShownAnswers() {
    for (String[] request : new String[][] {{"checkout", CHECKOUT_EN, "en"}, {"checkout", CHECKOUT_DE, "de"},
        {"marketplace", MARKETPLACE_EN, "en"}}) {
      JsonObject draft = draft(request[0], request[1], request[2]);

      assertThat(uncovered(draft)).as(request[0] + " " + request[2]).doesNotContainAnyElementsOf(shownPhrases(draft));
    }
  }

  @Test
  void germanDraftMarksEnglishWording() {
    JsonObject german = draft("checkout", CHECKOUT_DE, "de");

    assertThat(proposals(german)).isNotEmpty();
    for (JsonObject proposal : proposals(german)) {
      String expected = OkrText.detect(proposal.getString("title")).equals("de") ? null : "en";
      assertThat(proposal.getString("originalLanguage")).as(proposal.getString("title")).isEqualTo(expected);
    }
    for (JsonObject kr : keyResults(german)) {
      String expected = OkrText.detect(kr.getString("title")).equals("de") ? null : "en";
      assertThat(kr.getString("originalLanguage")).as(kr.getString("title")).isEqualTo(expected);
    }
  }

  @Test
  void germanDraftMatchesEnglishProposalCount() {
    JsonObject english = draft("checkout", CHECKOUT_EN, "en");
    JsonObject german = draft("checkout", CHECKOUT_DE, "de");

    assertThat(proposals(german)).hasSameSizeAs(proposals(english));
  }

  @Test
  void returnRateIsNotReturnOnAdSpend() {
    JsonObject draft = draft("marketplace", MARKETPLACE_EN, "en");

    assertThat(sourceIds(draft)).doesNotContain("marketing-en-3");
    assertThat(keyResults(draft)).extracting(kr -> kr.getString("title")).noneMatch(title -> title.contains("paid media"));
    for (JsonObject kr : keyResults(draft)) {
      boolean answersReturns = kr.getJsonArray("sources").stream().map(JsonObject.class::cast)
          .anyMatch(source -> source.getJsonArray("phrases", new JsonArray()).contains("cutting the return rate"));
      if (answersReturns) {
        assertThat(kr.getString("title")).containsIgnoringCase("return");
      }
    }
    assertThat(keyResults(draft)).filteredOn(kr -> kr.getString("title").equals("Cut the return rate from 14 % to 12 %"))
        .singleElement()
        .satisfies(kr -> assertThat(kr.getJsonObject("alreadyTrackedBy").getString("unitName")).isEqualTo("Returns"));
    assertThat(uncovered(draft)).doesNotContain("cutting the return rate");
  }
}
