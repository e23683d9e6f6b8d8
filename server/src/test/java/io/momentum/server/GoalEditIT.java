package io.momentum.server;

import static io.momentum.server.support.Goals.error;
import static io.momentum.server.support.Goals.fields;
import static io.momentum.server.support.Goals.key;
import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.server.app.MomentumNode;
import io.momentum.server.db.PgOrgStateLoader;
import io.momentum.server.support.Goals;
import io.momentum.server.support.Http;
import io.momentum.server.support.TestNode;
import io.momentum.server.support.TestOrg;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Editing, re-aligning and archiving goals through the REST API against a real node. */
class GoalEditIT {

  private static MomentumNode node;
  private static TestOrg org;
  private static TestOrg other;
  private static Http api;
  private static Goals goals;

  @BeforeAll
  static void createOrgs() throws InterruptedException {
    node = TestNode.get();
    org = TestOrg.create(node, "edit-" + UUID.randomUUID().toString().substring(0, 8)).awaitLive(node);
    other = TestOrg.create(node, "edit-other-" + UUID.randomUUID().toString().substring(0, 8)).awaitLive(node);
    api = Http.withToken(org.token);
    goals = new Goals(api, org);
  }

  @Test
  void patchChangesTitleAndBumpsVersion() {
    JsonObject objective = goals.objective(key("title"), null);

    HttpResponse<Buffer> response = api.patch("/api/v1/objectives/" + objective.getString("id"),
        new JsonObject().put("version", 1).put("title", "Win the market"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Http.json(response).getString("title")).isEqualTo("Win the market");
    assertThat(Http.json(response).getInteger("version")).isEqualTo(2);
  }

  @Test
  void patchAppendsDefinitionHistory() {
    JsonObject objective = goals.objective(key("history"), null);
    api.patch("/api/v1/objectives/" + objective.getString("id"), new JsonObject().put("version", 1).put("title", "Renamed"));

    List<Row> rows = history(objective.getString("id"));

    assertThat(rows).extracting(row -> row.getString("change")).containsExactly("created", "updated");
    assertThat(rows).extracting(row -> row.getInteger("version")).containsExactly(1, 2);
    assertThat(rows.get(1).getString("changed_by")).startsWith("urn:momentum:token:");
    assertThat(((JsonObject) rows.get(1).getValue("definition")).getString("title")).isEqualTo("Renamed");
  }

  @Test
  void patchWithoutVersionIsRejected() {
    JsonObject objective = goals.objective(key("noversion"), null);

    HttpResponse<Buffer> response = api.patch("/api/v1/objectives/" + objective.getString("id"), new JsonObject().put("title", "New"));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(fields(response)).containsExactly("version");
  }

  @Test
  void ifMatchHeaderCarriesVersion() {
    JsonObject kpi = goals.kpi(key("ifmatch"));

    HttpResponse<Buffer> response = api.patchIfMatch("/api/v1/kpis/" + kpi.getString("id"), new JsonObject().put("unit", "EUR"), 1);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Http.json(response).getString("unit")).isEqualTo("EUR");
    assertThat(Http.json(response).getInteger("version")).isEqualTo(2);
  }

  @Test
  void staleVersionIsConflictWithCurrent() {
    JsonObject objective = goals.objective(key("stale"), null);
    String path = "/api/v1/objectives/" + objective.getString("id");
    api.patch(path, new JsonObject().put("version", 1).put("title", "First edit"));

    HttpResponse<Buffer> response = api.patch(path, new JsonObject().put("version", 1).put("title", "Lost edit"));

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(error(response).getString("code")).isEqualTo("stale_version");
    assertThat(error(response).getInteger("currentVersion")).isEqualTo(2);
    assertThat(error(response).getJsonObject("current").getString("title")).isEqualTo("First edit");
    assertThat(Http.json(api.get(path)).getString("title")).isEqualTo("First edit");
  }

  /** A patch, the path it goes to, and the fields the response must name. */
  private record BadPatch(String entity, JsonObject patch, List<String> fields) {
  }

