package io.momentum.server.cadence;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.server.app.MomentumNode;
import io.momentum.server.support.Cadence;
import io.momentum.server.support.Events;
import io.momentum.server.support.Http;
import io.momentum.server.support.TestNode;
import io.momentum.server.support.TestOrg;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code GET /nodes/{id}/as-of}: revenue (start 20, target 50) gets 26 ten days ago, 35 five days
 * ago and 44 one day ago; questions between those instants get the value of their time.
 */
class TimeTravelIT {

  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private static MomentumNode node;
  private static TestOrg org;
  private static Http api;
  private static String revenue;

  @BeforeAll
  static void publishValuesAtKnownTimes() throws InterruptedException {
    node = TestNode.get();
    org = Cadence.org(node, "asof");
    api = Http.withToken(org.token);
    revenue = org.keyResults.get("revenue").toString();
    node.services().pool().preparedQuery("UPDATE key_results SET created_at = $2 WHERE org_id = $1")
        .execute(Tuple.of(org.orgId, NOW.minus(40, ChronoUnit.DAYS).atOffset(ZoneOffset.UTC))).await();
    node.services().pool().preparedQuery("UPDATE objectives SET created_at = $2 WHERE org_id = $1")
        .execute(Tuple.of(org.orgId, NOW.minus(40, ChronoUnit.DAYS).atOffset(ZoneOffset.UTC))).await();
    api.post("/api/v1/events", Events.value(org.orgId, "revenue", 26, NOW.minus(10, ChronoUnit.DAYS)));
    api.post("/api/v1/events", Events.value(org.orgId, "revenue", 35, NOW.minus(5, ChronoUnit.DAYS)));
    api.post("/api/v1/events", Events.value(org.orgId, "revenue", 44, NOW.minus(1, ChronoUnit.DAYS)));
    Cadence.awaitNode(api, revenue, n -> Cadence.equals(n, "current", 44.0));
  }

  @ParameterizedTest(name = "{0} days ago: current {1}, progress {2}")
  @CsvSource({"7, 26, 0.2", "3, 35, 0.5", "0, 44, 0.8"})
  void valueOfThatTime(int daysAgo, double current, double progress) {
    JsonObject asOf = asOf(revenue, NOW.minus(daysAgo, ChronoUnit.DAYS));

    assertThat(asOf.getDouble("current")).isEqualTo(current);
    assertThat(asOf.getDouble("progress")).isEqualTo(progress);
    assertThat(asOf.getString("asOf")).isEqualTo(NOW.minus(daysAgo, ChronoUnit.DAYS).toString());
  }

  @Test
  void beforeFirstValueIsPending() {
    JsonObject asOf = asOf(revenue, NOW.minus(20, ChronoUnit.DAYS));

    assertThat(asOf.getString("status")).isEqualTo("pending");
    assertThat(asOf.getValue("current")).isNull();
  }

  @Test
  void objectiveSubtreeIsEvaluatedThen() {
    JsonObject asOf = asOf(org.objectiveId.toString(), NOW.minus(7, ChronoUnit.DAYS));

    assertThat(asOf.getString("kind")).isEqualTo("objective");
    assertThat(asOf.getJsonArray("nodes").stream().map(n -> ((JsonObject) n).getString("key")))
        .contains("objective", "revenue", "defects", "uptime", "launch", "contract", "nps-kr", "epic");
    JsonObject revenueThen = asOf.getJsonArray("nodes").stream().map(n -> (JsonObject) n)
        .filter(n -> "revenue".equals(n.getString("key"))).findFirst().orElseThrow();
    assertThat(revenueThen.getDouble("current")).isEqualTo(26.0);
  }

