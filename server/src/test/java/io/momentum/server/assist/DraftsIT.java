package io.momentum.server.assist;

import static io.momentum.server.support.Goals.error;
import static io.momentum.server.support.Goals.fields;
import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.server.app.MomentumNode;
import io.momentum.server.support.Http;
import io.momentum.server.support.TestNode;
import io.momentum.server.support.TestOrg;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The draft generator through its REST route on a real node: retrieval over the organisation's
 * past OKRs and the library, KPI adaptation, the quality check, validation, the decision trail, and
 * isolation between organisations.
 */
class DraftsIT {

  private static final String DRAFTS = "/api/v1/assist/drafts";
  private static final String STRATEGY = "Delight customers and grow revenue. Raise the win rate of qualified"
      + " opportunities and cut the defect rate.";

  private static MomentumNode node;
  private static TestOrg org;
  private static TestOrg other;
  private static Http api;
  private static Http otherApi;
  private static final UUID WIN_RATE_KPI = UUID.randomUUID();
  private static final UUID OTHER_OBJECTIVE = UUID.randomUUID();
  private static final UUID PREVIOUS_QUARTER = UUID.randomUUID();
  private static final UUID PREVIOUS_OBJECTIVE = UUID.randomUUID();

  @BeforeAll
  static void createOrgs() {
    node = TestNode.get();
    org = TestOrg.create(node, "drafts-" + UUID.randomUUID().toString().substring(0, 8));
    other = TestOrg.create(node, "drafts-other-" + UUID.randomUUID().toString().substring(0, 8));
    api = Http.withToken(org.token);
    otherApi = Http.withToken(other.token);
    sql("INSERT INTO node_keys (org_id, key, node_id, kind) VALUES ($1, 'win-rate', $2, 'kpi')", org.orgId, WIN_RATE_KPI);
    sql("INSERT INTO kpis (id, org_id, key, title, unit_id, unit, direction, green, red, current_value, current_at)"
        + " VALUES ($1, $2, 'win-rate', 'Win rate of qualified opportunities', $3, '%', 'increase', 27, 15, 21, now())",
        WIN_RATE_KPI, org.orgId, org.teamId);
    // The other organisation's company unit, so that a draft for its team may cite it.
    insertObjective(other, OTHER_OBJECTIVE, "Conquer submarine tourism around Atlantis", other.companyId, other.quarterId);
    // A draft offers an objective only when at least two of its key results answer the strategy.
    insertKeyResult(other, OTHER_OBJECTIVE, "Submarine tourism bookings around Atlantis per month");
    insertKeyResult(other, OTHER_OBJECTIVE, "Submarine tourism revenue around Atlantis");
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    sql("INSERT INTO cycles (id, org_id, key, name, kind, parent_id, start_date, end_date)"
        + " VALUES ($1, $2, 'previous-q', 'Previous quarter', 'quarter', $3, $4, $5)",
        PREVIOUS_QUARTER, org.orgId, org.yearId, today.minusDays(135), today.minusDays(46));
    insertObjective(org, PREVIOUS_OBJECTIVE, "Delight customers in every region", org.teamId, PREVIOUS_QUARTER);
    insertKeyResult(org, PREVIOUS_OBJECTIVE, "Customers delighted by their first order");
    insertKeyResult(org, PREVIOUS_OBJECTIVE, "Delighted customers who recommend us");
  }

  private static void sql(String statement, Object... params) {
    node.services().pool().preparedQuery(statement).execute(Tuple.from(params)).await();
  }

  private static void insertObjective(TestOrg owner, UUID id, String title, UUID unitId, UUID cycleId) {
    String key = "o-" + id.toString().substring(0, 8);
    sql("INSERT INTO node_keys (org_id, key, node_id, kind) VALUES ($1, $2, $3, 'objective')", owner.orgId, key, id);
    sql("INSERT INTO objectives (id, org_id, key, title, unit_id, cycle_id) VALUES ($1, $2, $3, $4, $5, $6)",
        id, owner.orgId, key, title, unitId, cycleId);
  }

