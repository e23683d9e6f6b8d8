package io.momentum.server.assist.drafts;

import io.momentum.server.assist.drafts.ExampleLibrary.Example;
import io.momentum.server.assist.drafts.ExampleLibrary.ExampleKeyResult;
import io.momentum.server.assist.drafts.PastOkrs.PastKeyResult;
import io.momentum.server.assist.drafts.PastOkrs.PastObjective;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The deterministic draft generator: turns retrieval hits over past OKRs and the example library
 * into 2 or 3 proposed objectives with 3 or 4 key results each, adapted to the unit's KPIs.
 * Proposals only ever come from hits, so each one has a source.
 */
final class DraftGenerator {

  /** Maximum number of objectives one draft proposes. */
  static final int MAX_PROPOSALS = 3;
  /** Minimum and maximum number of key results of a proposed objective. */
  static final int MIN_KEY_RESULTS = 3;
  static final int MAX_KEY_RESULTS = 4;
  /**
   * Share of its index's best score that a third objective needs. The first two hits are always
   * proposed, so a short strategy text still gets two proposals.
   */
  static final double MIN_RELATIVE_SCORE = 0.3;

  /** Inputs of one draft: its language, the strategy text's phrases, the end of its cycle and the unit's KPIs. */
  record Input(String language, List<String> phrases, Instant cycleEnd, List<KpiTargets.Kpi> kpis) {
  }

  /** A hit turned into an objective with candidate key results. */
  private record Candidate(String title, double relativeScore, JsonObject source, List<Seed> seeds) {
  }

  /** A candidate key result before the KPI adaptation; {@code step} is the source's relative change, or null. */
  private record Seed(String metric, String title, String measurement, BigDecimal start, BigDecimal target,
                      String unit, String indicator, JsonObject source, BigDecimal step) {
  }

  private final ExampleLibrary library;

  DraftGenerator(ExampleLibrary library) {
    this.library = library;
  }

  /** Generates proposals from the hits of both indexes, best first. */
  List<Proposal> generate(Input input, List<OkrIndex.Hit> libraryHits, List<OkrIndex.Hit> pastHits,
                          Map<String, PastObjective> past) {
    List<Candidate> candidates = new ArrayList<>();
    addLibraryCandidates(input, libraryHits, candidates);
    addPastCandidates(input, pastHits, past, candidates);
    candidates.sort(Comparator.comparingDouble(Candidate::relativeScore).reversed());

    List<Candidate> chosen = new ArrayList<>();
    Set<String> titles = new HashSet<>();
    for (Candidate candidate : candidates) {
      if (chosen.size() == MAX_PROPOSALS) {
        break;
      }
      if (chosen.size() >= 2 && candidate.relativeScore() < MIN_RELATIVE_SCORE) {
        break;
      }
      if (titles.add(candidate.title().toLowerCase(Locale.ROOT))) {
        chosen.add(candidate);
      }
    }

    List<Proposal> proposals = new ArrayList<>();
    Set<String> usedMetrics = new HashSet<>();
    Set<UUID> usedKpis = new HashSet<>();
    for (Candidate candidate : chosen) {
      String id = "p" + (proposals.size() + 1);
      List<Seed> seeds = keyResultSeeds(input, candidate, candidates, usedMetrics);
      Map<Integer, KpiTargets.Kpi> kpis = assignKpis(input, seeds, usedKpis);
      List<Proposal.KeyResult> keyResults = new ArrayList<>();
      for (int i = 0; i < seeds.size(); i++) {
        keyResults.add(adapt(input, id + "-k" + (i + 1), seeds.get(i), kpis.get(i)));
      }
      proposals.add(new Proposal(id, candidate.title(), List.of(candidate.source()), keyResults));
    }
    return proposals;
  }

  private void addLibraryCandidates(Input input, List<OkrIndex.Hit> hits, List<Candidate> candidates) {
    float top = hits.isEmpty() ? 1 : hits.get(0).score();
    for (OkrIndex.Hit hit : hits) {
      Example example = library.byId(hit.id());
      List<String> phrases = OkrText.matchingPhrases(input.language(), input.phrases(), hit.matchedTerms());
      JsonObject source = new JsonObject()
          .put("type", "library")
          .put("id", example.id())
          .put("function", example.function())
          .put("title", example.objective())
          .put("score", score(hit.score()))
          .put("terms", new JsonArray(List.copyOf(hit.matchedTerms())))
          .put("phrases", new JsonArray(phrases));
      List<Seed> seeds = new ArrayList<>();
      for (int i = 0; i < example.keyResults().size(); i++) {
        ExampleKeyResult kr = example.keyResults().get(i);
        JsonObject krSource = new JsonObject()
            .put("type", "library")
            .put("id", example.id())
            .put("function", example.function())
            .put("keyResult", i + 1)
            .put("title", kr.metric())
            .put("score", score(hit.score()))
            .put("phrases", new JsonArray(OkrText.matchingPhrases(input.language(), input.phrases(),
                OkrText.terms(input.language(), kr.metric()))));
        seeds.add(new Seed(kr.metric(), null, kr.direction(), kr.baseline(), kr.target(), unitOf(kr.unit()), kr.indicator(),
            krSource, KpiTargets.step(kr.baseline(), kr.target())));
      }
      candidates.add(new Candidate(example.objective(), hit.score() / top, source, seeds));
    }
  }

