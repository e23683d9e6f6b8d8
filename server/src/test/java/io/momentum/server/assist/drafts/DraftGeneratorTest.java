package io.momentum.server.assist.drafts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.momentum.server.assist.drafts.PastOkrs.PastKeyResult;
import io.momentum.server.assist.drafts.PastOkrs.PastObjective;
import io.momentum.server.assist.quality.QualityChecker;
import io.momentum.server.assist.quality.QualitySettings;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
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

  private static final UUID UNIT = UUID.randomUUID();
  private static final LocalDate CYCLE_START = LocalDate.parse("2026-10-01");
  private static final LocalDate CYCLE_LAST_DAY = LocalDate.parse("2026-12-31");
  private static final UUID CYCLE = UUID.randomUUID();
  /** The day drafts in these tests are made: inside the drafted cycle, after the third quarter ended. */
  private static final LocalDate TODAY = LocalDate.parse("2026-11-15");

  /** Retrieves and generates as the draft service does, but without leaving uncitable objectives out of the search. */
  private static DraftGenerator.Result draft(String language, String strategy, List<KpiTargets.Kpi> kpis,
                                             List<PastObjective> past) {
    return draft(language, strategy, kpis, past, true);
  }

  /** As {@link #draft(String, String, List, List)}; without {@code withLibrary} only the organisation's OKRs are hits. */
  private static DraftGenerator.Result draft(String language, String strategy, List<KpiTargets.Kpi> kpis,
                                             List<PastObjective> past, boolean withLibrary) {
    OkrIndex pastIndex = OkrIndex.build(past.stream().map(o -> new OkrIndex.Entry(o.id().toString(), null, o.searchText())).toList());
    Map<String, PastObjective> byId = new HashMap<>();
    past.forEach(o -> byId.put(o.id().toString(), o));
    StrategyPhrases phrases = StrategyPhrases.of(language, strategy, term -> LIBRARY_INDEX.idf(language, term));
    Map<String, List<OkrIndex.Hit>> libraryByPhrase = new HashMap<>();
    Map<String, List<OkrIndex.Hit>> pastByPhrase = new HashMap<>();
    for (String phrase : phrases.outcomes()) {
      libraryByPhrase.put(phrase, withLibrary ? LIBRARY_INDEX.search(language, phrase, 5) : List.of());
      pastByPhrase.put(phrase, pastIndex.search(language, phrase, 5));
    }
    DraftGenerator.Input input = new DraftGenerator.Input(language, phrases, UNIT, CYCLE, CYCLE_START, CYCLE_LAST_DAY, CYCLE_END, kpis,
        TODAY);
    // As the draft service does: each phrase's library hits, translated, search the OKRs in the other language.
    Map<String, List<DraftGenerator.Bridge>> bridgedByPhrase = new HashMap<>();
    String other = language.equals("de") ? "en" : "de";
    for (String phrase : phrases.outcomes()) {
      List<DraftGenerator.Bridge> bridges = new ArrayList<>();
      for (OkrIndex.Hit libraryHit : libraryByPhrase.get(phrase)) {
        ExampleLibrary.Example example = LIBRARY.byId(libraryHit.id());
        ExampleLibrary.Example sibling = LIBRARY.sibling(example, other);
        if (sibling != null) {
          pastIndex.search(other, sibling.searchText(), 5).forEach(hit -> bridges.add(new DraftGenerator.Bridge(hit, example, sibling)));
        }
      }
      bridgedByPhrase.put(phrase, bridges);
    }
    DraftGenerator.Hits hits = new DraftGenerator.Hits(withLibrary ? LIBRARY_INDEX.search(language, strategy, 12) : List.of(),
        pastIndex.search(language, strategy, 12), libraryByPhrase, pastByPhrase, bridgedByPhrase);
    return new DraftGenerator(LIBRARY).generate(input, hits, byId);
  }

  private static List<Proposal> generate(String language, String strategy, List<KpiTargets.Kpi> kpis,
                                         List<PastObjective> past) {
    return draft(language, strategy, kpis, past).proposals();
  }

  private static PastObjective pastObjective(String title, UUID unitId, LocalDate cycleStart, LocalDate cycleEnd) {
    return new PastObjective(UUID.randomUUID(), title, null, unitId, "Unit", UUID.randomUUID(), "c-" + cycleStart,
        "Cycle " + cycleStart, cycleStart, cycleEnd, List.of(
            new PastKeyResult(UUID.randomUUID(), "Zeppelin harbour berths served per week", "increase", new BigDecimal("10"),
                new BigDecimal("14"), null),
            new PastKeyResult(UUID.randomUUID(), "Zeppelin harbour logistics delays per week", "decrease", new BigDecimal("9"),
                new BigDecimal("3"), null)));
  }

  private static List<String> citedIds(List<Proposal> proposals) {
    return proposals.stream().flatMap(p -> p.sources().stream()).map(s -> s.getString("id")).toList();
  }

  private static List<String> allTitles(List<Proposal> proposals) {
    List<String> titles = new java.util.ArrayList<>();
    for (Proposal proposal : proposals) {
      titles.add(proposal.title());
      proposal.keyResults().forEach(kr -> titles.add(kr.title()));
    }
    return titles;
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
    assertThat(source.getJsonArray("phrases").getList()).contains("We want to win more new customers in our core markets");
  }

  @Test
  void sourcesCarryShareOfBestScore() {
    List<Proposal> proposals = generate("en", SALES_STRATEGY, List.of(), List.of());
    JsonObject best = proposals.get(0).sources().get(0);
    assertThat(best.getDouble("relativeScore")).as("the best hit of the whole text").isEqualTo(1.0);
    for (Proposal proposal : proposals) {
      List<JsonObject> sources = new ArrayList<>(proposal.sources());
      proposal.keyResults().forEach(kr -> sources.addAll(kr.sources()));
      for (JsonObject source : sources) {
        if (source.getString("type").equals("library")) {
          assertThat(source.getDouble("relativeScore")).as(proposal.id() + " " + source.getString("id")).isBetween(0.0, 1.0);
        }
      }
    }
    JsonObject second = proposals.get(1).sources().get(0);
    assertThat(second.getDouble("relativeScore")).as("second proposal").isLessThan(1.0);
  }

  @Test
  void everyPartHasASource() {
    for (Proposal proposal : generate("en", SALES_STRATEGY, List.of(), List.of())) {
      assertThat(proposal.sources()).as(proposal.id()).isNotEmpty();
      assertThat(proposal.keyResults()).as(proposal.id()).hasSizeBetween(2, 4);
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
    assertThat(proposals.get(0).keyResults()).extracting(Proposal.KeyResult::title)
        .contains("Abschlussquote qualifizierter Verkaufschancen von 18 % auf 25 % steigern");
  }

  @Test
  void matchingKpiGivesBaselineAndTarget() {
    KpiTargets.Kpi winRate = new KpiTargets.Kpi(UUID.randomUUID(), "win-rate", "Win rate of qualified opportunities", "%",
        "increase", new BigDecimal("21"), Instant.parse("2026-10-01T00:00:00Z"), new BigDecimal("27"), new BigDecimal("15"),
        List.of());
    Proposal.KeyResult kr = generate("en", SALES_STRATEGY, List.of(winRate), List.of()).get(0).keyResults().get(1);
    assertThat(kr.start()).isEqualByComparingTo("21");
    assertThat(kr.target()).isEqualByComparingTo("27");
    assertThat(kr.title()).isEqualTo("Increase win rate of qualified opportunities from 21 % to 27 %");
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
        "Sales North", cycleId, "2026-q2", "Q2 2026", LocalDate.parse("2026-04-01"), LocalDate.parse("2026-06-30"), List.of(
            new PastKeyResult(UUID.randomUUID(), "Nordic partner-sourced pipeline", "increase", BigDecimal.ZERO,
                new BigDecimal("300"), "kEUR"),
            new PastKeyResult(UUID.randomUUID(), "Nordic partners with a signed contract", "increase", BigDecimal.ZERO,
                new BigDecimal("6"), null),
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
    assertThat(fromPast.keyResults()).hasSizeGreaterThanOrEqualTo(2);
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

  @Test
  void unitsCurrentObjectiveIsNotCited() {
    PastObjective current = pastObjective("Run zeppelin harbour logistics without delays", UNIT, CYCLE_START, CYCLE_LAST_DAY);
    PastObjective year = pastObjective("Run zeppelin harbour logistics for the whole year", UNIT,
        LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31"));
    PastObjective later = pastObjective("Run zeppelin harbour logistics next year", UUID.randomUUID(),
        LocalDate.parse("2027-01-01"), LocalDate.parse("2027-03-31"));
    List<String> cited = citedIds(generate("en", "Run zeppelin harbour logistics", List.of(), List.of(current, year, later)));
    assertThat(cited).doesNotContain(current.id().toString(), year.id().toString(), later.id().toString());
  }

  @Test
  void unitsEarlierObjectiveIsCited() {
    PastObjective earlier = pastObjective("Run zeppelin harbour logistics without delays", UNIT,
        LocalDate.parse("2026-07-01"), LocalDate.parse("2026-09-30"));
    List<String> cited = citedIds(generate("en", "Run zeppelin harbour logistics", List.of(), List.of(earlier)));
    assertThat(cited).contains(earlier.id().toString());
  }

  @Test
  void otherUnitsEndedObjectiveIsCited() {
    PastObjective sibling = pastObjective("Run zeppelin harbour logistics without delays", UUID.randomUUID(),
        LocalDate.parse("2026-07-01"), LocalDate.parse("2026-09-30"));
    List<String> cited = citedIds(generate("en", "Run zeppelin harbour logistics", List.of(), List.of(sibling)));
    assertThat(cited).contains(sibling.id().toString());
  }

  @Test
  void otherUnitsLiveObjectiveIsUnderWay() {
    PastObjective sibling = pastObjective("Run zeppelin harbour logistics without delays", UUID.randomUUID(),
        CYCLE_START, CYCLE_LAST_DAY);

    DraftGenerator.Result result = draft("en", "Run zeppelin harbour logistics", List.of(), List.of(sibling));

    assertThat(citedIds(result.proposals())).doesNotContain(sibling.id().toString());
    assertThat(result.proposals()).extracting(Proposal::title).doesNotContain(sibling.title());
    assertThat(result.underWay()).singleElement().satisfies(entry -> {
      assertThat(entry.getString("id")).isEqualTo(sibling.id().toString());
      assertThat(entry.getString("title")).isEqualTo(sibling.title());
      assertThat(entry.getString("unitName")).isEqualTo("Unit");
      assertThat(entry.getString("cycleKey")).isEqualTo(sibling.cycleKey());
      assertThat(entry.getJsonArray("phrases").getList()).containsExactly("Run zeppelin harbour logistics");
      assertThat(entry.getJsonArray("terms").getList()).contains("zeppelin", "harbour");
      assertThat(entry.getBoolean("ownWork")).isFalse();
    });
  }

  @Test
  void otherUnitsLiveObjectiveOfYearIsUnderWay() {
    PastObjective year = pastObjective("Run zeppelin harbour logistics for the whole year", UUID.randomUUID(),
        LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31"));

    DraftGenerator.Result result = draft("en", "Run zeppelin harbour logistics", List.of(), List.of(year));

    assertThat(citedIds(result.proposals())).doesNotContain(year.id().toString());
    assertThat(result.underWay()).extracting(entry -> entry.getString("id")).containsExactly(year.id().toString());
  }

  @Test
  void unitsObjectiveInDraftedCycleIsUnderWay() {
    PastObjective own = new PastObjective(UUID.randomUUID(), "Run zeppelin harbour logistics without delays", null, UNIT,
        "Unit", CYCLE, "q4", "Q4 2026", CYCLE_START, CYCLE_LAST_DAY, pastObjective("x", UNIT, CYCLE_START,
        CYCLE_LAST_DAY).keyResults());
    PastObjective ownYear = pastObjective("Run zeppelin harbour logistics for the whole year", UNIT,
        LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31"));

    DraftGenerator.Result result = draft("en", "Run zeppelin harbour logistics", List.of(), List.of(own, ownYear));

    assertThat(result.underWay()).extracting(entry -> entry.getString("id")).containsExactly(own.id().toString());
    assertThat(result.underWay().get(0).getBoolean("ownWork")).isTrue();
    assertThat(citedIds(result.proposals())).doesNotContain(own.id().toString(), ownYear.id().toString());
  }

  @Test
  void demoGrowthObjectiveIsUnderWay() {
    PastObjective regulars = regularsObjective();
    PastObjective live = new PastObjective(regulars.id(), regulars.title(), null, regulars.unitId(), "Growth",
        UUID.randomUUID(), "2026-q4", "Q4 2026", CYCLE_START, CYCLE_LAST_DAY, regulars.keyResults());

    DraftGenerator.Result result = draft("en", DEMO_STRATEGY_EN, List.of(), List.of(live));

    assertThat(result.proposals()).isNotEmpty().extracting(Proposal::title).doesNotContain(live.title());
    assertThat(result.underWay()).extracting(entry -> entry.getString("title")).containsExactly(live.title());
    assertThat(result.underWay().get(0).getString("unitName")).isEqualTo("Growth");
  }

  @Test
  void sourcesCiteClausesNotWholeText() {
    List<String> clauses = OkrText.phrases(SALES_STRATEGY);
    for (Proposal proposal : generate("en", SALES_STRATEGY, List.of(), List.of())) {
      List<Object> cited = proposal.sources().get(0).getJsonArray("phrases").getList();
      assertThat(cited).as(proposal.title()).isNotEmpty();
      assertThat(clauses).as(proposal.title()).containsAll(cited.stream().map(String::valueOf).toList());
    }
  }

  @Test
  void churnClauseGetsKeyResult() {
    String strategy = "Raise the win rate of qualified opportunities, win more new customers in our core markets and cut churn.";
    DraftGenerator.Result result = draft("en", strategy, List.of(), List.of());
    assertThat(allTitles(result.proposals())).anyMatch(title -> title.toLowerCase(java.util.Locale.ROOT).contains("churn"));
    assertThat(result.unmatched()).isEmpty();
  }

  @Test
  void germanChurnClauseGetsKeyResult() {
    String strategy = "Die Abschlussquote qualifizierter Verkaufschancen steigern, mehr Neukunden in unseren Kernmärkten"
        + " gewinnen und die Abwanderung senken.";
    DraftGenerator.Result result = draft("de", strategy, List.of(), List.of());
    assertThat(allTitles(result.proposals())).contains("Monatliche Kundenabwanderung von 2,4 % auf 1,5 % senken");
    assertThat(result.unmatched()).isEmpty();
  }

  @Test
  void selfServiceDeploymentClauseFindsPlatformExample() {
    DraftGenerator.Result result = draft("en", "Make deployments self-service.", List.of(), List.of());

    assertThat(result.unmatched()).isEmpty();
    assertThat(result.proposals()).extracting(Proposal::title)
        .contains("Give product teams self-service deployments so they never wait for the platform team");
    assertThat(allTitles(result.proposals())).anyMatch(title -> title.contains("without a platform ticket"));
    assertThat(allTitles(result.proposals())).noneMatch(title -> title.contains("revenue") || title.contains("agent"));
  }

  @Test
  void germanSelfServiceDeploymentClauseFindsPlatformExample() {
    for (String strategy : List.of("Deployments zum Self-Service machen.", "Self-Service-Deployments ermöglichen.",
        "Produktteams sollen deployen, ohne auf das Plattform-Team zu warten.")) {
      DraftGenerator.Result result = draft("de", strategy, List.of(), List.of());

      assertThat(result.unmatched()).as(strategy).isEmpty();
      assertThat(result.proposals()).as(strategy).extracting(Proposal::title)
          .contains("Produktteams Self-Service-Deployments ermöglichen, damit sie nie auf das Plattform-Team warten");
      assertThat(allTitles(result.proposals())).as(strategy).noneMatch(title -> title.contains("Umsatz"));
    }
  }

  @Test
  void clauseWithoutMatchIsReported() {
    DraftGenerator.Result result = draft("en", "Win more new customers in our core markets and befriend every quokka",
        List.of(), List.of());
    assertThat(result.proposals()).isNotEmpty();
    assertThat(result.unmatched()).containsExactly("befriend every quokka");
  }

  @Test
  void numbersFollowLanguage() {
    assertThat(DraftGenerator.number("de", new BigDecimal("1200.50"))).isEqualTo("1.200,5");
    assertThat(DraftGenerator.number("en", new BigDecimal("1200.50"))).isEqualTo("1,200.5");
    assertThat(DraftGenerator.compose("de", "decrease", "Customer Effort Score", new BigDecimal("3.8"), new BigDecimal("2.8"), null))
        .isEqualTo("Customer Effort Score von 3,8 auf 2,8 senken");
    assertThat(DraftGenerator.compose("de", "increase", "Net Promoter Score", new BigDecimal("28"), new BigDecimal("40"), "Punkte"))
        .isEqualTo("Net Promoter Score von 28 auf 40 Punkte steigern");
    assertThat(DraftGenerator.compose("en", "increase", "upsell revenue", new BigDecimal("1200"), new BigDecimal("1800"), "kEUR"))
        .isEqualTo("Increase upsell revenue from 1,200 to 1,800 kEUR");
  }

  private static final String DEMO_STRATEGY_EN = "Grow revenue in the DACH region, cut churn and ship the mobile app faster";
  private static final String DEMO_STRATEGY_DE =
      "Umsatz in der DACH-Region steigern, Kündigungen senken und die mobile App schneller ausliefern";

  /** Returns, for each proposal in order, the strategy phrases it cites as answered. */
  private static List<List<String>> answeredPhrasesOf(DraftGenerator.Result result) {
    return result.proposals().stream()
        .map(p -> p.sources().get(0).getJsonArray("phrases").stream().map(String.class::cast).toList())
        .toList();
  }

  @Test
  void threeClauseStrategyGetsProposalPerClause() {
    DraftGenerator.Result result = draft("en", DEMO_STRATEGY_EN, List.of(), List.of());

    assertThat(result.unmatched()).isEmpty();
    assertThat(result.proposals()).hasSize(3);
    assertThat(answeredPhrasesOf(result)).allSatisfy(phrases -> assertThat(phrases).hasSize(1));
    assertThat(answeredPhrasesOf(result).stream().flatMap(List::stream).toList())
        .containsExactlyInAnyOrder("Grow revenue in the DACH region", "cut churn", "ship the mobile app faster");
  }

  @Test
  void germanThreeClauseStrategyGetsProposalPerClause() {
    DraftGenerator.Result result = draft("de", DEMO_STRATEGY_DE, List.of(), List.of());

    assertThat(result.unmatched()).isEmpty();
    assertThat(result.proposals()).hasSize(3);
    assertThat(answeredPhrasesOf(result).stream().flatMap(List::stream).toList())
        .containsExactlyInAnyOrder("Umsatz in der DACH-Region steigern", "Kündigungen senken",
            "die mobile App schneller ausliefern");
  }

  @Test
  void mobileDeliveryClauseFindsReleaseMeasures() {
    List<String> titles = allTitles(generate("en", "Ship the mobile app faster", List.of(), List.of()));

    assertThat(titles).anyMatch(title -> title.contains("mobile app releases"));
    assertThat(titles).anyMatch(title -> title.contains("lead time"));
  }

  @Test
  void unrelatedPastObjectiveIsNotProposed() {
    PastObjective unrelated = new PastObjective(UUID.randomUUID(), "Make circular gear a real business line", null, UNIT,
        "Unit", UUID.randomUUID(), "c-2026-q3", "Q3 2026", LocalDate.parse("2026-07-01"), LocalDate.parse("2026-09-30"),
        List.of(new PastKeyResult(UUID.randomUUID(), "Repaired jackets resold per month", "increase", new BigDecimal("20"),
            new BigDecimal("60"), null)));

    DraftGenerator.Result result = draft("en", DEMO_STRATEGY_EN, List.of(), List.of(unrelated));

    assertThat(result.proposals()).extracting(Proposal::title).doesNotContain("Make circular gear a real business line");
    assertThat(answeredPhrasesOf(result)).allSatisfy(phrases -> assertThat(phrases).isNotEmpty());
  }

  /** Returns the titles of a proposal that answers {@code phrase}: its own and its key results'. */
  private static List<String> titlesAnswering(DraftGenerator.Result result, String phrase) {
    List<String> titles = new java.util.ArrayList<>();
    for (Proposal proposal : result.proposals()) {
      if (proposal.sources().get(0).getJsonArray("phrases").contains(phrase)) {
        titles.add(proposal.title());
      }
      proposal.keyResults().stream().filter(kr -> kr.sources().get(0).getJsonArray("phrases", new io.vertx.core.json.JsonArray())
          .contains(phrase)).forEach(kr -> titles.add(kr.title()));
    }
    return titles;
  }

  /** Returns the titles of the key results whose source cites {@code phrase} as answered. */
  private static List<String> keyResultTitlesAnswering(DraftGenerator.Result result, String phrase) {
    return result.proposals().stream().flatMap(p -> p.keyResults().stream())
        .filter(kr -> kr.sources().get(0).getJsonArray("phrases").contains(phrase))
        .map(Proposal.KeyResult::title)
        .toList();
  }

  @Test
  void placeOfClauseIsPartOfItsAnswer() {
    DraftGenerator.Result english = draft("en", DEMO_STRATEGY_EN, List.of(), List.of());
    DraftGenerator.Result german = draft("de", DEMO_STRATEGY_DE, List.of(), List.of());

    assertThat(titlesAnswering(english, "Grow revenue in the DACH region")).isNotEmpty()
        .allSatisfy(title -> assertThat(title).contains("DACH"));
    assertThat(titlesAnswering(german, "Umsatz in der DACH-Region steigern")).isNotEmpty()
        .allSatisfy(title -> assertThat(title).contains("DACH"));
    assertThat(keyResultTitlesAnswering(english, "Grow revenue in the DACH region")).isNotEmpty()
        .allSatisfy(title -> assertThat(title).contains("in the DACH region from"));
    assertThat(keyResultTitlesAnswering(german, "Umsatz in der DACH-Region steigern")).isNotEmpty()
        .allSatisfy(title -> assertThat(title).contains("in der DACH-Region von"));
    assertThat(DraftGenerator.withPlace("de", "Umsatz mit Bestandskunden steigern", "in der DACH-Region"))
        .isEqualTo("Umsatz mit Bestandskunden in der DACH-Region steigern");
  }

  @Test
  void placeSkipsMeasuredNumbers() {
    // The company's revenue KPI and a past key result measure every region together, so neither may be
    // re-labelled as measuring the DACH region: their numbers would be false for it.
    KpiTargets.Kpi revenue = new KpiTargets.Kpi(UUID.randomUUID(), "net-revenue", "Net revenue per month", "EUR M",
        "increase", new BigDecimal("12.8"), Instant.parse("2026-10-01T00:00:00Z"), new BigDecimal("16"),
        new BigDecimal("12"), List.of());
    PastObjective resale = new PastObjective(UUID.randomUUID(), "Grow repair and resale revenue", null, UUID.randomUUID(),
        "Growth", UUID.randomUUID(), "c-2026-q3", "Q3 2026", LocalDate.parse("2026-07-01"), LocalDate.parse("2026-09-30"),
        List.of(new PastKeyResult(UUID.randomUUID(), "Grow repair and resale revenue from 1.2 % to 4 % of net revenue",
                "increase", new BigDecimal("1.2"), new BigDecimal("4"), "%"),
            new PastKeyResult(UUID.randomUUID(), "Grow resale revenue per month from 40 to 90 kEUR", "increase",
                new BigDecimal("40"), new BigDecimal("90"), "kEUR")));

    DraftGenerator.Result result = draft("en", DEMO_STRATEGY_EN, List.of(revenue), List.of(resale));

    List<Proposal.KeyResult> regional = result.proposals().stream().flatMap(p -> p.keyResults().stream())
        .filter(kr -> kr.title().contains("DACH")).toList();
    assertThat(regional).isNotEmpty().allSatisfy(kr -> {
      assertThat(kr.title()).doesNotContain("12.8").doesNotContain("1.2 %").doesNotContain("40 to 90");
      assertThat(kr.sources()).extracting(source -> source.getString("type")).containsOnly("library");
    });
    assertThat(result.proposals()).flatExtracting(Proposal::keyResults)
        .allSatisfy(kr -> assertThat(kr.sources().get(0).getJsonArray("phrases")).as(kr.title()).isNotEmpty());
  }

  @Test
  void proposalClaimsOnlyWhatKeyResultsAnswer() {
    // The title names a clause of the strategy, but no key result measures it.
    PastObjective titleOnly = new PastObjective(UUID.randomUUID(), "Cut churn for good", null, UUID.randomUUID(), "Growth",
        UUID.randomUUID(), "c-2026-q3", "Q3 2026", LocalDate.parse("2026-07-01"), LocalDate.parse("2026-09-30"),
        List.of(new PastKeyResult(UUID.randomUUID(), "Repaired jackets resold per month", "increase", new BigDecimal("20"),
                new BigDecimal("60"), null),
            new PastKeyResult(UUID.randomUUID(), "Recycled packaging share", "increase", new BigDecimal("30"),
                new BigDecimal("70"), "%")));

    for (String language : List.of("en", "de")) {
      String strategy = language.equals("en") ? DEMO_STRATEGY_EN : DEMO_STRATEGY_DE;
      DraftGenerator.Result result = draft(language, strategy, List.of(), List.of(titleOnly));

      assertThat(result.proposals()).extracting(Proposal::title).doesNotContain("Cut churn for good");
      for (Proposal proposal : result.proposals()) {
        List<Object> claimed = proposal.sources().get(0).getJsonArray("phrases").getList();
        List<Object> answeredByKeyResults = proposal.keyResults().stream()
            .flatMap(kr -> kr.sources().get(0).getJsonArray("phrases").getList().stream()).distinct().toList();
        assertThat(claimed).as(language + " " + proposal.title()).isNotEmpty();
        assertThat(answeredByKeyResults).as(language + " " + proposal.title()).containsAll(claimed);
      }
    }
  }

  @Test
  void everyKeyResultAnswersAClause() {
    for (String language : List.of("en", "de")) {
      String strategy = language.equals("en") ? DEMO_STRATEGY_EN : DEMO_STRATEGY_DE;
      for (Proposal proposal : generate(language, strategy, List.of(), List.of())) {
        assertThat(proposal.keyResults()).as(language + " " + proposal.title()).hasSizeBetween(2, 4);
        for (Proposal.KeyResult kr : proposal.keyResults()) {
          assertThat(kr.sources().get(0).getJsonArray("phrases").getList()).as(language + " " + kr.title()).isNotEmpty();
        }
      }
    }
  }

  @Test
  void numbersNameTheirOrigin() {
    KpiTargets.Kpi winRate = new KpiTargets.Kpi(UUID.randomUUID(), "win-rate", "Win rate of qualified opportunities", "%",
        "increase", new BigDecimal("21"), Instant.parse("2026-10-01T00:00:00Z"), new BigDecimal("27"), new BigDecimal("15"),
        List.of());
    List<Proposal.KeyResult> sales = generate("en", SALES_STRATEGY, List.of(winRate), List.of()).get(0).keyResults();
    assertThat(sales.get(1).numbers()).isEqualTo(Proposal.Numbers.KPI);
    assertThat(sales.get(1).toJson().getString("numbers")).isEqualTo("kpi");
    assertThat(sales.get(0).numbers()).as(sales.get(0).title()).isEqualTo(Proposal.Numbers.EXAMPLE);
    assertThat(sales.get(0).toJson().getString("numbers")).isEqualTo("example");

    List<Proposal.KeyResult> all = generate("en", DEMO_STRATEGY_EN, List.of(), List.of(regularsObjective())).stream()
        .flatMap(proposal -> proposal.keyResults().stream()).toList();
    assertThat(all).filteredOn(kr -> kr.title().equals("Cut monthly customer churn from 4.6 % to 3.9 %"))
        .singleElement().extracting(Proposal.KeyResult::numbers).isEqualTo(Proposal.Numbers.PAST);
    assertThat(all).filteredOn(kr -> kr.sources().get(0).getString("type").equals("library") && kr.sources().size() == 1)
        .isNotEmpty().allSatisfy(kr -> assertThat(kr.numbers()).as(kr.title()).isEqualTo(Proposal.Numbers.EXAMPLE));
  }

  /** Returns a sibling team's past objective with one churn key result, as the demo has. */
  private static PastObjective regularsObjective() {
    return new PastObjective(UUID.randomUUID(), "Turn first-time buyers into regulars", null,
        UUID.randomUUID(), "Growth", UUID.randomUUID(), "c-2026-q3", "Q3 2026", LocalDate.parse("2026-07-01"),
        LocalDate.parse("2026-09-30"),
        List.of(new PastKeyResult(UUID.randomUUID(), "Cut monthly customer churn from 4.6 % to 3.9 %", "decrease",
            new BigDecimal("4.6"), new BigDecimal("3.9"), "%")));
  }

  @Test
  void germanDraftUsesEnglishKeyResultNumbers() {
    PastObjective regulars = regularsObjective();

    List<Proposal.KeyResult> all = generate("de", DEMO_STRATEGY_DE, List.of(), List.of(regulars)).stream()
        .flatMap(proposal -> proposal.keyResults().stream()).toList();

    Proposal.KeyResult churn = all.stream().filter(kr -> kr.numbers() == Proposal.Numbers.PAST).findFirst()
        .orElseThrow(() -> new AssertionError("no key result with the organisation's numbers: " + all));
    assertThat(churn.title()).isEqualTo("Monatliche Kundenabwanderung von 4,6 % auf 3,9 % senken");
    assertThat(churn.start()).isEqualByComparingTo("4.6");
    assertThat(churn.target()).isEqualByComparingTo("3.9");
    assertThat(churn.sources().get(0).getString("type")).isEqualTo("okr");
    assertThat(churn.sources().get(0).getString("title")).isEqualTo("Cut monthly customer churn from 4.6 % to 3.9 %");
    assertThat(churn.sources().get(0).getString("id")).isEqualTo(regulars.keyResults().get(0).id().toString());
  }

  @Test
  void englishDraftUsesGermanKeyResultNumbers() {
    PastObjective german = new PastObjective(UUID.randomUUID(), "Erstkunden zu Stammkunden machen", null,
        UUID.randomUUID(), "Wachstum", UUID.randomUUID(), "c-2026-q3", "Q3 2026", LocalDate.parse("2026-07-01"),
        LocalDate.parse("2026-09-30"),
        List.of(new PastKeyResult(UUID.randomUUID(), "Monatliche Kundenabwanderung von 4,6 % auf 3,9 % senken",
            "decrease", new BigDecimal("4.6"), new BigDecimal("3.9"), "%")));

    List<Proposal.KeyResult> all = generate("en", DEMO_STRATEGY_EN, List.of(), List.of(german)).stream()
        .flatMap(proposal -> proposal.keyResults().stream()).toList();

    assertThat(all).filteredOn(kr -> kr.numbers() == Proposal.Numbers.PAST).extracting(Proposal.KeyResult::title)
        .containsExactly("Reduce monthly customer churn from 4.6 % to 3.9 %");
  }

  @Test
  void germanDraftListsEnglishObjectiveUnderWay() {
    PastObjective regulars = regularsObjective();
    PastObjective live = new PastObjective(regulars.id(), regulars.title(), null, regulars.unitId(), "Growth",
        UUID.randomUUID(), "2026-q4", "Q4 2026", CYCLE_START, CYCLE_LAST_DAY, regulars.keyResults());

    DraftGenerator.Result result = draft("de", DEMO_STRATEGY_DE, List.of(), List.of(live));

    assertThat(result.underWay()).extracting(entry -> entry.getString("title")).containsExactly(live.title());
    assertThat(result.proposals()).extracting(Proposal::title).doesNotContain(live.title());
  }

  @Test
  void sameMetricJoinsProposalOnce() {
    PastObjective regulars = regularsObjective();
    ProposalReview review = new ProposalReview(new QualityChecker(QualitySettings.defaults()));

    for (Proposal proposal : generate("en", DEMO_STRATEGY_EN, List.of(), List.of(regulars))) {
      List<String> rules = review.check("en", proposal).report().getJsonArray("findings").stream()
          .map(finding -> ((JsonObject) finding).getString("rule")).toList();
      assertThat(rules).as(proposal.title()).doesNotContain("duplicate_kr");
    }
  }

  @Test
  void topUpStaysWithOwnClause() {
    PastObjective regulars = regularsObjective();

    DraftGenerator.Result result = draft("en", DEMO_STRATEGY_EN, List.of(), List.of(regulars));

    assertThat(result.proposals()).isNotEmpty();
    assertThat(answeredPhrasesOf(result)).allSatisfy(phrases -> assertThat(phrases).hasSize(1));
  }

  @Test
  void otherUnitsKeyResultJoinsOnlyWhenItAnswers() {
    UUID mobile = UUID.randomUUID();
    PastObjective checkout = new PastObjective(UUID.randomUUID(), "Make checkout faster for every order", null, mobile,
        "Web shop", UUID.randomUUID(), "q3", "Q3 2026", LocalDate.parse("2026-07-01"), LocalDate.parse("2026-09-30"),
        List.of(new PastKeyResult(UUID.randomUUID(), "Reduce checkout time from 95 to 60 seconds", "decrease",
                new BigDecimal("95"), new BigDecimal("60"), "seconds"),
            new PastKeyResult(UUID.randomUUID(), "Reduce checkout steps for every order from 5 to 3", "decrease",
                new BigDecimal("5"), new BigDecimal("3"), null)));
    PastObjective app = new PastObjective(UUID.randomUUID(), "Grow mobile app orders", null, mobile, "Mobile App",
        UUID.randomUUID(), "q3", "Q3 2026", LocalDate.parse("2026-07-01"), LocalDate.parse("2026-09-30"),
        List.of(new PastKeyResult(UUID.randomUUID(), "Raise the app's share of orders from 22 % to 30 %", "increase",
            new BigDecimal("22"), new BigDecimal("30"), "%")));

    DraftGenerator.Result result = draft("en", "Make checkout faster for every order", List.of(), List.of(checkout, app), false);

    assertThat(result.proposals()).extracting(Proposal::title).containsExactly("Make checkout faster for every order");
    assertThat(allTitles(result.proposals())).doesNotContain("Raise the app's share of orders from 22 % to 30 %");
  }

  /** Returns Growth's objective with the churn key result, live in the drafted quarter. */
  private static PastObjective liveRegularsObjective() {
    PastObjective regulars = regularsObjective();
    return new PastObjective(regulars.id(), regulars.title(), null, regulars.unitId(), "Growth",
        UUID.randomUUID(), "2026-q4", "Q4 2026", CYCLE_START, CYCLE_LAST_DAY, regulars.keyResults());
  }

  @Test
  void metricEndingInItsUnitNamesItOnce() {
    assertThat(DraftGenerator.compose("en", "increase", "net promoter score", new BigDecimal("28"), new BigDecimal("40"), "score"))
        .isEqualTo("Increase net promoter score from 28 to 40");
    assertThat(DraftGenerator.compose("en", "decrease", "lead time from merge to production", new BigDecimal("72"),
        new BigDecimal("8"), "hours")).isEqualTo("Reduce lead time from merge to production from 72 to 8 hours");
  }

  @Test
  void liveKeyResultIsMarkedTracked() {
    PastObjective live = liveRegularsObjective();

    List<Proposal.KeyResult> all = generate("en", DEMO_STRATEGY_EN, List.of(), List.of(live)).stream()
        .flatMap(proposal -> proposal.keyResults().stream()).toList();

    Proposal.KeyResult churn = all.stream().filter(kr -> kr.numbers() == Proposal.Numbers.PAST).findFirst()
        .orElseThrow(() -> new AssertionError("no key result with the organisation's numbers: " + all));
    JsonObject tracked = churn.alreadyTrackedBy();
    assertThat(tracked).as("alreadyTrackedBy of " + churn.title()).isNotNull();
    assertThat(tracked.getString("id")).isEqualTo(live.keyResults().get(0).id().toString());
    assertThat(tracked.getString("title")).isEqualTo("Cut monthly customer churn from 4.6 % to 3.9 %");
    assertThat(tracked.getString("objectiveId")).isEqualTo(live.id().toString());
    assertThat(tracked.getString("unitName")).isEqualTo("Growth");
    assertThat(tracked.getString("cycleName")).isEqualTo("Q4 2026");
    assertThat(churn.toJson().getJsonObject("alreadyTrackedBy")).isEqualTo(tracked);
  }

  @Test
  void germanLiveKeyResultIsMarkedTracked() {
    PastObjective live = liveRegularsObjective();

    List<Proposal.KeyResult> all = generate("de", DEMO_STRATEGY_DE, List.of(), List.of(live)).stream()
        .flatMap(proposal -> proposal.keyResults().stream()).toList();

    assertThat(all).filteredOn(kr -> kr.numbers() == Proposal.Numbers.PAST).singleElement().satisfies(kr -> {
      assertThat(kr.title()).isEqualTo("Monatliche Kundenabwanderung von 4,6 % auf 3,9 % senken");
      assertThat(kr.alreadyTrackedBy()).isNotNull();
      assertThat(kr.alreadyTrackedBy().getString("title")).isEqualTo("Cut monthly customer churn from 4.6 % to 3.9 %");
    });
  }

  @Test
  void endedKeyResultIsNotMarkedTracked() {
    List<Proposal.KeyResult> all = generate("en", DEMO_STRATEGY_EN, List.of(), List.of(regularsObjective())).stream()
        .flatMap(proposal -> proposal.keyResults().stream()).toList();

    assertThat(all).filteredOn(kr -> kr.numbers() == Proposal.Numbers.PAST).isNotEmpty()
        .allSatisfy(kr -> assertThat(kr.alreadyTrackedBy()).as(kr.title()).isNull());
  }

  @Test
  void reviewCountsTrackedKeyResult() {
    PastObjective live = liveRegularsObjective();
    ProposalReview review = new ProposalReview(new QualityChecker(QualitySettings.defaults()));
    Proposal proposal = generate("en", DEMO_STRATEGY_EN, List.of(), List.of(live)).stream()
        .filter(p -> p.keyResults().stream().anyMatch(kr -> kr.alreadyTrackedBy() != null)).findFirst().orElseThrow();
    Proposal.KeyResult tracked = proposal.keyResults().stream().filter(kr -> kr.alreadyTrackedBy() != null).findFirst()
        .orElseThrow();

    JsonObject report = review.check("en", proposal).report();
    JsonObject german = review.check("de", proposal).report();

    List<JsonObject> findings = report.getJsonArray("findings").stream().map(f -> (JsonObject) f)
        .filter(f -> ProposalReview.ALREADY_TRACKED.equals(f.getString("rule"))).toList();
    assertThat(findings).singleElement().satisfies(finding -> {
      assertThat(finding.getString("target")).isEqualTo(tracked.id());
      assertThat(finding.getString("severity")).isEqualTo("warning");
      assertThat(finding.getString("why")).isEqualTo(
          "Growth already tracks this key result in Q4 2026, so a second one would measure the same thing twice.");
      assertThat(finding.getString("fix")).contains("Contribute to", "Cut monthly customer churn from 4.6 % to 3.9 %");
    });
    assertThat(german.encode()).contains("Growth verfolgt dieses Schlüsselergebnis in Q4 2026 bereits");
  }

  @Test
  void germanDraftListsUnpairedEnglishObjective() {
    PastObjective releases = new PastObjective(UUID.randomUUID(), "Release the app every two weeks", null, UUID.randomUUID(),
        "Mobile App", UUID.randomUUID(), "2026-q4", "Q4 2026", CYCLE_START, CYCLE_LAST_DAY, List.of(
            new PastKeyResult(UUID.randomUUID(), "Cut the app release cycle from 28 days to 14 days", "decrease",
                new BigDecimal("28"), new BigDecimal("14"), "days"),
            new PastKeyResult(UUID.randomUUID(), "Cover 80 % of critical flows with UI tests (from 45 %)", "increase",
                new BigDecimal("45"), new BigDecimal("80"), "%")));

    DraftGenerator.Result german = draft("de", DEMO_STRATEGY_DE, List.of(), List.of(releases));

    assertThat(german.underWay()).singleElement().satisfies(entry -> {
      assertThat(entry.getString("title")).isEqualTo(releases.title());
      assertThat(entry.getString("unitName")).isEqualTo("Mobile App");
      assertThat(entry.getJsonArray("phrases").getList()).containsExactly("die mobile App schneller ausliefern");
    });
  }

  @Test
  void germanDraftSkipsUnrelatedEnglishObjective() {
    PastObjective lunches = new PastObjective(UUID.randomUUID(), "Serve warmer lunches in the canteen", null, UUID.randomUUID(),
        "Facilities", UUID.randomUUID(), "2026-q4", "Q4 2026", CYCLE_START, CYCLE_LAST_DAY, List.of(
            new PastKeyResult(UUID.randomUUID(), "Raise the share of warm lunches served from 60 % to 90 %", "increase",
                new BigDecimal("60"), new BigDecimal("90"), "%")));

    assertThat(draft("de", DEMO_STRATEGY_DE, List.of(), List.of(lunches)).underWay()).isEmpty();
  }

  /** The strategy of the German walk that re-proposed a unit's own objective made from the English library. */
  private static final String WALK_STRATEGY_DE =
      "Umsatz in der DACH-Region steigern, Abwanderung senken und die Mobile-App schneller ausliefern";

  /** Returns the drafted unit's objective in the drafted cycle, saved from the English library's mobile example. */
  private static PastObjective ownMobileObjective() {
    return new PastObjective(UUID.randomUUID(), "Ship our mobile app to customers faster and more reliably", null, UNIT,
        "Checkout", CYCLE, "2026-q4", "Q4 2026", CYCLE_START, CYCLE_LAST_DAY, List.of(
            new PastKeyResult(UUID.randomUUID(), "Increase mobile app releases to the app stores per month from 1 to 4",
                "increase", new BigDecimal("1"), new BigDecimal("4"), null)));
  }

  @Test
  void germanDraftSkipsUnitsOwnLibraryObjective() {
    PastObjective own = ownMobileObjective();

    DraftGenerator.Result result = draft("de", WALK_STRATEGY_DE, List.of(), List.of(own));

    assertThat(result.proposals()).extracting(Proposal::title)
        .doesNotContain("Unsere mobile App schneller und verlässlicher zu den Kunden bringen", own.title());
    assertThat(citedIds(result.proposals())).doesNotContain("engineering-de-9", "engineering-en-9");
    assertThat(result.proposals()).flatExtracting(Proposal::keyResults)
        .allSatisfy(kr -> assertThat(kr.alreadyTrackedBy()).as(kr.title()).isNull());
    assertThat(result.underWay()).singleElement().satisfies(entry -> {
      assertThat(entry.getString("id")).isEqualTo(own.id().toString());
      assertThat(entry.getJsonArray("phrases").getList()).containsExactly("die Mobile-App schneller ausliefern");
    });
    assertThat(result.ownWork()).containsExactly("die Mobile-App schneller ausliefern");
    assertThat(result.unmatched()).doesNotContain("die Mobile-App schneller ausliefern");
  }

  @Test
  void englishDraftSkipsUnitsOwnLibraryObjective() {
    PastObjective own = ownMobileObjective();

    DraftGenerator.Result result = draft("en", DEMO_STRATEGY_EN, List.of(), List.of(own));

    assertThat(result.proposals()).isNotEmpty().extracting(Proposal::title).doesNotContain(own.title());
    assertThat(result.proposals()).flatExtracting(Proposal::keyResults)
        .allSatisfy(kr -> assertThat(kr.alreadyTrackedBy()).as(kr.title()).isNull());
    assertThat(result.underWay()).extracting(entry -> entry.getString("id")).containsExactly(own.id().toString());
  }

  @Test
  void germanDraftSkipsAcquisitionForChurn() {
    PastObjective acquisition = new PastObjective(UUID.randomUUID(), "Win new customers for less", null, UUID.randomUUID(),
        "Growth", UUID.randomUUID(), "2026-q4", "Q4 2026", CYCLE_START, CYCLE_LAST_DAY, List.of(
            new PastKeyResult(UUID.randomUUID(), "Lower customer acquisition cost from EUR 38 to EUR 31", "decrease",
                new BigDecimal("38"), new BigDecimal("31"), "EUR"),
            new PastKeyResult(UUID.randomUUID(), "Raise the organic share of new customers from 41 % to 48 %", "increase",
                new BigDecimal("41"), new BigDecimal("48"), "%"),
            new PastKeyResult(UUID.randomUUID(), "Raise newsletter revenue from 11 % to 14 % of online revenue", "increase",
                new BigDecimal("11"), new BigDecimal("14"), "%")));

    DraftGenerator.Result result = draft("de", WALK_STRATEGY_DE, List.of(), List.of(acquisition));

    assertThat(result.underWay()).allSatisfy(entry -> assertThat(entry.getJsonArray("phrases").getList())
        .as(entry.getString("title")).doesNotContain("Abwanderung senken", "die Mobile-App schneller ausliefern"));
  }

  private static PastKeyResult keyResult(String title, String direction, String start, String target, String unit) {
    return new PastKeyResult(UUID.randomUUID(), title, direction, new BigDecimal(start), new BigDecimal(target), unit);
  }

  private static PastObjective liveObjective(String title, String unitName, List<PastKeyResult> keyResults) {
    return new PastObjective(UUID.randomUUID(), title, null, UUID.randomUUID(), unitName, UUID.randomUUID(), "2026-q4",
        "Q4 2026", CYCLE_START, CYCLE_LAST_DAY, keyResults);
  }

  /**
   * "Onboard new customers" and "Neue Kunden gewinnen" have one topic word each; their other words
   * name a generic measure. An objective that shares only the topic word is about something else,
   * one that also names new customers answers the clause and shows both words as matched.
   */
  @Test
  void oneTopicWordNeedsMeasureWordToo() {
    Map<String, List<String>> cases = Map.of(
        "en", List.of("Onboard new customers", "Onboard engineers within two weeks", "Onboard new customers within a day"),
        "de", List.of("Neue Kunden gewinnen", "Öffentliche Ausschreibungen gewinnen", "Neue Kunden über Partner gewinnen"));
    cases.forEach((language, texts) -> {
      PastObjective otherTopic = liveObjective(texts.get(1), "Sales", List.of(
          keyResult(language.equals("en") ? "Onboard 12 engineers within 10 working days" : "6 öffentliche Ausschreibungen gewinnen", "increase", "2", "6", null)));
      PastKeyResult sameTopicKeyResult = language.equals("en")
          ? keyResult("Cut onboarding time from 5 days to 1 day", "decrease", "5", "1", "days")
          : keyResult("12 Vertriebspartner gewinnen", "increase", "4", "12", null);
      PastObjective sameTopic = liveObjective(texts.get(2), "Partnerships", List.of(sameTopicKeyResult));

      DraftGenerator.Result result = draft(language, texts.get(0), List.of(), List.of(otherTopic, sameTopic), false);

      assertThat(result.underWay()).as(language).extracting(entry -> entry.getString("title")).containsExactly(texts.get(2));
      assertThat(result.underWay().get(0).getJsonArray("terms").getList()).as(language).hasSizeGreaterThanOrEqualTo(2);
    });
  }

  /** Returns the demo's objectives that the walk listed as under way for the mobile phrase although they are not about it. */
  private static List<PastObjective> unrelatedDemoObjectives() {
    return List.of(
        liveObjective("Personalise the storefront with machine learning", "Data", List.of(
            keyResult("Raise sessions with a recommendation click from 6 % to 9 %", "increase", "6.0", "9.0", "%"),
            keyResult("Cut the time to release a model from 10 days to 3 days", "decrease", "10", "3", "days"))),
        liveObjective("Build an app customers open every week", "Mobile App", List.of(
            keyResult("Raise crash-free sessions from 99.2 % to 99.7 %", "increase", "99.20", "99.70", null),
            keyResult("Grow weekly active app users from 96 k to 130 k", "increase", "96", "130", "k"),
            keyResult("Raise the app's share of orders from 22 % to 30 %", "increase", "22", "30", "%"))),
        liveObjective("Make every page fast and every release safe", "Product & Technology", List.of(
            keyResult("Hold storefront uptime at 99.95 % (from 99.86 %)", "increase", "99.86", "99.95", "%"),
            keyResult("Cut the change failure rate from 14 % to 7 %", "decrease", "14", "7", "%"),
            keyResult("Bring mobile largest contentful paint from 3.4 s to 2.5 s", "decrease", "3.4", "2.5", "s"))));
  }

  @Test
  void englishDraftSkipsObjectivesSharingOneWord() {
    DraftGenerator.Result result = draft("en", DEMO_STRATEGY_EN, List.of(), unrelatedDemoObjectives());

    assertThat(result.underWay()).extracting(entry -> entry.getString("title")).isEmpty();
  }

  @Test
  void germanDraftSkipsObjectivesSharingOneWord() {
    DraftGenerator.Result result = draft("de", WALK_STRATEGY_DE, List.of(), unrelatedDemoObjectives());

    assertThat(result.underWay()).extracting(entry -> entry.getString("title")).isEmpty();
  }

  @Test
  void underWayTermsAreTopicWords() {
    PastObjective own = ownMobileObjective();
    List<PastObjective> past = new ArrayList<>(unrelatedDemoObjectives());
    past.add(own);

    for (String language : List.of("en", "de")) {
      DraftGenerator.Result result = draft(language, language.equals("en") ? DEMO_STRATEGY_EN : WALK_STRATEGY_DE, List.of(), past);

      assertThat(result.underWay()).as(language).singleElement().satisfies(entry -> {
        assertThat(entry.getString("id")).isEqualTo(own.id().toString());
        List<Object> terms = entry.getJsonArray("terms").getList();
        assertThat(terms).as(language).contains("mobil", "app");
        assertThat(terms).as(language).doesNotContain("from", "increas", "1", "4", "per");
      });
    }
  }

  /** Returns the demo's live Q4 2026 objectives of Growth and Mobile App, with their key results as seeded. */
  private static List<PastObjective> demoGrowthAndMobileObjectives() {
    return List.of(
        liveObjective("Turn first-time buyers into regulars", "Growth", List.of(
            keyResult("Cut monthly customer churn from 4.6 % to 3.9 %", "decrease", "4.6", "3.9", "%"),
            keyResult("Raise the 90-day second-order rate from 18 % to 24 %", "increase", "18", "24", "%"),
            keyResult("Grow loyalty programme members from 210 k to 260 k", "increase", "210", "260", "k"))),
        liveObjective("Build an app customers open every week", "Mobile App", List.of(
            keyResult("Raise crash-free sessions from 99.2 % to 99.7 %", "increase", "99.20", "99.70", null),
            keyResult("Grow weekly active app users from 96 k to 130 k", "increase", "96", "130", "k"),
            keyResult("Raise the app's share of orders from 22 % to 30 %", "increase", "22", "30", "%"),
            keyResult("Ship shared wish lists", "increase", "0", "6", null))),
        liveObjective("Release the app every two weeks", "Mobile App", List.of(
            keyResult("Cut the app release cycle from 28 days to 14 days", "decrease", "28", "14", "days"),
            keyResult("Cover 80 % of critical flows with UI tests (from 45 %)", "increase", "45", "80", "%"),
            keyResult("Move app builds to the new CI pipeline", "increase", "0", "7", null))));
  }

  /** Returns the demo's German or English walk strategy. */
  private static String walkStrategy(String language) {
    return language.equals("en") ? DEMO_STRATEGY_EN : WALK_STRATEGY_DE;
  }

  private static String mobilePhrase(String language) {
    return language.equals("en") ? "ship the mobile app faster" : "die Mobile-App schneller ausliefern";
  }

  private static List<JsonObject> underWayTitled(DraftGenerator.Result result, String title) {
    return result.underWay().stream().filter(entry -> entry.getString("title").equals(title)).toList();
  }

  @Test
  void underWayNeedsTopicInOnePart() {
    for (String language : List.of("en", "de")) {
      DraftGenerator.Result result = draft(language, walkStrategy(language), List.of(), demoGrowthAndMobileObjectives());

      assertThat(result.underWay()).as(language).extracting(entry -> entry.getString("title"))
          .doesNotContain("Build an app customers open every week");
    }
  }

  @Test
  void releaseObjectiveAnswersShipClause() {
    for (String language : List.of("en", "de")) {
      DraftGenerator.Result result = draft(language, walkStrategy(language), List.of(), demoGrowthAndMobileObjectives());

      assertThat(underWayTitled(result, "Release the app every two weeks")).as(language).singleElement().satisfies(entry -> {
        assertThat(entry.getJsonArray("phrases").getList()).as(language).containsExactly(mobilePhrase(language));
        assertThat(entry.getJsonArray("terms").getList()).as(language).containsExactlyInAnyOrder("app", "releas");
      });
    }
  }

  /**
   * An objective with a churn key result is under way for "cut churn", because that key result
   * is the measure the clause names, and it shows "churn" as its only matched term.
   */
  @Test
  void churnKeyResultShowsOnlyChurn() {
    for (String language : List.of("en", "de")) {
      DraftGenerator.Result result = draft(language, walkStrategy(language), List.of(), demoGrowthAndMobileObjectives());
      String churn = language.equals("en") ? "cut churn" : "Abwanderung senken";

      assertThat(underWayTitled(result, "Turn first-time buyers into regulars")).as(language).singleElement().satisfies(entry -> {
        assertThat(entry.getJsonArray("phrases").getList()).as(language).containsExactly(churn);
        assertThat(entry.getJsonArray("terms").getList()).as(language).containsExactly("churn");
      });
    }
  }

  /** The demo walk's strategy for the Checkout unit, in English and German. */
  private static final Map<String, String> CHECKOUT_STRATEGY = Map.of(
      "en", "We want to cut churn and raise checkout conversion. Payments must become more reliable, and more customers"
          + " should check out as guests.",
      "de", "Wir wollen die Abwanderung senken und die Checkout-Conversion steigern. Zahlungen sollen zuverlässiger"
          + " werden, und mehr Kunden sollen als Gast bestellen.");

  /** Returns the drafted unit's guest checkout objective of the quarter before the drafted one, as the demo seeds it. */
  private static PastObjective previousGuestCheckout() {
    return new PastObjective(UUID.randomUUID(), "Let customers check out as guests", null, UNIT, "Checkout",
        UUID.randomUUID(), "2026-q3", "Q3 2026", LocalDate.parse("2026-07-01"), LocalDate.parse("2026-09-30"), List.of(
            keyResult("Reach 30 % of orders through guest checkout (from 0 %)", "increase", "0", "30", "%"),
            keyResult("Cut checkout form errors from 12 % to 6 %", "decrease", "12", "6", "%"),
            new PastKeyResult(UUID.randomUUID(), "Autocomplete addresses in every market", "binary", null, null, null)));
  }

  /**
   * Returns the drafted unit's copy of {@code previous} in the drafted cycle, with the given title,
   * linked to the original by carried-from ids when {@code linked}.
   */
  private static PastObjective ownCopy(PastObjective previous, String title, boolean linked) {
    List<PastKeyResult> keyResults = previous.keyResults().stream().filter(kr -> kr.start() != null)
        .map(kr -> new PastKeyResult(UUID.randomUUID(), kr.title(), kr.measurement(), kr.start(), kr.target(), kr.unit(),
            linked ? kr.id() : null))
        .toList();
    return new PastObjective(UUID.randomUUID(), title, null, UNIT, "Checkout", CYCLE, "2026-q4", "Q4 2026", CYCLE_START,
        CYCLE_LAST_DAY, keyResults, linked ? previous.id() : null);
  }

  private static List<String> keyResultSourceIds(List<Proposal> proposals) {
    return proposals.stream().flatMap(p -> p.keyResults().stream()).flatMap(kr -> kr.sources().stream())
        .map(source -> source.getString("id")).toList();
  }

  @Test
  void carriedOverObjectiveIsNotProposedAgain() {
    PastObjective previous = previousGuestCheckout();
    // Linked by carried-from ids, with the same title only, and with the same key results under a new title.
    List<PastObjective> copies = List.of(ownCopy(previous, previous.title(), true),
        ownCopy(previous, "let customers  check out as GUESTS", false),
        ownCopy(previous, "Make guest orders easy", false));

    for (PastObjective copy : copies) {
      for (String language : List.of("en", "de")) {
        DraftGenerator.Result result = draft(language, CHECKOUT_STRATEGY.get(language), List.of(), List.of(previous, copy));

        assertThat(citedIds(result.proposals())).as(copy.title() + " " + language).doesNotContain(previous.id().toString());
        assertThat(keyResultSourceIds(result.proposals())).as(copy.title() + " " + language)
            .doesNotContainAnyElementsOf(previous.keyResults().stream().map(kr -> kr.id().toString()).toList());
      }
    }
  }

  @Test
  void carriedOverObjectiveIsUnderWayInGerman() {
    PastObjective previous = previousGuestCheckout();
    PastObjective copy = ownCopy(previous, previous.title(), true);

    DraftGenerator.Result result = draft("de", CHECKOUT_STRATEGY.get("de"), List.of(), List.of(previous, copy));

    assertThat(result.underWay()).filteredOn(entry -> entry.getString("id").equals(copy.id().toString()))
        .singleElement().satisfies(entry -> {
          assertThat(entry.getJsonArray("phrases").getList()).containsExactly("mehr Kunden sollen als Gast bestellen");
          assertThat(entry.getBoolean("ownWork")).isTrue();
        });
    assertThat(result.ownWork()).contains("mehr Kunden sollen als Gast bestellen");
  }

  @Test
  void repeatedOwnWorkFollowsCarryChain() {
    PastObjective first = previousGuestCheckout();
    PastObjective second = new PastObjective(UUID.randomUUID(), "Grow guest checkout", null, UNIT, "Checkout",
        UUID.randomUUID(), "2026-q2", "Q2 2026", LocalDate.parse("2026-04-01"), LocalDate.parse("2026-06-30"),
        List.of(), first.id());
    PastObjective copy = new PastObjective(UUID.randomUUID(), "Guests check out in one step", null, UNIT, "Checkout",
        CYCLE, "2026-q4", "Q4 2026", CYCLE_START, CYCLE_LAST_DAY, List.of(), second.id());
    PastObjective otherUnitsLive = liveObjective("Guests check out in one step", "Web Shop", List.of());
    StrategyPhrases phrases = StrategyPhrases.of("en", "Grow guest checkout", term -> LIBRARY_INDEX.idf("en", term));
    DraftGenerator.Input input = new DraftGenerator.Input("en", phrases, UNIT, CYCLE, CYCLE_START, CYCLE_LAST_DAY, CYCLE_END,
        List.of(), TODAY);
    Map<String, PastObjective> past = new HashMap<>();
    List.of(first, second, copy, otherUnitsLive).forEach(objective -> past.put(objective.id().toString(), objective));

    DraftGenerator.Repeated repeated = DraftGenerator.repeatedOwnWork(input, past);

    assertThat(repeated.objectives()).containsExactlyInAnyOrder(first.id(), second.id());
    assertThat(repeated.objectives()).doesNotContain(otherUnitsLive.id());
  }

  @Test
  void englishKeyResultInGermanDraftIsMarked() {
    // Another unit's objective of an ended quarter: citable, in English, and about checkout conversion.
    // Its first key result pairs with a library metric, its second has no translation.
    PastObjective english = new PastObjective(UUID.randomUUID(), "Raise checkout conversion on every device", null,
        UUID.randomUUID(), "Web Shop", UUID.randomUUID(), "2026-q3", "Q3 2026", LocalDate.parse("2026-07-01"),
        LocalDate.parse("2026-09-30"), List.of(
            keyResult("Raise checkout conversion from 2.1 % to 3.0 %", "increase", "2.1", "3.0", "%"),
            keyResult("Cut checkout steps from 5 to 3", "decrease", "5", "3", null)));

    List<Proposal> proposals = generate("de", "Wir wollen die Checkout-Conversion steigern", List.of(), List.of(english));

    String translatedId = english.keyResults().get(0).id().toString();
    List<Proposal.KeyResult> keyResults = proposals.stream().flatMap(p -> p.keyResults().stream()).toList();
    assertThat(keyResults).filteredOn(kr -> kr.sources().get(0).getString("id").equals(translatedId))
        .extracting(Proposal.KeyResult::title, Proposal.KeyResult::originalLanguage)
        .containsExactly(tuple("Checkout-Conversion von 2,1 % auf 3 % steigern", null));
    for (Proposal.KeyResult kr : keyResults) {
      String expected = OkrText.detect(kr.title()).equals("de") ? null : "en";
      assertThat(kr.originalLanguage()).as(kr.title()).isEqualTo(expected);
    }
    for (Proposal proposal : proposals) {
      String expected = OkrText.detect(proposal.title()).equals("de") ? null : "en";
      assertThat(proposal.originalLanguage()).as(proposal.title()).isEqualTo(expected);
    }
  }

  @Test
  void coveringKeyResultJoinsOnlyItsTopic() {
    List<String> strategies = List.of("Raise the win rate of qualified opportunities, win more new customers in our core"
        + " markets, ship the mobile app faster and cut payment failures.", DEMO_STRATEGY_EN + " Cut payment failures.");
    for (String strategy : strategies) {
      assertPaymentKeyResultsOnTopic(draft("en", strategy, List.of(), List.of()));
    }
  }

  private static void assertPaymentKeyResultsOnTopic(DraftGenerator.Result result) {
    for (Proposal proposal : result.proposals()) {
      for (Proposal.KeyResult kr : proposal.keyResults()) {
        List<String> phrases = kr.sources().get(0).getJsonArray("phrases").stream().map(String::valueOf).toList();
        if (phrases.contains("cut payment failures") || phrases.contains("Cut payment failures")) {
          assertThat(proposal.title()).as(kr.title()).containsIgnoringCase("payment");
        }
      }
    }
  }

  @Test
  void ownKeyResultKeepsLibraryCopyOut() {
    PastObjective own = new PastObjective(UUID.randomUUID(), "Make payments reliable and cheaper", null, UNIT, "Checkout",
        CYCLE, "q4", "Q4 2026", CYCLE_START, CYCLE_LAST_DAY, List.of(
            keyResult("Reduce failed payment attempts from 6.5 % to 3.5 %", "decrease", "6.5", "3.5", "%")));
    String strategy = "Raise checkout conversion, let more customers check out as guests and cut payment failures.";

    DraftGenerator.Result result = draft("en", strategy, List.of(), List.of(own));

    assertThat(result.ownWork()).containsExactly("cut payment failures");
    assertThat(allTitles(result.proposals())).noneMatch(title -> title.startsWith("Reduce failed payment attempts"));
  }
}