  /** Inserts an increasing key result from 10 to 20 under {@code objectiveId}. */
  private static void insertKeyResult(TestOrg owner, UUID objectiveId, String title) {
    UUID id = UUID.randomUUID();
    String key = "k-" + id.toString().substring(0, 8);
    sql("INSERT INTO node_keys (org_id, key, node_id, kind) VALUES ($1, $2, $3, 'key_result')", owner.orgId, key, id);
    sql("INSERT INTO key_results (id, org_id, key, objective_id, title, measurement, start_value, target_value)"
        + " VALUES ($1, $2, $3, $4, $5, 'increase', 10, 20)", id, owner.orgId, key, objectiveId, title);
  }

  private static JsonObject request(TestOrg owner, String strategy) {
    return new JsonObject().put("strategy", strategy).put("unitId", owner.teamId.toString())
        .put("cycleId", owner.quarterId.toString());
  }

  private static JsonObject draft(Http client, JsonObject body) {
    HttpResponse<Buffer> response = client.post(DRAFTS, body);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return Http.json(response);
  }

  private static List<JsonObject> allSources(JsonObject draft) {
    List<JsonObject> sources = new ArrayList<>();
    for (String list : List.of("proposals", "dropped")) {
      for (Object p : draft.getJsonArray(list)) {
        JsonObject proposal = (JsonObject) p;
        proposal.getJsonArray("sources").forEach(s -> sources.add((JsonObject) s));
        for (Object kr : proposal.getJsonArray("keyResults")) {
          ((JsonObject) kr).getJsonArray("sources").forEach(s -> sources.add((JsonObject) s));
        }
      }
    }
    return sources;
  }

  @Test
  void draftCitesEarlierObjective() {
    JsonObject draft = draft(api, request(org, STRATEGY));
    JsonObject past = allSources(draft).stream()
        .filter(s -> "okr".equals(s.getString("type")) && PREVIOUS_OBJECTIVE.toString().equals(s.getString("id")))
        .findFirst().orElseThrow(() -> new AssertionError("no source names the earlier objective: " + draft.encodePrettily()));
    assertThat(past.getString("cycleKey")).isEqualTo("previous-q");
    assertThat(past.getString("unitId")).isEqualTo(org.teamId.toString());
    assertThat(past.getJsonArray("phrases").getList()).contains("Delight customers").doesNotContain(STRATEGY);
  }

  @Test
  void unitsCurrentObjectiveIsNotCited() {
    JsonObject draft = draft(api, request(org, STRATEGY));
    assertThat(allSources(draft).stream().map(s -> s.getString("id"))).doesNotContain(org.objectiveId.toString());
  }

  @Test
  void findingsFollowPageLanguage() {
    JsonObject draft = draft(api, request(org, "Wir wollen mehr Neukunden gewinnen und die Abschlussquote steigern.")
        .put("uiLanguage", "en"));
    assertThat(draft.getString("language")).isEqualTo("de");
    assertThat(draft.getString("uiLanguage")).isEqualTo("en");
    JsonObject first = draft.getJsonArray("proposals").getJsonObject(0);
    List<String> whys = first.getJsonObject("check").getJsonArray("findings").stream()
        .map(f -> ((JsonObject) f).getString("why")).toList();
    assertThat(whys).as(first.encodePrettily()).isNotEmpty()
        .contains("Nobody owns the objective, so nobody is expected to drive it or report on it in check-ins.");
  }

