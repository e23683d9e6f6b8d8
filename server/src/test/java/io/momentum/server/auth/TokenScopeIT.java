package io.momentum.server.auth;

import static io.momentum.server.support.Goals.key;
import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.server.app.MomentumNode;
import io.momentum.server.support.Cadence;
import io.momentum.server.support.Events;
import io.momentum.server.support.Goals;
import io.momentum.server.support.Http;
import io.momentum.server.support.LiveClient;
import io.momentum.server.support.TestNode;
import io.momentum.server.support.TestOrg;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * API tokens limited to units and node kinds against a real node: writes outside the scope get 403
 * and store nothing, reads outside it are filtered or 404, and organisation structure is refused.
 *
 * <p>Units: the test organisation's company has the team (unit A) and a second team (unit B); A
 * has a squad below it.
 */
class TokenScopeIT {

  private static final String TOKENS = "/api/v1/tokens";
  private static final Instant DAY = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(10, ChronoUnit.DAYS);

  private static MomentumNode node;
  private static TestOrg org;
  private static TestOrg other;
  private static Http admin;
  private static UUID squadId;
  private static UUID unitBId;
  /** KPIs of unit A (the test organisation's own), its squad and unit B. */
  private static String kpiA;
  private static String kpiSquad;
  private static String kpiB;
  private static String kpiBKey;

  @BeforeAll
  static void createOrgs() throws InterruptedException {
    node = TestNode.get();
    org = Cadence.org(node, "scope");
    other = TestOrg.create(node, "scope-other-" + UUID.randomUUID().toString().substring(0, 8));
    admin = Http.withToken(Cadence.adminToken(node, org));
    squadId = unit(org.teamId, "squad");
    unitBId = unit(org.companyId, "team-b");
    kpiA = org.kpiId.toString();
    kpiSquad = kpi(squadId, key("squad-kpi")).getString("id");
    kpiBKey = key("b-kpi");
    kpiB = kpi(unitBId, kpiBKey).getString("id");
  }

  private static UUID unit(UUID parent, String prefix) {
    HttpResponse<Buffer> response = admin.post("/api/v1/units", new JsonObject().put("key", key(prefix))
        .put("name", "Unit " + prefix).put("kind", "team").put("parentId", parent.toString()));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return UUID.fromString(Http.json(response).getString("id"));
  }

  private static JsonObject kpi(UUID unit, String key) {
    HttpResponse<Buffer> response = admin.post("/api/v1/kpis", new JsonObject().put("key", key).put("title", "KPI " + key)
        .put("unitId", unit.toString()));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return Http.json(response);
  }

  /** Creates a read and write token limited to {@code units} and {@code kinds} (either may be empty). */
  private static JsonObject token(List<UUID> units, List<String> kinds) {
    JsonObject body = new JsonObject().put("name", key("scoped")).put("scopes", new JsonArray().add("read").add("write"));
    if (!units.isEmpty()) {
      body.put("units", new JsonArray(units.stream().map(UUID::toString).toList()));
    }
    if (!kinds.isEmpty()) {
      body.put("kinds", new JsonArray(kinds));
    }
    HttpResponse<Buffer> response = admin.post(TOKENS, body);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return Http.json(response);
  }

  private static Http client(JsonObject token) {
    return Http.withToken(token.getString("token"));
  }

  private static HttpResponse<Buffer> measure(Http client, String kpiId, double value) {
    return client.post("/api/v1/kpis/" + kpiId + "/measurements", new JsonObject().put("value", value)
        .put("time", DAY.toString()));
  }

  private static long count(String sql, Object... params) {
    return node.services().pool().preparedQuery(sql).execute(Tuple.from(params)).await().iterator().next().getLong(0);
  }

