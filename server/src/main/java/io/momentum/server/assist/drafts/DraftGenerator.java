package io.momentum.server.assist.drafts;

import io.momentum.server.assist.drafts.ExampleLibrary.Example;
import io.momentum.server.assist.drafts.ExampleLibrary.ExampleKeyResult;
import io.momentum.server.assist.drafts.PastOkrs.PastKeyResult;
import io.momentum.server.assist.drafts.PastOkrs.PastObjective;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The deterministic draft generator: turns retrieval hits over past OKRs and the example library
 * into 2 or 3 proposed objectives with 2 to 4 key results each, adapted to the unit's KPIs.
 * Proposals only ever come from hits, so each one has a source. Every key result answers a phrase
 * of the strategy, and a proposal claims exactly the phrases its key results answer.
 */
final class DraftGenerator {

  /** Maximum number of objectives one draft proposes. */
  static final int MAX_PROPOSALS = 3;
  /**
   * Minimum and maximum number of key results of a proposed objective. A proposal is topped up to
   * {@link #TOPPED_UP_KEY_RESULTS} with key results that answer a phrase, and keeps fewer when
   * not enough of them exist.
   */
  static final int MIN_KEY_RESULTS = 2;
  static final int TOPPED_UP_KEY_RESULTS = 3;
  static final int MAX_KEY_RESULTS = 4;
  /**
   * Share of its index's best score that a third objective needs. The first two hits are always
   * proposed, so a short strategy text still gets two proposals.
   */
  static final double MIN_RELATIVE_SCORE = 0.3;
  /** Library units that name the kind of number, not a unit to write after it. */
  private static final Set<String> UNITLESS = Set.of("count", "Anzahl", "ratio", "Verhältnis", "rate", "Rate");

  /**
   * Number of objectives under way that one draft lists to align with, unless more are needed to
   * give each phrase of the strategy one.
   */
  static final int MAX_UNDER_WAY = 3;
  /**
   * Words, in English and German, of a business that sells to businesses: customer accounts,
   * contracts, trials, seats, licences and recurring revenue. Only with one of them in the
   * strategy or the organisation's OKRs does a draft offer library examples tagged
   * {@link ExampleLibrary#B2B}. The singular "account" is left out, because shops have guest
   * checkouts "without an account".
   */
  static final Pattern B2B_WORDS = Pattern.compile("\\b(?:ARR|MRR|NRR|(?i:accounts|contracts?|trials?|seats?|b2b|saas"
      + "|licen[cs]es?|renewals?|kundenkonten|vertr[aä]g\\p{L}*|testphasen?|lizenz\\p{L}*|nutzerpl[aä]tze?))\\b",
      Pattern.UNICODE_CASE);
  /**
   * Minimum number of words shared by one part of an objective under way in the other language
   * (its title or one key result's title) and one part of a translated library example (its
   * objective title or one metric). Only then does the objective answer the phrase that found the
   * example. One shared word such as "customers" is too common to tie an objective to a phrase.
   */
  static final int MIN_BRIDGED_WORDS = 2;
  /**
   * Minimum number of topic words of a phrase ({@link StrategyPhrases#isTopicTerm}) that an
   * objective under way must match to be listed as answering it. A phrase with fewer topic words
   * needs all of them.
   */
  static final int MIN_TOPIC_WORDS = 2;

  /**
   * Inputs of one draft: its language, the strategy text's phrases, the unit and cycle it is for,
   * the first and last day of the cycle and the instant it ends, and the unit's KPIs. {@code today}
   * is the day the draft is made, which decides which objectives are still under way.
   */
  record Input(String language, StrategyPhrases phrases, UUID unitId, UUID cycleId, LocalDate cycleStart,
               LocalDate cycleLastDay, Instant cycleEnd, List<KpiTargets.Kpi> kpis, LocalDate today) {
  }

  /**
   * Retrieval hits of one draft: those of the whole strategy text in the library and in the
   * organisation's OKRs, and those of each phrase of {@link StrategyPhrases#outcomes()} alone,
   * which find what a short phrase asks for when longer ones dominate the whole text's ranking.
   */
  record Hits(List<OkrIndex.Hit> library, List<OkrIndex.Hit> past, Map<String, List<OkrIndex.Hit>> libraryByPhrase,
              Map<String, List<OkrIndex.Hit>> pastByPhrase, Map<String, List<Bridge>> bridgedByPhrase) {

    /** Returns hits without bridges into the other language. */
    Hits(List<OkrIndex.Hit> library, List<OkrIndex.Hit> past, Map<String, List<OkrIndex.Hit>> libraryByPhrase,
         Map<String, List<OkrIndex.Hit>> pastByPhrase) {
      this(library, past, libraryByPhrase, pastByPhrase, Map.of());
    }
  }

  /**
   * A hit over the organisation's OKRs in the other language, found through the library: a phrase
   * matched {@code example} in the draft's language, and the search for its translation
   * {@code sibling} returned {@code hit}. Key results of the hit's objective that name a metric of
   * {@code sibling} are proposed with the wording of the paired metric of {@code example}.
   */
  record Bridge(OkrIndex.Hit hit, Example example, Example sibling) {
  }

  /**
   * The proposals of a draft, best first, the phrases of the strategy that nothing proposed
   * answers, and the retrieved objectives already under way that the unit should align with.
   * {@code ownWork} lists the phrases that the drafted unit's own objectives in the drafted cycle
   * answer already, so no proposal is made for them.
   */
  record Result(List<Proposal> proposals, List<String> unmatched, List<JsonObject> underWay, List<String> ownWork) {
  }

  /**
   * The drafted unit's own objectives under way in the drafted cycle and the phrases of the
   * strategy that they answer. A draft never proposes them, nor a library example again that
   * one of them was made from or whose phrases they all answer already.
   */
  private record OwnWork(List<PastObjective> objectives, Set<String> phrases) {
  }

  /**
   * Objectives and key results of other cycles that the drafted unit's own work in the drafted
   * cycle repeats, by id. A draft neither proposes nor borrows from them, because the unit works on
   * them already.
   */
  record Repeated(Set<UUID> objectives, Set<UUID> keyResults) {

    boolean contains(PastObjective objective) {
      return objective != null && objectives.contains(objective.id());
    }
  }

  /**
   * A hit turned into an objective with candidate key results. A candidate that is not
   * {@code proposable} is an objective under way: it is never proposed, but its key results may
   * join other proposals with their real numbers.
   */
  private record Candidate(String title, double relativeScore, JsonObject source, List<Seed> seeds, boolean proposable) {
  }

  /**
   * A candidate key result before the KPI adaptation. {@code matchText} is what strategy phrases
   * are matched against (the metric and its synonyms), {@code objective} is the title of the
   * objective it comes from, {@code step} is the source's relative change, or null, and
   * {@code place} is the place of a phrase that the title names after the metric ("in the DACH
   * region"), or null.
   */
  private record Seed(String metric, String matchText, String objective, String title, String measurement, BigDecimal start,
                      BigDecimal target, String unit, String indicator, JsonObject source, BigDecimal step, String place) {

    /** Returns the text that strategy phrases are matched against, with the place it was given. */
    String answerText() {
      return place == null ? matchText : matchText + " " + place;
    }

    Seed withPlace(String qualifier) {
      return new Seed(metric, matchText, objective, title, measurement, start, target, unit, indicator, source, step,
          qualifier);
    }
  }

  /** A chosen candidate and the key results it will propose. */
  private record Plan(Candidate candidate, List<Seed> seeds) {
  }

  private final ExampleLibrary library;

  DraftGenerator(ExampleLibrary library) {
    this.library = library;
  }