  @Test
  void germanCsatFindsSatisfactionWork() {
    TestOrg shop = TestOrg.create(node, "drafts-csat-" + UUID.randomUUID().toString().substring(0, 8));
    UUID objective = UUID.randomUUID();
    insertObjective(shop, objective, "Kunden begeistern", shop.companyId, shop.quarterId);
    insertKeyResult(shop, objective, "Kundenzufriedenheit nach dem Kauf");
    Http client = Http.withToken(shop.token);

    for (String strategy : List.of("Die Kundenzufriedenheit steigern.", "Die CSAT steigern.", "CSAT auf 90 % steigern.")) {
      JsonObject draft = draft(client, request(shop, strategy).put("language", "de"));

      assertThat(underWayIds(draft)).as(strategy).contains(objective.toString());
    }
  }

  @Test
  void unmatchedClauseIsListed() {
    JsonObject draft = draft(api, request(org, "Raise the win rate of qualified opportunities and befriend every quokka."));
    assertThat(draft.getJsonArray("uncovered").getList()).as(draft.encodePrettily())
        .containsExactly(Map.of("phrase", "befriend every quokka", "reason", "no_match"));
  }

  @Test
  void everyProposalHasSourcesAndCheck() {
    JsonObject draft = draft(api, request(org, STRATEGY));
    assertThat(draft.getJsonArray("proposals")).hasSizeBetween(2, 3);
    for (Object item : draft.getJsonArray("proposals")) {
      JsonObject proposal = (JsonObject) item;
      assertThat(proposal.getJsonArray("sources")).as(proposal.encode()).isNotEmpty();
      assertThat(proposal.getJsonObject("check").getInteger("score")).isBetween(60, 100);
      assertThat(proposal.getJsonObject("check").getBoolean("passed")).isTrue();
      assertThat(proposal.getJsonObject("check").getJsonArray("findings")).isNotNull();
      for (Object kr : proposal.getJsonArray("keyResults")) {
        assertThat(((JsonObject) kr).getJsonArray("sources")).as(((JsonObject) kr).encode()).isNotEmpty();
      }
    }
  }

  @Test
  void librarySourcesCarryRelativeScore() {
    JsonObject draft = draft(api, request(org, STRATEGY));
    List<JsonObject> library = allSources(draft).stream().filter(source -> "library".equals(source.getString("type"))).toList();
    assertThat(library).isNotEmpty();
    for (JsonObject source : library) {
      assertThat(source.getDouble("relativeScore")).as(source.encode()).isBetween(0.0, 1.0);
    }
  }

  @Test
  void unitKpiGivesBaselineAndTarget() {
    JsonObject draft = draft(api, request(org, STRATEGY));
    JsonObject adapted = null;
    for (Object p : draft.getJsonArray("proposals")) {
      for (Object kr : ((JsonObject) p).getJsonArray("keyResults")) {
        for (Object s : ((JsonObject) kr).getJsonArray("sources")) {
          if (WIN_RATE_KPI.toString().equals(((JsonObject) s).getString("id"))) {
            adapted = (JsonObject) kr;
          }
        }
      }
    }
    assertThat(adapted).as(draft.encodePrettily()).isNotNull();
    assertThat(adapted.getValue("start").toString()).isEqualTo("21");
    assertThat(adapted.getValue("target").toString()).isEqualTo("27");
    assertThat(adapted.getString("title")).isEqualTo("Increase win rate of qualified opportunities from 21 % to 27 %");
    assertThat(adapted.getString("numbers")).isEqualTo("kpi");
    // Without a KPI, a key result's numbers are the library example's or those of the organisation's own key result.
    for (Object p : draft.getJsonArray("proposals")) {
      for (Object item : ((JsonObject) p).getJsonArray("keyResults")) {
        JsonObject kr = (JsonObject) item;
        if (!kr.getString("id").equals(adapted.getString("id"))) {
          String origin = kr.getJsonArray("sources").getJsonObject(0).getString("type");
          assertThat(kr.getString("numbers")).as(kr.getString("title")).isEqualTo(origin.equals("library") ? "example" : "past");
        }
      }
    }
  }

