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
  static final String CHECKOUT_LONG_EN = "Make checkout effortless for returning and guest customers. Ship the mobile app"
      + " faster. Cut payment failures and payment fees. Reduce the return rate for shoes. Grow revenue.";
  static final String RETURNS_EN = "Cut the return rate. Refund customers faster. Resell more returned gear as grade A.";
  static final String CARE_EN = "Answer every customer within four hours and solve more issues on the first contact."
      + " Raise customer satisfaction.";
  static final String CARE_DE = "Jeden Kunden innerhalb von vier Stunden antworten und mehr Anliegen beim ersten Kontakt"
      + " lösen. Die Kundenzufriedenheit steigern.";

  static final String PLATFORM_EN = "Product teams should deploy to production themselves, without waiting for the"
      + " platform team. We want deployments to be self-service and safe, and fewer releases to be rolled back.";
  static final String PLATFORM_DE = "Produktteams sollen selbst in Produktion deployen, ohne auf das Plattform-Team zu"
      + " warten. Wir wollen, dass Deployments Self-Service und sicher sind, und weniger Releases sollen zurückgerollt"
      + " werden.";

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
    assertThat(underWayTitles(draft, "cutting the return rate")).contains("Fewer returns because customers pick the right size");
    assertThat(keyResultTitles(draft)).doesNotContain("Cut the return rate from 14 % to 12 %");
    assertThat(uncovered(draft)).doesNotContain("cutting the return rate");
  }

  private static List<String> underWayTitles(JsonObject draft, String phrase) {
    return draft.getJsonArray("underWay").stream().map(JsonObject.class::cast)
        .filter(entry -> entry.getJsonArray("phrases").contains(phrase)).map(entry -> entry.getString("title")).toList();
  }

  private static List<String> keyResultPhrases(JsonObject kr) {
    return kr.getJsonArray("sources").stream().map(JsonObject.class::cast)
        .flatMap(source -> source.getJsonArray("phrases", new JsonArray()).stream().map(String::valueOf)).toList();
  }

  @Test
  void ownPaymentKeyResultIsUnderWay() {
    JsonObject draft = draft("checkout", "Cut payment failures.", "en");

    assertThat(underWayTitles(draft, "Cut payment failures")).contains("Make payments reliable and cheaper");
    assertThat(uncovered(draft)).isEmpty();
  }

  /** A German page that leaves the language to detection drafts a short German strategy in German. */
  @Test
  void shortGermanStrategyFromGermanPage() {
    JsonObject body = new JsonObject().put("strategy", "Zahlungsfehler senken.").put("unitId", unit("checkout").toString())
        .put("cycleId", currentQuarter().toString()).put("uiLanguage", "de");
    HttpResponse<Buffer> response = api.post("/api/v1/assist/drafts", body);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    JsonObject draft = Http.json(response);

    assertThat(draft.getString("language")).isEqualTo("de");
    assertThat(underWayTitles(draft, "Zahlungsfehler senken")).contains("Make payments reliable and cheaper");
  }

  @Test
  void ownWorkGetsNoExampleCopy() {
    JsonObject draft = draft("checkout", CHECKOUT_LONG_EN, "en");
    String payments = "Cut payment failures and payment fees";

    assertThat(underWayTitles(draft, payments)).contains("Make payments reliable and cheaper");
    assertThat(keyResults(draft)).extracting(kr -> kr.getString("title"))
        .noneMatch(title -> title.startsWith("Reduce failed payment attempts"));
    assertThat(keyResults(draft)).noneMatch(kr -> keyResultPhrases(kr).contains(payments));
  }

  @Test
  void ownRefundObjectiveAnswersRefundPhrase() {
    String refunds = currentObjective("Refund within two days of a return arriving");

    JsonObject draft = draft("returns", RETURNS_EN, "en");

    assertThat(underWayPhrases(draft, refunds)).contains("Refund customers faster");
    assertThat(uncovered(draft)).doesNotContain("Refund customers faster");
  }

  @Test
  void libraryKeyResultGivesWayToOrgs() {
    JsonObject draft = draft("customer-care", CARE_EN, "en");

    for (JsonObject proposal : proposals(draft)) {
      List<JsonObject> resolution = proposal.getJsonArray("keyResults").stream().map(JsonObject.class::cast)
          .filter(kr -> kr.getString("title").toLowerCase().contains("first-contact resolution")).toList();
      assertThat(resolution).as(proposal.getString("title")).hasSizeLessThanOrEqualTo(1);
      resolution.forEach(kr -> assertThat(kr.getString("numbers")).as(kr.getString("title")).isNotEqualTo("example"));
    }
  }

  @Test
  void fullyTrackedProposalBecomesUnderWay() {
    JsonObject draft = draft("checkout", "Retourenquote senken.", "de");

    for (JsonObject proposal : proposals(draft)) {
      assertThat(proposal.getJsonArray("keyResults").stream().map(JsonObject.class::cast))
          .as(proposal.getString("title")).anyMatch(kr -> kr.getJsonObject("alreadyTrackedBy") == null);
    }
    assertThat(underWayTitles(draft, "Retourenquote senken")).contains("Fewer returns because customers pick the right size");
    assertThat(uncovered(draft)).isEmpty();
  }

  @Test
  void paymentKeyResultStaysOffOtherTopics() {
    JsonObject draft = draft("checkout", CHECKOUT_LONG_EN, "en");

    for (JsonObject proposal : proposals(draft)) {
      if (!proposal.getString("title").toLowerCase().contains("payment")) {
        assertThat(proposal.getJsonArray("keyResults").stream().map(kr -> ((JsonObject) kr).getString("title")))
            .as(proposal.getString("title")).noneMatch(title -> title.toLowerCase().contains("payment"));
      }
    }
  }

  @Test
  void underWayPerPhraseIgnoresOtherPhrases() {
    JsonObject alone = draft("checkout", "Ship the mobile app faster.", "en");
    JsonObject inLongText = draft("checkout", CHECKOUT_LONG_EN, "en");

    assertThat(underWayTitles(alone, "Ship the mobile app faster")).contains("Release the app every two weeks");
    assertThat(underWayTitles(inLongText, "Ship the mobile app faster")).contains("Release the app every two weeks");
  }

  private static List<String> keyResultTitles(JsonObject draft) {
    return keyResults(draft).stream().map(kr -> kr.getString("title")).toList();
  }

  private static List<String> noteCodes(JsonObject draft) {
    return draft.getJsonArray("notes").stream().map(note -> ((JsonObject) note).getString("code")).toList();
  }

  @Test
  void returningCustomersMeanRepeatPurchases() {
    for (String unitKey : List.of("commerce")) {
      JsonObject draft = draft(unitKey, "Grow revenue from returning customers.", "en");

      assertThat(keyResultTitles(draft)).as(unitKey).anyMatch(title -> title.contains("repeat purchase")
          || title.contains("returning customers"));
      assertThat(keyResultTitles(draft)).as(unitKey).noneMatch(title -> title.toLowerCase().contains("return rate")
          || title.contains("returns") || title.contains("retention") || title.contains("churn"));
      assertThat(sourceIds(draft)).as(unitKey).doesNotContain("sales-en-2");
      assertThat(underWayTitles(draft, "Grow revenue from returning customers")).as(unitKey)
          .doesNotContain("Fewer returns because customers pick the right size", "Refund within two days of a return arriving");
    }

    JsonObject german = draft("growth", "Umsatz mit Stammkunden steigern.", "de");

    assertThat(underWayTitles(german, "Umsatz mit Stammkunden steigern")).contains("Turn first-time buyers into regulars");
    assertThat(keyResultTitles(german)).noneMatch(title -> title.contains("Retour") || title.contains("return"));
  }

  @Test
  void mobileCheckoutStaysOnCheckout() {
    JsonObject draft = draft("checkout", "Make checkout faster on mobile.", "en");

    assertThat(proposals(draft)).extracting(p -> p.getString("title"))
        .doesNotContain("Ship our mobile app to customers faster and more reliably");
    assertThat(sourceIds(draft)).doesNotContain("engineering-en-9");
    for (JsonObject kr : keyResults(draft)) {
      assertThat(kr.getString("title")).doesNotContain(" app");
    }
    assertThat(underWayTitles(draft, "Make checkout faster on mobile")).contains("Make checkout effortless on every device");
    assertThat(noteCodes(draft)).doesNotContain("no_match");
  }

  @Test
  void returningAndGuestCustomersStayAnswered() {
    JsonObject draft = draft("checkout", CHECKOUT_LONG_EN, "en");

    assertThat(underWayTitles(draft, "Make checkout effortless for returning and guest customers")).isNotEmpty();
    assertThat(uncovered(draft)).doesNotContain("Make checkout effortless for returning and guest customers");
  }

  @Test
  void selfServiceDeploymentsAreNotRevenue() {
    JsonObject draft = draft("platform", "Make deployments self-service.", "en");

    assertThat(proposals(draft)).extracting(p -> p.getString("title")).doesNotContain("Grow self-service revenue");
    assertThat(keyResultTitles(draft)).noneMatch(title -> title.contains("revenue") || title.contains("questions"));
    assertThat(underWayTitles(draft, "Make deployments self-service"))
        .doesNotContain("Leave every customer happier than they came");
    assertThat(keyResultTitles(draft)).anyMatch(title -> title.contains("without a platform ticket"));
    assertThat(noteCodes(draft)).doesNotContain("no_match");
    assertThat(uncovered(draft)).isEmpty();
  }

  @Test
  void germanSatisfactionSkipsContactObjectives() {
    for (String unitKey : List.of("customer-care", "northwind")) {
      JsonObject draft = draft(unitKey, "Die Kundenzufriedenheit steigern.", "de");

      assertThat(underWayTitles(draft, "Die Kundenzufriedenheit steigern")).as(unitKey)
          .doesNotContain("Refund within two days of a return arriving", "Solve customer problems on the first contact");
    }
    JsonObject care = draft("customer-care", CARE_DE, "de");

    assertThat(underWayPhrases(care, currentObjective("Solve customer problems on the first contact")))
        .containsExactly("mehr Anliegen beim ersten Kontakt lösen");
    assertThat(underWayTitles(care, "Die Kundenzufriedenheit steigern"))
        .doesNotContain("Refund within two days of a return arriving");
    assertThat(underWayTitles(care, "Die Kundenzufriedenheit steigern"))
        .contains("Leave every customer happier than they came");
    assertThat(keyResultTitles(care)).noneMatch(title -> title.startsWith("Kundenzufriedenheit"));
  }

  @Test
  void englishSatisfactionFindsOwnCsat() {
    JsonObject care = draft("customer-care", CARE_EN, "en");

    assertThat(underWayTitles(care, "Raise customer satisfaction")).contains("Leave every customer happier than they came")
        .doesNotContain("Refund within two days of a return arriving", "Solve customer problems on the first contact");
    assertThat(keyResultTitles(care)).noneMatch(title -> title.contains("customer satisfaction score"));
  }


  @Test
  void germanHelpClauseListsNoCheckout() {
    JsonObject draft = draft("search", "Kunden helfen, schneller das richtige Produkt zu finden.", "de");

    assertThat(draft.getJsonArray("underWay").stream().map(entry -> ((JsonObject) entry).getString("title")))
        .doesNotContain("Let customers check out as guests");
    assertThat(uncovered(draft)).doesNotContain("Kunden helfen");
  }

  @Test
  void forecastErrorIsNotCheckoutErrors() {
    JsonObject draft = draft("supply-chain", "Cut forecast error.", "en");

    assertThat(proposals(draft)).extracting(p -> p.getString("title")).doesNotContain("Let customers check out as guests");
    assertThat(keyResultTitles(draft)).noneMatch(title -> title.contains("checkout") || title.contains("picking"));
    assertThat(underWayTitles(draft, "Cut forecast error")).contains("Have the right gear in stock");
  }

  @Test
  void firstSaleIsNotFirstResponse() {
    JsonObject draft = draft("marketplace", "Cut time to first sale.", "en");

    assertThat(keyResultTitles(draft)).noneMatch(title -> title.contains("response time") || title.contains("first-pass")
        || title.contains("value moment"));
    assertThat(underWayTitles(draft, "Cut time to first sale"))
        .doesNotContain("Answer every customer within four hours", "Turn first-time buyers into regulars");
  }

  @Test
  void germanForecastErrorFindsOwnWork() {
    String inStock = currentObjective("Have the right gear in stock");

    JsonObject draft = draft("supply-chain", "Den Prognosefehler senken.", "de");

    assertThat(underWayPhrases(draft, inStock)).containsExactly("Den Prognosefehler senken");
    assertThat(noteCodes(draft)).doesNotContain("no_match");
    assertThat(uncovered(draft)).isEmpty();
  }

  @Test
  void germanDataQualityFindsOwnWork() {
    String trustedNumbers = currentObjective("Give every team numbers they can trust");

    JsonObject german = draft("data", "Die Datenqualität verbessern.", "de");
    JsonObject english = draft("data", "Improve data quality.", "en");

    assertThat(underWayPhrases(german, trustedNumbers)).containsExactly("Die Datenqualität verbessern");
    assertThat(underWayPhrases(english, trustedNumbers)).containsExactly("Improve data quality");
    assertThat(noteCodes(german)).doesNotContain("no_match");
  }

  @Test
  void germanFindClauseFindsSearchWork() {
    JsonObject german = draft("search", "Kunden helfen, schneller das richtige Produkt zu finden.", "de");
    JsonObject english = draft("search", "Help customers find the right product faster.", "en");

    assertThat(uncovered(german)).isEmpty();
    assertThat(underWayTitles(german, "schneller das richtige Produkt zu finden"))
        .contains("Help customers find the right gear in one search");
    assertThat(underWayTitles(english, "Help customers find the right product faster"))
        .contains("Help customers find the right gear in one search");
  }

  @Test
  void activeSellersClauseFindsSellerMeasures() {
    JsonObject english = draft("marketplace", "Grow the number of active sellers and cut time to first sale.", "en");
    JsonObject german = draft("marketplace", "Mehr aktive Händler gewinnen und die Zeit bis zum ersten Verkauf verkürzen.", "de");

    assertThat(uncovered(english)).isEmpty();
    assertThat(keyResultTitles(english)).anyMatch(title -> title.contains("active sellers"));
    assertThat(keyResultTitles(english)).anyMatch(title -> title.contains("seller sign-up to first sale"));
    assertThat(uncovered(german)).isEmpty();
    assertThat(keyResultTitles(german)).anyMatch(title -> title.startsWith("Aktive Händler"));
  }

  @Test
  void proposalCopiesAtMostOneTrackedKeyResult() {
    for (String[] request : new String[][] {{"customer-care", CARE_EN}, {"checkout", CHECKOUT_LONG_EN},
        {"marketplace", MARKETPLACE_EN}, {"growth", "Grow revenue from returning customers."}}) {
      JsonObject draft = draft(request[0], request[1], "en");

      for (JsonObject proposal : proposals(draft)) {
        List<JsonObject> krs = proposal.getJsonArray("keyResults").stream().map(JsonObject.class::cast).toList();
        long tracked = krs.stream().filter(kr -> kr.getJsonObject("alreadyTrackedBy") != null).count();
        assertThat(tracked).as(request[0] + ": " + proposal.getString("title")).isLessThanOrEqualTo(1);
        assertThat(krs.size() - tracked).as(request[0] + ": " + proposal.getString("title")).isGreaterThanOrEqualTo(1);
      }
    }
    JsonObject care = draft("customer-care", CARE_EN, "en");
    assertThat(underWayTitles(care, "solve more issues on the first contact"))
        .contains("Solve customer problems on the first contact");
    assertThat(care.getJsonArray("underWay").stream().map(JsonObject.class::cast)
        .filter(entry -> entry.getString("title").equals("Solve customer problems on the first contact"))
        .flatMap(entry -> entry.getJsonArray("terms").stream())).contains("first", "contact", "solv");
  }

  @Test
  void underWayAnswerHidesNoMatchNote() {
    JsonObject draft = draft("customer-care", "Answer every customer within four hours.", "en");

    assertThat(underWayTitles(draft, "Answer every customer within four hours"))
        .contains("Answer every customer within four hours");
    assertThat(noteCodes(draft)).doesNotContain("no_match");
    assertThat(uncovered(draft)).isEmpty();
  }

  @Test
  void germanAnswerClauseFindsOwnObjective() {
    String fastAnswers = currentObjective("Answer every customer within four hours");

    JsonObject german = draft("customer-care", "Jeden Kunden innerhalb von vier Stunden antworten.", "de");

    assertThat(underWayPhrases(german, fastAnswers)).containsExactly("Jeden Kunden innerhalb von vier Stunden antworten");
    assertThat(uncovered(german)).isEmpty();
  }

  @Test
  void germanCareClauseListsOperationsWork() {
    JsonObject german = draft("customer-care", CARE_DE, "de");

    assertThat(underWayTitles(german, "mehr Anliegen beim ersten Kontakt lösen"))
        .contains("Solve customer problems on the first contact");
    assertThat(keyResultTitles(german)).noneMatch(title -> title.contains("Erstkontakt"));
  }

  @Test
  void careClausesUnderWayGetNoCopies() {
    JsonObject care = draft("customer-care", "Answer every customer within four hours, solve problems on the first"
        + " contact and raise customer satisfaction.", "en");

    assertThat(underWayTitles(care, "solve problems on the first contact"))
        .contains("Solve customer problems on the first contact");
    assertThat(underWayTitles(care, "raise customer satisfaction")).contains("Leave every customer happier than they came");
    assertThat(keyResultTitles(care)).noneMatch(title -> title.contains("first-contact resolution"));
    assertThat(keyResultTitles(care)).noneMatch(title -> title.contains("customer satisfaction score"));
    assertThat(uncovered(care)).isEmpty();
  }

  @Test
  void ownSecondOrderRateBeatsLibrary() {
    JsonObject draft = draft("growth", "Grow revenue from returning customers.", "en");

    assertThat(underWayTitles(draft, "Grow revenue from returning customers")).first()
        .isEqualTo("Turn first-time buyers into regulars");
    assertThat(keyResultTitles(draft)).noneMatch(title -> title.contains("first-time buyers who order again"));
    assertThat(draft.getJsonArray("underWay").stream().map(JsonObject.class::cast)
        .filter(entry -> entry.getString("title").equals("Turn first-time buyers into regulars"))
        .flatMap(entry -> entry.getJsonArray("terms").stream())).doesNotContain("from");
  }

  @Test
  void repeatCustomerWordingsFindRepeatPurchases() {
    String[][] requests = {{"Umsatz mit Stammkunden steigern.", "de"}, {"Den Umsatz von Stammkunden steigern.", "de"},
        {"Stammkunden sollen mehr kaufen.", "de"}, {"Mehr Umsatz mit wiederkehrenden Kunden.", "de"},
        {"Increase revenue from repeat customers.", "en"}, {"Grow revenue from existing customers.", "en"}};
    for (String[] request : requests) {
      JsonObject draft = draft("growth", request[0], request[1]);

      assertThat(noteCodes(draft)).as(request[0]).doesNotContain("no_match");
      assertThat(uncovered(draft)).as(request[0]).isEmpty();
      assertThat(sourceIds(draft)).as(request[0]).doesNotContain("sales-en-2", "sales-de-2", "product-en-4", "product-de-4");
      assertThat(keyResultTitles(draft)).as(request[0]).noneMatch(title -> title.contains("retention")
          || title.contains("expansion") || title.contains("upsell") || title.contains("trial")
          || title.contains("Umsatzbindung") || title.contains("Ausbauplan") || title.contains("Upselling"));
    }
  }

  /** Returns the titles of the proposals, their key results and the objectives under way, for comparing two drafts. */
  private static List<List<String>> shownTitles(JsonObject draft) {
    List<String> underWay = draft.getJsonArray("underWay").stream()
        .map(entry -> ((JsonObject) entry).getString("title")).toList();
    return List.of(proposals(draft).stream().map(p -> p.getString("title")).toList(), keyResultTitles(draft), underWay);
  }

  @Test
  void comingBackMeansBuyingAgain() {
    JsonObject reference = draft("growth", "Bring customers back to buy again.", "en");
    String[][] requests = {{"Customers should come back more often.", "en"}, {"Get customers to come back.", "en"},
        {"Customers should return more often.", "en"}, {"Kunden sollen öfter wiederkommen.", "de"},
        {"Kunden kommen öfter wieder.", "de"}, {"Mehr wiederkehrende Kunden gewinnen.", "de"}};

    assertThat(underWayTitles(reference, "Bring customers back to buy again")).first()
        .isEqualTo("Turn first-time buyers into regulars");
    for (String[] request : requests) {
      JsonObject draft = draft("growth", request[0], request[1]);
      String phrase = request[0].substring(0, request[0].length() - 1);

      assertThat(noteCodes(draft)).as(request[0]).doesNotContain("no_match");
      assertThat(uncovered(draft)).as(request[0]).isEmpty();
      assertThat(underWayTitles(draft, phrase)).as(request[0]).first().isEqualTo("Turn first-time buyers into regulars");
      assertThat(proposals(draft)).as(request[0]).hasSameSizeAs(proposals(reference));
      assertThat(keyResultTitles(draft)).as(request[0]).noneMatch(title -> title.toLowerCase().contains("return rate")
          || title.contains("Retourenquote"));
    }
    JsonObject english = draft("growth", "Customers should come back more often.", "en");
    assertThat(shownTitles(english)).isEqualTo(shownTitles(reference));
  }

  @Test
  void ownRepeatWorkAlikeInBothLanguages() {
    String[][] requests = {{"Grow revenue from returning customers.", "en"},
        {"Umsatz mit wiederkehrenden Kunden steigern.", "de"}, {"Umsatz mit Stammkunden steigern.", "de"}};
    for (String[] request : requests) {
      JsonObject draft = draft("growth", request[0], request[1]);
      String phrase = request[0].substring(0, request[0].length() - 1);

      assertThat(proposals(draft)).as(request[0]).isEmpty();
      assertThat(underWayTitles(draft, phrase)).as(request[0]).first().isEqualTo("Turn first-time buyers into regulars");
      assertThat(draft.getJsonArray("underWay").getJsonObject(0).getBoolean("ownWork")).as(request[0]).isTrue();
      assertThat(uncovered(draft)).as(request[0]).isEmpty();
    }
  }

  @Test
  void deploymentClauseListsNoSupportWork() {
    String strategy = "Let product teams deploy without waiting for the platform team";
    JsonObject draft = draft("platform", strategy + ".", "en");
    Set<String> phraseTerms = OkrText.terms("en", strategy);

    assertThat(underWayTitles(draft, strategy)).doesNotContain("Leave every customer happier than they came");
    for (Object entry : draft.getJsonArray("underWay")) {
      JsonObject objective = (JsonObject) entry;
      assertThat(objective.getJsonArray("terms").stream().map(String::valueOf))
          .as(objective.getString("title")).anyMatch(phraseTerms::contains);
    }
    assertThat(underWayTitles(draft, strategy)).contains("Let teams ship without waiting for us");
    assertThat(uncovered(draft)).isEmpty();
  }

  @Test
  void germanCsatMeansCustomerSatisfaction() {
    for (String unitKey : List.of("customer-care", "returns", "northwind")) {
      JsonObject satisfaction = draft(unitKey, "Die Kundenzufriedenheit steigern.", "de");

      for (String strategy : List.of("CSAT auf 90 % steigern.", "Die CSAT soll steigen.")) {
        JsonObject csat = draft(unitKey, strategy, "de");

        assertThat(shownTitles(csat)).as(unitKey + ": " + strategy).isEqualTo(shownTitles(satisfaction));
        assertThat(noteCodes(csat)).as(unitKey + ": " + strategy).doesNotContain("no_match");
      }
    }
  }

  @Test
  void returnsSatisfactionListsCareWorkInBothLanguages() {
    String careWork = "Leave every customer happier than they came";
    JsonObject reference = draft("returns", "Raise CSAT to 90 %.", "en");
    String[][] requests = {{"Raise CSAT to 90 %.", "en"}, {"Raise customer satisfaction.", "en"},
        {"Die Kundenzufriedenheit steigern.", "de"}, {"CSAT auf 90 % steigern.", "de"}, {"Die CSAT soll steigen.", "de"}};

    assertThat(underWayTitles(reference, "Raise CSAT to 90 %")).containsExactly(careWork);
    for (String[] request : requests) {
      JsonObject draft = draft("returns", request[0], request[1]);
      String phrase = request[0].substring(0, request[0].length() - 1);

      assertThat(underWayTitles(draft, phrase)).as(request[0]).containsExactly(careWork);
      assertThat(keyResults(draft)).as(request[0]).noneMatch(kr -> kr.getJsonObject("alreadyTrackedBy") != null
          && kr.getJsonObject("alreadyTrackedBy").getString("objectiveTitle").equals(careWork));
      assertThat(proposals(draft)).as(request[0]).hasSameSizeAs(proposals(reference));
      assertThat(uncovered(draft)).as(request[0]).isEmpty();
    }
  }

  @Test
  void germanDeployClauseFindsSelfServiceExample() {
    JsonObject english = draft("platform", "Let product teams deploy without waiting for the platform team.", "en");
    JsonObject german = draft("platform", "Produktteams sollen deployen, ohne auf das Plattform-Team zu warten.", "de");

    assertThat(underWayTitles(english, "Let product teams deploy without waiting for the platform team"))
        .contains("Let teams ship without waiting for us");
    assertThat(noteCodes(german)).doesNotContain("no_match");
    assertThat(uncovered(german)).isEmpty();
    assertThat(proposals(german)).extracting(proposal -> proposal.getString("title"))
        .contains("Produktteams Self-Service-Deployments ermöglichen, damit sie nie auf das Plattform-Team warten");
    assertThat(keyResultTitles(german)).anyMatch(title -> title.startsWith("Anteil der Deployments, die Produktteams ohne Ticket"));
  }

  @Test
  void ownPlatformObjectiveComesFirst() {
    JsonObject draft = draft("platform", "Make deployments self-service.", "en");

    assertThat(underWayTitles(draft, "Make deployments self-service")).first()
        .isEqualTo("Let teams ship without waiting for us");
    assertThat(keyResultTitles(draft)).noneMatch(title -> title.contains("requesting a new service"));
  }

  @Test
  void appOrderShareListsMobileAppWork() {
    JsonObject draft = draft("growth", "Grow revenue from returning customers and raise the share of orders from the app.",
        "en");

    assertThat(underWayTitles(draft, "raise the share of orders from the app"))
        .contains("Build an app customers open every week");
    assertThat(proposals(draft)).extracting(proposal -> proposal.getString("title"))
        .doesNotContain("Ship our mobile app to customers faster and more reliably");
    assertThat(uncovered(draft)).isEmpty();
  }

  @Test
  void b2bWordsAllowB2bExamples() {
    JsonObject draft = draft("growth", "Grow revenue from existing accounts and renew more contracts.", "en");

    assertThat(sourceIds(draft)).contains("sales-en-2");
  }

  @Test
  void deployVerbFindsSelfServiceExample() {
    for (String unitKey : List.of("platform", "mobile-app")) {
      JsonObject english = draft(unitKey, PLATFORM_EN, "en");
      JsonObject german = draft(unitKey, PLATFORM_DE, "de");

      assertThat(sourceIds(english)).as(unitKey).contains("engineering-en-10");
      assertThat(sourceIds(german)).as(unitKey).contains("engineering-de-10");
      assertThat(uncovered(english)).as(unitKey).isEmpty();
      assertThat(uncovered(german)).as(unitKey).isEmpty();
    }
  }

  @Test
  void contactSatisfactionFindsOwnCsat() {
    String[][] requests = {{"Customer satisfaction after a contact should rise, and more issues should be solved on the"
        + " first contact.", "en", "Customer satisfaction after a contact should rise"},
        {"Die Kundenzufriedenheit nach dem Kontakt soll steigen, und mehr Anliegen sollen beim ersten Kontakt gelöst"
            + " werden.", "de", "Die Kundenzufriedenheit nach dem Kontakt soll steigen"}};
    for (String[] request : requests) {
      JsonObject draft = draft("customer-care", request[0], request[1]);

      assertThat(underWayTitles(draft, request[2])).as(request[1]).contains("Leave every customer happier than they came");
      assertThat(keyResultTitles(draft)).as(request[1]).noneMatch(title -> title.contains("customer satisfaction score")
          || title.startsWith("Kundenzufriedenheit"));
      assertThat(uncovered(draft)).as(request[1]).isEmpty();
    }
  }

  @Test
  void checkoutSpeedFindsOwnWorkInBothLanguages() {
    String effortless = "Make checkout effortless on every device";
    JsonObject english = draft("checkout", "Checkout must be faster on mobile.", "en");
    JsonObject german = draft("checkout", "Der Checkout soll schneller werden.", "de");

    assertThat(underWayTitles(english, "Checkout must be faster on mobile")).contains(effortless);
    assertThat(underWayTitles(german, "Der Checkout soll schneller werden")).contains(effortless);
    assertThat(uncovered(english)).isEmpty();
  }

  @Test
  void speedUpCheckoutStaysOnCheckout() {
    String phrase = "speed up checkout on mobile";
    JsonObject draft = draft("checkout", "Cut payment failures for returning customers and " + phrase + ".", "en");

    assertThat(proposals(draft)).extracting(p -> p.getString("title"))
        .doesNotContain("Ship our mobile app to customers faster and more reliably");
    assertThat(sourceIds(draft)).doesNotContain("engineering-en-9");
    assertThat(underWayTitles(draft, phrase)).contains("Make checkout effortless on every device");
  }

  @Test
  void germanPaymentFailuresOfRegularsStayOnPayments() {
    String phrase = "Zahlungsfehler bei Stammkunden senken";
    JsonObject draft = draft("checkout", phrase + " und den Checkout auf dem Handy beschleunigen.", "de");

    assertThat(underWayTitles(draft, phrase)).contains("Make payments reliable and cheaper");
  }

  @Test
  void failingPaymentsFindOwnWorkInBothLanguages() {
    String[][] requests = {{"Fewer payments should fail.", "en"}, {"Weniger Zahlungen sollen fehlschlagen.", "de"}};
    for (String[] request : requests) {
      JsonObject draft = draft("checkout", request[0], request[1]);
      String phrase = request[0].substring(0, request[0].length() - 1);

      assertThat(underWayTitles(draft, phrase)).as(request[0]).contains("Make payments reliable and cheaper");
      assertThat(uncovered(draft)).as(request[0]).isEmpty();
    }
  }

  @Test
  void marketplaceRevenueFindsGmvWork() {
    String[][] requests = {{"Grow marketplace revenue.", "en"}, {"Der Umsatz des Marktplatzes soll wachsen.", "de"}};
    for (String unitKey : List.of("marketplace", "commerce")) {
      for (String[] request : requests) {
        JsonObject draft = draft(unitKey, request[0], request[1]);

        assertThat(noteCodes(draft)).as(unitKey + ": " + request[0]).doesNotContain("no_match");
        assertThat(uncovered(draft)).as(unitKey + ": " + request[0]).isEmpty();
      }
    }
  }

  @Test
  void periodWordsAloneListNoRefunds() {
    String[][] requests = {{"Erstkäufer sollen innerhalb von 90 Tagen wieder bestellen.", "de"},
        {"First-time buyers should order again within 90 days.", "en"}};
    for (String[] request : requests) {
      JsonObject draft = draft("growth", request[0], request[1]);
      String phrase = request[0].substring(0, request[0].length() - 1);

      assertThat(underWayTitles(draft, phrase)).as(request[0]).contains("Turn first-time buyers into regulars")
          .doesNotContain("Refund within two days of a return arriving");
    }
  }

}