  /**
   * Generates proposals from the hits, best first. The whole text's best hits become the
   * objectives. Then every phrase of the strategy that names an outcome and that no proposal
   * answers yet is covered from that phrase's own hits: by one more objective while fewer than
   * {@link #MAX_PROPOSALS} are chosen, else by a key result added to, or swapped into, a chosen
   * objective. A phrase that no hit answers is returned as unmatched.
   */
  Result generate(Input input, Hits hits, Map<String, PastObjective> past) {
    Map<String, Set<String>> underWayTerms = new HashMap<>();
    Map<String, Set<String>> underWayPhrases = underWayPhrases(input, hits, past, underWayTerms);
    OwnWork ownWork = ownWork(input, past, underWayPhrases);
    Repeated repeated = repeatedOwnWork(input, past);
    boolean b2b = sellsToBusinesses(input, past);
    List<Candidate> candidates = new ArrayList<>();
    addLibraryCandidates(input, fitting(hits.library(), b2b), ownWork, candidates);
    addPastCandidates(input, hits.past(), past, repeated, candidates);
    hits.bridgedByPhrase().values().forEach(bridges -> addBridgedCandidates(input, bridges, past, repeated, candidates));
    dropOwnWorkSeeds(input, ownWork, candidates);
    candidates.sort(Comparator.comparingDouble(Candidate::relativeScore).reversed());
    List<Candidate> retrieved = new ArrayList<>(candidates);

    List<Plan> plans = new ArrayList<>();
    Set<String> titles = new HashSet<>();
    Set<String> usedMetrics = new HashSet<>();
    // Candidates that answer only phrases a chosen proposal answers already wait until every
    // phrase had its chance, so that each part of the strategy gets its own proposal first.
    List<Candidate> deferred = new ArrayList<>();
    for (Candidate candidate : candidates) {
      if (plans.size() == MAX_PROPOSALS) {
        break;
      }
      if (plans.size() >= 2 && candidate.relativeScore() < MIN_RELATIVE_SCORE) {
        break;
      }
      if (!candidate.proposable() || titles.contains(candidate.title().toLowerCase(Locale.ROOT))) {
        continue;
      }
      // A candidate that answers no phrase of the strategy would be a proposal without a reason.
      // Its own key results must answer one: neither its title nor key results borrowed from
      // other hits to top it up make an unrelated objective relevant.
      List<String> own = addressedPhrases(input, new Plan(candidate, candidate.seeds()));
      if (own.isEmpty()) {
        continue;
      }
      if (own.stream().allMatch(phrase -> plans.stream().anyMatch(plan -> addresses(input, phrase, plan)))) {
        deferred.add(candidate);
        continue;
      }
      choose(input, candidate, candidates, plans, titles, usedMetrics);
    }

    qualifyPlaces(input, plans);
    List<String> unmatched = new ArrayList<>();
    for (String phrase : input.phrases().outcomes()) {
      if (answered(input, phrase, plans) || ownWork.phrases().contains(phrase)) {
        continue;
      }
      if (plans.stream().anyMatch(plan -> addresses(input, phrase, plan))) {
        // Answered except for its place, which no key result could be given: listed as unmatched.
        unmatched.add(phrase);
        continue;
      }
      List<Candidate> phraseCandidates = new ArrayList<>();
      addLibraryCandidates(input, fitting(hits.libraryByPhrase().getOrDefault(phrase, List.of()), b2b), ownWork,
          phraseCandidates);
      addPastCandidates(input, hits.pastByPhrase().getOrDefault(phrase, List.of()), past, repeated, phraseCandidates);
      addBridgedCandidates(input, hits.bridgedByPhrase().getOrDefault(phrase, List.of()), past, repeated, phraseCandidates);
      dropOwnWorkSeeds(input, ownWork, phraseCandidates);
      phraseCandidates.sort(Comparator.comparingDouble(Candidate::relativeScore).reversed());
      retrieved.addAll(phraseCandidates);
      if (!cover(input, phrase, phraseCandidates, plans, titles, usedMetrics)) {
        unmatched.add(phrase);
      }
    }
    qualifyPlaces(input, plans);

    for (Candidate candidate : deferred) {
      if (plans.size() == MAX_PROPOSALS || (plans.size() >= 2 && candidate.relativeScore() < MIN_RELATIVE_SCORE)) {
        break;
      }
      if (!titles.contains(candidate.title().toLowerCase(Locale.ROOT))) {
        choose(input, candidate, candidates, plans, titles, usedMetrics);
      }
    }

    preferOwnNumbers(input, plans, retrieved);
    preferDraftLanguage(input, plans, retrieved, past);

    List<Proposal> proposals = new ArrayList<>();
    Set<UUID> usedKpis = new HashSet<>();
    for (Plan plan : plans) {
      if (answeredPhrases(input, plan).isEmpty() || plan.seeds().size() < MIN_KEY_RESULTS) {
        // A proposal without a phrase it answers has no reason to be offered.
        continue;
      }
      String id = "p" + (proposals.size() + 1);
      List<Seed> planned = withoutWorkUnderWay(input, plan.seeds(), ownWork, past, underWayPhrases,
          underWayTerms);
      Map<Integer, KpiTargets.Kpi> kpis = assignKpis(input, planned, usedKpis);
      List<Seed> seeds = new ArrayList<>();
      List<Seed> trackedElsewhere = new ArrayList<>();
      List<Proposal.KeyResult> keyResults = new ArrayList<>();
      Seed trackedKept = null;
      for (int i = 0; i < planned.size(); i++) {
        Proposal.KeyResult kr = adapt(input, id + "-k" + (seeds.size() + 1), planned.get(i), kpis.get(i), past);
        if (kr.alreadyTrackedBy() != null && trackedKept != null) {
          trackedElsewhere.add(planned.get(i));
          continue;
        }
        if (kr.alreadyTrackedBy() != null) {
          trackedKept = planned.get(i);
        }
        seeds.add(planned.get(i));
        keyResults.add(kr);
      }
      // A proposal copies at most one key result that another unit tracks, and only beside key results of its own.
      // The draft lists the objectives of the others under way, so the team contributes to them.
      addTrackedAsUnderWay(input, trackedElsewhere, underWayPhrases, underWayTerms);
      List<String> answers = answeredPhrases(input, new Plan(plan.candidate(), seeds));
      boolean ownKeyResult = keyResults.stream().anyMatch(kr -> kr.alreadyTrackedBy() == null);
      if (!ownKeyResult || keyResults.size() < MIN_KEY_RESULTS || answers.isEmpty()) {
        if (trackedKept != null) {
          addTrackedAsUnderWay(input, List.of(trackedKept), underWayPhrases, underWayTerms);
        }
        continue;
      }
      JsonObject source = plan.candidate().source().copy().put("phrases", new JsonArray(answers));
      String originalLanguage = "objective".equals(source.getString("kind"))
          ? otherLanguage(input, past.get(source.getString("id"))) : null;
      proposals.add(new Proposal(id, plan.candidate().title(), List.of(source), keyResults, originalLanguage));
    }
    List<String> ownWorkPhrases = input.phrases().outcomes().stream().filter(ownWork.phrases()::contains).toList();
    return new Result(proposals, unmatched, underWay(input, underWayPhrases, underWayTerms, hits, past), ownWorkPhrases);
  }

  /**
   * Returns the library hits without the examples tagged {@link ExampleLibrary#B2B}, unless
   * {@code b2b} is true.
   */
  private List<OkrIndex.Hit> fitting(List<OkrIndex.Hit> hits, boolean b2b) {
    if (b2b) {
      return hits;
    }
    return hits.stream().filter(hit -> !library.byId(hit.id()).tags().contains(ExampleLibrary.B2B)).toList();
  }