  @Test
  void draftIsRecordedInTrail() {
    JsonObject draft = draft(api, request(org, STRATEGY));
    HttpResponse<Buffer> response = api.get("/api/v1/decisions?kind=draft.generated&ref=" + draft.getString("draftId"));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    JsonArray items = Http.json(response).getJsonArray("items");
    assertThat(items).hasSize(1);
    JsonObject entry = items.getJsonObject(0);
    assertThat(entry.getString("decision")).isEqualTo("generated");
    assertThat(entry.getString("actor")).isEqualTo("urn:momentum:token:" + tokenId());
    assertThat(entry.getJsonObject("evidence").getString("strategy")).isEqualTo(STRATEGY);
    assertThat(entry.getJsonObject("evidence").getJsonArray("proposals")).isEqualTo(draft.getJsonArray("proposals"));
  }

  private static String tokenId() {
    return node.services().pool().preparedQuery("SELECT id FROM api_tokens WHERE org_id = $1").execute(Tuple.of(org.orgId))
        .await().iterator().next().getUUID("id").toString();
  }

  @Test
  void germanTextIsDetected() {
    JsonObject draft = draft(api, request(org, "Wir wollen mehr Neukunden gewinnen und die Abschlussquote steigern."));
    assertThat(draft.getString("language")).isEqualTo("de");
    assertThat(draft.getJsonArray("proposals").getJsonObject(0).getJsonArray("sources").getJsonObject(0).getString("id"))
        .endsWith("-de-1");
  }

  private static List<String> underWayIds(JsonObject draft) {
    return draft.getJsonArray("underWay").stream().map(entry -> ((JsonObject) entry).getString("id")).toList();
  }

  @Test
  void otherOrganisationsOkrsAreNeverCited() {
    String strategy = "Conquer submarine tourism around Atlantis";
    JsonObject draft = draft(api, request(org, strategy));
    assertThat(allSources(draft).stream().map(s -> s.getString("id"))).doesNotContain(OTHER_OBJECTIVE.toString());
    assertThat(underWayIds(draft)).doesNotContain(OTHER_OBJECTIVE.toString());
    assertThat(underWayIds(draft(otherApi, request(other, strategy)))).contains(OTHER_OBJECTIVE.toString());
  }

  @Test
  void companysLiveObjectiveIsUnderWay() {
    JsonObject draft = draft(otherApi, request(other, "Conquer submarine tourism around Atlantis"));

    assertThat(draft.getJsonArray("proposals").stream().map(p -> ((JsonObject) p).getString("title")))
        .doesNotContain("Conquer submarine tourism around Atlantis");
    JsonObject entry = draft.getJsonArray("underWay").getJsonObject(0);
    assertThat(entry.getString("id")).isEqualTo(OTHER_OBJECTIVE.toString());
    assertThat(entry.getString("title")).isEqualTo("Conquer submarine tourism around Atlantis");
    assertThat(entry.getString("unitId")).isEqualTo(other.companyId.toString());
    assertThat(entry.getString("cycleId")).isEqualTo(other.quarterId.toString());
    assertThat(entry.getJsonArray("phrases").getList()).contains("Conquer submarine tourism around Atlantis");
    assertThat(entry.getBoolean("ownWork")).isFalse();
  }

