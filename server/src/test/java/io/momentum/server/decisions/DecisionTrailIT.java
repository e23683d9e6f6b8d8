package io.momentum.server.decisions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.momentum.server.app.MomentumNode;
import io.momentum.server.support.Http;
import io.momentum.server.support.TestNode;
import io.momentum.server.support.TestOrg;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The decision trail against a real node and database: decisions recorded over REST and by server
 * code, read back page by page and exported, kept per organisation, never changed.
 */
class DecisionTrailIT {

  private static MomentumNode node;
  private static TestOrg org;
  private static TestOrg otherOrg;
  private static Http api;
  private static Http otherApi;

  @BeforeAll
  static void createOrgs() throws InterruptedException {
    node = TestNode.get();
    org = TestOrg.create(node, "trail-" + UUID.randomUUID().toString().substring(0, 8)).awaitLive(node);
    otherOrg = TestOrg.create(node, "trail-" + UUID.randomUUID().toString().substring(0, 8)).awaitLive(node);
    api = Http.withToken(org.token);
    otherApi = Http.withToken(otherOrg.token);
  }

  private static JsonObject finding(String rule) {
    return new JsonObject().put("rule", rule).put("severity", "warning").put("evidence", "improve")
        .put("why", "A verb without a number cannot be scored").put("fix", "Name the measure and its target");
  }

  private static JsonObject dismissal(UUID keyResultId, String rule) {
    return new JsonObject()
        .put("kind", "quality.finding")
        .put("decision", "dismissed")
        .put("subjectType", "key_result")
        .put("subjectId", keyResultId.toString())
        .put("reason", "The target is set in the linked KPI")
        .put("evidence", finding(rule))
        .put("ref", rule + ":" + keyResultId);
  }

  private static long count(String orgId) {
    return node.services().pool().preparedQuery("SELECT count(*) AS n FROM decisions WHERE org_id = $1")
        .execute(Tuple.of(orgId)).await().iterator().next().getLong("n");
  }

  private static JsonArray items(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return Http.json(response).getJsonArray("items");
  }

  @Test
  void recordedDecisionListsFirst() {
    UUID keyResultId = org.keyResults.get("revenue");

    HttpResponse<Buffer> created = api.post("/api/v1/decisions", dismissal(keyResultId, "vague_verb"));

    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    JsonObject entry = Http.json(created);
    assertThat(entry.getString("actor")).startsWith("urn:momentum:token:");
    assertThat(entry.getString("kind")).isEqualTo("quality.finding");
    assertThat(entry.getString("decision")).isEqualTo("dismissed");
    assertThat(entry.getString("subjectId")).isEqualTo(keyResultId.toString());
    assertThat(entry.getJsonObject("evidence")).isEqualTo(finding("vague_verb"));
    assertThat(entry.getString("at")).isNotBlank();

    JsonArray newest = items(api.get("/api/v1/decisions?limit=1"));
    assertThat(newest.getJsonObject(0).getLong("id")).isEqualTo(entry.getLong("id"));
    JsonArray bySubject = items(api.get("/api/v1/decisions?subjectId=" + keyResultId + "&kind=quality.finding"));
    assertThat(bySubject.stream().map(e -> ((JsonObject) e).getLong("id"))).contains(entry.getLong("id"));
    JsonArray byRef = items(api.get("/api/v1/decisions?ref=vague_verb:" + keyResultId));
    assertThat(byRef).hasSize(1);
  }