  @Test
  void invalidPatchesNameFieldsAndChangeNothing() {
    JsonObject objective = goals.objective(key("valid"), null);
    JsonObject keyResult = api.get("/api/v1/key-results/" + org.keyResults.get("revenue")).bodyAsJsonObject();
    JsonObject kpi = goals.kpi(key("valid-kpi"));
    JsonObject initiative = goals.initiative(key("valid-init"));
    List<BadPatch> cases = List.of(
        new BadPatch("objectives/" + objective.getString("id"), new JsonObject().put("title", ""), List.of("title")),
        new BadPatch("objectives/" + objective.getString("id"), new JsonObject().put("title", "x".repeat(201)), List.of("title")),
        new BadPatch("objectives/" + objective.getString("id"), new JsonObject().put("weight", -1), List.of("weight")),
        new BadPatch("objectives/" + objective.getString("id"), new JsonObject().put("key", "renamed"), List.of("key")),
        new BadPatch("objectives/" + objective.getString("id"), new JsonObject().put("colour", "red"), List.of("colour")),
        new BadPatch("objectives/" + objective.getString("id"), new JsonObject().put("unitId", other.teamId.toString()), List.of("unitId")),
        new BadPatch("objectives/" + objective.getString("id"), new JsonObject().put("cycleId", UUID.randomUUID().toString()), List.of("cycleId")),
        new BadPatch("objectives/" + objective.getString("id"), new JsonObject().put("ownerId", other.userId.toString()), List.of("ownerId")),
        new BadPatch("objectives/" + objective.getString("id"), new JsonObject().put("parentId", org.objectiveId.toString())
            .put("parentKeyResultId", org.keyResults.get("revenue").toString()), List.of("parentKeyResultId")),
        new BadPatch("key-results/" + keyResult.getString("id"), new JsonObject().put("target", 10), List.of("target")),
        new BadPatch("key-results/" + keyResult.getString("id"), new JsonObject().put("measurement", "range"), List.of("low", "high")),
        new BadPatch("key-results/" + keyResult.getString("id"), new JsonObject().put("objectiveId", UUID.randomUUID().toString()), List.of("objectiveId")),
        new BadPatch("key-results/" + keyResult.getString("id"), new JsonObject().put("low", 1), List.of("low")),
        new BadPatch("key-results/" + keyResult.getString("id"), new JsonObject().putNull("measurement"), List.of("measurement")),
        new BadPatch("key-results/" + keyResult.getString("id"), new JsonObject().put("milestones", new JsonArray().add("Beta")),
            List.of("milestones[0]")),
        new BadPatch("kpis/" + kpi.getString("id"), new JsonObject().put("green", 10).put("red", 20), List.of("green")),
        new BadPatch("kpis/" + kpi.getString("id"), new JsonObject().put("expectedEveryHours", 0), List.of("expectedEveryHours")),
        new BadPatch("kpis/" + kpi.getString("id"), new JsonObject().put("indicator", "sideways"), List.of("indicator")),
        new BadPatch("initiatives/" + initiative.getString("id"), new JsonObject().put("start", "2026-10-01").put("due", "2026-09-01"), List.of("due")),
        new BadPatch("initiatives/" + initiative.getString("id"), new JsonObject().put("externalKey", "SHOP-1"), List.of("externalSystem")),
        new BadPatch("units/" + org.teamId, new JsonObject().put("kind", "tribe"), List.of("kind")));

    for (BadPatch bad : cases) {
      String path = "/api/v1/" + bad.entity();
      JsonObject before = Http.json(api.get(path));
      HttpResponse<Buffer> response = api.patch(path, bad.patch().copy().put("version", before.getInteger("version")));

      assertThat(response.statusCode()).as(bad.toString()).isEqualTo(400);
      assertThat(fields(response)).as(bad.toString()).containsExactlyInAnyOrderElementsOf(bad.fields());
      assertThat(Http.json(api.get(path)).getInteger("version")).as(bad.toString()).isEqualTo(before.getInteger("version"));
    }
  }

  @Test
  void measurementChangeDropsOldFields() {
    JsonObject objective = goals.objective(key("switch"), null);
    JsonObject keyResult = Http.json(api.post("/api/v1/key-results", new JsonObject().put("key", key("switch-kr"))
        .put("objectiveId", objective.getString("id")).put("title", "Grow").put("measurement", "increase")
        .put("start", 1).put("target", 5)));

    HttpResponse<Buffer> response = api.patch("/api/v1/key-results/" + keyResult.getString("id"), new JsonObject()
        .put("version", 1).put("measurement", "range").put("low", 2).put("high", 4));

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    assertThat(Http.json(response).getValue("start")).isNull();
    assertThat(Http.json(response).getDouble("high")).isEqualTo(4.0);
  }