  @Test
  void liveKeyResultIsMarkedTracked() {
    TestOrg tracking = TestOrg.create(node, "drafts-tracked-" + UUID.randomUUID().toString().substring(0, 8));
    UUID objective = UUID.randomUUID();
    UUID churn = UUID.randomUUID();
    insertObjective(tracking, objective, "Turn first-time buyers into regulars", tracking.companyId, tracking.quarterId);
    sql("INSERT INTO node_keys (org_id, key, node_id, kind) VALUES ($1, 'k-churn', $2, 'key_result')", tracking.orgId, churn);
    sql("INSERT INTO key_results (id, org_id, key, objective_id, title, measurement, start_value, target_value, unit)"
        + " VALUES ($1, $2, 'k-churn', $3, 'Cut monthly customer churn from 4.6 % to 3.9 %', 'decrease', 4.6, 3.9, '%')",
        churn, tracking.orgId, objective);
    String strategy = "Grow revenue in the DACH region, cut churn and ship the mobile app faster";

    JsonObject draft = draft(Http.withToken(tracking.token), request(tracking, strategy));

    List<JsonObject> tracked = new ArrayList<>();
    for (Object p : draft.getJsonArray("proposals")) {
      JsonObject proposal = (JsonObject) p;
      for (Object k : proposal.getJsonArray("keyResults")) {
        JsonObject kr = (JsonObject) k;
        if (kr.getJsonObject("alreadyTrackedBy") != null) {
          tracked.add(kr);
          assertThat(proposal.getJsonObject("check").getJsonArray("findings").stream().map(f -> (JsonObject) f)
              .filter(f -> "already_tracked".equals(f.getString("rule"))).map(f -> f.getString("target")))
              .as(proposal.encode()).containsExactly(kr.getString("id"));
        }
      }
    }
    assertThat(tracked).as(draft.encode()).singleElement().satisfies(kr -> {
      assertThat(kr.getString("numbers")).isEqualTo("past");
      JsonObject by = kr.getJsonObject("alreadyTrackedBy");
      assertThat(by.getString("id")).isEqualTo(churn.toString());
      assertThat(by.getString("title")).isEqualTo("Cut monthly customer churn from 4.6 % to 3.9 %");
      assertThat(by.getString("objectiveId")).isEqualTo(objective.toString());
      assertThat(by.getString("unitId")).isEqualTo(tracking.companyId.toString());
      assertThat(by.getString("cycleId")).isEqualTo(tracking.quarterId.toString());
    });

    // Another organisation drafting the same strategy never receives the key result.
    JsonObject foreign = draft(api, request(org, strategy));
    assertThat(foreign.encode()).doesNotContain(churn.toString(), objective.toString());
  }

  @Test
  void otherOrganisationsUnitGets404() {
    HttpResponse<Buffer> response = api.post(DRAFTS, request(org, STRATEGY).put("unitId", other.teamId.toString()));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(404);
    assertThat(error(response).getString("message")).contains("Unit " + other.teamId);
  }

  @Test
  void otherOrganisationsCycleGets404() {
    HttpResponse<Buffer> response = api.post(DRAFTS, request(org, STRATEGY).put("cycleId", other.quarterId.toString()));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(404);
    assertThat(error(response).getString("message")).contains("Cycle " + other.quarterId);
  }

  @Test
  void otherOrganisationsDraftIsNotInTrail() {
    JsonObject draft = draft(otherApi, request(other, STRATEGY));
    HttpResponse<Buffer> response = api.get("/api/v1/decisions?ref=" + draft.getString("draftId"));
    assertThat(Http.json(response).getJsonArray("items")).isEmpty();
  }

  @Test
  void newObjectiveIsFoundOnNextDraft() {
    String strategy = "Run zeppelin harbour logistics";
    UUID id = UUID.randomUUID();
    assertThat(allSources(draft(api, request(org, strategy))).stream().map(s -> s.getString("id"))).doesNotContain(id.toString());
    insertObjective(org, id, "Run zeppelin harbour logistics without delays", org.teamId, PREVIOUS_QUARTER);
    insertKeyResult(org, id, "Zeppelin harbour berths served per week");
    insertKeyResult(org, id, "Zeppelin harbour logistics orders on time");
    assertThat(allSources(draft(api, request(org, strategy))).stream().map(s -> s.getString("id"))).contains(id.toString());
  }