  @Test
  void nodeFilterListsItsSignalActions() {
    DecisionTrail trail = new DecisionTrail(Clock.systemUTC());
    UUID keyResultId = org.keyResults.get("revenue");
    UUID otherKeyResultId = org.keyResults.get("defects");
    String signalId = UUID.randomUUID().toString();
    long dismissal = Http.json(api.post("/api/v1/decisions", dismissal(keyResultId, "no_target"))).getLong("id");
    long signalAction = trail.record(node.services().pool(), Decision.bySystem(org.orgId, DecisionTrail.SIGNAL_ACTION,
        "signal", signalId, "acknowledged", "Looking into it", new JsonObject().put("kind", "stalled_despite_effort")
            .put("nodeIds", new JsonArray().add(keyResultId.toString())), signalId)).await();
    String otherSignalId = UUID.randomUUID().toString();
    long otherSignalAction = trail.record(node.services().pool(), Decision.bySystem(org.orgId,
        DecisionTrail.SIGNAL_ACTION, "signal", otherSignalId, "snoozed", "Waiting for data",
        new JsonObject().put("kind", "missed_check_in").put("nodeIds", new JsonArray().add(otherKeyResultId.toString())),
        otherSignalId)).await();

    List<Long> ids = items(api.get("/api/v1/decisions?nodeId=" + keyResultId)).stream()
        .map(e -> ((JsonObject) e).getLong("id")).toList();
    List<Long> signalIds = items(api.get("/api/v1/decisions?nodeId=" + keyResultId + "&kind=signal.action")).stream()
        .map(e -> ((JsonObject) e).getLong("id")).toList();

    assertThat(ids).contains(dismissal, signalAction);
    assertThat(ids).doesNotContain(otherSignalAction);
    assertThat(signalIds).contains(signalAction);
    assertThat(signalIds).doesNotContain(dismissal, otherSignalAction);
  }

  @Test
  void pagesFollowNextBefore() {
    UUID keyResultId = org.keyResults.get("defects");
    List<Long> ids = new ArrayList<>();
    for (String rule : List.of("no_target", "no_baseline", "binary_kr")) {
      ids.add(Http.json(api.post("/api/v1/decisions", dismissal(keyResultId, rule))).getLong("id"));
    }

    JsonObject first = Http.json(api.get("/api/v1/decisions?subjectId=" + keyResultId + "&limit=2"));
    JsonObject second = Http.json(api.get("/api/v1/decisions?subjectId=" + keyResultId + "&limit=2&before="
        + first.getLong("nextBefore")));

    assertThat(first.getJsonArray("items").stream().map(e -> ((JsonObject) e).getLong("id")))
        .containsExactly(ids.get(2), ids.get(1));
    assertThat(second.getJsonArray("items").stream().map(e -> ((JsonObject) e).getLong("id")))
        .containsExactly(ids.get(0));
    assertThat(second.containsKey("nextBefore")).isFalse();
  }

  @Test
  void invalidDecisionsStoreNothing() {
    UUID keyResultId = org.keyResults.get("uptime");
    long before = count(org.orgId);
    List<JsonObject> bodies = List.of(
        dismissal(keyResultId, "no_target").put("kind", "signal.action"),
        dismissal(keyResultId, "no_target").put("decision", "rejected"),
        dismissal(keyResultId, "no_target").put("subjectId", "KR-1"),
        dismissal(keyResultId, "no_target").putNull("subjectType"),
        dismissal(keyResultId, "no_target").put("evidence", "the finding"),
        dismissal(keyResultId, "no_target").put("evidence", new JsonObject().put("text", "x".repeat(20_000))),
        dismissal(keyResultId, "no_target").put("reason", "r".repeat(1_001)),
        dismissal(keyResultId, "no_target").put("colour", "red"));
    List<String> fields = List.of("kind", "decision", "subjectId", "subjectType", "evidence", "evidence", "reason",
        "colour");

    for (int i = 0; i < bodies.size(); i++) {
      HttpResponse<Buffer> response = api.post("/api/v1/decisions", bodies.get(i));
      assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(400);
      assertThat(response.bodyAsString()).as("case %d", i).contains("\"" + fields.get(i) + "\"");
    }
    assertThat(count(org.orgId)).isEqualTo(before);
  }