  @Test
  void selfParentIsLoop() {
    JsonObject objective = goals.objective(key("self"), null);

    HttpResponse<Buffer> response = api.patch("/api/v1/objectives/" + objective.getString("id"),
        new JsonObject().put("version", 1).put("parentId", objective.getString("id")));

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(error(response).getString("code")).isEqualTo("alignment_loop");
    assertThat(error(response).getJsonArray("loop")).containsExactly(objective.getString("key"), objective.getString("key"));
  }

  @Test
  void directLoopIsRejected() {
    JsonObject top = goals.objective(key("top"), null);
    JsonObject child = goals.objective(key("child"), top.getString("id"));

    HttpResponse<Buffer> response = api.patch("/api/v1/objectives/" + top.getString("id"),
        new JsonObject().put("version", 1).put("parentId", child.getString("id")));

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(error(response).getJsonArray("loop"))
        .containsExactly(top.getString("key"), child.getString("key"), top.getString("key"));
    assertThat(Http.json(api.get("/api/v1/objectives/" + top.getString("id"))).getString("parentId")).isNull();
  }

  @Test
  void twoStepLoopIsRejected() {
    JsonObject a = goals.objective(key("a"), null);
    JsonObject b = goals.objective(key("b"), a.getString("id"));
    JsonObject c = goals.objective(key("c"), b.getString("id"));

    HttpResponse<Buffer> response = api.patch("/api/v1/objectives/" + a.getString("id"),
        new JsonObject().put("version", 1).put("parentId", c.getString("id")));

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(error(response).getJsonArray("loop"))
        .containsExactly(a.getString("key"), c.getString("key"), b.getString("key"), a.getString("key"));
  }

  @Test
  void loopThroughKeyResultIsRejected() {
    JsonObject x = goals.objective(key("x"), null);
    JsonObject kr = goals.keyResult(key("x-kr"), x.getString("id"));
    JsonObject y = goals.objectiveUnderKeyResult(key("y"), kr.getString("id"));

    HttpResponse<Buffer> response = api.patch("/api/v1/objectives/" + x.getString("id"),
        new JsonObject().put("version", 1).put("parentId", y.getString("id")));

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(error(response).getJsonArray("loop"))
        .containsExactly(x.getString("key"), y.getString("key"), kr.getString("key"), x.getString("key"));
  }

  @Test
  void keyResultMoveClosingLoopIsRejected() {
    JsonObject x = goals.objective(key("move"), null);
    JsonObject kr = goals.keyResult(key("move-kr"), x.getString("id"));
    JsonObject y = goals.objectiveUnderKeyResult(key("move-y"), kr.getString("id"));

    HttpResponse<Buffer> response = api.patch("/api/v1/key-results/" + kr.getString("id"),
        new JsonObject().put("version", 1).put("objectiveId", y.getString("id")));

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(error(response).getJsonArray("loop")).containsExactly(kr.getString("key"), y.getString("key"), kr.getString("key"));
  }

  @Test
  void concurrentCrossingMovesCannotBuildLoop() throws Exception {
    for (int round = 0; round < 5; round++) {
      JsonObject a = goals.objective(key("race-a"), null);
      JsonObject b = goals.objective(key("race-b"), null);
      Http second = Http.withToken(org.token);
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
      try {
        var moveA = pool.submit(() -> api.patch("/api/v1/objectives/" + a.getString("id"),
            new JsonObject().put("version", 1).put("parentId", b.getString("id"))).statusCode());
        var moveB = pool.submit(() -> second.patch("/api/v1/objectives/" + b.getString("id"),
            new JsonObject().put("version", 1).put("parentId", a.getString("id"))).statusCode());

        assertThat(List.of(moveA.get(), moveB.get())).containsExactlyInAnyOrder(200, 409);
      } finally {
        pool.shutdown();
      }
    }
  }

  @Test
  void childCycleOutsideParentCycleIsRejected() {
    JsonObject parent = goals.objective(key("quarterly"), null);

    HttpResponse<Buffer> response = api.post("/api/v1/objectives", new JsonObject().put("key", key("yearly"))
        .put("title", "A year under a quarter").put("unitId", org.teamId.toString())
        .put("cycleId", org.yearId.toString()).put("parentId", parent.getString("id")));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(fields(response)).containsExactly("parentId");
  }

