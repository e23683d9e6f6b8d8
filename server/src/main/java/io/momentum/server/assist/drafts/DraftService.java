package io.momentum.server.assist.drafts;

import io.momentum.server.assist.drafts.ProposalReview.Reviewed;
import io.momentum.server.assist.llm.LanguageModel;
import io.momentum.server.assist.llm.Redactor;
import io.momentum.server.assist.quality.QualityChecker;
import io.momentum.server.assist.quality.QualityRoutes;
import io.momentum.server.auth.Caller;
import io.momentum.server.decisions.Decision;
import io.momentum.server.decisions.DecisionTrail;
import io.momentum.server.http.ApiException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates OKR drafts: retrieval over the organisation's past OKRs and the example library,
 * adaptation to the unit's KPIs, the quality check, the optional language-model polish, and the
 * {@code draft.generated} entry in the decision trail. A draft changes no goal data; a person
 * accepts a proposal by saving it in the OKR editor.
 *
 * <p>One instance serves a node, because it contains the library index and the per-organisation cache.
 */
public final class DraftService {

  private static final Logger LOG = LoggerFactory.getLogger(DraftService.class);

  /** Maximum length of a strategy text, in characters. */
  public static final int MAX_STRATEGY_LENGTH = 8_000;
  /** Hits read from each index per draft. */
  static final int HITS_PER_INDEX = 12;
  /** Hits read from each index for each phrase of the strategy alone. */
  static final int HITS_PER_PHRASE = 5;
  /** Maximum number of people whose names the redactor reads, twice the largest organisation Momentum is built for. */
  static final int MAX_PEOPLE = 200_000;

  /**
   * A validated draft request. {@code language} is the language of the proposals, or null to
   * detect it from the strategy text. {@code uiLanguage} is the language of the page that shows
   * the draft and of the quality findings' why and fix, or null for the proposals' language.
   */
  public record DraftRequest(String strategy, UUID unitId, UUID cycleId, String language, String uiLanguage,
                             boolean useModel) {
  }

  private record Frame(String unitName, String cycleKey, String cycleName, LocalDate cycleStart, LocalDate cycleLastDay) {

    /** Returns the instant the cycle ends: the start of the day after its last day, in UTC. */
    Instant cycleEnd() {
      return cycleLastDay.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
  }

  private final Vertx vertx;
  private final Pool pool;
  private final Clock clock;
  private final DecisionTrail trail;
  private final ExampleLibrary library;
  private final OkrIndex libraryIndex;
  private final OrgIndexCache orgIndexes;
  private final UnitKpis unitKpis;
  private final DraftGenerator generator;
  private final DraftRefiner refiner;

  /** Creates the service; {@code model} is null when no language model is configured. */
  public DraftService(Vertx vertx, Pool pool, Clock clock, DecisionTrail trail, LanguageModel model) {
    this.vertx = vertx;
    this.pool = pool;
    this.clock = clock;
    this.trail = trail;
    this.library = ExampleLibrary.load();
    this.libraryIndex = OkrIndex.build(library.examples().stream()
        .map(e -> new OkrIndex.Entry(e.id(), e.language(), e.searchText()))
        .toList());
    this.orgIndexes = new OrgIndexCache(vertx, new PastOkrs(pool));
    this.unitKpis = new UnitKpis(pool);
    this.generator = new DraftGenerator(library);
    this.refiner = model == null ? null : new DraftRefiner(model, trail, pool);
  }

  /** Returns the example library, for the route that shows one example. */
  public ExampleLibrary library() {
    return library;
  }