  /** Waits until the pipeline has stored a measurement of {@code kpiId}; later ones of the organisation queue behind it. */
  private static void awaitMeasurement(String kpiId) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 20_000;
    while (count("SELECT count(*) FROM measurements WHERE org_id = $1 AND node_id = $2", org.orgId, UUID.fromString(kpiId)) == 0) {
      assertThat(System.currentTimeMillis()).as("measurement of " + kpiId + " stored").isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  private static List<String> ids(HttpResponse<Buffer> list) {
    assertThat(list.statusCode()).as(list.bodyAsString()).isEqualTo(200);
    return Http.json(list).getJsonArray("items").stream().map(JsonObject.class::cast)
        .map(item -> item.getString("id")).collect(Collectors.toList());
  }

  @Test
  void kpiValueInGrantedUnitAccepted() {
    Http unitA = client(token(List.of(org.teamId), List.of()));

    HttpResponse<Buffer> response = measure(unitA, kpiA, 41);

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(202);
  }

  @Test
  void kpiValueInSubUnitAccepted() {
    Http unitA = client(token(List.of(org.teamId), List.of()));

    HttpResponse<Buffer> response = measure(unitA, kpiSquad, 7);

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(202);
  }

  @Test
  void kpiValueOutsideUnitRejected() throws InterruptedException {
    Http unitA = client(token(List.of(org.teamId), List.of()));

    HttpResponse<Buffer> refused = measure(unitA, kpiB, 99);
    HttpResponse<Buffer> accepted = measure(unitA, kpiA, 42);
    awaitMeasurement(kpiA);

    assertThat(refused.statusCode()).as(refused.bodyAsString()).isEqualTo(403);
    assertThat(Goals.error(refused).getString("code")).isEqualTo("out_of_scope");
    assertThat(Goals.error(refused).getString("message")).contains(unitBId.toString()).contains(org.teamId.toString());
    assertThat(Goals.error(refused).getJsonObject("allowed").getJsonArray("units")).containsExactly(org.teamId.toString());
    assertThat(accepted.statusCode()).isEqualTo(202);
    assertThat(count("SELECT count(*) FROM measurements WHERE org_id = $1 AND node_id = $2", org.orgId,
        UUID.fromString(kpiB))).isZero();
  }

  @Test
  void kpiTokenCannotCheckInKeyResult() {
    Http kpiOnly = client(token(List.of(), List.of("kpi")));

    HttpResponse<Buffer> checkIn = kpiOnly.post("/api/v1/key-results/revenue/check-ins",
        new JsonObject().put("value", 30).put("confidence", 7));
    HttpResponse<Buffer> kpiValue = measure(kpiOnly, kpiB, 5);

    assertThat(checkIn.statusCode()).as(checkIn.bodyAsString()).isEqualTo(403);
    assertThat(Goals.error(checkIn).getString("message")).contains("key result \"revenue\"").contains("[kpi]");
    assertThat(kpiValue.statusCode()).as(kpiValue.bodyAsString()).isEqualTo(202);
  }

  @Test
  void batchWithOutOfScopeEventRejected() throws InterruptedException {
    Http unitA = client(token(List.of(org.teamId), List.of()));
    JsonObject inScope = Events.event(org.orgId, "momentum.kpi.measurement", "nps", DAY, new JsonObject().put("value", 31));
    JsonObject outOfScope = Events.event(org.orgId, "momentum.kpi.measurement", kpiBKey, DAY, new JsonObject().put("value", 3));

    HttpResponse<Buffer> batch = unitA.postRaw("/api/v1/events", new JsonArray().add(inScope).add(outOfScope).encode(),
        "application/cloudevents-batch+json");
    HttpResponse<Buffer> later = measure(unitA, kpiSquad, 8);
    awaitMeasurement(kpiSquad);

    assertThat(batch.statusCode()).as(batch.bodyAsString()).isEqualTo(403);
    JsonObject field = Goals.error(batch).getJsonArray("fields").getJsonObject(0);
    assertThat(Goals.error(batch).getJsonArray("fields")).hasSize(1);
    assertThat(field.getString("field")).isEqualTo("[1].subject");
    assertThat(field.getString("code")).isEqualTo("out_of_scope");
    assertThat(field.getString("message")).contains(kpiBKey);
    assertThat(later.statusCode()).isEqualTo(202);
    assertThat(count("SELECT count(*) FROM events WHERE org_id = $1 AND id = ANY($2)", org.orgId,
        new String[] {inScope.getString("id"), outOfScope.getString("id")})).isZero();
  }

  @Test
  void feedWithOutOfScopeKpiStoresNone() {
    Http unitA = client(token(List.of(org.teamId), List.of()));
    JsonArray entries = new JsonArray()
        .add(new JsonObject().put("kpiKey", "nps").put("value", 33).put("time", DAY.toString()))
        .add(new JsonObject().put("kpiKey", kpiBKey).put("value", 4).put("time", DAY.toString()));

    HttpResponse<Buffer> response = unitA.post("/api/v1/kpis/measurements", new JsonObject().put("measurements", entries));

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(403);
    assertThat(Goals.error(response).getJsonArray("fields").getJsonObject(0).getString("code")).isEqualTo("out_of_scope");
  }

  @Test
  void csvWithOutOfScopeKpiRejected() {
    Http unitA = client(token(List.of(org.teamId), List.of()));
    String file = "kpi,value,time\nnps,34," + DAY + "\n" + kpiBKey + ",5," + DAY + "\n";

    HttpResponse<Buffer> response = unitA.postRaw("/api/v1/kpis/measurements.csv", file, "text/csv; charset=utf-8");

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(403);
    JsonObject field = Goals.error(response).getJsonArray("fields").getJsonObject(0);
    assertThat(field.getString("code")).isEqualTo("out_of_scope");
    assertThat(field.getString("message")).contains(kpiBKey);
  }

  @Test
  void listsShowOnlyNodesInScope() {
    Http unitA = client(token(List.of(org.teamId), List.of()));
    Http kpiOnly = client(token(List.of(), List.of("kpi")));

    List<String> kpis = ids(unitA.get("/api/v1/kpis?limit=200"));
    List<String> keyResultsOfKpiToken = ids(kpiOnly.get("/api/v1/key-results?limit=200"));
    List<String> objectivesOfKpiToken = ids(kpiOnly.get("/api/v1/objectives?limit=200"));
    List<String> keyResultsOfUnitToken = ids(unitA.get("/api/v1/key-results?limit=200"));

    assertThat(kpis).contains(kpiA, kpiSquad).doesNotContain(kpiB);
    assertThat(keyResultsOfKpiToken).isEmpty();
    assertThat(objectivesOfKpiToken).isEmpty();
    assertThat(keyResultsOfUnitToken).contains(org.keyResults.get("revenue").toString());
  }

  @Test
  void directReadOutOfScopeIs404() {
    Http unitA = client(token(List.of(org.teamId), List.of()));

    HttpResponse<Buffer> outside = unitA.get("/api/v1/kpis/" + kpiB);
    HttpResponse<Buffer> inside = unitA.get("/api/v1/kpis/" + kpiA);
    HttpResponse<Buffer> history = unitA.get("/api/v1/kpis/" + kpiB + "/history");

    assertThat(outside.statusCode()).as(outside.bodyAsString()).isEqualTo(404);
    assertThat(inside.statusCode()).as(inside.bodyAsString()).isEqualTo(200);
    assertThat(history.statusCode()).as(history.bodyAsString()).isEqualTo(404);
  }

  @Test
  void creatingOutsideScopeRefused() {
    Http unitA = client(token(List.of(org.teamId), List.of()));
    String refusedKey = key("outside");

    HttpResponse<Buffer> outside = unitA.post("/api/v1/kpis", new JsonObject().put("key", refusedKey).put("title", "Outside")
        .put("unitId", unitBId.toString()));
    HttpResponse<Buffer> inside = unitA.post("/api/v1/kpis", new JsonObject().put("key", key("inside")).put("title", "Inside")
        .put("unitId", squadId.toString()));

    assertThat(outside.statusCode()).as(outside.bodyAsString()).isEqualTo(403);
    assertThat(inside.statusCode()).as(inside.bodyAsString()).isEqualTo(201);
    assertThat(count("SELECT count(*) FROM kpis WHERE org_id = $1 AND key = $2", org.orgId, refusedKey)).isZero();
  }

  @Test
  void movingNodeOutOfScopeRefused() {
    Http unitA = client(token(List.of(org.teamId), List.of()));
    JsonObject created = kpi(squadId, key("mover"));

    HttpResponse<Buffer> moved = unitA.patchIfMatch("/api/v1/kpis/" + created.getString("id"),
        new JsonObject().put("unitId", unitBId.toString()), created.getInteger("version"));

    assertThat(moved.statusCode()).as(moved.bodyAsString()).isEqualTo(403);
    assertThat(count("SELECT count(*) FROM kpis WHERE id = $1 AND unit_id = $2", UUID.fromString(created.getString("id")),
        squadId)).isEqualTo(1);
  }

  @Test
  void cascadeOutsideScopeRejected() {
    Goals goals = new Goals(admin, org);
    JsonObject objective = goals.objective(key("cascade"), null);
    JsonObject keyResult = goals.keyResult(key("cascade-kr"), objective.getString("id"));
    Http objectivesOnly = client(token(List.of(), List.of("objective")));

    HttpResponse<Buffer> archive = objectivesOnly.delete("/api/v1/objectives/" + objective.getString("id") + "?cascade=true");

    assertThat(archive.statusCode()).as(archive.bodyAsString()).isEqualTo(403);
    assertThat(Goals.error(archive).getString("message")).contains(keyResult.getString("key"));
    assertThat(count("SELECT count(*) FROM key_results WHERE id = $1 AND archived_at IS NULL",
        UUID.fromString(keyResult.getString("id")))).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM objectives WHERE id = $1 AND archived_at IS NULL",
        UUID.fromString(objective.getString("id")))).isEqualTo(1);
  }

  @Test
  void restrictedTokenCannotChangeStructure() {
    Http unitA = client(token(List.of(org.teamId), List.of()));
    List<HttpResponse<Buffer>> responses = List.of(
        unitA.post("/api/v1/units", new JsonObject().put("key", key("unit")).put("name", "New").put("kind", "team")
            .put("parentId", org.teamId.toString())),
        unitA.patch("/api/v1/units/" + squadId, new JsonObject().put("name", "Renamed")),
        unitA.post("/api/v1/cycles", new JsonObject().put("key", key("cycle")).put("name", "Cycle").put("kind", "quarter")),
        unitA.patch("/api/v1/settings", new JsonObject().put("checkInDay", "monday")),
        unitA.post(TOKENS, new JsonObject().put("name", key("nested")).put("scopes", new JsonArray().add("read"))));

    for (HttpResponse<Buffer> response : responses) {
      assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(403);
      assertThat(Goals.error(response).getString("code")).isEqualTo("token_restricted");
    }
    assertThat(count("SELECT count(*) FROM units WHERE id = $1 AND name = 'Renamed'", squadId)).isZero();
  }

  @Test
  void restrictedTokenCannotListPeople() {
    Http unitA = client(token(List.of(org.teamId), List.of()));

    HttpResponse<Buffer> response = unitA.get("/api/v1/people");

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(403);
    assertThat(Goals.error(response).getString("code")).isEqualTo("token_restricted");
    assertThat(response.bodyAsString()).doesNotContain("@");
  }

  @Test
  void unitOfOtherOrganisationRejectedAtCreation() {
    JsonObject foreign = new JsonObject().put("name", key("foreign")).put("scopes", new JsonArray().add("read"))
        .put("units", new JsonArray().add(other.teamId.toString()));
    JsonObject unknown = new JsonObject().put("name", key("unknown")).put("scopes", new JsonArray().add("read"))
        .put("units", new JsonArray().add(UUID.randomUUID().toString()));

    HttpResponse<Buffer> foreignResponse = admin.post(TOKENS, foreign);
    HttpResponse<Buffer> unknownResponse = admin.post(TOKENS, unknown);

    assertThat(foreignResponse.statusCode()).as(foreignResponse.bodyAsString()).isEqualTo(400);
    JsonObject field = Goals.error(foreignResponse).getJsonArray("fields").getJsonObject(0);
    assertThat(field.getString("field")).isEqualTo("units[0]");
    assertThat(field.getString("code")).isEqualTo("unknown_unit");
    assertThat(field.getString("message"))
        .isEqualTo(Goals.error(unknownResponse).getJsonArray("fields").getJsonObject(0).getString("message"));
    assertThat(count("SELECT count(*) FROM api_tokens WHERE org_id = $1 AND name = $2", org.orgId, foreign.getString("name")))
        .isZero();
  }

  @Test
  void invalidKindRejectedWithCode() {
    HttpResponse<Buffer> response = admin.post(TOKENS, new JsonObject().put("name", key("kind")).put("scopes",
        new JsonArray().add("read")).put("kinds", new JsonArray().add("kpi").add("goal")));

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(400);
    JsonObject field = Goals.error(response).getJsonArray("fields").getJsonObject(0);
    assertThat(field.getString("field")).isEqualTo("kinds[1]");
    assertThat(field.getString("code")).isEqualTo("not_allowed");
  }

  @Test
  void listShowsRestriction() {
    JsonObject created = token(List.of(org.teamId), List.of("kpi", "key_result"));

    HttpResponse<Buffer> list = admin.get(TOKENS);
    JsonObject listed = Http.json(list).getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(item -> item.getString("id").equals(created.getString("id"))).findFirst().orElseThrow();

    assertThat(listed.getJsonArray("scopes")).containsExactly("read", "write");
    assertThat(listed.getJsonArray("kinds")).containsExactly("kpi", "key_result");
    assertThat(listed.getJsonArray("units")).hasSize(1);
    assertThat(listed.getJsonArray("units").getJsonObject(0).getString("id")).isEqualTo(org.teamId.toString());
    assertThat(listed.getJsonArray("units").getJsonObject(0).getString("name")).isEqualTo("Team");
    assertThat(created.getJsonArray("kinds")).containsExactly("kpi", "key_result");
  }

  @Test
  void boardsOutOfScopeHiddenOrFiltered() {
    Http unitA = client(token(List.of(org.teamId), List.of()));

    HttpResponse<Buffer> boardB = unitA.get("/api/v1/boards/unit:" + unitBId);
    HttpResponse<Buffer> portfolio = unitA.get("/api/v1/boards/portfolio:" + org.orgId);

    assertThat(boardB.statusCode()).as(boardB.bodyAsString()).isEqualTo(404);
    assertThat(portfolio.statusCode()).as(portfolio.bodyAsString()).isEqualTo(200);
    for (Object entry : Http.json(portfolio).getJsonArray("nodes")) {
      String unitId = ((JsonObject) entry).getString("unitId");
      assertThat(List.of(org.teamId.toString(), squadId.toString())).as(((JsonObject) entry).encode()).contains(unitId);
    }
    for (Object entry : Http.json(portfolio).getJsonArray("units")) {
      assertThat(((JsonObject) entry).getString("id")).isNotEqualTo(unitBId.toString())
          .isNotEqualTo(org.companyId.toString());
    }
  }

  @Test
  void liveSubscriptionOutOfScopeNotFound() throws InterruptedException {
    JsonObject token = token(List.of(unitBId), List.of());

    try (LiveClient live = LiveClient.connect(node.vertx(), TestNode.httpPort(), token.getString("token"))) {
      live.subscribe(org.teamBoard(), null, null);
      JsonObject error = live.next("error", Duration.ofSeconds(10));

      assertThat(error.getString("code")).isEqualTo("board_not_found");
    }
  }

  @Test
  void liveBoardLeavesOutOtherKinds() throws InterruptedException {
    JsonObject token = token(List.of(), List.of("kpi"));

    try (LiveClient live = LiveClient.connect(node.vertx(), TestNode.httpPort(), token.getString("token"))) {
      live.subscribe(org.teamBoard(), null, null);
      JsonObject snapshot = live.next("snapshot", Duration.ofSeconds(10));
      HttpResponse<Buffer> keyResult = Http.withToken(org.token).postRaw("/api/v1/events",
          Events.value(org.orgId, "uptime", 97, Instant.now()).encode(), "application/cloudevents+json");
      HttpResponse<Buffer> kpiValue = Http.withToken(org.token).post("/api/v1/kpis/" + kpiA + "/measurements",
          new JsonObject().put("value", 48).put("time", Instant.now().toString()));
      List<JsonObject> deltas = new java.util.ArrayList<>();
      deltas.add(live.next(message -> {
        boolean delta = "delta".equals(message.getString("type"));
        if (delta) {
          deltas.add(message);
        }
        return delta && message.getJsonArray("nodes").stream().anyMatch(n -> kpiA.equals(((JsonObject) n).getString("id")));
      }, Duration.ofSeconds(15)));

      assertThat(keyResult.statusCode()).isEqualTo(202);
      assertThat(kpiValue.statusCode()).isEqualTo(202);
      assertThat(snapshot.getJsonArray("nodes")).isNotEmpty();
      for (Object node : snapshot.getJsonArray("nodes")) {
        assertThat(((JsonObject) node).getString("kind")).isEqualTo("kpi");
      }
      for (JsonObject delta : deltas) {
        for (Object node : delta.getJsonArray("nodes")) {
          assertThat(((JsonObject) node).getString("kind")).as(delta.encode()).isEqualTo("kpi");
        }
      }
    }
  }
}