  @Test
  void cycleChangeOutsideChildrenIsRejected() {
    JsonObject parent = Http.json(api.post("/api/v1/objectives", new JsonObject().put("key", key("annual"))
        .put("title", "Annual").put("unitId", org.companyId.toString()).put("cycleId", org.yearId.toString())));
    goals.objective(key("quarter-child"), parent.getString("id"));
    JsonObject shortCycle = Http.json(api.post("/api/v1/cycles", new JsonObject().put("key", key("q-short"))
        .put("name", "Short").put("kind", "quarter").put("parentId", org.yearId.toString())
        .put("start", parent.getString("createdAt").substring(0, 10)).put("end", parent.getString("createdAt").substring(0, 10))));

    HttpResponse<Buffer> response = api.patch("/api/v1/objectives/" + parent.getString("id"),
        new JsonObject().put("version", 1).put("cycleId", shortCycle.getString("id")));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(fields(response)).containsExactly("cycleId");
  }

  @Test
  void strategicOutcomeHasNoParent() {
    HttpResponse<Buffer> response = api.post("/api/v1/objectives", new JsonObject().put("key", key("outcome"))
        .put("kind", "strategic_outcome").put("title", "Lead the market").put("unitId", org.companyId.toString())
        .put("cycleId", org.yearId.toString()).put("parentKeyResultId", org.keyResults.get("revenue").toString()));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(fields(response)).contains("parentKeyResultId");
  }

  @Test
  void realignmentShowsOnBoard() throws InterruptedException {
    JsonObject first = goals.objective(key("parent-one"), null);
    JsonObject second = goals.objective(key("parent-two"), null);
    JsonObject child = goals.objective(key("moving"), first.getString("id"));
    awaitBoardNode(child.getString("key"), n -> first.getString("id").equals(n.getString("parentId")));

    HttpResponse<Buffer> response = api.patch("/api/v1/objectives/" + child.getString("id"),
        new JsonObject().put("version", 1).put("parentId", second.getString("id")));
    JsonObject onBoard = awaitBoardNode(child.getString("key"), n -> second.getString("id").equals(n.getString("parentId")));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(onBoard.getInteger("version")).isGreaterThan(1);
  }