  /**
   * Generates a draft for the caller's organisation. Fails with 404 when the unit or cycle is not
   * in the organisation and 409 when the cycle is closed.
   */
  public Future<JsonObject> generate(Caller caller, DraftRequest request) {
    String orgId = caller.orgId();
    String draftId = UUID.randomUUID().toString();
    String language = request.language() != null ? request.language()
        : OkrText.detect(request.strategy(), request.uiLanguage() != null ? request.uiLanguage() : "en");
    String findingsLanguage = request.uiLanguage() != null ? request.uiLanguage() : language;
    Instant now = clock.instant();
    return frame(orgId, request)
        .compose(frame -> Future.all(orgIndexes.get(orgId), unitKpis.load(orgId, request.unitId(), now),
                QualityRoutes.read(pool, orgId))
            .compose(loaded -> {
              OrgIndexCache.OrgIndex orgIndex = loaded.resultAt(0);
              List<KpiTargets.Kpi> kpis = loaded.resultAt(1);
              QualityRoutes.Stored quality = loaded.resultAt(2);
              ProposalReview review = new ProposalReview(new QualityChecker(quality.settings()));
              return vertx.executeBlocking(() -> draft(request, language, findingsLanguage, frame, orgIndex, kpis, review));
            })
            .compose(draft -> polish(caller, draftId, language, request, draft))
            .compose(draft -> record(caller, draftId, language, request, frame, draft)))
        .onSuccess(draft -> LOG.info("Draft {} of organisation {} for unit {} generated by {}: {} proposals, {} dropped",
            draftId, orgId, request.unitId(), caller.source(), draft.getJsonArray("proposals").size(),
            draft.getJsonArray("dropped").size()));
  }

  private Future<Frame> frame(String orgId, DraftRequest request) {
    Future<Row> unit = pool.preparedQuery("SELECT name FROM units WHERE org_id = $1 AND id = $2 AND archived_at IS NULL")
        .execute(Tuple.of(orgId, request.unitId()))
        .compose(rows -> rows.size() == 0
            ? Future.failedFuture(ApiException.notFound("Unit " + request.unitId()))
            : Future.succeededFuture(rows.iterator().next()));
    Future<Row> cycle = pool.preparedQuery("SELECT key, name, start_date, end_date, closed FROM cycles WHERE org_id = $1 AND id = $2")
        .execute(Tuple.of(orgId, request.cycleId()))
        .compose(rows -> rows.size() == 0
            ? Future.failedFuture(ApiException.notFound("Cycle " + request.cycleId()))
            : Future.succeededFuture(rows.iterator().next()));
    return Future.all(unit, cycle).compose(both -> {
      Row cycleRow = cycle.result();
      if (cycleRow.getBoolean("closed")) {
        return Future.failedFuture(ApiException.conflict("cycle_closed", "Cycle " + cycleRow.getString("key")
            + " is closed, so no OKRs can be added to it; draft for an open cycle", new JsonObject().put("cycleKey",
            cycleRow.getString("key"))));
      }
      return Future.succeededFuture(new Frame(unit.result().getString("name"), cycleRow.getString("key"),
          cycleRow.getString("name"), cycleRow.getLocalDate("start_date"), cycleRow.getLocalDate("end_date")));
    });
  }