  @Test
  void otherOrganisationSeesNothing() {
    UUID keyResultId = org.keyResults.get("launch");
    JsonObject entry = Http.json(api.post("/api/v1/decisions", dismissal(keyResultId, "output_not_outcome")));
    UUID otherKeyResultId = otherOrg.keyResults.get("launch");
    assertThat(otherApi.post("/api/v1/decisions", dismissal(otherKeyResultId, "no_owner")).statusCode()).isEqualTo(201);

    HttpResponse<Buffer> foreignSubject = otherApi.post("/api/v1/decisions", dismissal(keyResultId, "no_target"));
    JsonArray otherList = items(otherApi.get("/api/v1/decisions?subjectId=" + keyResultId));
    HttpResponse<Buffer> otherExport = otherApi.get("/api/v1/decisions/export");

    assertThat(foreignSubject.statusCode()).as(foreignSubject.bodyAsString()).isEqualTo(404);
    assertThat(otherList).isEmpty();
    assertThat(otherExport.statusCode()).isEqualTo(200);
    assertThat(otherExport.bodyAsString()).contains(otherKeyResultId.toString()).doesNotContain(keyResultId.toString());
    assertThat(items(api.get("/api/v1/decisions?subjectId=" + keyResultId)).getJsonObject(0).getLong("id"))
        .isEqualTo(entry.getLong("id"));
  }

  @Test
  void exportListsOldestFirstAsJsonLines() {
    UUID keyResultId = org.keyResults.get("contract");
    long first = Http.json(api.post("/api/v1/decisions", dismissal(keyResultId, "compound_kr"))).getLong("id");
    long second = Http.json(api.post("/api/v1/decisions", dismissal(keyResultId, "duplicate_kr"))).getLong("id");

    HttpResponse<Buffer> export = api.get("/api/v1/decisions/export?subjectId=" + keyResultId);

    assertThat(export.statusCode()).isEqualTo(200);
    assertThat(export.getHeader("Content-Type")).startsWith("application/x-ndjson");
    List<Long> ids = export.bodyAsString().lines().map(line -> new JsonObject(line).getLong("id")).toList();
    assertThat(ids).containsExactly(first, second);
  }

  @Test
  void cycleExportCarriesTrailOfItsNodes() {
    UUID keyResultId = org.keyResults.get("nps-kr");
    long id = Http.json(api.post("/api/v1/decisions", dismissal(keyResultId, "business_as_usual"))).getLong("id");

    HttpResponse<Buffer> export = api.get("/api/v1/cycles/" + org.quarterId + "/export");

    assertThat(export.statusCode()).as(export.bodyAsString()).isEqualTo(200);
    JsonArray decisions = Http.json(export).getJsonArray("decisions");
    assertThat(decisions.stream().map(e -> ((JsonObject) e).getLong("id"))).contains(id);
    assertThat(decisions.stream().map(e -> ((JsonObject) e).getString("subjectId")))
        .allMatch(subject -> !subject.equals(otherOrg.keyResults.get("nps-kr").toString()));
  }

  @Test
  void cycleExportCarriesSignalActionsAndBriefs() {
    DecisionTrail trail = new DecisionTrail(Clock.systemUTC());
    String signalId = UUID.randomUUID().toString();
    long signalAction = trail.record(node.services().pool(), Decision.bySystem(org.orgId, DecisionTrail.SIGNAL_ACTION,
        "signal", signalId, "resolved", "Confidence recovered", new JsonObject().put("kind", "confidence_drop")
            .put("nodeIds", new JsonArray().add(org.keyResults.get("revenue").toString())), signalId)).await();
    long brief = trail.record(node.services().pool(), Decision.bySystem(org.orgId, DecisionTrail.BRIEF_GENERATED,
        "unit", org.teamId.toString(), "generated", null, new JsonObject().put("cycleId", org.quarterId.toString()),
        UUID.randomUUID().toString())).await();
    long otherCycle = trail.record(node.services().pool(), Decision.bySystem(org.orgId, DecisionTrail.BRIEF_GENERATED,
        "unit", org.teamId.toString(), "generated", null, new JsonObject().put("cycleId", org.yearId.toString()),
        UUID.randomUUID().toString())).await();

    JsonArray decisions = Http.json(api.get("/api/v1/cycles/" + org.quarterId + "/export")).getJsonArray("decisions");

    List<Long> ids = decisions.stream().map(e -> ((JsonObject) e).getLong("id")).toList();
    assertThat(ids).contains(signalAction, brief);
    assertThat(ids).doesNotContain(otherCycle);
  }