  @Test
  void storedDefinitionOfThatTimeIsUsed() throws InterruptedException {
    TestOrg redefined = Cadence.org(node, "asof-def");
    String id = redefined.keyResults.get("revenue").toString();
    Http redefinedApi = Http.withToken(redefined.token);
    JsonObject created = new JsonObject().put("id", id).put("key", "revenue").put("objectiveId", redefined.objectiveId.toString())
        .put("title", "Grow revenue").put("measurement", "increase").put("weight", 1).put("start", 20).put("target", 100)
        .put("milestones", new io.vertx.core.json.JsonArray()).put("version", 1);
    node.services().pool().preparedQuery("INSERT INTO definition_history (org_id, entity, entity_id, version, change, changed_at, definition)"
            + " VALUES ($1, 'key_result', $2, 1, 'created', $3, $4::jsonb), ($1, 'key_result', $2, 2, 'updated', $5, $6::jsonb)")
        .execute(Tuple.from(new Object[] {redefined.orgId, java.util.UUID.fromString(id),
            NOW.minus(30, ChronoUnit.DAYS).atOffset(ZoneOffset.UTC), created,
            NOW.minus(2, ChronoUnit.DAYS).atOffset(ZoneOffset.UTC), created.copy().put("target", 50).put("version", 2)}))
        .await();
    redefinedApi.post("/api/v1/events", Events.value(redefined.orgId, "revenue", 60, NOW.minus(10, ChronoUnit.DAYS)));
    Cadence.awaitNode(redefinedApi, id, n -> Cadence.equals(n, "current", 60.0));

    JsonObject before = Http.json(redefinedApi.get("/api/v1/nodes/" + id + "/as-of?at=" + NOW.minus(5, ChronoUnit.DAYS)));
    JsonObject after = Http.json(redefinedApi.get("/api/v1/nodes/" + id + "/as-of?at=" + NOW.minus(1, ChronoUnit.DAYS)));

    assertThat(before.getDouble("target")).isEqualTo(100.0);
    assertThat(before.getDouble("progress")).isEqualTo(0.5);
    assertThat(after.getDouble("target")).isEqualTo(50.0);
    assertThat(after.getDouble("progress")).isEqualTo(1.0);
  }

  @Test
  void closedCycleShowsClosedOnlyAfterClosing() throws InterruptedException {
    TestOrg closing = Cadence.org(node, "asof-close");
    Http closingApi = Http.withToken(closing.token);
    String id = closing.keyResults.get("revenue").toString();
    closingApi.post("/api/v1/events", Events.value(closing.orgId, "revenue", 35, NOW.minus(1, ChronoUnit.HOURS)));
    Cadence.awaitNode(closingApi, id, n -> Cadence.equals(n, "current", 35.0));
    Instant beforeClose = Instant.now();
    closingApi.post("/api/v1/cycles/" + closing.quarterId + "/close", new JsonObject());

    JsonObject then = Http.json(closingApi.get("/api/v1/nodes/" + id + "/as-of?at=" + beforeClose));
    JsonObject now = Http.json(closingApi.get("/api/v1/nodes/" + id + "/as-of?at=" + Instant.now()));

    assertThat(then.getString("status")).isNotEqualTo("closed");
    assertThat(now.getString("status")).isEqualTo("closed");
    assertThat(now.getDouble("progress")).isEqualTo(0.5);
  }

  @Test
  void milestonesAndWorkItemsOfThatTime() throws InterruptedException {
    TestOrg work = TestOrg.create(node, "asof-work-" + java.util.UUID.randomUUID().toString().substring(0, 8));
    node.services().pool().preparedQuery("UPDATE key_results SET milestones = $2, created_at = $3 WHERE id = $1")
        .execute(Tuple.of(work.keyResults.get("launch"), new io.vertx.core.json.JsonArray()
            .add(new JsonObject().put("id", "m1").put("title", "Beta").put("weight", 1).put("done", false))
            .add(new JsonObject().put("id", "m2").put("title", "Release").put("weight", 3).put("done", false)),
            NOW.minus(30, ChronoUnit.DAYS).atOffset(ZoneOffset.UTC))).await();
    node.services().pool().preparedQuery("UPDATE key_results SET created_at = $2 WHERE id = $1")
        .execute(Tuple.of(work.keyResults.get("epic"), NOW.minus(30, ChronoUnit.DAYS).atOffset(ZoneOffset.UTC))).await();
    work.awaitLive(node);
    Http workApi = Http.withToken(work.token);
    String launch = work.keyResults.get("launch").toString();
    String epic = work.keyResults.get("epic").toString();
    workApi.post("/api/v1/events", Events.event(work.orgId, "momentum.keyresult.value", "launch", NOW.minus(5, ChronoUnit.DAYS),
        new JsonObject().put("milestone", "m2").put("done", true)));
    workApi.post("/api/v1/events", Events.event(work.orgId, "momentum.workitem.changed", "epic", NOW.minus(8, ChronoUnit.DAYS),
        workItem("A-1", "in_progress", 3)));
    workApi.post("/api/v1/events", Events.event(work.orgId, "momentum.workitem.changed", "epic", NOW.minus(8, ChronoUnit.DAYS),
        workItem("A-2", "todo", 1)));
    workApi.post("/api/v1/events", Events.event(work.orgId, "momentum.workitem.changed", "epic", NOW.minus(4, ChronoUnit.DAYS),
        workItem("A-1", "done", 3)));
    Cadence.awaitNode(workApi, epic, n -> Cadence.equals(n, "progress", 0.75));
    Cadence.awaitNode(workApi, launch, n -> Cadence.equals(n, "progress", 0.75));

    JsonObject launchBefore = Http.json(workApi.get("/api/v1/nodes/" + launch + "/as-of?at=" + NOW.minus(7, ChronoUnit.DAYS)));
    JsonObject launchAfter = Http.json(workApi.get("/api/v1/nodes/" + launch + "/as-of?at=" + NOW.minus(3, ChronoUnit.DAYS)));
    JsonObject epicBefore = Http.json(workApi.get("/api/v1/nodes/" + epic + "/as-of?at=" + NOW.minus(6, ChronoUnit.DAYS)));
    JsonObject epicAfter = Http.json(workApi.get("/api/v1/nodes/" + epic + "/as-of?at=" + NOW.minus(2, ChronoUnit.DAYS)));

    assertThat(launchBefore.getDouble("progress")).isEqualTo(0.0);
    assertThat(launchAfter.getDouble("progress")).isEqualTo(0.75);
    assertThat(epicBefore.getDouble("progress")).isEqualTo(0.0);
    assertThat(epicBefore.getJsonObject("workItems").getInteger("items")).isEqualTo(2);
    assertThat(epicAfter.getDouble("progress")).isEqualTo(0.75);
  }