  /**
   * Runs retrieval, generation and the quality review with the organisation's quality settings.
   * The proposals are in {@code language}, the findings in {@code findingsLanguage}. This is CPU
   * work for a worker thread.
   */
  private Draft draft(DraftRequest request, String language, String findingsLanguage, Frame frame,
                      OrgIndexCache.OrgIndex orgIndex, List<KpiTargets.Kpi> kpis, ProposalReview review) {
    StrategyPhrases phrases = StrategyPhrases.of(language, request.strategy(), term -> libraryIndex.idf(language, term));
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    DraftGenerator.Input input = new DraftGenerator.Input(language, phrases, request.unitId(), request.cycleId(),
        frame.cycleStart(), frame.cycleLastDay(), frame.cycleEnd(), kpis, today);
    // Objectives that the unit's own work in the drafted cycle repeats would only take the place of useful hits.
    DraftGenerator.Repeated repeated = DraftGenerator.repeatedOwnWork(input, orgIndex.objectives());
    Set<String> notCitable = new HashSet<>();
    orgIndex.objectives().forEach((id, objective) -> {
      boolean citable = objective.citableFor(request.unitId(), request.cycleId(), frame.cycleStart(), frame.cycleLastDay(), today);
      boolean live = objective.underWayFor(request.unitId(), request.cycleId(), frame.cycleLastDay(), today);
      if ((!citable && !live) || repeated.contains(objective)) {
        notCitable.add(id);
      }
    });
    Map<String, List<OkrIndex.Hit>> libraryByPhrase = new HashMap<>();
    Map<String, List<OkrIndex.Hit>> pastByPhrase = new HashMap<>();
    Map<String, List<DraftGenerator.Bridge>> bridgedByPhrase = new HashMap<>();
    for (String phrase : phrases.outcomes()) {
      libraryByPhrase.put(phrase, libraryIndex.search(language, phrase, HITS_PER_PHRASE));
      pastByPhrase.put(phrase, orgIndex.index().search(language, phrase, HITS_PER_PHRASE, notCitable));
      bridgedByPhrase.put(phrase, bridges(language, libraryByPhrase.get(phrase), orgIndex, notCitable));
    }
    DraftGenerator.Hits hits = new DraftGenerator.Hits(
        libraryIndex.search(language, request.strategy(), HITS_PER_INDEX),
        orgIndex.index().search(language, request.strategy(), HITS_PER_INDEX, notCitable),
        libraryByPhrase, pastByPhrase, bridgedByPhrase);
    DraftGenerator.Result result = generator.generate(input, hits, orgIndex.objectives());

    Draft draft = new Draft(review, findingsLanguage);
    if (result.proposals().isEmpty() && result.underWay().isEmpty()) {
      // An objective under way that answers a phrase is a match too, so the note is only for a draft that shows nothing.
      draft.notes.add(new JsonObject().put("code", "no_match"));
    }
    for (Proposal proposal : result.proposals()) {
      Reviewed reviewed = review.review(findingsLanguage, proposal);
      if (!reviewed.removedKeyResults().isEmpty()) {
        List<String> removedTitles = proposal.keyResults().stream()
            .filter(kr -> reviewed.removedKeyResults().contains(kr.id())).map(Proposal.KeyResult::title).toList();
        draft.notes.add(new JsonObject().put("code", "improved").put("proposalId", proposal.id())
            .put("removed", new JsonArray(reviewed.removedKeyResults())).put("removedTitles", new JsonArray(removedTitles)));
      }
      if (reviewed.passed() && answersNothing(reviewed.proposal())) {
        // The review removed every key result that answered the strategy, so the proposal has no reason left.
        LOG.info("Draft proposal {} left out: after the quality review it answers no phrase of the strategy", proposal.id());
      } else if (reviewed.passed()) {
        draft.passed.add(reviewed);
      } else {
        draft.dropped.add(reviewed);
      }
    }
    draft.uncovered.addAll(uncovered(phrases, result.unmatched(), result.ownWork(), result.underWay(), draft.passed));
    draft.underWay.addAll(result.underWay());
    return draft;
  }

  /**
   * Searches the organisation's OKRs in the other language with the translations of a phrase's
   * library hits, since the library contains every example in English and German. So a German
   * strategy finds the organisation's English key results and the other way round.
   */
  private List<DraftGenerator.Bridge> bridges(String language, List<OkrIndex.Hit> libraryHits,
                                              OrgIndexCache.OrgIndex orgIndex, Set<String> notCitable) {
    List<DraftGenerator.Bridge> bridges = new ArrayList<>();
    for (String other : OkrText.LANGUAGES) {
      if (other.equals(language)) {
        continue;
      }
      for (OkrIndex.Hit libraryHit : libraryHits) {
        ExampleLibrary.Example example = library.byId(libraryHit.id());
        ExampleLibrary.Example sibling = library.sibling(example, other);
        if (sibling == null) {
          continue;
        }
        for (OkrIndex.Hit hit : orgIndex.index().search(other, sibling.searchText(), HITS_PER_PHRASE, notCitable)) {
          bridges.add(new DraftGenerator.Bridge(hit, example, sibling));
        }
      }
    }
    return bridges;
  }