  @Test
  void cascadeToKeyResultShowsOnBoard() throws InterruptedException {
    JsonObject child = goals.objective(key("cascaded"), null);

    HttpResponse<Buffer> response = api.patch("/api/v1/objectives/" + child.getString("id"),
        new JsonObject().put("version", 1).put("parentKeyResultId", org.keyResults.get("revenue").toString()));
    JsonObject onBoard = awaitBoardNode(child.getString("key"),
        n -> org.keyResults.get("revenue").toString().equals(n.getString("parentId")));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Http.json(response).getString("parentKeyResultId")).isEqualTo(org.keyResults.get("revenue").toString());
    assertThat(onBoard.getString("kind")).isEqualTo("objective");
  }

  @Test
  void keyResultMoveShowsOnBoard() throws InterruptedException {
    JsonObject from = goals.objective(key("kr-from"), null);
    JsonObject to = goals.objective(key("kr-to"), null);
    JsonObject kr = goals.keyResult(key("kr-moving"), from.getString("id"));

    HttpResponse<Buffer> response = api.patch("/api/v1/key-results/" + kr.getString("id"),
        new JsonObject().put("version", 1).put("objectiveId", to.getString("id")));
    JsonObject onBoard = awaitBoardNode(kr.getString("key"), n -> to.getString("id").equals(n.getString("parentId")));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Http.json(response).getString("objectiveId")).isEqualTo(to.getString("id"));
    assertThat(onBoard.getString("kind")).isEqualTo("key_result");
  }

  @Test
  void keyResultWithAlignedObjectiveNeedsCascade() {
    JsonObject objective = goals.objective(key("kr-parent"), null);
    JsonObject kr = goals.keyResult(key("kr-with-child"), objective.getString("id"));
    JsonObject aligned = goals.objectiveUnderKeyResult(key("kr-aligned"), kr.getString("id"));

    HttpResponse<Buffer> blocked = api.delete("/api/v1/key-results/" + kr.getString("id"));
    HttpResponse<Buffer> cascaded = api.delete("/api/v1/key-results/" + kr.getString("id") + "?cascade=true");

    assertThat(blocked.statusCode()).isEqualTo(409);
    assertThat(error(blocked).getJsonArray("children")).containsExactly(aligned.getString("key"));
    assertThat(cascaded.statusCode()).isEqualTo(200);
    assertThat(api.get("/api/v1/objectives/" + aligned.getString("id")).statusCode()).isEqualTo(404);
    assertThat(api.get("/api/v1/objectives/" + objective.getString("id")).statusCode()).isEqualTo(200);
  }

  @Test
  void unusedKpiIsArchived() {
    JsonObject kpi = goals.kpi(key("retired"));

    HttpResponse<Buffer> response = api.delete("/api/v1/kpis/" + kpi.getString("id"));
    JsonArray items = Http.json(api.get("/api/v1/kpis?limit=500")).getJsonArray("items");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Http.json(response).getJsonArray("archived").getJsonObject(0).getString("kind")).isEqualTo("kpi");
    assertThat(items.stream().map(k -> ((JsonObject) k).getString("id"))).doesNotContain(kpi.getString("id"));
  }

  @Test
  void emptyUnitIsArchived() {
    JsonObject unit = Http.json(api.post("/api/v1/units", new JsonObject().put("key", key("empty")).put("name", "Empty")
        .put("kind", "team").put("parentId", org.companyId.toString())));

    HttpResponse<Buffer> response = api.delete("/api/v1/units/" + unit.getString("id"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(api.get("/api/v1/units/" + unit.getString("id")).statusCode()).isEqualTo(404);
    assertThat(history(unit.getString("id"))).extracting(row -> row.getString("change")).containsExactly("created", "archived");
  }

  @Test
  void unitRenameBumpsVersion() {
    JsonObject unit = Http.json(api.post("/api/v1/units", new JsonObject().put("key", key("renamed")).put("name", "Old name")
        .put("kind", "team").put("parentId", org.companyId.toString())));

    HttpResponse<Buffer> response = api.patchIfMatch("/api/v1/units/" + unit.getString("id"), new JsonObject().put("name", "New name"), 1);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Http.json(response).getString("name")).isEqualTo("New name");
    assertThat(Http.json(response).getInteger("version")).isEqualTo(2);
  }

  @Test
  void archiveWithKeyResultsNeedsCascade() {
    JsonObject objective = goals.objective(key("busy"), null);
    JsonObject kr = goals.keyResult(key("busy-kr"), objective.getString("id"));

    HttpResponse<Buffer> response = api.delete("/api/v1/objectives/" + objective.getString("id"));

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(error(response).getString("code")).isEqualTo("has_children");
    assertThat(error(response).getJsonArray("children")).containsExactly(kr.getString("key"));
    assertThat(api.get("/api/v1/objectives/" + objective.getString("id")).statusCode()).isEqualTo(200);
  }

  @Test
  void cascadeArchivesWholeSubtree() {
    JsonObject objective = goals.objective(key("tree"), null);
    JsonObject kr = goals.keyResult(key("tree-kr"), objective.getString("id"));
    JsonObject child = goals.objective(key("tree-child"), objective.getString("id"));
    JsonObject grandchild = goals.objectiveUnderKeyResult(key("tree-grandchild"), kr.getString("id"));

    HttpResponse<Buffer> response = api.delete("/api/v1/objectives/" + objective.getString("id") + "?cascade=true");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Http.json(response).getJsonArray("archived").stream().map(a -> ((JsonObject) a).getString("key")))
        .containsExactlyInAnyOrder(objective.getString("key"), kr.getString("key"), child.getString("key"), grandchild.getString("key"));
    for (String path : List.of("/api/v1/objectives/" + objective.getString("id"), "/api/v1/key-results/" + kr.getString("id"),
        "/api/v1/objectives/" + child.getString("id"), "/api/v1/objectives/" + grandchild.getString("id"))) {
      assertThat(api.get(path).statusCode()).as(path).isEqualTo(404);
    }
    assertThat(history(kr.getString("id"))).extracting(row -> row.getString("change")).containsExactly("created", "archived");
  }

  @Test
  void archivedObjectiveLeavesLists() {
    JsonObject objective = goals.objective(key("gone"), null);

    api.delete("/api/v1/objectives/" + objective.getString("id"));
    JsonArray items = Http.json(api.get("/api/v1/objectives?unit=" + org.teamId + "&limit=500")).getJsonArray("items");

    assertThat(items.stream().map(o -> ((JsonObject) o).getString("id"))).doesNotContain(objective.getString("id"));
  }

  @Test
  void archivedNodeIsNotLoaded() {
    JsonObject objective = goals.objective(key("unloaded"), null);
    api.delete("/api/v1/objectives/" + objective.getString("id"));
    PgOrgStateLoader loader = new PgOrgStateLoader(node.services().pool());

    Object definition = loader.loadDefinition(org.orgId, "node", objective.getString("id")).await();
    var state = loader.load(org.orgId, java.time.Instant.now()).await();

    assertThat(definition).isNull();
    assertThat(state.nodes()).noneMatch(n -> n.id().equals(objective.getString("id")));
  }

  @Test
  void staleVersionOnArchiveIsConflict() {
    JsonObject initiative = goals.initiative(key("old-read"));
    api.patch("/api/v1/initiatives/" + initiative.getString("id"), new JsonObject().put("version", 1).put("title", "Changed"));

    HttpResponse<Buffer> response = api.deleteIfMatch("/api/v1/initiatives/" + initiative.getString("id"), 1);

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(error(response).getInteger("currentVersion")).isEqualTo(2);
  }

  @Test
  void kpiFollowedByKeyResultCannotBeArchived() {
    HttpResponse<Buffer> response = api.delete("/api/v1/kpis/" + org.kpiId);

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(error(response).getString("message")).contains("nps-kr");
  }

  @Test
  void ownerIdFillsOwnerName() {
    JsonObject objective = goals.objective(key("owned"), null);

    HttpResponse<Buffer> response = api.patch("/api/v1/objectives/" + objective.getString("id"),
        new JsonObject().put("version", 1).put("ownerId", org.userId.toString()));

    assertThat(Http.json(response).getString("ownerId")).isEqualTo(org.userId.toString());
    assertThat(Http.json(response).getString("ownerName")).isEqualTo("Olivia Owner");
  }

  @Test
  void ownerFilterListsOwnedObjectives() {
    JsonObject owned = goals.objective(key("mine"), null);
    goals.objective(key("not-mine"), null);
    api.patch("/api/v1/objectives/" + owned.getString("id"), new JsonObject().put("version", 1).put("ownerId", org.userId.toString()));

    JsonArray items = Http.json(api.get("/api/v1/objectives?owner=" + org.userId)).getJsonArray("items");

    assertThat(items.stream().map(o -> ((JsonObject) o).getString("ownerId"))).containsOnly(org.userId.toString());
    assertThat(items.stream().map(o -> ((JsonObject) o).getString("id"))).contains(owned.getString("id"));
  }

  @Test
  void unitLoopIsRejected() {
    JsonObject upper = Http.json(api.post("/api/v1/units", new JsonObject().put("key", key("bu")).put("name", "BU")
        .put("kind", "business_unit").put("parentId", org.companyId.toString())));
    JsonObject lower = Http.json(api.post("/api/v1/units", new JsonObject().put("key", key("squad")).put("name", "Squad")
        .put("kind", "team").put("parentId", upper.getString("id"))));

    HttpResponse<Buffer> response = api.patch("/api/v1/units/" + upper.getString("id"),
        new JsonObject().put("version", 1).put("parentId", lower.getString("id")));

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(error(response).getJsonArray("loop"))
        .containsExactly(upper.getString("key"), lower.getString("key"), upper.getString("key"));
  }

  @Test
  void unitWithGoalsCannotBeArchived() {
    HttpResponse<Buffer> response = api.delete("/api/v1/units/" + org.teamId);

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(api.get("/api/v1/units/" + org.teamId).statusCode()).isEqualTo(200);
  }

  private static List<Row> history(String id) {
    List<Row> rows = new java.util.ArrayList<>();
    node.services().pool().preparedQuery("SELECT change, version, changed_by, definition FROM definition_history"
            + " WHERE org_id = $1 AND entity_id = $2 ORDER BY version")
        .execute(Tuple.of(org.orgId, UUID.fromString(id))).await().forEach(rows::add);
    return rows;
  }

  /** Polls the team board until a node with the key matches, for at most 15 s. */
  private static JsonObject awaitBoardNode(String key, Predicate<JsonObject> match) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 15_000;
    JsonObject last = null;
    while (System.currentTimeMillis() < deadline) {
      JsonArray nodes = Http.json(api.get("/api/v1/boards/" + org.teamBoard())).getJsonArray("nodes");
      last = nodes.stream().map(n -> (JsonObject) n).filter(n -> key.equals(n.getString("key"))).findFirst().orElse(null);
      if (last != null && match.test(last)) {
        return last;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("The board did not show " + key + " as expected within 15 s; last seen: " + last);
  }
}