  /**
   * Returns true when the strategy text, or a title of the organisation's objectives or measured
   * key results, has a word of {@link #B2B_WORDS}. Milestone and binary key results do not count,
   * because a retailer's "Sign the peak staffing contract" is a task, not a measure of its
   * customers.
   */
  private static boolean sellsToBusinesses(Input input, Map<String, PastObjective> past) {
    if (B2B_WORDS.matcher(String.join("\n", input.phrases().texts())).find()) {
      return true;
    }
    for (PastObjective objective : past.values()) {
      if (B2B_WORDS.matcher(objective.title()).find()) {
        return true;
      }
      for (PastKeyResult kr : objective.keyResults()) {
        if (direction(kr) != null && B2B_WORDS.matcher(kr.title()).find()) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Records, for the objective of each seed, the phrases that the seed answers and the seed's words
   * that matched them, so that {@link #underWay} lists those objectives.
   */
  private static void addTrackedAsUnderWay(Input input, List<Seed> seeds, Map<String, Set<String>> underWayPhrases,
                                           Map<String, Set<String>> underWayTerms) {
    for (Seed seed : seeds) {
      String objectiveId = seed.source().getString("objectiveId");
      List<String> phrases = answeredPhrases(input, seed);
      Set<String> seedTerms = input.phrases().termsOf(seed.answerText());
      for (String phrase : phrases) {
        Set<String> matched = input.phrases().contentTermsOf(phrase);
        matched.retainAll(seedTerms);
        underWayPhrases.computeIfAbsent(objectiveId, id -> new HashSet<>()).add(phrase);
        underWayTerms.computeIfAbsent(objectiveId, id -> new HashSet<>()).addAll(matched);
      }
    }
  }

  /**
   * Returns the seeds without those that work under way measures already. A key result of the
   * organisation leaves when its objective is under way for every phrase that the key result
   * answers and its title shares each phrase's topic ({@link #titleAnswers}). The draft lists that
   * objective, and a proposal copying its key result would ask the team to measure it twice. A library key result leaves when a key result of the unit's own
   * objectives under way measures the same metric ({@link #repeatsMetric}), as "Raise CSAT from
   * 84 % to 89 %" does "customer satisfaction score after a support contact". Its own objective
   * is then listed under way for the library key result's phrases, so the unit's own measure wins
   * over the example's typical numbers.
   */
  private static List<Seed> withoutWorkUnderWay(Input input, List<Seed> seeds, OwnWork own, Map<String, PastObjective> past,
                                                Map<String, Set<String>> underWayPhrases,
                                                Map<String, Set<String>> underWayTerms) {
    List<Seed> kept = new ArrayList<>();
    for (Seed seed : seeds) {
      List<String> phrases = answeredPhrases(input, seed);
      if (phrases.isEmpty()) {
        kept.add(seed);
        continue;
      }
      if (seed.title() != null) {
        String objectiveId = seed.source().getString("objectiveId");
        Set<String> listed = underWayPhrases.getOrDefault(objectiveId, Set.of());
        if (!listed.containsAll(phrases) || !titleAnswers(input, past.get(objectiveId), phrases,
            underWayTerms.getOrDefault(objectiveId, Set.of()))) {
          kept.add(seed);
        }
        continue;
      }
      Optional<OwnMeasure> measure = ownMeasure(input, seed, own);
      if (measure.isEmpty()) {
        kept.add(seed);
        continue;
      }
      String objectiveId = measure.get().objective().id().toString();
      Set<String> measureTerms = input.phrases().termsOf(measure.get().keyResult().title());
      for (String phrase : phrases) {
        Set<String> matched = input.phrases().contentTermsOf(phrase);
        matched.retainAll(measureTerms);
        matched.removeIf(term -> !StrategyPhrases.isTopicTerm(input.language(), term));
        if (matched.isEmpty()) {
          matched = StrategyPhrases.topicTerms(input.language(), measure.get().keyResult().title());
        }
        underWayPhrases.computeIfAbsent(objectiveId, id -> new HashSet<>()).add(phrase);
        underWayTerms.computeIfAbsent(objectiveId, id -> new HashSet<>()).addAll(matched);
      }
    }
    return kept;
  }

  /**
   * Returns true when the objective's title shares the topic of every phrase ({@link #topicMatch}).
   * For an objective in the other language, one of {@code matchedTerms}, the words that listed it
   * under way, must be a topic word of its title. An objective listed under way only through the
   * key result a proposal copies is not enough, because that key result is then the one tracked
   * key result a proposal may keep.
   */
  private static boolean titleAnswers(Input input, PastObjective objective, List<String> phrases,
                                      Set<String> matchedTerms) {
    if (objective == null) {
      return false;
    }
    String language = otherLanguage(input, objective);
    if (language != null) {
      // Matched through a translated example: the words that matched are in the objective's language.
      Set<String> titleTopic = StrategyPhrases.topicTerms(language, objective.title());
      return matchedTerms.stream().anyMatch(titleTopic::contains);
    }
    Set<String> titleTerms = input.phrases().termsOf(objective.title());
    Set<String> objectiveTerms = input.phrases().termsOf(objective.searchText());
    return phrases.stream().noneMatch(phrase -> topicMatch(input, phrase, titleTerms, objectiveTerms).isEmpty());
  }

  /** A key result of the drafted unit's own objective under way. */
  private record OwnMeasure(PastObjective objective, PastKeyResult keyResult) {
  }

  /**
   * Returns the first key result of the unit's own objectives under way that measures the seed's
   * metric: one metric's topic words contain the other's, or the seed's metric, synonyms and unit
   * contain all of the own key result's. So "Cut the lead time for a new service from 5 days to 1
   * day" measures "time from requesting a new service to its first deployment" in days, whose
   * synonyms name the lead time for a new service.
   */
  private static Optional<OwnMeasure> ownMeasure(Input input, Seed seed, OwnWork own) {
    // An own key result's title names its unit ("5 days"), so the seed's unit counts as one of its words.
    String seedText = seed.unit() == null ? seed.matchText() : seed.matchText() + " " + seed.unit();
    Set<String> seedTerms = metricTerms(input.language(), seedText);
    for (PastObjective objective : own.objectives()) {
      for (PastKeyResult kr : objective.keyResults()) {
        Seed measured = new Seed(kr.title(), kr.title(), objective.title(), kr.title(), null, null, null, null, null,
            new JsonObject(), null, null);
        Set<String> ownTerms = metricTerms(input.language(), kr.title());
        boolean sameMetric = repeatsMetric(input, measured, List.of(seed))
            || (!ownTerms.isEmpty() && seedTerms.containsAll(ownTerms));
        if (direction(kr) != null && sameMetric) {
          return Optional.of(new OwnMeasure(objective, kr));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Replaces each library key result of the plans by a key result of the organisation that
   * measures the same metric and answers the same phrases, so that the organisation's real numbers
   * win over the library's typical ones. A library key result given a place keeps its own numbers,
   * because the organisation's were measured for another scope.
   */
  private static void preferOwnNumbers(Input input, List<Plan> plans, List<Candidate> retrieved) {
    Set<String> used = new HashSet<>();
    for (Plan plan : plans) {
      plan.seeds().stream().filter(seed -> seed.title() != null).forEach(seed -> used.add(seed.source().getString("id")));
    }
    for (Plan plan : plans) {
      List<Seed> seeds = plan.seeds();
      for (int i = 0; i < seeds.size(); i++) {
        Seed library = seeds.get(i);
        if (library.title() != null || library.place() != null) {
          continue;
        }
        List<String> phrases = answeredPhrases(input, library);
        for (Seed own : retrieved.stream().flatMap(candidate -> candidate.seeds().stream()).toList()) {
          boolean sameMetric = own.title() != null && repeatsMetric(input, own, List.of(library));
          if (sameMetric && !used.contains(own.source().getString("id"))
              && answeredPhrases(input, own).containsAll(phrases)) {
            seeds.set(i, own);
            used.add(own.source().getString("id"));
            break;
          }
        }
      }
    }
  }

  /**
   * Replaces each key result of the plans that is the organisation's own, written in the other
   * language, by its translation through the library when one was retrieved: the paired metric of
   * a library example in the draft's language with the organisation's numbers
   * ({@link #addBridgedCandidates}). A key result without one keeps its title and is marked with
   * its language.
   */
  private static void preferDraftLanguage(Input input, List<Plan> plans, List<Candidate> retrieved,
                                          Map<String, PastObjective> past) {
    Map<String, Seed> translated = new HashMap<>();
    for (Candidate candidate : retrieved) {
      candidate.seeds().stream().filter(seed -> seed.source().containsKey("via"))
          .forEach(seed -> translated.putIfAbsent(seed.source().getString("id"), seed));
    }
    for (Plan plan : plans) {
      List<Seed> seeds = plan.seeds();
      for (int i = 0; i < seeds.size(); i++) {
        Seed seed = seeds.get(i);
        Seed translation = seed.title() == null || seed.source().containsKey("via")
            ? null : translated.get(seed.source().getString("id"));
        if (translation != null && otherLanguage(input, past.get(seed.source().getString("objectiveId"))) != null) {
          seeds.set(i, translation);
        }
      }
    }
  }

  /**
   * Returns the language an objective of the organisation is written in, detected from its title,
   * description and key results, when it is not the draft's language, else null.
   */
  private static String otherLanguage(Input input, PastObjective objective) {
    if (objective == null) {
      return null;
    }
    String language = OkrText.detect(objective.searchText());
    return language.equals(input.language()) ? null : language;
  }

  /**
   * Adds {@code candidate} as a proposal with its key results, topped up from {@code candidates},
   * unless fewer than {@link #MIN_KEY_RESULTS} of them answer a phrase.
   */
  private void choose(Input input, Candidate candidate, List<Candidate> candidates, List<Plan> plans, Set<String> titles,
                      Set<String> usedMetrics) {
    Set<String> metrics = new HashSet<>(usedMetrics);
    List<Seed> seeds = keyResultSeeds(input, candidate, candidates, metrics);
    if (seeds.size() < MIN_KEY_RESULTS) {
      return;
    }
    titles.add(candidate.title().toLowerCase(Locale.ROOT));
    usedMetrics.addAll(metrics);
    plans.add(new Plan(candidate, seeds));
  }

  /**
   * Returns the phrases a plan's key results answer, in text order. The objective's title alone
   * answers nothing, because the key results are what the unit will measure.
   */
  private static List<String> answeredPhrases(Input input, Plan plan) {
    Set<String> answered = new HashSet<>();
    for (Seed seed : plan.seeds()) {
      answered.addAll(answeredPhrases(input, seed));
    }
    return input.phrases().texts().stream().filter(answered::contains).toList();
  }

  /** Returns the phrases a plan answers fully or, leaving out their place, partly, in text order. */
  private static List<String> addressedPhrases(Input input, Plan plan) {
    return input.phrases().texts().stream().filter(phrase -> addresses(input, phrase, plan)).toList();
  }

  /** Returns true when one of the plan's key results answers the phrase, at least except for its place. */
  private static boolean addresses(Input input, String phrase, Plan plan) {
    return plan.seeds().stream().anyMatch(seed -> addresses(input, phrase, seed));
  }

  /** Returns the phrases the seed answers ({@link #answers(Input, String, Seed)}), in text order. */
  private static List<String> answeredPhrases(Input input, Seed seed) {
    return input.phrases().texts().stream().filter(phrase -> answers(input, phrase, seed)).toList();
  }

  /**
   * Returns true when the key result answers the phrase: by its own words, or by sharing at least
   * one content word of the phrase while the objective it comes from answers the phrase. So
   * "new-customer revenue per quarter" of "Win more new customers in our core markets" answers
   * "win more new customers in our core markets", but a key result that shares no word with a
   * phrase never answers it through its objective's title.
   */
  private static boolean answers(Input input, String phrase, Seed seed) {
    StrategyPhrases phrases = input.phrases();
    Set<String> own = phrases.termsOf(seed.answerText());
    return phrases.answers(phrase, own)
        || phrases.sharesAnyContent(phrase, own) && phrases.answers(phrase, withObjective(input, seed, own));
  }

  /**
   * As {@link #answers(Input, String, Seed)}, but also true when a library key result only lacks the
   * phrase's place, which {@link #qualifyPlaces} gives it. A past key result never takes a place.
   */
  private static boolean addresses(Input input, String phrase, Seed seed) {
    if (seed.title() != null) {
      return answers(input, phrase, seed);
    }
    StrategyPhrases phrases = input.phrases();
    Set<String> own = phrases.termsOf(seed.answerText());
    if (phrases.answers(phrase, own) || phrases.answersPartly(phrase, own)) {
      return true;
    }
    Set<String> combined = withObjective(input, seed, own);
    return phrases.sharesAnyContent(phrase, own) && (phrases.answers(phrase, combined) || phrases.answersPartly(phrase, combined));
  }

  private static Set<String> withObjective(Input input, Seed seed, Set<String> own) {
    Set<String> combined = new HashSet<>(own);
    combined.addAll(input.phrases().termsOf(seed.objective()));
    return combined;
  }

  /** Returns true when the seed answers at least one phrase of the strategy, at least except for its place. */
  private static boolean addressesAny(Input input, Seed seed) {
    return !addressedPhrases(input, seed).isEmpty();
  }

  private static List<String> addressedPhrases(Input input, Seed seed) {
    return input.phrases().outcomes().stream().filter(phrase -> addresses(input, phrase, seed)).toList();
  }

  /**
   * Gives the place of a phrase to every key result that answers the phrase except for its place,
   * after its metric, so "Grow revenue in the DACH region" is answered by "Increase self-service
   * revenue per month in the DACH region from 80 to 120 kEUR" and never by key results that leave
   * the region out. The objective's title of such a key result gets the place too when it shares
   * the phrase's words: at the end, or in German before a final verb.
   */
  private static void qualifyPlaces(Input input, List<Plan> plans) {
    for (String phrase : input.phrases().outcomes()) {
      String qualifier = input.phrases().placeQualifier(phrase);
      if (qualifier == null) {
        continue;
      }
      for (int i = 0; i < plans.size(); i++) {
        Plan plan = plans.get(i);
        if (!addresses(input, phrase, plan)) {
          continue;
        }
        List<Seed> seeds = plan.seeds();
        for (int k = 0; k < seeds.size(); k++) {
          Seed seed = seeds.get(k);
          // A past key result's numbers were measured for its own scope, so naming a place they did not measure
          // would state false numbers: only library examples, whose numbers are to be adapted, take the place.
          if (seed.place() == null && seed.title() == null && !answers(input, phrase, seed)
              && answers(input, phrase, seed.withPlace(qualifier))) {
            seeds.set(k, seed.withPlace(qualifier));
          }
        }
        Candidate candidate = plan.candidate();
        StrategyPhrases phrases = input.phrases();
        if (answered(input, phrase, List.of(plan)) && phrases.answersPartly(phrase, phrases.termsOf(candidate.title()))) {
          plans.set(i, new Plan(new Candidate(withPlace(input.language(), candidate.title(), qualifier),
              candidate.relativeScore(), candidate.source(), candidate.seeds(), candidate.proposable()), seeds));
        }
      }
    }
  }

  /** Adds a place such as "in the DACH region" to an objective's title: at the end, or in German before a final verb. */
  static String withPlace(String language, String title, String place) {
    String trimmed = title.strip();
    int lastSpace = trimmed.lastIndexOf(' ');
    String lastWord = lastSpace < 0 ? trimmed : trimmed.substring(lastSpace + 1);
    boolean finalVerb = language.equals("de") && lastSpace > 0 && Character.isLowerCase(lastWord.charAt(0))
        && lastWord.endsWith("n");
    if (finalVerb) {
      return trimmed.substring(0, lastSpace) + " " + place + " " + lastWord;
    }
    return trimmed + " " + place;
  }

  /** Returns true when a key result of one of the plans answers the phrase. */
  private static boolean answered(Input input, String phrase, List<Plan> plans) {
    return plans.stream().anyMatch(plan -> plan.seeds().stream().anyMatch(seed -> answers(input, phrase, seed)));
  }

  /**
   * Covers {@code phrase} from its own hits and returns false when none of them answers it. While
   * there is room, a new objective is chosen. Otherwise the best answering key result joins the
   * plan with the fewest key results. When every plan is full, it replaces a key result whose
   * phrases other key results still answer.
   */
  private boolean cover(Input input, String phrase, List<Candidate> phraseCandidates, List<Plan> plans, Set<String> titles,
                        Set<String> usedMetrics) {
    if (plans.size() < MAX_PROPOSALS) {
      for (Candidate candidate : phraseCandidates) {
        boolean answering = candidate.seeds().stream().anyMatch(seed -> addresses(input, phrase, seed));
        if (!answering || !candidate.proposable() || titles.contains(candidate.title().toLowerCase(Locale.ROOT))) {
          continue;
        }
        Set<String> metrics = new HashSet<>(usedMetrics);
        Plan plan = new Plan(candidate, keyResultSeeds(input, candidate, phraseCandidates, metrics));
        if (plan.seeds().size() >= MIN_KEY_RESULTS && addresses(input, phrase, plan)) {
          titles.add(candidate.title().toLowerCase(Locale.ROOT));
          usedMetrics.addAll(metrics);
          plans.add(plan);
          return true;
        }
      }
    }
    for (Candidate candidate : phraseCandidates) {
      for (Seed seed : candidate.seeds()) {
        boolean repeated = plans.stream().anyMatch(plan -> repeatsMetric(input, seed, plan.seeds()));
        if (addresses(input, phrase, seed) && !repeated && !usedMetrics.contains(seed.metric().toLowerCase(Locale.ROOT))
            && place(input, seed, plansOnTopic(input, phrase, seed, plans))) {
          usedMetrics.add(seed.metric().toLowerCase(Locale.ROOT));
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Returns the plans that {@code seed}, a key result for {@code phrase}, may join: those whose
   * objective's title shares a topic word with the phrase, and, for a library key result, those
   * made from a library example of the same function. So "Reduce failed payment attempts" never
   * joins "Ship our mobile app to customers faster", while the support metric "customer
   * satisfaction score after a support contact" may join "Solve customers' problems on first
   * contact".
   */
  private static List<Plan> plansOnTopic(Input input, String phrase, Seed seed, List<Plan> plans) {
    String language = input.language();
    Set<String> topic = new HashSet<>();
    input.phrases().topicTermsOf(phrase).forEach(term -> topic.add(StrategyPhrases.topicKey(language, term)));
    List<Plan> onTopic = new ArrayList<>();
    for (Plan plan : plans) {
      boolean shared = StrategyPhrases.topicTerms(language, plan.candidate().title()).stream()
          .anyMatch(term -> topic.contains(StrategyPhrases.topicKey(language, term)));
      if (shared || sameLibraryFunction(seed.source(), plan.candidate().source())) {
        onTopic.add(plan);
      }
    }
    return onTopic;
  }

  private static boolean sameLibraryFunction(JsonObject source, JsonObject other) {
    return "library".equals(source.getString("type")) && "library".equals(other.getString("type"))
        && source.getString("function") != null && source.getString("function").equals(other.getString("function"));
  }

  /**
   * Adds {@code seed} to the plan with the fewest key results, or swaps it for a key result whose
   * phrases stay answered without it. Returns false when neither is possible.
   */
  private static boolean place(Input input, Seed seed, List<Plan> plans) {
    if (plans.isEmpty()) {
      return false;
    }
    Plan smallest = plans.stream().min(Comparator.comparingInt(plan -> plan.seeds().size())).orElseThrow();
    if (smallest.seeds().size() < MAX_KEY_RESULTS) {
      smallest.seeds().add(seed);
      return true;
    }
    List<String> answeredBefore = input.phrases().outcomes().stream().filter(phrase -> answered(input, phrase, plans)).toList();
    for (int p = plans.size() - 1; p >= 0; p--) {
      List<Seed> seeds = plans.get(p).seeds();
      for (int i = seeds.size() - 1; i >= 0; i--) {
        Seed removed = seeds.set(i, seed);
        if (answeredBefore.stream().allMatch(phrase -> answered(input, phrase, plans))) {
          return true;
        }
        seeds.set(i, removed);
      }
    }
    return false;
  }

  private void addLibraryCandidates(Input input, List<OkrIndex.Hit> hits, OwnWork own, List<Candidate> candidates) {
    float top = hits.isEmpty() ? 1 : hits.get(0).score();
    for (OkrIndex.Hit hit : hits) {
      Example example = library.byId(hit.id());
      JsonObject source = new JsonObject()
          .put("type", "library")
          .put("id", example.id())
          .put("function", example.function())
          .put("title", example.objective())
          .put("score", score(hit.score()))
          .put("relativeScore", relativeScore(hit.score(), top))
          .put("terms", new JsonArray(List.copyOf(hit.matchedTerms())));
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
            .put("relativeScore", relativeScore(hit.score(), top));
        seeds.add(new Seed(kr.metric(), kr.matchText(), example.objective(), null, kr.direction(), kr.baseline(), kr.target(), unitOf(kr.unit()), kr.indicator(),
            krSource, KpiTargets.step(kr.baseline(), kr.target()), null));
      }
      Candidate candidate = new Candidate(example.objective(), hit.score() / top, source, seeds, true);
      if (!repeatsOwnWork(input, example, candidate, own)) {
        candidates.add(candidate);
      }
    }
  }

  /**
   * Removes from each candidate the library key results whose phrases the unit's own objectives
   * answer already, so a draft never proposes an example's typical numbers for a phrase that the
   * unit measures itself. Key results of the organisation stay, because their numbers are real.
   */
  private static void dropOwnWorkSeeds(Input input, OwnWork own, List<Candidate> candidates) {
    if (own.phrases().isEmpty()) {
      return;
    }
    for (int i = 0; i < candidates.size(); i++) {
      Candidate candidate = candidates.get(i);
      List<Seed> seeds = candidate.seeds().stream().filter(seed -> {
        if (seed.title() != null) {
          return true;
        }
        List<String> phrases = addressedPhrases(input, seed);
        return phrases.isEmpty() || !own.phrases().containsAll(phrases);
      }).toList();
      if (seeds.size() < candidate.seeds().size()) {
        candidates.set(i, new Candidate(candidate.title(), candidate.relativeScore(), candidate.source(),
            new ArrayList<>(seeds), candidate.proposable()));
      }
    }
  }

  /**
   * Returns the drafted unit's own objectives under way in the drafted cycle and the phrases they
   * answer, from {@code underWayPhrases} (objective id to phrases).
   */
  private static OwnWork ownWork(Input input, Map<String, PastObjective> past, Map<String, Set<String>> underWayPhrases) {
    List<PastObjective> objectives = past.values().stream().filter(objective -> isOwnWork(input, objective)).toList();
    Set<String> phrases = new HashSet<>();
    objectives.forEach(objective -> phrases.addAll(underWayPhrases.getOrDefault(objective.id().toString(), Set.of())));
    return new OwnWork(objectives, phrases);
  }

  /**
   * Returns the objectives and key results of other cycles that the drafted unit's own objectives
   * in the drafted cycle repeat. Those are the ones they were carried over from, directly or
   * through earlier copies, and those with the same title, ignoring case and spacing. An objective
   * counts as repeated too when each of its key results with a start and a target is repeated.
   * Another unit's objective under way is never repeated, so it stays listed as work to align with.
   */
  static Repeated repeatedOwnWork(Input input, Map<String, PastObjective> past) {
    Map<UUID, PastObjective> objectives = new HashMap<>();
    Map<UUID, PastKeyResult> keyResults = new HashMap<>();
    for (PastObjective objective : past.values()) {
      objectives.put(objective.id(), objective);
      objective.keyResults().forEach(kr -> keyResults.put(kr.id(), kr));
    }
    Set<UUID> repeatedObjectives = new HashSet<>();
    Set<UUID> repeatedKeyResults = new HashSet<>();
    Set<String> ownTitles = new HashSet<>();
    Set<String> ownKeyResultTitles = new HashSet<>();
    for (PastObjective own : past.values()) {
      if (!isOwnWork(input, own)) {
        continue;
      }
      ownTitles.add(normalisedTitle(own.title()));
      // The sets of visited ids end the walk, also on a malformed chain that loops.
      for (UUID from = own.carriedFrom(); from != null && repeatedObjectives.add(from); ) {
        PastObjective earlier = objectives.get(from);
        from = earlier == null ? null : earlier.carriedFrom();
      }
      for (PastKeyResult kr : own.keyResults()) {
        ownKeyResultTitles.add(normalisedTitle(kr.title()));
        for (UUID from = kr.carriedFrom(); from != null && repeatedKeyResults.add(from); ) {
          PastKeyResult earlier = keyResults.get(from);
          from = earlier == null ? null : earlier.carriedFrom();
        }
      }
    }
    for (PastObjective objective : past.values()) {
      if (isOwnWork(input, objective)) {
        continue;
      }
      objective.keyResults().stream().filter(kr -> ownKeyResultTitles.contains(normalisedTitle(kr.title())))
          .forEach(kr -> repeatedKeyResults.add(kr.id()));
      List<PastKeyResult> measured = objective.keyResults().stream().filter(kr -> direction(kr) != null).toList();
      boolean sameKeyResults = !measured.isEmpty() && measured.stream().allMatch(kr -> repeatedKeyResults.contains(kr.id()));
      boolean repeats = sameKeyResults || ownTitles.contains(normalisedTitle(objective.title()));
      if (repeats && !underWay(input, objective)) {
        repeatedObjectives.add(objective.id());
      }
    }
    return new Repeated(Set.copyOf(repeatedObjectives), Set.copyOf(repeatedKeyResults));
  }

  /** Returns a title in lower case with runs of white space as one space, for comparing titles. */
  private static String normalisedTitle(String title) {
    return title.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }

  /** Returns true when the objective is the drafted unit's own work in the drafted cycle. */
  private static boolean isOwnWork(Input input, PastObjective objective) {
    return objective != null && objective.unitId().equals(input.unitId()) && objective.cycleId().equals(input.cycleId())
        && underWay(input, objective);
  }

  /**
   * Returns true when a library candidate would propose the unit's own work again. That is so when
   * an own objective's title contains every word of the example's objective in one of its
   * languages, because it was then made from this example or its translation. It is also so when
   * the own objectives already answer every phrase that the candidate's key results answer.
   */
  private boolean repeatsOwnWork(Input input, Example example, Candidate candidate, OwnWork own) {
    for (PastObjective objective : own.objectives()) {
      for (String language : OkrText.LANGUAGES) {
        Example version = language.equals(example.language()) ? example : library.sibling(example, language);
        if (version != null && OkrText.terms(language, objective.title())
            .containsAll(OkrText.terms(language, version.objective()))) {
          return true;
        }
      }
    }
    List<String> phrases = addressedPhrases(input, new Plan(candidate, candidate.seeds()));
    return !phrases.isEmpty() && own.phrases().containsAll(phrases);
  }

  /**
   * Turns hits over the organisation's OKRs into candidates, leaving out objectives this draft may
   * neither cite nor align with. Objectives under way become candidates that are not proposable.
   */
  private void addPastCandidates(Input input, List<OkrIndex.Hit> hits, Map<String, PastObjective> past,
                                 Repeated repeated, List<Candidate> candidates) {
    // The unit's own work in the drafted cycle is neither proposed nor lends key results to
    // proposals, so a proposal never points the unit to its own key result as work to contribute to.
    // The same applies to the earlier objectives that this work repeats, such as the one it was carried over from.
    List<OkrIndex.Hit> usable = hits.stream()
        .filter(hit -> citable(input, past.get(hit.id())) || underWay(input, past.get(hit.id())))
        .filter(hit -> !isOwnWork(input, past.get(hit.id())) && !repeated.contains(past.get(hit.id())))
        .toList();
    float top = usable.isEmpty() ? 1 : usable.get(0).score();
    for (OkrIndex.Hit hit : usable) {
      PastObjective objective = past.get(hit.id());
      JsonObject source = okrSource(objective, "objective", objective.id(), objective.title(), hit.score())
          .put("relativeScore", relativeScore(hit.score(), top))
          .put("terms", new JsonArray(List.copyOf(hit.matchedTerms())));
      List<Seed> seeds = new ArrayList<>();
      for (PastKeyResult kr : objective.keyResults()) {
        String direction = direction(kr);
        if (direction == null || repeated.keyResults().contains(kr.id())) {
          // Milestone, binary, range and work-item key results have no baseline and target to carry
          // over, and a key result that the unit's own work repeats is measured already.
          continue;
        }
        JsonObject krSource = okrSource(objective, "key_result", kr.id(), kr.title(), hit.score())
            .put("relativeScore", relativeScore(hit.score(), top))
            .put("objectiveId", objective.id().toString());
        seeds.add(new Seed(kr.title(), kr.title(), objective.title(), kr.title(), direction, kr.start(), kr.target(), kr.unit(), null, krSource,
            KpiTargets.step(kr.start(), kr.target()), null));
      }
      candidates.add(new Candidate(objective.title(), hit.score() / top, source, seeds, !underWay(input, objective)));
    }
  }

  /**
   * Turns bridged hits into candidates that are never proposed, because their objective is in
   * another language. Only their key results that pair with a library metric join proposals. Such
   * a key result is worded in the draft's language from that metric, with the organisation's
   * numbers and a source that shows the original title.
   */
  private void addBridgedCandidates(Input input, List<Bridge> bridges, Map<String, PastObjective> past,
                                    Repeated repeated, List<Candidate> candidates) {
    for (Bridge bridge : bridges) {
      PastObjective objective = past.get(bridge.hit().id());
      if ((!citable(input, objective) && !underWay(input, objective)) || isOwnWork(input, objective)
          || repeated.contains(objective) || otherLanguage(input, objective) == null) {
        continue;
      }
      List<Seed> seeds = new ArrayList<>(bridgedSeeds(input, bridge, objective));
      seeds.removeIf(seed -> repeated.keyResults().contains(UUID.fromString(seed.source().getString("id"))));
      if (!seeds.isEmpty()) {
        JsonObject source = okrSource(objective, "objective", objective.id(), objective.title(), bridge.hit().score())
            .put("terms", new JsonArray(List.copyOf(bridge.hit().matchedTerms())));
        candidates.add(new Candidate(objective.title(), 0, source, seeds, false));
      }
    }
  }

  private static List<Seed> bridgedSeeds(Input input, Bridge bridge, PastObjective objective) {
    List<Seed> seeds = new ArrayList<>();
    for (PastKeyResult kr : objective.keyResults()) {
      String direction = direction(kr);
      int paired = direction == null ? -1 : pairedKeyResult(bridge.sibling(), kr);
      if (paired < 0) {
        continue;
      }
      ExampleKeyResult own = bridge.example().keyResults().get(paired);
      String title = compose(input.language(), direction, own.metric(), kr.start(), kr.target(), kr.unit());
      JsonObject krSource = okrSource(objective, "key_result", kr.id(), kr.title(), bridge.hit().score())
          .put("objectiveId", objective.id().toString())
          .put("via", bridge.example().id());
      seeds.add(new Seed(own.metric(), own.matchText(), bridge.example().objective(), title, direction, kr.start(),
          kr.target(), kr.unit(), own.indicator(), krSource, KpiTargets.step(kr.start(), kr.target()), null));
    }
    return seeds;
  }

  /**
   * Returns the position of the first key result of {@code sibling} whose metric's words all occur
   * in the title of {@code kr}, analyzed in the sibling's language, or -1. "monthly customer churn"
   * pairs with "Cut monthly customer churn from 4.6 % to 3.9 %". Without such a key result, it is
   * the first whose topic words all occur in the title and make up at least half of the title's
   * topic words: "first-contact resolution rate" pairs with "Raise first-contact resolution from
   * 64 % to 75 %", which leaves out the generic "rate".
   */
  private static int pairedKeyResult(Example sibling, PastKeyResult kr) {
    String language = sibling.language();
    Set<String> title = OkrText.terms(language, kr.title());
    for (int i = 0; i < sibling.keyResults().size(); i++) {
      Set<String> metric = OkrText.terms(language, sibling.keyResults().get(i).metric());
      metric.removeIf(term -> !Character.isLetter(term.charAt(0)));
      if (!metric.isEmpty() && title.containsAll(metric)) {
        return i;
      }
    }
    Set<String> titleTopic = StrategyPhrases.topicTerms(language, kr.title());
    for (int i = 0; i < sibling.keyResults().size(); i++) {
      Set<String> metricTopic = StrategyPhrases.topicTerms(language, sibling.keyResults().get(i).metric());
      if (!metricTopic.isEmpty() && titleTopic.containsAll(metricTopic) && 2 * metricTopic.size() >= titleTopic.size()) {
        return i;
      }
    }
    return -1;
  }

  private static boolean citable(Input input, PastObjective objective) {
    return objective.citableFor(input.unitId(), input.cycleId(), input.cycleStart(), input.cycleLastDay(), input.today());
  }

  private static boolean underWay(Input input, PastObjective objective) {
    return objective.underWayFor(input.unitId(), input.cycleId(), input.cycleLastDay(), input.today());
  }

  /**
   * Returns, for each retrieved objective under way, the phrases of the strategy it answers: by
   * its own text in the draft's language, or, in the other language, by key results that pair
   * with a library metric or through the translated example that a phrase found
   * ({@link #bridgeAnswers}). Objectives that answer no phrase are left out. Each phrase must also
   * share its topic with one part of the objective, its title or one key result's title
   * ({@link #topicMatch}). The words of those parts that matched go into {@code matchedTerms}.
   */
  private static Map<String, Set<String>> underWayPhrases(Input input, Hits hits, Map<String, PastObjective> past,
                                                          Map<String, Set<String>> matchedTerms) {
    List<OkrIndex.Hit> all = new ArrayList<>(hits.past());
    hits.pastByPhrase().values().forEach(all::addAll);
    Map<String, Set<String>> phrases = new HashMap<>();
    for (OkrIndex.Hit hit : all) {
      PastObjective objective = past.get(hit.id());
      if (underWay(input, objective)) {
        List<Set<String>> parts = new ArrayList<>();
        for (String part : partsOf(objective)) {
          parts.add(input.phrases().termsOf(part));
        }
        // Words of the same topic answer for each other, so "release" answers "ship the mobile app faster".
        Set<String> searchTerms = input.phrases().termsOf(objective.searchText());
        new ArrayList<>(searchTerms).forEach(term -> searchTerms.add(StrategyPhrases.topicKey(input.language(), term)));
        for (String phrase : input.phrases().answeredBy(searchTerms)) {
          Set<String> matched = new HashSet<>();
          parts.forEach(part -> matched.addAll(topicMatch(input, phrase, part, searchTerms)));
          if (!matched.isEmpty()) {
            phrases.computeIfAbsent(hit.id(), id -> new HashSet<>()).add(phrase);
            matchedTerms.computeIfAbsent(hit.id(), id -> new HashSet<>()).addAll(matched);
          }
        }
      }
    }
    hits.bridgedByPhrase().forEach((phrase, bridges) -> bridges.forEach(bridge -> {
      PastObjective objective = past.get(bridge.hit().id());
      // An objective in the draft's language was tested on its own words above. The translated
      // example would match it on words the phrase never used: "self-service" of a support key
      // result through the synonyms of "share of deployments product teams run without a platform
      // ticket".
      if (!underWay(input, objective) || otherLanguage(input, objective) == null) {
        return;
      }
      Set<String> answered = new HashSet<>();
      bridgedSeeds(input, bridge, objective).forEach(seed -> answered.addAll(answeredPhrases(input, seed)));
      if (bridgeAnswers(input, phrase, bridge, objective)) {
        answered.add(phrase);
      }
      for (String answeredPhrase : answered) {
        Set<String> matched = bridgeTopicMatch(input, answeredPhrase, bridge, objective);
        if (!matched.isEmpty()) {
          phrases.computeIfAbsent(bridge.hit().id(), id -> new HashSet<>()).add(answeredPhrase);
          matchedTerms.computeIfAbsent(bridge.hit().id(), id -> new HashSet<>()).addAll(matched);
        }
      }
    }));
    return phrases;
  }

  /** Returns the parts of an objective that can name its topic: its title and each key result's title. */
  private static List<String> partsOf(PastObjective objective) {
    List<String> parts = new ArrayList<>();
    parts.add(objective.title());
    objective.keyResults().forEach(kr -> parts.add(kr.title()));
    return parts;
  }

  /**
   * Returns the terms of one part of an objective, analyzed as {@code terms}, that share the topic
   * of {@code phrase}, or an empty set when they are fewer than {@link #MIN_TOPIC_WORDS} (all of
   * the phrase's topic terms when it has fewer). Words of the same topic such as "release" and
   * "ship" count as one ({@link StrategyPhrases#topicKey}). One shared word such as "mobile" in
   * "Bring mobile largest contentful paint" does not make an objective about "ship the mobile app
   * faster", and words of different parts do not add up: "Ship shared wish lists" and the title
   * "Build an app customers open every week" share one topic word each. A phrase with one topic
   * word and generic words of a measure needs one of those too, anywhere in the objective's
   * {@code objectiveTerms}: "onboard new customers" is not answered by the objective "Onboard
   * engineers within two weeks", which shares only "onboard", but "refund customers faster" is
   * answered by "Refund within two days of a return arriving" with a key result "Let customers
   * print return labels".
   */
  private static Set<String> topicMatch(Input input, String phrase, Set<String> terms, Set<String> objectiveTerms) {
    String language = input.language();
    Set<String> topic = new HashSet<>();
    Set<String> side = input.phrases().sideTermsOf(phrase);
    // A side part of the phrase, such as "on mobile", counts only where the part names it.
    input.phrases().topicTermsOf(phrase).stream().filter(term -> !side.contains(term) || terms.contains(term))
        .forEach(term -> topic.add(StrategyPhrases.topicKey(language, term)));
    Set<String> matched = new HashSet<>();
    Set<String> matchedKeys = new HashSet<>();
    for (String term : terms) {
      String key = StrategyPhrases.topicKey(language, term);
      if (StrategyPhrases.isTopicTerm(language, term) && topic.contains(key)) {
        matched.add(term);
        matchedKeys.add(key);
      }
    }
    // A segment of customers that is the phrase's main topic answers it alone, as it does in StrategyPhrases:
    // "Raise the 90-day second-order rate" shares the topic of "grow revenue from returning customers".
    boolean namesSegment = input.phrases().segmentTopicOf(phrase).stream().anyMatch(matched::contains);
    boolean enough = namesSegment
        || (!topic.isEmpty() && matchedKeys.size() >= Math.min(MIN_TOPIC_WORDS, topic.size()));
    if (!enough || topic.size() >= MIN_TOPIC_WORDS) {
      return enough ? matched : Set.of();
    }
    // Only generic words of a measure count here: "want" in "We want to cut churn" names no measure.
    Set<String> measureWords = input.phrases().contentTermsOf(phrase);
    measureWords.removeIf(term -> !StrategyPhrases.isMeasureTerm(language, term));
    if (measureWords.isEmpty()) {
      return matched;
    }
    Set<String> sharedMeasureWords = new HashSet<>(measureWords);
    sharedMeasureWords.retainAll(objectiveTerms);
    if (sharedMeasureWords.isEmpty()) {
      return Set.of();
    }
    matched.addAll(sharedMeasureWords);
    return matched;
  }

  /**
   * Returns the terms of an objective in the other language that share enough of the topic of
   * {@code phrase}, translated through the bridge's pair of library examples, or an empty set.
   * Each topic term of the phrase stands for the terms common to the sibling's parts (objective
   * title, metrics with their synonyms) whose paired parts in the draft's language contain it.
   * One part of the objective, its title or one key result's title, must match as many of the
   * phrase's topic terms as {@link #topicMatch} requires, with as many distinct terms of its own.
   * So "Release the app every two weeks" shares "die Mobile-App schneller ausliefern" through
   * "app" and "release", while "Build an app customers open every week" shares only "app".
   */
  private static Set<String> bridgeTopicMatch(Input input, String phrase, Bridge bridge, PastObjective objective) {
    Set<String> topic = input.phrases().topicTermsOf(phrase);
    if (topic.isEmpty()) {
      return Set.of();
    }
    String other = bridge.sibling().language();
    List<Set<String>> ownParts = new ArrayList<>();
    List<Set<String>> siblingParts = new ArrayList<>();
    ownParts.add(input.phrases().termsOf(bridge.example().objective()));
    siblingParts.add(topicKeys(other, bridge.sibling().objective()));
    List<MetricParts> metricPairs = new ArrayList<>();
    metricPairs.add(null);
    int pairs = Math.min(bridge.example().keyResults().size(), bridge.sibling().keyResults().size());
    for (int i = 0; i < pairs; i++) {
      ExampleKeyResult own = bridge.example().keyResults().get(i);
      ExampleKeyResult sibling = bridge.sibling().keyResults().get(i);
      ownParts.add(input.phrases().termsOf(own.matchText()));
      siblingParts.add(topicKeys(other, sibling.matchText()));
      metricPairs.add(MetricParts.of(input, own, other, sibling));
    }
    // A side part of the phrase, such as "bei Stammkunden", counts only where the example names it, as in topicMatch.
    Set<String> side = input.phrases().sideTermsOf(phrase);
    topic.removeIf(term -> side.contains(term) && ownParts.stream().noneMatch(part -> part.contains(term)));
    if (topic.isEmpty()) {
      return Set.of();
    }

    Set<String> segment = input.phrases().segmentTopicOf(phrase);
    List<Set<String>> translatedTopic = new ArrayList<>();
    Set<String> translatedSegment = new HashSet<>();
    for (String word : topic) {
      Set<String> translations = null;
      for (int i = 0; i < ownParts.size(); i++) {
        if (ownParts.get(i).contains(word)) {
          MetricParts split = metricPairs.get(i);
          Set<String> candidates = split == null ? siblingParts.get(i) : split.translations(word, siblingParts.get(i));
          if (translations == null) {
            translations = new HashSet<>(candidates);
          } else {
            translations.retainAll(candidates);
          }
        }
      }
      if (translations != null) {
        translatedTopic.add(translations);
        if (segment.contains(word)) {
          translatedSegment.addAll(translations);
        }
      }
    }

    int needed = Math.min(MIN_TOPIC_WORDS, topic.size());
    Set<String> matched = new HashSet<>();
    for (String part : partsOf(objective)) {
      Set<String> partKeys = topicKeys(other, part);
      Set<String> usedKeys = new HashSet<>();
      int matchedWords = 0;
      for (Set<String> translations : translatedTopic) {
        Set<String> shared = new HashSet<>(translations);
        shared.retainAll(partKeys);
        if (!shared.isEmpty()) {
          matchedWords++;
          usedKeys.addAll(shared);
        }
      }
      // A segment of customers that is the phrase's main topic answers it alone, as in topicMatch.
      Set<String> sharedSegment = new HashSet<>(translatedSegment);
      sharedSegment.retainAll(partKeys);
      if (!sharedSegment.isEmpty() || (matchedWords >= needed && usedKeys.size() >= needed)) {
        usedKeys.addAll(sharedSegment);
        StrategyPhrases.topicTerms(other, part).stream()
            .filter(term -> usedKeys.contains(StrategyPhrases.topicKey(other, term))).forEach(matched::add);
      }
    }
    return matched;
  }

  /**
   * A library metric and its translation, each split into its head and its qualifier
   * ({@link OkrText#splitMetric}). A word of the head translates to the sibling's head, and a word
   * of the qualifier to the sibling's qualifier. So "Kundenzufriedenheit" in "Kundenzufriedenheit
   * nach einem Support-Kontakt" translates to "satisfaction" and "score", never to "contact".
   * Synonyms name the whole metric and join the head.
   */
  private record MetricParts(Set<String> ownHead, Set<String> ownQualifier, Set<String> siblingHead,
                             Set<String> siblingQualifier) {

    /** Returns the split pair, or null when either metric has no qualifier. */
    static MetricParts of(Input input, ExampleKeyResult own, String otherLanguage, ExampleKeyResult sibling) {
      String[] ownSplit = OkrText.splitMetric(own.metric());
      String[] siblingSplit = OkrText.splitMetric(sibling.metric());
      if (ownSplit == null || siblingSplit == null) {
        return null;
      }
      return new MetricParts(input.phrases().termsOf(ownSplit[0] + " " + own.synonyms()),
          input.phrases().termsOf(ownSplit[1]), topicKeys(otherLanguage, siblingSplit[0] + " " + sibling.synonyms()),
          topicKeys(otherLanguage, siblingSplit[1]));
    }

    /**
     * Returns the sibling's terms that {@code word} can translate to: those of the matching half, or
     * {@code whole} when the word is in both halves or the matching half has no topic term.
     */
    Set<String> translations(String word, Set<String> whole) {
      boolean inHead = ownHead.contains(word);
      boolean inQualifier = ownQualifier.contains(word);
      if (inHead && !inQualifier && !siblingHead.isEmpty()) {
        return siblingHead;
      }
      if (inQualifier && !inHead && !siblingQualifier.isEmpty()) {
        return siblingQualifier;
      }
      return whole;
    }
  }

  /** Returns the topic terms of {@code text} in {@code language}, each replaced by its {@link StrategyPhrases#topicKey}. */
  private static Set<String> topicKeys(String language, String text) {
    Set<String> keys = new HashSet<>();
    StrategyPhrases.topicTerms(language, text).forEach(term -> keys.add(StrategyPhrases.topicKey(language, term)));
    return keys;
  }

  /**
   * Returns the retrieved objectives under way ({@link #listedUnderWay}) that answer a phrase of
   * the strategy ({@code underWayPhrases}), best hit first, each with the phrases it answers, the
   * terms of its parts that matched them ({@code terms}), and {@code ownWork} true when it is the
   * drafted unit's own objective in the drafted cycle.
   */
  private static List<JsonObject> underWay(Input input, Map<String, Set<String>> underWayPhrases,
                                           Map<String, Set<String>> terms, Hits hits, Map<String, PastObjective> past) {
    Map<String, Float> scores = new HashMap<>();
    List<OkrIndex.Hit> all = new ArrayList<>(hits.past());
    hits.pastByPhrase().values().forEach(all::addAll);
    hits.bridgedByPhrase().values().forEach(bridges -> bridges.forEach(bridge -> all.add(bridge.hit())));
    for (OkrIndex.Hit hit : all) {
      if (underWayPhrases.containsKey(hit.id())) {
        scores.merge(hit.id(), hit.score(), Math::max);
      }
    }
    // An own objective listed for its key result's metric need not be a hit of the search.
    underWayPhrases.keySet().forEach(id -> scores.putIfAbsent(id, 0f));
    List<JsonObject> underWay = new ArrayList<>();
    // The unit's own work comes first, because it is what the team does already.
    List<String> ranked = scores.keySet().stream()
        .sorted(Comparator.comparing((String id) -> !isOwnWork(input, past.get(id)))
            .thenComparing(Comparator.comparing((String id) -> scores.get(id)).reversed()))
        .toList();
    for (String id : listedUnderWay(input, ranked, underWayPhrases)) {
      PastObjective objective = past.get(id);
      List<String> phrases = input.phrases().outcomes().stream().filter(underWayPhrases.get(id)::contains).toList();
      underWay.add(new JsonObject()
          .put("id", id)
          .put("title", objective.title())
          .put("unitId", objective.unitId().toString())
          .put("unitName", objective.unitName())
          .put("cycleId", objective.cycleId().toString())
          .put("cycleKey", objective.cycleKey())
          .put("cycleName", objective.cycleName())
          .put("phrases", new JsonArray(phrases))
          .put("terms", new JsonArray(terms.get(id).stream().sorted().toList()))
          .put("ownWork", isOwnWork(input, objective)));
    }
    return underWay;
  }

  /**
   * Returns the ids of the objectives under way to list, in the order of {@code ranked}: for each
   * phrase the best one that answers it, then the best others up to {@link #MAX_UNDER_WAY} in all.
   * So whether a phrase gets an objective to align with does not depend on the other phrases of
   * the strategy, and a draft lists more than {@link #MAX_UNDER_WAY} only to give each phrase one.
   */
  private static List<String> listedUnderWay(Input input, List<String> ranked, Map<String, Set<String>> underWayPhrases) {
    Set<String> chosen = new HashSet<>();
    for (String phrase : input.phrases().outcomes()) {
      boolean answered = chosen.stream().anyMatch(id -> underWayPhrases.get(id).contains(phrase));
      if (!answered) {
        ranked.stream().filter(id -> underWayPhrases.get(id).contains(phrase)).findFirst().ifPresent(chosen::add);
      }
    }
    for (String id : ranked) {
      if (chosen.size() >= MAX_UNDER_WAY) {
        break;
      }
      boolean answersOutcome = input.phrases().outcomes().stream().anyMatch(underWayPhrases.get(id)::contains);
      if (answersOutcome) {
        chosen.add(id);
      }
    }
    return ranked.stream().filter(chosen::contains).toList();
  }

  /**
   * Returns true when an objective in the other language, found through a translated library
   * example, answers the phrase that found the example. The example must answer the phrase in the
   * draft's language, with the phrase's place named by the example or the objective. One part of
   * the objective, its title or one key result's title, must also contain at least
   * {@link #MIN_BRIDGED_WORDS} words of one part of the translated example, its objective title or
   * one metric. So words shared by different parts do not add up: "Delight customers" with a key
   * result "Grow revenue" does not answer "mehr Neukunden gewinnen" through "new-customer revenue".
   */
  private static boolean bridgeAnswers(Input input, String phrase, Bridge bridge, PastObjective objective) {
    StrategyPhrases phrases = input.phrases();
    Set<String> exampleTerms = phrases.termsOf(bridge.example().searchText());
    if (!phrases.sharesAnyContent(phrase, exampleTerms)) {
      return false;
    }
    exampleTerms.addAll(phrases.termsOf(objective.title()));
    if (!phrases.answers(phrase, exampleTerms)) {
      return false;
    }
    Example sibling = bridge.sibling();
    List<String> exampleParts = new ArrayList<>();
    exampleParts.add(sibling.objective());
    sibling.keyResults().forEach(kr -> exampleParts.add(kr.metric()));
    List<String> ownParts = new ArrayList<>();
    ownParts.add(objective.title());
    objective.keyResults().forEach(kr -> ownParts.add(kr.title()));
    for (String ownPart : ownParts) {
      Set<String> own = OkrText.terms(sibling.language(), ownPart);
      if (exampleParts.stream().anyMatch(part -> sharedWords(own, sibling.language(), part) >= MIN_BRIDGED_WORDS)) {
        return true;
      }
    }
    return false;
  }

  /** Returns how many words, not numbers, of {@code text} analyzed in {@code language} are among {@code terms}. */
  private static long sharedWords(Set<String> terms, String language, String text) {
    return OkrText.terms(language, text).stream()
        .filter(term -> Character.isLetter(term.charAt(0)) && terms.contains(term)).count();
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
   * Returns the candidate's own key results that answer a phrase, at least except for its place,
   * topped up to {@link #TOPPED_UP_KEY_RESULTS} with key results of other hits that answer one of
   * the same phrases, those whose metric shares the most terms with the strategy text first. A key
   * result that answers no phrase never joins, so the list may be shorter.
   */
  private List<Seed> keyResultSeeds(Input input, Candidate candidate, List<Candidate> candidates, Set<String> usedMetrics) {
    List<Seed> seeds = new ArrayList<>();
    for (Seed seed : candidate.seeds()) {
      if (seeds.size() < MAX_KEY_RESULTS && addressesAny(input, seed) && usedMetrics.add(seed.metric().toLowerCase(Locale.ROOT))) {
        seeds.add(seed);
      }
    }
    if (seeds.size() >= TOPPED_UP_KEY_RESULTS) {
      return seeds;
    }

    Set<String> strategyTerms = input.phrases().contentTerms();
    Set<String> ownPhrases = new HashSet<>();
    seeds.forEach(seed -> ownPhrases.addAll(addressedPhrases(input, seed)));
    List<Seed> others = new ArrayList<>();
    List<Integer> overlaps = new ArrayList<>();
    for (Candidate other : candidates) {
      for (Seed seed : other.seeds()) {
        Set<String> terms = input.phrases().termsOf(seed.matchText());
        terms.retainAll(strategyTerms);
        // Only key results that answer what the candidate's own key results answer join, so a
        // proposal stays about its part of the strategy while other parts get their own proposals.
        boolean samePhrase = addressedPhrases(input, seed).stream().anyMatch(ownPhrases::contains);
        if (samePhrase && !usedMetrics.contains(seed.metric().toLowerCase(Locale.ROOT))) {
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
      if (seeds.size() >= TOPPED_UP_KEY_RESULTS) {
        break;
      }
      Seed seed = others.get(i);
      if (!repeatsMetric(input, seed, seeds) && usedMetrics.add(seed.metric().toLowerCase(Locale.ROOT))) {
        seeds.add(seed);
      }
    }
    return seeds;
  }

  /**
   * Returns true when the seed measures what one of {@code seeds} measures: the topic words of one
   * metric contain all of the other's, as in "Cut monthly customer churn from 4.6 % to 3.9 %" and
   * "monthly customer churn", or "Raise first-contact resolution from 64 % to 75 %" and
   * "first-contact resolution rate", which the quality checker would flag as duplicate key
   * results. Verbs of direction and generic measure words such as "rate" do not count, and a
   * metric without topic words is compared by all its words.
   */
  private static boolean repeatsMetric(Input input, Seed seed, List<Seed> seeds) {
    Set<String> terms = metricTerms(input.language(), seed.metric());
    for (Seed other : seeds) {
      Set<String> otherTerms = metricTerms(input.language(), other.metric());
      if (!terms.isEmpty() && !otherTerms.isEmpty() && (terms.containsAll(otherTerms) || otherTerms.containsAll(terms))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns the topic terms of a metric with its words of a period, or all its analyzed words when
   * it has no topic terms. A period names no topic of a phrase, but it distinguishes two metrics:
   * "90-day second-order rate" measures something other than "share of revenue from returning
   * customers".
   */
  private static Set<String> metricTerms(String language, String metric) {
    Set<String> topic = OkrText.terms(language, metric);
    topic.removeIf(term -> !StrategyPhrases.isTopicTerm(language, term) && !StrategyPhrases.isPeriodTerm(language, term));
    if (!topic.isEmpty()) {
      return topic;
    }
    Set<String> words = OkrText.terms(language, metric);
    words.removeIf(term -> !Character.isLetter(term.charAt(0)));
    return words;
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
      if (seeds.get(i).place() != null) {
        // A KPI's value covers the whole unit, not the place the key result names.
        continue;
      }
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

  /**
   * Turns a seed into a key result, with numbers from {@code kpi} when it is not null and gives a
   * target. A key result that keeps the numbers of a live key result names it in
   * {@code alreadyTrackedBy}.
   */
  private Proposal.KeyResult adapt(Input input, String id, Seed seed, KpiTargets.Kpi kpi, Map<String, PastObjective> past) {
    List<JsonObject> sources = new ArrayList<>();
    sources.add(seed.source().copy()
        .put("phrases", new JsonArray(answeredPhrases(input, seed))));
    KpiTargets.Adaptation adaptation = kpi == null ? null : KpiTargets.adapt(kpi, input.cycleEnd(), seed.step());
    if (adaptation == null) {
      String title = seed.title() != null ? seed.title()
          : compose(input.language(), seed.measurement(), metricWithPlace(seed.metric(), seed.place()), seed.start(),
              seed.target(), seed.unit());
      Proposal.Numbers numbers = seed.title() != null ? Proposal.Numbers.PAST : Proposal.Numbers.EXAMPLE;
      JsonObject tracked = numbers == Proposal.Numbers.PAST ? trackedBy(input, seed, past) : null;
      // A translated key result is written in the draft's language. Any other of the organisation's keeps its own.
      boolean asWritten = numbers == Proposal.Numbers.PAST && !seed.source().containsKey("via");
      String originalLanguage = asWritten ? otherLanguage(input, past.get(seed.source().getString("objectiveId"))) : null;
      return new Proposal.KeyResult(id, title, seed.measurement(), seed.start(), seed.target(), seed.unit(),
          seed.indicator(), numbers, sources, tracked, originalLanguage);
    }
    sources.add(adaptation.source());
    String unit = kpi.unit() != null && !kpi.unit().isBlank() ? kpi.unit() : seed.unit();
    // A past key result's title names its old numbers, so an adapted one is written anew from the KPI's title.
    // NOTE: a KPI whose title is in another language than the draft gives a title that mixes both languages.
    String metric = seed.title() != null ? kpi.title() : seed.metric();
    String title = compose(input.language(), seed.measurement(), metric, adaptation.baseline(), adaptation.target(), unit);
    return new Proposal.KeyResult(id, title, seed.measurement(), adaptation.baseline(), adaptation.target(), unit,
        seed.indicator(), Proposal.Numbers.KPI, sources);
  }

  /**
   * Returns the live key result that a seed from the organisation's OKRs comes from: one whose
   * objective is under way for this draft. Returns null for a key result of an ended cycle, which
   * a proposal may reuse as its own.
   */
  private static JsonObject trackedBy(Input input, Seed seed, Map<String, PastObjective> past) {
    JsonObject source = seed.source();
    if (!"key_result".equals(source.getString("kind"))) {
      return null;
    }
    PastObjective objective = past.get(source.getString("objectiveId"));
    if (objective == null || !underWay(input, objective)) {
      return null;
    }
    return new JsonObject()
        .put("id", source.getString("id"))
        .put("title", source.getString("title"))
        .put("objectiveId", objective.id().toString())
        .put("objectiveTitle", objective.title())
        .put("unitId", objective.unitId().toString())
        .put("unitName", objective.unitName())
        .put("cycleId", objective.cycleId().toString())
        .put("cycleKey", objective.cycleKey())
        .put("cycleName", objective.cycleName());
  }

  private static String metricWithPlace(String metric, String place) {
    return place == null ? metric : metric + " " + place;
  }

  /**
   * Writes a key result's title from its metric, direction and numbers, such as "Increase win rate
   * from 18 % to 25 %", "Increase revenue from 400 to 550 kEUR" or "Kundenabwanderung von 2,4 % auf
   * 1,5 % senken". A percent sign follows both numbers, after a space in both languages as
   * everywhere else in the app. Another unit follows only the target, which also spares German
   * the dative plural ("von 28 auf 40 Punkte"). Numbers are written as the language writes them:
   * "2.4" and "1,200" in English, "2,4" and "1.200" in German. A German metric with a clause
   * opened by a comma ("Kunden, die die API nutzen") gets the comma that closes the clause.
   */
  static String compose(String language, String direction, String metric, BigDecimal start, BigDecimal target, String unit) {
    boolean increase = direction.equals("increase");
    // A metric that ends in its unit ("net promoter score", unit "score") needs it only once.
    String shownUnit = unit != null && endsWithWord(metric, unit) ? null : unit;
    String from = number(language, start) + ("%".equals(shownUnit) ? unitSuffix(shownUnit) : "");
    String to = number(language, target) + unitSuffix(shownUnit);
    if (language.equals("de")) {
      String closed = metric.contains(",") ? metric + "," : metric;
      return capitalise(closed) + " von " + from + " auf " + to + (increase ? " steigern" : " senken");
    }
    return (increase ? "Increase " : "Reduce ") + lowerFirst(metric) + " from " + from + " to " + to;
  }

  /** Writes the title of a library key result with the example's own numbers, as a draft shows it before any KPI adaptation. */
  static String exampleTitle(String language, ExampleKeyResult kr) {
    return compose(language, kr.direction(), kr.metric(), kr.baseline(), kr.target(), unitOf(kr.unit()));
  }

  /** Returns true when the last word of {@code text} is {@code word}, ignoring case. */
  private static boolean endsWithWord(String text, String word) {
    String lower = text.strip().toLowerCase(Locale.ROOT);
    String suffix = word.strip().toLowerCase(Locale.ROOT);
    return !suffix.isEmpty() && lower.endsWith(suffix)
        && (lower.length() == suffix.length() || !Character.isLetterOrDigit(lower.charAt(lower.length() - suffix.length() - 1)));
  }

  /**
   * Returns the unit a key result stores: none for the library's plain counts, ratios and rates,
   * which the editor shows without a unit, as "from 2.1 to 3" reads right and "to 3 ratio" does not.
   */
  private static String unitOf(String libraryUnit) {
    return UNITLESS.contains(libraryUnit) ? null : libraryUnit;
  }

  private static String unitSuffix(String unit) {
    if (unit == null || unit.isBlank()) {
      return "";
    }
    return " " + unit;
  }

  /** Formats {@code value} with every decimal it has, in the number format of {@code language}. */
  static String number(String language, BigDecimal value) {
    BigDecimal plain = value.stripTrailingZeros();
    DecimalFormat format = (DecimalFormat) NumberFormat.getNumberInstance(language.equals("de") ? Locale.GERMAN : Locale.ENGLISH);
    format.setMaximumFractionDigits(Math.max(0, plain.scale()));
    format.setGroupingUsed(true);
    return format.format(plain);
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

  /**
   * Returns a hit's BM25 score as a share of {@code top}, the best score of the same search, from
   * 0 to 1 with 3 decimals. BM25 scores of different searches have different scales, so clients
   * compare sources by this share rather than by the raw score.
   */
  private static double relativeScore(float score, float top) {
    if (!(top > 0)) {
      return 0;
    }
    return BigDecimal.valueOf(Math.min(1, score / top)).setScale(3, RoundingMode.HALF_UP).doubleValue();
  }
}