  /**
   * Returns the phrases of the strategy that name an outcome and that no shown proposal answers:
   * {@code no_match} when neither the library nor the organisation's OKRs had anything for it,
   * {@code dropped} when what answered it did not pass the quality check. Phrases in
   * {@code ownWork}, which the unit's own objectives answer already, and phrases of the listed
   * objectives under way are not uncovered, because the draft shows what answers them.
   */
  private static List<JsonObject> uncovered(StrategyPhrases phrases, List<String> unmatched, List<String> ownWork,
                                            List<JsonObject> underWay, List<Reviewed> passed) {
    Set<String> answered = new HashSet<>(ownWork);
    underWay.forEach(entry -> answered.addAll(phraseList(entry)));
    for (Reviewed reviewed : passed) {
      // Only key results answer a phrase: the objective's sources list what its key results answered before the review.
      reviewed.proposal().keyResults().forEach(kr -> kr.sources().forEach(source -> answered.addAll(phraseList(source))));
    }
    List<JsonObject> uncovered = new ArrayList<>();
    for (String phrase : phrases.outcomes()) {
      if (!answered.contains(phrase)) {
        uncovered.add(new JsonObject().put("phrase", phrase).put("reason", unmatched.contains(phrase) ? "no_match" : "dropped"));
      }
    }
    return uncovered;
  }

  /** Returns true when none of the proposal's remaining key results answers a phrase; its title alone does not count. */
  private static boolean answersNothing(Proposal proposal) {
    return proposal.keyResults().stream().flatMap(kr -> kr.sources().stream()).allMatch(source -> phraseList(source).isEmpty());
  }

  private static List<String> phraseList(JsonObject source) {
    JsonArray phrases = source.getJsonArray("phrases");
    return phrases == null ? List.of() : phrases.stream().map(String::valueOf).toList();
  }

  /** The organisation's quality review, proposals that passed it, proposals it dropped, and notes for the person. */
  private static final class Draft {
    final ProposalReview review;
    final String findingsLanguage;
    final List<Reviewed> passed = new ArrayList<>();
    final List<Reviewed> dropped = new ArrayList<>();
    final List<JsonObject> notes = new ArrayList<>();
    final List<String> refined = new ArrayList<>();
    final List<JsonObject> uncovered = new ArrayList<>();
    final List<JsonObject> underWay = new ArrayList<>();

    Draft(ProposalReview review, String findingsLanguage) {
      this.review = review;
      this.findingsLanguage = findingsLanguage;
    }
  }

  /**
   * Lets the language model polish the passed proposals when the request sets {@code useModel}.
   * On any failure the deterministic draft is returned.
   */
  private Future<Draft> polish(Caller caller, String draftId, String language, DraftRequest request, Draft draft) {
    if (!request.useModel() || draft.passed.isEmpty()) {
      return Future.succeededFuture(draft);
    }
    if (refiner == null) {
      draft.notes.add(new JsonObject().put("code", "model_off"));
      return Future.succeededFuture(draft);
    }
    List<Proposal> proposals = draft.passed.stream().map(Reviewed::proposal).toList();
    return people(caller.orgId())
        .compose(people -> refiner.refine(caller, draftId, language, request.strategy(), proposals, new Redactor(people)))
        .map(result -> {
          if (result.failure() != null) {
            draft.notes.add(new JsonObject().put("code", "model_failed").put("reason", result.failure()));
            return draft;
          }
          for (int i = 0; i < draft.passed.size(); i++) {
            Reviewed original = draft.passed.get(i);
            Reviewed polished = draft.review.check(draft.findingsLanguage, result.proposals().get(i));
            if (polished.passed() && polished.report().getInteger("score") >= original.report().getInteger("score")) {
              draft.passed.set(i, new Reviewed(polished.proposal(), polished.report(), true, original.removedKeyResults()));
              draft.refined.add(original.proposal().id());
            } else {
              draft.notes.add(new JsonObject().put("code", "model_rejected").put("proposalId", original.proposal().id())
                  .put("score", polished.report().getInteger("score")));
            }
          }
          return draft;
        })
        .recover(failure -> {
          // Recording the exchange in the trail failed, so the deterministic draft is returned.
          LOG.error("Polishing draft {} of organisation {} with the language model failed", draftId, caller.orgId(), failure);
          draft.notes.add(new JsonObject().put("code", "model_failed").put("reason", "error"));
          return Future.succeededFuture(draft);
        });
  }

