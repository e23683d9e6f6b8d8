package io.momentum.server.assist.drafts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StrategyPhrasesTest {

  private static final ExampleLibrary LIBRARY = ExampleLibrary.load();
  private static final OkrIndex LIBRARY_INDEX = OkrIndex.build(LIBRARY.examples().stream()
      .map(e -> new OkrIndex.Entry(e.id(), e.language(), e.searchText())).toList());

  private static StrategyPhrases phrases(String language, String strategy) {
    return StrategyPhrases.of(language, strategy, term -> LIBRARY_INDEX.idf(language, term));
  }

  @Test
  void rareSharedTermAnswers() {
    StrategyPhrases phrases = phrases("en", "Raise the win rate and cut churn");
    assertThat(phrases.answeredBy(phrases.termsOf("win rate of qualified opportunities"))).containsExactly("Raise the win rate");
    assertThat(phrases.answeredBy(phrases.termsOf("monthly customer churn"))).containsExactly("cut churn");
  }

  @Test
  void returnOnAdSpendIsNotReturnRate() {
    StrategyPhrases phrases = phrases("en", "Grow marketplace GMV share while cutting the return rate");

    assertThat(phrases.answeredBy(phrases.termsOf("paid media spend on campaigns below target return"))).isEmpty();
    assertThat(phrases.answeredBy(phrases.termsOf("Cut the return rate from 14 % to 12 %")))
        .containsExactly("cutting the return rate");
  }

  @Test
  void wishWordsNeedNoAnswer() {
    StrategyPhrases phrases = phrases("en", "Payments must become more reliable");

    assertThat(phrases.answeredBy(phrases.termsOf("Make payments reliable and cheaper")))
        .containsExactly("Payments must become more reliable");
  }

  @Test
  void commonSharedTermDoesNotAnswer() {
    StrategyPhrases phrases = phrases("en", "Raise the win rate");
    assertThat(phrases.answeredBy(phrases.termsOf("monthly customer churn rate"))).isEmpty();
  }

  @Test
  void directionWordsNeedNoAnswer() {
    StrategyPhrases phrases = phrases("de", "Wir wollen mehr, und die Abwanderung senken");
    assertThat(phrases.texts()).containsExactly("Wir wollen mehr", "die Abwanderung senken");
    assertThat(phrases.outcomes()).isEqualTo(List.of("die Abwanderung senken"));
  }

  @Test
  void enablingVerbsNameNoOutcome() {
    StrategyPhrases german = phrases("de", "Kunden helfen, Kunden befähigen, Kunden bestellen lassen");
    StrategyPhrases english = phrases("en", "Help customers, let customers order");

    assertThat(german.outcomes()).containsExactly("Kunden bestellen lassen");
    assertThat(german.topicTermsOf("Kunden bestellen lassen")).hasSize(1);
    assertThat(german.answeredBy(german.termsOf("zahlende Kunden im neuen Segment"))).isEmpty();
    assertThat(english.outcomes()).containsExactly("let customers order");
    assertThat(english.topicTermsOf("let customers order")).hasSize(1);
    assertThat(english.answeredBy(english.termsOf("paying customers in the new segment"))).isEmpty();
  }

  @Test
  void oneOfTwoTopicWordsDoesNotAnswer() {
    StrategyPhrases phrases = phrases("en", "Cut forecast error");

    assertThat(phrases.answeredBy(phrases.termsOf("Cut checkout form errors from 12 % to 6 %"))).isEmpty();
    assertThat(phrases.answeredBy(phrases.termsOf("Cut demand forecast error from 32 % to 22 %")))
        .containsExactly("Cut forecast error");
  }

  @Test
  void germanTopicTermsLeaveOutEnglishStopWords() {
    assertThat(StrategyPhrases.topicTerms("de", "Raise CSAT from 84 % to 89 %")).containsExactly("kundenzufriedenheit");
    assertThat(StrategyPhrases.topicTerms("de", "Die Suche der IT verbessern")).containsExactly("such", "it");
  }

  @Test
  void topicTermsLeaveOutGenericWords() {
    assertThat(StrategyPhrases.topicTerms("en", "Bring mobile paint from 3.4 s to 2.5 s and cut every release"))
        .containsExactly("mobil", "paint", "s", "releas");
    assertThat(StrategyPhrases.topicTerms("de", "Die Abwanderung von 7 % senken und die App-Releases steigern"))
        .containsExactly("abwanderung", "app", "releas");
  }

  @Test
  void phraseTopicLeavesOutDirection() {
    StrategyPhrases phrases = phrases("en", "Grow revenue in the DACH region, cut churn and ship the mobile app faster");

    assertThat(phrases.topicTermsOf("ship the mobile app faster")).containsExactly("ship", "mobil", "app");
    assertThat(phrases.topicTermsOf("cut churn")).containsExactly("churn");
  }

  @Test
  void topicTermsLeaveOutMeasureWords() {
    assertThat(StrategyPhrases.topicTerms("en", "Raise crash-free sessions and the share of new customers"))
        .containsExactly("crash");
    assertThat(StrategyPhrases.topicTerms("en", "Cut monthly customer churn rate and daily weekly users"))
        .containsExactly("churn", "user");
    assertThat(StrategyPhrases.topicTerms("de", "Monatliche Abwanderung der Kunden und den Anteil neuer Sitzungen senken"))
        .containsExactly("abwanderung");
  }

  @Test
  void releaseAndShipShareTopicKey() {
    assertThat(StrategyPhrases.topicKey("en", "releas")).isEqualTo(StrategyPhrases.topicKey("en", "ship"));
    assertThat(StrategyPhrases.topicKey("en", "ship")).isEqualTo("ship");
    String ausliefern = OkrText.terms("de", "ausliefern").iterator().next();
    assertThat(StrategyPhrases.topicKey("de", ausliefern)).isEqualTo(StrategyPhrases.topicKey("de", "releas"));
    assertThat(StrategyPhrases.topicKey("en", "app")).isEqualTo("app");
  }

  @Test
  void nounPhraseAndStaysTogether() {
    assertThat(OkrText.phrases("Make checkout effortless for returning and guest customers"))
        .containsExactly("Make checkout effortless for returning and guest customers");
    assertThat(OkrText.phrases("Cut payment failures and payment fees"))
        .containsExactly("Cut payment failures and payment fees");
    assertThat(OkrText.phrases("Der Checkout soll für Stammkunden und Gastkunden mühelos werden"))
        .containsExactly("Der Checkout soll für Stammkunden und Gastkunden mühelos werden");
  }

  @Test
  void listOfNamesStaysInClause() {
    assertThat(OkrText.phrases("Reduce abandoned carts at the payment step and make PayPal and Klarna payments succeed"
        + " on the first try"))
        .containsExactly("Reduce abandoned carts at the payment step",
            "make PayPal and Klarna payments succeed on the first try");
    assertThat(OkrText.phrases("Warenkorbabbrüche im Zahlungsschritt senken und PayPal- und Klarna-Zahlungen beim"
        + " ersten Versuch erfolgreich machen"))
        .containsExactly("Warenkorbabbrüche im Zahlungsschritt senken",
            "PayPal- und Klarna-Zahlungen beim ersten Versuch erfolgreich machen");
    assertThat(OkrText.phrases("Grow GMV in Austria and Switzerland and win Germany"))
        .containsExactly("Grow GMV in Austria and Switzerland", "win Germany");
  }

  @Test
  void clauseAndStillSplits() {
    assertThat(OkrText.phrases("Raise the win rate and cut churn")).containsExactly("Raise the win rate", "cut churn");
    assertThat(OkrText.phrases("Answer every customer within four hours and solve more issues on the first contact"))
        .containsExactly("Answer every customer within four hours", "solve more issues on the first contact");
    assertThat(OkrText.phrases("Grow GMV and win Austria")).containsExactly("Grow GMV", "win Austria");
    assertThat(OkrText.phrases("Wir wollen die Abwanderung senken und die Checkout-Conversion steigern"))
        .containsExactly("Wir wollen die Abwanderung senken", "die Checkout-Conversion steigern");
  }

  @Test
  void failuresAnsweredByFailed() {
    StrategyPhrases phrases = phrases("en", "Cut payment failures");

    assertThat(OkrText.terms("en", "failures")).isEqualTo(OkrText.terms("en", "failed"));
    assertThat(OkrText.terms("en", "behaviour")).containsExactly("behaviour");
    assertThat(phrases.answeredBy(phrases.termsOf("Reduce failed payment attempts from 6.5 % to 3.5 %")))
        .containsExactly("Cut payment failures");
  }

  @Test
  void returningCustomersAreNotReturns() {
    StrategyPhrases phrases = phrases("en", "Grow revenue from returning customers");

    assertThat(phrases.answeredBy(phrases.termsOf("Cut the return rate from 14 % to 12 %"))).isEmpty();
    assertThat(phrases.answeredBy(phrases.termsOf("Cut wrong-size returns from 38 % to 30 % of all returns"))).isEmpty();
    assertThat(phrases.answeredBy(phrases.termsOf("net revenue retention customer retention renewals"))).isEmpty();
    assertThat(phrases.answeredBy(phrases.termsOf("share of revenue from repeat customers")))
        .containsExactly("Grow revenue from returning customers");
  }

  @Test
  void comingBackMeansRepeatPurchases() {
    String repeatMetric = "12-month repeat purchase rate returning customers repeat customers";
    for (String strategy : List.of("Customers should come back more often", "Customers should return more often",
        "Get customers to come back")) {
      StrategyPhrases phrases = phrases("en", strategy);

      assertThat(phrases.answeredBy(phrases.termsOf(repeatMetric))).as(strategy).containsExactly(strategy);
      assertThat(phrases.answeredBy(phrases.termsOf("Cut the return rate from 14 % to 12 %"))).as(strategy).isEmpty();
    }
    for (String strategy : List.of("Kunden sollen öfter wiederkommen", "Mehr wiederkehrende Kunden gewinnen")) {
      StrategyPhrases phrases = phrases("de", strategy);

      assertThat(phrases.answeredBy(phrases.termsOf("Mehr Kunden zum nächsten Kauf zurückbringen: Umsatzanteil von"
          + " Stammkunden")))
          .as(strategy).containsExactly(strategy);
      assertThat(phrases.answeredBy(phrases.termsOf("Retourenquote"))).as(strategy).isEmpty();
    }
  }

  @Test
  void returningCustomersDetailIsOptional() {
    StrategyPhrases phrases = phrases("en", "Make checkout effortless for returning and guest customers");

    assertThat(phrases.answeredBy(phrases.termsOf("Reach 30 % of orders through guest checkout")))
        .containsExactly("Make checkout effortless for returning and guest customers");
  }

  @Test
  void sideWordAloneDoesNotAnswer() {
    StrategyPhrases phrases = phrases("en", "Make checkout faster on mobile");

    assertThat(phrases.answeredBy(phrases.termsOf("crash-free sessions of the mobile app"))).isEmpty();
    assertThat(phrases.answeredBy(phrases.termsOf("Raise mobile conversion from 1.7 % to 2.3 %"))).isEmpty();
    assertThat(phrases.answeredBy(phrases.termsOf("Cut the median time to complete checkout on mobile")))
        .containsExactly("Make checkout faster on mobile");
    assertThat(phrases.answeredBy(phrases.termsOf("checkout conversion"))).containsExactly("Make checkout faster on mobile");
  }

  @Test
  void speedUpIsDirectionNotTopic() {
    String phrase = "speed up checkout on mobile";
    StrategyPhrases phrases = phrases("en", "Cut payment failures for returning customers and " + phrase);

    assertThat(phrases.texts()).contains(phrase);
    assertThat(phrases.topicTermsOf(phrase)).containsExactlyInAnyOrder("checkout", "mobil");
    assertThat(phrases.sideTermsOf(phrase)).containsExactly("mobil");
    assertThat(phrases.answers(phrase,
        phrases.termsOf("Ship our mobile app to customers faster and more reliably ship delivery speed mobile app")))
        .isFalse();
    assertThat(phrases.answers(phrase, phrases.termsOf("Make checkout effortless on every device"))).isTrue();
  }

  @Test
  void germanSegmentAfterBeiIsSidePart() {
    String phrase = "Zahlungsfehler bei Stammkunden senken";
    StrategyPhrases phrases = phrases("de", phrase + " und den Checkout auf dem Handy beschleunigen");

    assertThat(phrases.texts()).contains(phrase);
    assertThat(phrases.segmentTopicOf(phrase)).isEmpty();
    assertThat(phrases.sideTermsOf(phrase)).isEqualTo(OkrText.terms("de", "Stammkunden"));
    assertThat(phrases.answers(phrase, phrases.termsOf("Zahlungsfehler fehlgeschlagene Zahlungsversuche"))).isTrue();
    assertThat(phrases.answers(phrase, phrases.termsOf("Stammkunden Wiederkäufer"))).isFalse();
  }

  @Test
  void meansAndVerbAreNoSidePart() {
    StrategyPhrases phrases = phrases("en", "Grow revenue through partners. Focus on wish lists");

    assertThat(phrases.answeredBy(phrases.termsOf("revenue per month"))).isEmpty();
    assertThat(phrases.answeredBy(phrases.termsOf("wish lists shared per month"))).containsExactly("Focus on wish lists");
  }

  @Test
  void sharedHyphenatedModifierDoesNotAnswer() {
    StrategyPhrases phrases = phrases("en", "Make deployments self-service. Grow self-service revenue");

    assertThat(phrases.answeredBy(phrases.termsOf("self-service revenue per month")))
        .containsExactly("Grow self-service revenue");
    assertThat(phrases.answeredBy(phrases.termsOf("Resolve 35 % of questions through self-service"))).isEmpty();
  }

  @Test
  void hyphenatedPartsCountOnlyTogether() {
    StrategyPhrases phrases = phrases("en", "Grow self-service revenue");

    assertThat(phrases.answeredBy(phrases.termsOf("self-serve dashboards per service"))).isEmpty();
    assertThat(phrases.answeredBy(phrases.termsOf("revenue from self service"))).containsExactly("Grow self-service revenue");
  }

  @Test
  void subjectBeforeModalKeepsSidePart() {
    StrategyPhrases phrases = phrases("en", "Checkout must be faster on mobile");

    assertThat(phrases.answeredBy(phrases.termsOf("Make checkout effortless on every device")))
        .containsExactly("Checkout must be faster on mobile");
    assertThat(phrases.answeredBy(phrases.termsOf("crash-free sessions of the mobile app"))).isEmpty();
  }

  @Test
  void periodWordsNameNoTopic() {
    for (String[] words : new String[][] {{"en", "within"}, {"en", "days"}, {"de", "innerhalb"}, {"de", "Tagen"}}) {
      String term = OkrText.terms(words[0], words[1]).iterator().next();

      assertThat(StrategyPhrases.isTopicTerm(words[0], term)).as(words[1]).isFalse();
    }
  }

  @Test
  void germanGrowVerbIsDirection() {
    StrategyPhrases german = phrases("de", "Der Umsatz soll wachsen");

    assertThat(german.topicTermsOf("Der Umsatz soll wachsen")).containsExactly("umsatz");
  }
}
