package io.momentum.server.assist.drafts;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.server.assist.drafts.PastOkrs.PastKeyResult;
import io.momentum.server.assist.drafts.PastOkrs.PastObjective;
import io.momentum.server.assist.quality.QualityChecker;
import io.momentum.server.assist.quality.QualitySettings;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DraftGeneratorTest {

  private static final ExampleLibrary LIBRARY = ExampleLibrary.load();
  private static final OkrIndex LIBRARY_INDEX = OkrIndex.build(LIBRARY.examples().stream()
      .map(e -> new OkrIndex.Entry(e.id(), e.language(), e.searchText())).toList());
  private static final Instant CYCLE_END = Instant.parse("2027-01-01T00:00:00Z");
  private static final String SALES_STRATEGY = "We want to win more new customers in our core markets and raise the win rate"
      + " of qualified opportunities. Shorten the sales cycle so that deals close predictably.";

  private static List<Proposal> generate(String language, String strategy, List<KpiTargets.Kpi> kpis,
                                         List<PastObjective> past) {
    OkrIndex pastIndex = OkrIndex.build(past.stream().map(o -> new OkrIndex.Entry(o.id().toString(), null, o.searchText())).toList());
    Map<String, PastObjective> byId = new java.util.HashMap<>();
    past.forEach(o -> byId.put(o.id().toString(), o));
    DraftGenerator.Input input = new DraftGenerator.Input(language, OkrText.phrases(strategy), CYCLE_END, kpis);
    return new DraftGenerator(LIBRARY).generate(input, LIBRARY_INDEX.search(language, strategy, 12),
        pastIndex.search(language, strategy, 12), byId);
  }

  @Test
  void salesStrategyProposesSalesExamples() {
    List<Proposal> proposals = generate("en", SALES_STRATEGY, List.of(), List.of());
    assertThat(proposals).hasSizeBetween(2, 3);
    assertThat(proposals.get(0).title()).isEqualTo("Win more new customers in our core markets");
    JsonObject source = proposals.get(0).sources().get(0);
    assertThat(source.getString("type")).isEqualTo("library");
    assertThat(source.getString("id")).isEqualTo("sales-en-1");
    assertThat(source.getString("function")).isEqualTo("sales");
    assertThat(source.getDouble("score")).isPositive();
    assertThat(source.getJsonArray("phrases").getList()).contains("We want to win more new customers in our core markets and raise the win rate of qualified opportunities");
  }

  @Test
  void everyPartHasASource() {
    for (Proposal proposal : generate("en", SALES_STRATEGY, List.of(), List.of())) {
      assertThat(proposal.sources()).as(proposal.id()).isNotEmpty();
      assertThat(proposal.keyResults()).as(proposal.id()).hasSizeBetween(3, 4);
      for (Proposal.KeyResult kr : proposal.keyResults()) {
        assertThat(kr.sources()).as(kr.id()).isNotEmpty();
        assertThat(kr.start()).as(kr.id()).isNotNull();
        assertThat(kr.target()).as(kr.id()).isNotNull();
      }
    }
  }

  @Test
  void libraryKeyResultTitleNamesNumbers() {
    Proposal.KeyResult first = generate("en", SALES_STRATEGY, List.of(), List.of()).get(0).keyResults().get(0);
    assertThat(first.title()).isEqualTo("Increase qualified opportunities created per month from 40 to 60");
    assertThat(first.indicator()).isEqualTo("leading");
    assertThat(first.unit()).as("plain counts carry no unit").isNull();
  }

  @Test
  void germanStrategyProposesGermanExamples() {
    String strategy = "Wir wollen mehr Neukunden in unseren Kernmärkten gewinnen und die Abschlussquote steigern.";
    List<Proposal> proposals = generate("de", strategy, List.of(), List.of());
    assertThat(proposals).isNotEmpty();
    assertThat(proposals.get(0).sources().get(0).getString("id")).isEqualTo("sales-de-1");
    assertThat(proposals.get(0).keyResults().get(1).title())
        .isEqualTo("Abschlussquote qualifizierter Verkaufschancen von 18 % auf 25 % steigern");
  }

  @Test
  void matchingKpiGivesBaselineAndTarget() {
    KpiTargets.Kpi winRate = new KpiTargets.Kpi(UUID.randomUUID(), "win-rate", "Win rate of qualified opportunities", "%",
        "increase", new BigDecimal("21"), Instant.parse("2026-10-01T00:00:00Z"), new BigDecimal("27"), new BigDecimal("15"),
        List.of());
    Proposal.KeyResult kr = generate("en", SALES_STRATEGY, List.of(winRate), List.of()).get(0).keyResults().get(1);
    assertThat(kr.start()).isEqualByComparingTo("21");
    assertThat(kr.target()).isEqualByComparingTo("27");
    assertThat(kr.title()).isEqualTo("Increase win rate of qualified opportunities from 21% to 27%");
    JsonObject kpiSource = kr.sources().get(1);
    assertThat(kpiSource.getString("type")).isEqualTo("kpi");
    assertThat(kpiSource.getString("id")).isEqualTo(winRate.id().toString());
    assertThat(kpiSource.getString("basis")).isEqualTo("corridor");
    assertThat(kpiSource.getValue("value").toString()).isEqualTo("21");
  }

  @Test
  void pastObjectiveIsCitedWithCycleAndUnit() {
    UUID unitId = UUID.randomUUID();
    UUID cycleId = UUID.randomUUID();
    PastObjective past = new PastObjective(UUID.randomUUID(), "Expand into the Nordic markets with partners", null, unitId,
        "Sales North", cycleId, "2026-q2", "Q2 2026", List.of(
            new PastKeyResult(UUID.randomUUID(), "Nordic partner-sourced pipeline", "increase", BigDecimal.ZERO,
                new BigDecimal("300"), "kEUR"),
            new PastKeyResult(UUID.randomUUID(), "Launch the Nordic partner portal", "binary", null, null, null)));
    List<Proposal> proposals = generate("en", "Expand into the Nordic markets through partners", List.of(), List.of(past));
    Proposal fromPast = proposals.stream()
        .filter(p -> p.sources().get(0).getString("type").equals("okr")).findFirst().orElseThrow();
    JsonObject source = fromPast.sources().get(0);
    assertThat(source.getString("id")).isEqualTo(past.id().toString());
    assertThat(source.getString("cycleKey")).isEqualTo("2026-q2");
    assertThat(source.getString("unitId")).isEqualTo(unitId.toString());
    assertThat(fromPast.keyResults().get(0).title()).isEqualTo("Nordic partner-sourced pipeline");
    assertThat(fromPast.keyResults()).extracting(Proposal.KeyResult::title).doesNotContain("Launch the Nordic partner portal");
    assertThat(fromPast.keyResults()).hasSizeGreaterThanOrEqualTo(3);
  }

  @Test
  void unrelatedTextProposesNothing() {
    assertThat(generate("en", "Zebra xylophone quokka", List.of(), List.of())).isEmpty();
  }

  @Test
  void libraryProposalsPassQualityCheck() {
    ProposalReview review = new ProposalReview(new QualityChecker(QualitySettings.defaults()));
    for (String strategy : List.of(SALES_STRATEGY, "Ship changes faster and keep the service reliable under load",
        "Hire the people our growth plan needs and keep the people we want to keep")) {
      for (Proposal proposal : generate("en", strategy, List.of(), List.of())) {
        ProposalReview.Reviewed reviewed = review.review("en", proposal);
        assertThat(reviewed.passed()).as(proposal.title() + " " + reviewed.report().encodePrettily()).isTrue();
      }
    }
  }

  @Test
  void germanProposalsPassQualityCheck() {
    ProposalReview review = new ProposalReview(new QualityChecker(QualitySettings.defaults()));
    String strategy = "Änderungen schneller zu den Kunden bringen und Kundenprobleme beim ersten Kontakt lösen";
    for (Proposal proposal : generate("de", strategy, List.of(), List.of())) {
      ProposalReview.Reviewed reviewed = review.review("de", proposal);
      assertThat(reviewed.passed()).as(proposal.title() + " " + reviewed.report().encodePrettily()).isTrue();
    }
  }
}
