package io.momentum.server.assist.drafts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OkrTextTest {

  @Test
  void detectsGerman() {
    assertThat(OkrText.detect("Wir wollen die Kunden in der Region besser betreuen und das Wachstum sichern")).isEqualTo("de");
  }

  @ParameterizedTest(name = "{0} on a {1} page")
  @CsvSource(delimiter = '|', value = {
      "Zahlungsfehler senken. | en | de",
      "Retourenquote senken. | en | de",
      "Cut payment failures. | de | en",
      "Reduce churn | de | en",
      "Checkout 2027 | de | de",
      "Checkout 2027 | en | en",
      "Customers should come back more often | de | en",
      "Returning customers should buy more often | de | en",
      "Stammkunden sollen öfter kaufen | en | de"})
  void shortTextWithoutStopWords(String text, String page, String expected) {
    assertThat(OkrText.detect(text, page)).isEqualTo(expected);
  }

  @Test
  void detectsEnglish() {
    assertThat(OkrText.detect("We want to serve the customers in the region better and secure growth")).isEqualTo("en");
  }

  @Test
  void umlautsWithoutStopWordsMeanGerman() {
    assertThat(OkrText.detect("Größere Märkte")).isEqualTo("de");
  }

  @Test
  void englishTermsAreStemmed() {
    assertThat(OkrText.terms("en", "Winning customers")).containsExactly("win", "custom");
  }

  @Test
  void germanStopWordsAreDropped() {
    Set<String> terms = OkrText.terms("de", "die Kunden und der Umsatz");
    assertThat(terms).hasSize(2).doesNotContain("die", "und", "der");
  }

  @Test
  void phrasesSplitAtPunctuation() {
    assertThat(OkrText.phrases("Grow revenue. Cut churn; hire fast, ok\n- retain staff"))
        .containsExactly("Grow revenue", "Cut churn", "hire fast", "retain staff");
  }

  @Test
  void phrasesSplitAtEnglishJoiners() {
    assertThat(OkrText.phrases("Raise the win rate and cut churn while we grow revenue by winning larger deals"
        + " so that cash flow improves"))
        .containsExactly("Raise the win rate", "cut churn", "we grow revenue", "winning larger deals", "cash flow improves");
  }

  @Test
  void phrasesSplitAtGermanJoiners() {
    assertThat(OkrText.phrases("Die Abschlussquote steigern und die Abwanderung senken sowie Kosten sparen,"
        + " damit wir profitabel wachsen"))
        .containsExactly("Die Abschlussquote steigern", "die Abwanderung senken", "Kosten sparen", "wir profitabel wachsen");
  }

  @Test
  void phrasesKeepRangesAndDecimals() {
    assertThat(OkrText.phrases("Keep uptime between 99.5 and 99.9 % and cut churn from 2.4 to 1,5 %"))
        .containsExactly("Keep uptime between 99.5 and 99.9 %", "cut churn from 2.4 to 1,5 %");
  }

  @Test
  void byBeforeNumberIsNoJoiner() {
    assertThat(OkrText.phrases("Grow revenue by 10 % and standby time")).containsExactly("Grow revenue by 10 %", "standby time");
  }

  @Test
  void returningCustomersReadAsRepeatPurchase() {
    String repeat = OkrText.terms("en", "repeat purchase").iterator().next();

    assertThat(OkrText.terms("en", "repeat purchases")).containsExactly(repeat);
    assertThat(OkrText.terms("en", "returning customers")).containsExactly(repeat, "custom");
    assertThat(OkrText.terms("en", "returning and guest customers")).containsExactly(repeat, "guest", "custom");
    assertThat(OkrText.terms("en", "Repeat buyers")).containsExactly(repeat, "buyer");
    assertThat(OkrText.terms("en", "repeat contacts")).containsExactly("repeat", "contact");
    assertThat(OkrText.terms("en", "returning goods")).containsExactly("return", "good");
  }

  @Test
  void existingCustomersAndSecondOrdersAreRepeatPurchases() {
    String repeat = OkrText.terms("en", "repeat purchase").iterator().next();

    assertThat(OkrText.terms("en", "existing customers")).containsExactly(repeat, "custom");
    assertThat(OkrText.terms("en", "90-day second-order rate")).containsExactly("90", "dai", repeat, "rate");
    assertThat(OkrText.terms("en", "buyers who order again")).contains(repeat).doesNotContain("order", "again");
    assertThat(OkrText.terms("en", "existing services")).containsExactly("exist", "servic");
  }

  @Test
  void csatReadsAsCustomerSatisfaction() {
    assertThat(OkrText.terms("en", "Raise CSAT")).containsExactlyElementsOf(
        OkrText.terms("en", "Raise customer satisfaction score"));
    assertThat(OkrText.terms("en", "csatisfied")).doesNotContain("satisfact");
  }

  @Test
  void comingBackIsRepeatPurchase() {
    String repeat = OkrText.terms("en", "repeat purchase").iterator().next();

    assertThat(OkrText.terms("en", "Customers should come back more often")).contains(repeat)
        .doesNotContain("come", "back", "often");
    assertThat(OkrText.terms("en", "Get customers to come back")).contains(repeat);
    assertThat(OkrText.terms("en", "Customers should return more often")).contains(repeat).doesNotContain("return");
    assertThat(OkrText.terms("en", "Shoppers return to buy")).contains(repeat);
    assertThat(OkrText.terms("en", "Cut product returns")).contains("return").doesNotContain(repeat);
    assertThat(OkrText.terms("en", "Process returns more often")).contains("return").doesNotContain(repeat);
  }

  @Test
  void germanComingBackIsRegularCustomers() {
    String regular = OkrText.terms("de", "Stammkunden").iterator().next();

    assertThat(OkrText.terms("de", "Kunden sollen öfter wiederkommen")).contains(regular);
    assertThat(OkrText.terms("de", "Mehr wiederkehrende Kunden")).contains(regular);
    assertThat(OkrText.terms("de", "Umsatz mit wiederkehrenden Kunden")).containsExactlyElementsOf(
        OkrText.terms("de", "Umsatz mit Stammkunden"));
    assertThat(OkrText.terms("de", "Kunden kommen im Winter öfter wieder.")).contains(regular)
        .containsAll(OkrText.terms("de", "Winter"));
    assertThat(OkrText.terms("de", "Wiederkehrende Umsätze steigern")).doesNotContain(regular);
    assertThat(OkrText.terms("de", "Die Ware kommt wieder ins Lager")).doesNotContain(regular);
  }

  @Test
  void germanDeployReadsAsDeployment() {
    Set<String> deployment = OkrText.terms("de", "Deployment");

    for (String text : List.of("Produktteams sollen deployen", "Das Team deployt täglich", "Wir haben gestern gedeployt",
        "Sie deployten selbst", "Zehn Deploys pro Woche")) {
      assertThat(OkrText.terms("de", text)).as(text).containsAll(deployment);
    }
    assertThat(OkrText.terms("de", "Deployments pro Woche")).containsAll(deployment);
  }

  @Test
  void germanCsatReadsAsCustomerSatisfaction() {
    assertThat(OkrText.terms("de", "CSAT auf 90 % steigern")).containsExactlyElementsOf(
        OkrText.terms("de", "Kundenzufriedenheit auf 90 % steigern"));
    assertThat(OkrText.terms("de", "Die CSAT soll steigen")).containsAll(OkrText.terms("de", "Kundenzufriedenheit"));
  }

  @Test
  void metricSplitsAtFirstPreposition() {
    assertThat(OkrText.splitMetric("customer satisfaction score after a support contact"))
        .containsExactly("customer satisfaction score", "after a support contact");
    assertThat(OkrText.splitMetric("Kundenzufriedenheit nach einem Support-Kontakt"))
        .containsExactly("Kundenzufriedenheit", "nach einem Support-Kontakt");
    assertThat(OkrText.splitMetric("first-contact resolution rate")).isNull();
    assertThat(OkrText.splitMetric("on-call satisfaction")).isNull();
  }

  @Test
  void deployVerbSharesNounStem() {
    Set<String> noun = OkrText.terms("en", "deployments");

    assertThat(OkrText.terms("en", "deploy")).isEqualTo(noun);
    assertThat(OkrText.terms("en", "deployed")).isEqualTo(noun);
    assertThat(OkrText.terms("en", "employed")).isEqualTo(OkrText.terms("en", "employment"));
    assertThat(OkrText.terms("en", "days")).containsExactly("dai");
  }

  @Test
  void germanParticipleReadsAsInfinitive() {
    assertThat(OkrText.terms("de", "fehlgeschlagene Zahlungsversuche")).contains(
        OkrText.terms("de", "fehlschlagen").iterator().next());
    assertThat(OkrText.terms("de", "zurückgerollt")).isEqualTo(OkrText.terms("de", "zurückrollen"));
    assertThat(OkrText.terms("de", "ausgeliefert")).isEqualTo(OkrText.terms("de", "ausliefern"));
    assertThat(OkrText.terms("de", "Angebote")).isEqualTo(OkrText.terms("de", "Angebot"));
    assertThat(OkrText.terms("de", "gewinnen")).containsExactly("gewinn");
  }

  @Test
  void gmvReadsAsRevenue() {
    assertThat(OkrText.terms("en", "marketplace share of GMV")).contains("gmv", "revenu");
    assertThat(OkrText.terms("de", "Anteil am GMV")).contains("gmv", "umsatz");
  }
}