  @Test
  void organisationQualitySettingsApply() {
    TestOrg strict = TestOrg.create(node, "drafts-strict-" + UUID.randomUUID().toString().substring(0, 8));
    // Drafts have no owner, so making that finding an error drops every proposal.
    sql("INSERT INTO quality_settings (org_id, settings) VALUES ($1, $2)", strict.orgId,
        new JsonObject().put("severities", new JsonObject().put("no_owner", "error")));
    JsonObject draft = draft(Http.withToken(strict.token), request(strict, STRATEGY));
    assertThat(draft.getJsonArray("proposals")).isEmpty();
    assertThat(draft.getJsonArray("dropped")).isNotEmpty();
    JsonObject check = draft.getJsonArray("dropped").getJsonObject(0).getJsonObject("check");
    assertThat(check.getBoolean("passed")).isFalse();
    assertThat(check.getJsonArray("findings").stream().map(f -> ((JsonObject) f).getString("severity"))).contains("error");
  }

  @Test
  void longStrategyGets413() {
    HttpResponse<Buffer> response = api.post(DRAFTS, request(org, "growth ".repeat(1200)));
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(error(response).getString("code")).isEqualTo("strategy_too_long");
    assertThat(error(response).getInteger("limit")).isEqualTo(8000);
  }

  @Test
  void missingFieldsGet400() {
    HttpResponse<Buffer> response = api.post(DRAFTS, new JsonObject().put("strategy", STRATEGY));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(fields(response)).contains("unitId", "cycleId");
  }

  @Test
  void unknownLanguageGets400() {
    HttpResponse<Buffer> response = api.post(DRAFTS, request(org, STRATEGY).put("language", "fr"));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(fields(response)).containsExactly("language");
  }

  @Test
  void closedCycleGets409() {
    UUID closed = UUID.randomUUID();
    LocalDate start = LocalDate.now().minusDays(200);
    sql("INSERT INTO cycles (id, org_id, key, name, kind, parent_id, start_date, end_date, closed)"
        + " VALUES ($1, $2, 'closed-q', 'Closed quarter', 'quarter', $3, $4, $5, true)",
        closed, org.orgId, org.yearId, start, start.plusDays(89));
    HttpResponse<Buffer> response = api.post(DRAFTS, request(org, STRATEGY).put("cycleId", closed.toString()));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(409);
    assertThat(error(response).getString("code")).isEqualTo("cycle_closed");
  }

  @Test
  void modelRequestWithoutModelIsNoted() {
    JsonObject draft = draft(api, request(org, STRATEGY).put("useModel", true));
    assertThat(draft.getJsonArray("notes").stream().map(n -> ((JsonObject) n).getString("code"))).contains("model_off");
    assertThat(draft.getJsonObject("model").getBoolean("used")).isFalse();
  }

  @Test
  void unitRestrictedTokenGets403() {
    String token = node.services().auth().createToken(org.orgId, "unit-only",
        List.of("read", "write", "unit:" + org.teamId), org.userId).await();
    HttpResponse<Buffer> response = Http.withToken(token).post(DRAFTS, request(org, STRATEGY));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(403);
    assertThat(error(response).getString("code")).isEqualTo("token_restricted");
  }

  @Test
  void readOnlyTokenGets403() {
    String token = node.services().auth().createToken(org.orgId, "read-only", List.of("read"), org.userId).await();
    HttpResponse<Buffer> response = Http.withToken(token).post(DRAFTS, request(org, STRATEGY));
    assertThat(response.statusCode()).isEqualTo(403);
  }

  @Test
  void libraryExampleIsReadable() {
    HttpResponse<Buffer> response = api.get(DRAFTS + "/library/support-en-1");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Http.json(response).getString("objective")).isEqualTo("Solve customers' problems on first contact");
    assertThat(Http.json(response).getJsonArray("keyResults")).hasSize(3);
  }

  @Test
  void unknownLibraryExampleGets404() {
    assertThat(api.get(DRAFTS + "/library/support-en-99").statusCode()).isEqualTo(404);
    assertThat(api.get(DRAFTS + "/library/drop-table").statusCode()).isEqualTo(400);
  }
}