  @Test
  void initiativeProgressFromWorkItemsOfThatTime() throws InterruptedException {
    TestOrg work = TestOrg.create(node, "asof-init-" + java.util.UUID.randomUUID().toString().substring(0, 8));
    work.awaitLive(node);
    Http workApi = Http.withToken(work.token);
    HttpResponse<Buffer> created = workApi.post("/api/v1/initiatives",
        new JsonObject().put("key", "checkout-epic").put("title", "Rebuild the checkout"));
    assertThat(created.statusCode()).isEqualTo(201);
    String initiative = Http.json(created).getString("id");
    node.services().pool().preparedQuery("UPDATE definition_history SET changed_at = $2 WHERE entity_id = $1")
        .execute(Tuple.of(java.util.UUID.fromString(initiative), NOW.minus(30, ChronoUnit.DAYS).atOffset(ZoneOffset.UTC))).await();
    workApi.post("/api/v1/events", Events.event(work.orgId, "momentum.workitem.changed", "checkout-epic",
        NOW.minus(8, ChronoUnit.DAYS), workItem("C-1", "in_progress", 3)));
    workApi.post("/api/v1/events", Events.event(work.orgId, "momentum.workitem.changed", "checkout-epic",
        NOW.minus(8, ChronoUnit.DAYS), workItem("C-2", "todo", 1)));
    workApi.post("/api/v1/events", Events.event(work.orgId, "momentum.workitem.changed", "checkout-epic",
        NOW.minus(4, ChronoUnit.DAYS), workItem("C-1", "done", 3)));
    Cadence.awaitNode(workApi, initiative, n -> Cadence.equals(n, "progress", 0.75));

    JsonObject beforeWork = Http.json(workApi.get("/api/v1/nodes/" + initiative + "/as-of?at=" + NOW.minus(10, ChronoUnit.DAYS)));
    JsonObject inProgress = Http.json(workApi.get("/api/v1/nodes/" + initiative + "/as-of?at=" + NOW.minus(6, ChronoUnit.DAYS)));
    JsonObject afterDone = Http.json(workApi.get("/api/v1/nodes/" + initiative + "/as-of?at=" + NOW.minus(2, ChronoUnit.DAYS)));

    assertThat(inProgress.getString("kind")).isEqualTo("initiative");
    assertThat(itemCount(beforeWork)).isZero();
    assertThat(inProgress.getDouble("progress")).isEqualTo(0.0);
    assertThat(itemCount(inProgress)).isEqualTo(2);
    assertThat(afterDone.getDouble("progress")).isEqualTo(0.75);
  }