  private void addPastCandidates(Input input, List<OkrIndex.Hit> hits, Map<String, PastObjective> past,
                                 List<Candidate> candidates) {
    float top = hits.isEmpty() ? 1 : hits.get(0).score();
    for (OkrIndex.Hit hit : hits) {
      PastObjective objective = past.get(hit.id());
      JsonObject source = okrSource(objective, "objective", objective.id(), objective.title(), hit.score())
          .put("terms", new JsonArray(List.copyOf(hit.matchedTerms())))
          .put("phrases", new JsonArray(OkrText.matchingPhrases(input.language(), input.phrases(), hit.matchedTerms())));
      List<Seed> seeds = new ArrayList<>();
      for (PastKeyResult kr : objective.keyResults()) {
        String direction = direction(kr);
        if (direction == null) {
          // Milestone, binary, range and work-item key results have no baseline and target to carry over.
          continue;
        }
        JsonObject krSource = okrSource(objective, "key_result", kr.id(), kr.title(), hit.score())
            .put("objectiveId", objective.id().toString())
            .put("phrases", new JsonArray(OkrText.matchingPhrases(input.language(), input.phrases(),
                OkrText.terms(input.language(), kr.title()))));
        seeds.add(new Seed(kr.title(), kr.title(), direction, kr.start(), kr.target(), kr.unit(), null, krSource,
            KpiTargets.step(kr.start(), kr.target())));
      }
      candidates.add(new Candidate(objective.title(), hit.score() / top, source, seeds));
    }
  }

  private static JsonObject okrSource(PastObjective objective, String kind, UUID id, String title, float score) {
    return new JsonObject()
        .put("type", "okr")
        .put("kind", kind)
        .put("id", id.toString())
        .put("title", title)
        .put("cycleId", objective.cycleId().toString())
        .put("cycleKey", objective.cycleKey())
        .put("cycleName", objective.cycleName())
        .put("unitId", objective.unitId().toString())
        .put("unitName", objective.unitName())
        .put("score", score(score));
  }

  /** Returns increase or decrease for a past key result with a start and a target, else null. */
  private static String direction(PastKeyResult kr) {
    if (kr.start() == null || kr.target() == null) {
      return null;
    }
    return switch (kr.measurement()) {
      case "increase", "decrease" -> kr.measurement();
      case "kpi" -> kr.target().compareTo(kr.start()) >= 0 ? "increase" : "decrease";
      default -> null;
    };
  }

  /**
   * Returns the candidate's own key results, topped up to {@link #MIN_KEY_RESULTS} with key results
   * of other hits whose metric shares the most terms with the strategy text.
   */
  private List<Seed> keyResultSeeds(Input input, Candidate candidate, List<Candidate> candidates, Set<String> usedMetrics) {
    List<Seed> seeds = new ArrayList<>();
    for (Seed seed : candidate.seeds()) {
      if (seeds.size() < MAX_KEY_RESULTS && usedMetrics.add(seed.metric().toLowerCase(Locale.ROOT))) {
        seeds.add(seed);
      }
    }
    if (seeds.size() >= MIN_KEY_RESULTS) {
      return seeds;
    }

    Set<String> strategyTerms = new HashSet<>();
    input.phrases().forEach(phrase -> strategyTerms.addAll(OkrText.terms(input.language(), phrase)));
    List<Seed> others = new ArrayList<>();
    List<Integer> overlaps = new ArrayList<>();
    for (Candidate other : candidates) {
      for (Seed seed : other.seeds()) {
        Set<String> terms = OkrText.terms(input.language(), seed.metric());
        terms.retainAll(strategyTerms);
        if (!terms.isEmpty() && !usedMetrics.contains(seed.metric().toLowerCase(Locale.ROOT))) {
          others.add(seed);
          overlaps.add(terms.size());
        }
      }
    }

    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < others.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparing((Integer i) -> overlaps.get(i)).reversed());