  @Test
  void cycleExportCarriesProposalDecisionsOfItsDrafts() {
    DecisionTrail trail = new DecisionTrail(Clock.systemUTC());
    String draftId = UUID.randomUUID().toString();
    String otherDraftId = UUID.randomUUID().toString();
    long generated = trail.record(node.services().pool(), Decision.bySystem(org.orgId, DecisionTrail.DRAFT_GENERATED,
        "draft", draftId, "generated", null, new JsonObject().put("cycle", new JsonObject().put("id", org.quarterId.toString())),
        draftId)).await();
    trail.record(node.services().pool(), Decision.bySystem(org.orgId, DecisionTrail.DRAFT_GENERATED, "draft", otherDraftId,
        "generated", null, new JsonObject().put("cycle", new JsonObject().put("id", org.yearId.toString())), otherDraftId)).await();
    JsonObject accepted = new JsonObject().put("kind", "draft.proposal").put("decision", "accepted").put("subjectType", "draft")
        .put("subjectId", draftId).put("ref", draftId).put("evidence", new JsonObject().put("proposalId", "p1"));
    long proposal = Http.json(api.post("/api/v1/decisions", accepted)).getLong("id");
    long otherCycleProposal = Http.json(api.post("/api/v1/decisions", accepted.copy().put("subjectId", otherDraftId)
        .put("ref", otherDraftId))).getLong("id");
    // The same draft id in another organisation must not pull that organisation's entries in.
    long foreignProposal = Http.json(otherApi.post("/api/v1/decisions", accepted)).getLong("id");

    JsonArray decisions = Http.json(api.get("/api/v1/cycles/" + org.quarterId + "/export")).getJsonArray("decisions");

    List<Long> ids = decisions.stream().map(e -> ((JsonObject) e).getLong("id")).toList();
    assertThat(ids).contains(generated, proposal);
    assertThat(ids).doesNotContain(otherCycleProposal);
    assertThat(ids).doesNotContain(foreignProposal);
  }

  @Test
  void serverRecordsInCallersTransaction() {
    DecisionTrail trail = new DecisionTrail(Clock.systemUTC());
    Decision resolved = Decision.bySystem(org.orgId, DecisionTrail.SIGNAL_ACTION, "signal",
        UUID.randomUUID().toString(), "resolved", "The source sent again", new JsonObject().put("quietSeconds", 7200), null);
    long before = count(org.orgId);

    assertThatThrownBy(() -> node.services().pool().withTransaction(client -> trail.record(client, resolved)
        .compose(id -> client.query("SELECT 1 / 0").execute())).await()).hasMessageContaining("division by zero");
    long afterRollback = count(org.orgId);
    long id = trail.record(node.services().pool(), resolved).await();

    assertThat(afterRollback).isEqualTo(before);
    assertThat(count(org.orgId)).isEqualTo(before + 1);
    assertThat(id).isPositive();
    assertThatThrownBy(() -> trail.record(node.services().pool(), new Decision(org.orgId, "system", null,
        "quality.verdict", null, null, "accepted", null, null, null)).await())
        .hasMessageContaining("Unknown decision kind quality.verdict");
  }

  @Test
  void storedEntriesCannotChange() {
    long id = Http.json(api.post("/api/v1/decisions", dismissal(org.keyResults.get("epic"), "no_owner"))).getLong("id");

    assertThatThrownBy(() -> node.services().pool().preparedQuery("UPDATE decisions SET decision = 'accepted' WHERE id = $1")
        .execute(Tuple.of(id)).await()).hasMessageContaining("append-only");
    assertThatThrownBy(() -> node.services().pool().preparedQuery("DELETE FROM decisions WHERE id = $1")
        .execute(Tuple.of(id)).await()).hasMessageContaining("append-only");
    assertThat(items(api.get("/api/v1/decisions?ref=no_owner:" + org.keyResults.get("epic")))
        .getJsonObject(0).getString("decision")).isEqualTo("dismissed");
  }
}