  @Test
  void followingKeyResultFromInitiativeWorkThen() throws InterruptedException {
    TestOrg work = TestOrg.create(node, "asof-follow-" + java.util.UUID.randomUUID().toString().substring(0, 8));
    work.awaitLive(node);
    Http workApi = Http.withToken(work.token);
    HttpResponse<Buffer> created = workApi.post("/api/v1/initiatives",
        new JsonObject().put("key", "billing-epic").put("title", "Bill by invoice"));
    assertThat(created.statusCode()).isEqualTo(201);
    java.util.UUID initiative = java.util.UUID.fromString(Http.json(created).getString("id"));
    node.services().pool().preparedQuery("UPDATE definition_history SET changed_at = $2 WHERE entity_id = $1")
        .execute(Tuple.of(initiative, NOW.minus(30, ChronoUnit.DAYS).atOffset(ZoneOffset.UTC))).await();
    // The key result follows the initiative in its stored row, which time travel reads when no
    // definition history names the key result.
    node.services().pool().preparedQuery("UPDATE key_results SET work_from = $2, created_at = $3 WHERE id = $1")
        .execute(Tuple.of(work.keyResults.get("epic"), new java.util.UUID[] {initiative},
            NOW.minus(30, ChronoUnit.DAYS).atOffset(ZoneOffset.UTC))).await();
    workApi.post("/api/v1/events", Events.event(work.orgId, "momentum.workitem.changed", "billing-epic",
        NOW.minus(8, ChronoUnit.DAYS), workItem("B-1", "in_progress", 3)));
    workApi.post("/api/v1/events", Events.event(work.orgId, "momentum.workitem.changed", "billing-epic",
        NOW.minus(8, ChronoUnit.DAYS), workItem("B-2", "todo", 1)));
    workApi.post("/api/v1/events", Events.event(work.orgId, "momentum.workitem.changed", "billing-epic",
        NOW.minus(4, ChronoUnit.DAYS), workItem("B-1", "done", 3)));
    Cadence.awaitNode(workApi, initiative.toString(), n -> Cadence.equals(n, "progress", 0.75));
    String epic = work.keyResults.get("epic").toString();

    JsonObject inProgress = Http.json(workApi.get("/api/v1/nodes/" + epic + "/as-of?at=" + NOW.minus(6, ChronoUnit.DAYS)));
    JsonObject afterDone = Http.json(workApi.get("/api/v1/nodes/" + epic + "/as-of?at=" + NOW.minus(2, ChronoUnit.DAYS)));

    assertThat(inProgress.getDouble("progress")).isEqualTo(0.0);
    assertThat(itemCount(inProgress)).isEqualTo(2);
    assertThat(afterDone.getDouble("progress")).isEqualTo(0.75);
  }

  private static int itemCount(JsonObject node) {
    JsonObject workItems = node.getJsonObject("workItems");
    return workItems == null ? 0 : workItems.getInteger("items", 0);
  }

  @Test
  void initiativeCreatedLaterIsNotFound() {
    HttpResponse<Buffer> created = api.post("/api/v1/initiatives", new JsonObject().put("key", "late-initiative").put("title", "Starts late"));

    HttpResponse<Buffer> response = api.get("/api/v1/nodes/" + Http.json(created).getString("id") + "/as-of?at="
        + NOW.minus(1, ChronoUnit.DAYS));

    assertThat(response.statusCode()).isEqualTo(404);
  }

  @Test
  void loadedWorkItemsCountFromObservedTime() {
    TestOrg loaded = TestOrg.create(node, "asof-rows-" + java.util.UUID.randomUUID().toString().substring(0, 8));
    java.util.UUID epic = loaded.keyResults.get("epic");
    node.services().pool().preparedQuery("UPDATE key_results SET created_at = $2 WHERE id = $1")
        .execute(Tuple.of(epic, NOW.minus(30, ChronoUnit.DAYS).atOffset(ZoneOffset.UTC))).await();
    node.services().pool().preparedQuery("INSERT INTO work_items (org_id, system, external_id, node_id, item_type, status_category,"
            + " story_points, observed_at, source) VALUES ($1, 'jira', 'L-1', $2, 'story', 'done', 2, $3, 'urn:test'),"
            + " ($1, 'jira', 'L-2', $2, 'story', 'todo', 2, $4, 'urn:test')")
        .execute(Tuple.of(loaded.orgId, epic, NOW.minus(6, ChronoUnit.DAYS).atOffset(ZoneOffset.UTC),
            NOW.minus(2, ChronoUnit.DAYS).atOffset(ZoneOffset.UTC))).await();
    Http loadedApi = Http.withToken(loaded.token);

    JsonObject before = Http.json(loadedApi.get("/api/v1/nodes/" + epic + "/as-of?at=" + NOW.minus(4, ChronoUnit.DAYS)));
    JsonObject after = Http.json(loadedApi.get("/api/v1/nodes/" + epic + "/as-of?at=" + NOW));

    assertThat(before.getJsonObject("workItems").getInteger("items")).isEqualTo(1);
    assertThat(before.getDouble("progress")).isEqualTo(1.0);
    assertThat(after.getJsonObject("workItems").getInteger("items")).isEqualTo(2);
    assertThat(after.getDouble("progress")).isEqualTo(0.5);
  }