    for (int i : order) {
      if (seeds.size() >= MIN_KEY_RESULTS) {
        break;
      }
      Seed seed = others.get(i);
      if (usedMetrics.add(seed.metric().toLowerCase(Locale.ROOT))) {
        seeds.add(seed);
      }
    }
    return seeds;
  }

  /**
   * Pairs seeds with KPIs of the unit, best overlap first, so each KPI adapts the key result it
   * fits best and at most one key result of the draft.
   */
  private static Map<Integer, KpiTargets.Kpi> assignKpis(Input input, List<Seed> seeds, Set<UUID> usedKpis) {
    record Pair(int seed, KpiTargets.Kpi kpi, double overlap) {
    }
    List<Pair> pairs = new ArrayList<>();
    for (int i = 0; i < seeds.size(); i++) {
      for (KpiTargets.Kpi kpi : input.kpis()) {
        double overlap = KpiTargets.overlap(kpi, input.language(), seeds.get(i).metric(), seeds.get(i).measurement());
        if (overlap > 0 && !usedKpis.contains(kpi.id())) {
          pairs.add(new Pair(i, kpi, overlap));
        }
      }
    }
    pairs.sort(Comparator.comparingDouble(Pair::overlap).reversed());
    Map<Integer, KpiTargets.Kpi> assigned = new HashMap<>();
    for (Pair pair : pairs) {
      if (!assigned.containsKey(pair.seed()) && !usedKpis.contains(pair.kpi().id())) {
        assigned.put(pair.seed(), pair.kpi());
        usedKpis.add(pair.kpi().id());
      }
    }
    return assigned;
  }

  /** Turns a seed into a key result, with numbers from {@code kpi} when it is not null and gives a target. */
  private Proposal.KeyResult adapt(Input input, String id, Seed seed, KpiTargets.Kpi kpi) {
    List<JsonObject> sources = new ArrayList<>();
    sources.add(seed.source());
    KpiTargets.Adaptation adaptation = kpi == null ? null : KpiTargets.adapt(kpi, input.cycleEnd(), seed.step());
    if (adaptation == null) {
      String title = seed.title() != null ? seed.title()
          : compose(input.language(), seed.measurement(), seed.metric(), seed.start(), seed.target(), seed.unit());
      return new Proposal.KeyResult(id, title, seed.measurement(), seed.start(), seed.target(), seed.unit(),
          seed.indicator(), sources);
    }
    sources.add(adaptation.source());
    String unit = kpi.unit() != null && !kpi.unit().isBlank() ? kpi.unit() : seed.unit();
    // A past key result's title names its old numbers, so an adapted one is written anew from the KPI's title.
    String metric = seed.title() != null ? kpi.title() : seed.metric();
    String title = compose(input.language(), seed.measurement(), metric, adaptation.baseline(), adaptation.target(), unit);
    return new Proposal.KeyResult(id, title, seed.measurement(), adaptation.baseline(), adaptation.target(), unit,
        seed.indicator(), sources);
  }

  /**
   * Writes a key result's title from its metric, direction and numbers, such as "Increase win rate
   * from 18% to 25%" or "Abschlussquote von 18 % auf 25 % steigern".
   */
  static String compose(String language, String direction, String metric, BigDecimal start, BigDecimal target, String unit) {
    boolean increase = direction.equals("increase");
    String from = number(start) + unitSuffix(language, unit);
    String to = number(target) + unitSuffix(language, unit);
    if (language.equals("de")) {
      return capitalise(metric) + " von " + from + " auf " + to + (increase ? " steigern" : " senken");
    }
    return (increase ? "Increase " : "Reduce ") + lowerFirst(metric) + " from " + from + " to " + to;
  }

  /** Returns the unit a key result stores: none for the library's plain counts, which the editor shows without a unit. */
  private static String unitOf(String libraryUnit) {
    return libraryUnit.equals("count") || libraryUnit.equals("Anzahl") ? null : libraryUnit;
  }

  private static String unitSuffix(String language, String unit) {
    if (unit == null || unit.isBlank()) {
      return "";
    }
    if (unit.equals("%")) {
      return language.equals("de") ? " %" : "%";
    }
    return " " + unit;
  }

  private static String number(BigDecimal value) {
    return value.stripTrailingZeros().toPlainString();
  }

  private static String capitalise(String text) {
    return text.isEmpty() ? text : text.substring(0, 1).toUpperCase(Locale.GERMAN) + text.substring(1);
  }

  /** Lower-cases the first letter unless the second is upper-case too, which keeps acronyms such as "NPS". */
  private static String lowerFirst(String text) {
    if (text.length() > 1 && Character.isUpperCase(text.charAt(1))) {
      return text;
    }
    return text.isEmpty() ? text : text.substring(0, 1).toLowerCase(Locale.ROOT) + text.substring(1);
  }

  private static double score(float score) {
    return BigDecimal.valueOf(score).setScale(3, RoundingMode.HALF_UP).doubleValue();
  }
}