  private Future<List<Redactor.Person>> people(String orgId) {
    return pool.preparedQuery("SELECT name, email FROM users WHERE org_id = $1 LIMIT $2")
        .execute(Tuple.of(orgId, MAX_PEOPLE))
        .map(rows -> {
          List<Redactor.Person> people = new ArrayList<>();
          rows.forEach(row -> people.add(new Redactor.Person(row.getString("name"), row.getString("email"))));
          return people;
        });
  }

  private Future<JsonObject> record(Caller caller, String draftId, String language, DraftRequest request, Frame frame,
                                    Draft draft) {
    JsonArray proposals = new JsonArray();
    for (Reviewed reviewed : draft.passed) {
      proposals.add(reviewed.proposal().toJson()
          .put("check", reviewed.report().copy().put("passed", true))
          .put("refined", draft.refined.contains(reviewed.proposal().id())));
    }
    JsonArray dropped = new JsonArray();
    for (Reviewed reviewed : draft.dropped) {
      dropped.add(reviewed.proposal().toJson().put("check", reviewed.report().copy().put("passed", false)));
    }
    JsonObject body = new JsonObject()
        .put("draftId", draftId)
        .put("language", language)
        .put("uiLanguage", draft.findingsLanguage)
        .put("unit", new JsonObject().put("id", request.unitId().toString()).put("name", frame.unitName()))
        .put("cycle", new JsonObject().put("id", request.cycleId().toString()).put("key", frame.cycleKey())
            .put("name", frame.cycleName()))
        .put("generatedAt", clock.instant().toString())
        .put("proposals", proposals)
        .put("dropped", dropped)
        .put("notes", new JsonArray(List.copyOf(draft.notes)))
        .put("uncovered", new JsonArray(List.copyOf(draft.uncovered)))
        .put("underWay", new JsonArray(List.copyOf(draft.underWay)))
        .put("model", new JsonObject().put("requested", request.useModel()).put("used", !draft.refined.isEmpty()));
    JsonObject evidence = body.copy().put("strategy", request.strategy());
    Decision decision = Decision.by(caller, DecisionTrail.DRAFT_GENERATED, "draft", draftId, "generated", null,
        evidence, draftId);
    return trail.record(pool, decision).map(id -> body.put("decisionId", id));
  }

  /** Returns the library example with {@code id}, or throws 404. */
  public JsonObject example(String id) {
    ExampleLibrary.Example example = library.byId(id);
    if (example == null) {
      throw new ApiException(404, "not_found", "Library example " + id + " was not found; ids look like sales-en-1");
    }
    JsonArray keyResults = new JsonArray();
    example.keyResults().forEach(kr -> keyResults.add(new JsonObject()
        .put("metric", kr.metric()).put("unit", kr.unit()).put("direction", kr.direction())
        .put("baseline", kr.baseline()).put("target", kr.target()).put("indicator", kr.indicator())));
    return new JsonObject().put("id", example.id()).put("function", example.function()).put("language", example.language())
        .put("objective", example.objective()).put("keyResults", keyResults);
  }
}