  private static JsonObject workItem(String id, String status, int points) {
    return new JsonObject().put("system", "jira").put("externalId", id).put("itemType", "story").put("statusCategory", status)
        .put("storyPoints", points);
  }

  @Test
  void formulaKpiAndItsFollowerAreComputedThen() throws InterruptedException {
    String orders = kpi("asof-orders");
    String aov = kpi("asof-aov");
    String revenueKpi = kpi("asof-revenue");
    HttpResponse<Buffer> drivers = api.put("/api/v1/kpis/" + revenueKpi + "/drivers", new JsonObject().put("formula", "orders * aov")
        .put("drivers", new io.vertx.core.json.JsonArray()
            .add(new JsonObject().put("driverId", orders).put("variable", "orders"))
            .add(new JsonObject().put("driverId", aov).put("variable", "aov"))));
    assertThat(drivers.statusCode()).as(drivers.bodyAsString()).isEqualTo(200);
    HttpResponse<Buffer> follower = api.post("/api/v1/key-results", new JsonObject().put("key", "asof-follows")
        .put("objectiveId", org.objectiveId.toString()).put("title", "Revenue to 100").put("measurement", "kpi")
        .put("kpiId", revenueKpi).put("start", 0).put("target", 100));
    assertThat(follower.statusCode()).as(follower.bodyAsString()).isEqualTo(201);
    api.post("/api/v1/kpis/" + orders + "/measurements", new JsonObject().put("value", 10));
    api.post("/api/v1/kpis/" + aov + "/measurements", new JsonObject().put("value", 4));
    Cadence.awaitNode(api, revenueKpi, n -> Cadence.equals(n, "current", 40.0));
    Instant at = Instant.now();

    JsonObject kpi = asOf(revenueKpi, at);
    JsonObject keyResult = asOf(Http.json(follower).getString("id"), at);

    assertThat(kpi.getDouble("current")).isEqualTo(40.0);
    assertThat(keyResult.getDouble("current")).isEqualTo(40.0);
    assertThat(keyResult.getDouble("progress")).isEqualTo(0.4);
  }

  private static String kpi(String key) {
    HttpResponse<Buffer> response = api.post("/api/v1/kpis", new JsonObject().put("key", key).put("title", "KPI " + key));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return Http.json(response).getString("id");
  }

  @Test
  void nodeCreatedLaterIsNotFound() {
    HttpResponse<Buffer> created = api.post("/api/v1/key-results", new JsonObject().put("key", "late-kr")
        .put("objectiveId", org.objectiveId.toString()).put("title", "Arrives late").put("measurement", "binary"));

    HttpResponse<Buffer> response = api.get("/api/v1/nodes/" + Http.json(created).getString("id") + "/as-of?at="
        + NOW.minus(1, ChronoUnit.DAYS));

    assertThat(response.statusCode()).isEqualTo(404);
  }

  @ParameterizedTest(name = "at={0} is rejected")
  @CsvSource({"yesterday", "2026-13-01T00:00:00Z", "2999-01-01T00:00:00Z"})
  void invalidInstantIsRejected(String at) {
    HttpResponse<Buffer> response = api.get("/api/v1/nodes/" + revenue + "/as-of?at=" + at);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Cadence.fields(response)).containsExactly("at");
  }

  @Test
  void missingInstantIsRejected() {
    HttpResponse<Buffer> response = api.get("/api/v1/nodes/" + revenue + "/as-of");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Cadence.fields(response)).containsExactly("at");
  }

  private static JsonObject asOf(String id, Instant at) {
    HttpResponse<Buffer> response = api.get("/api/v1/nodes/" + id + "/as-of?at=" + at);
    assertThat(response.statusCode()).isEqualTo(200);
    return Http.json(response);
  }
}
