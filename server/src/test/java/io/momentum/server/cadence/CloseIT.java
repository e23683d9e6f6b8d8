package io.momentum.server.cadence;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.server.app.MomentumNode;
import io.momentum.server.support.Cadence;
import io.momentum.server.support.Events;
import io.momentum.server.support.Http;
import io.momentum.server.support.TestNode;
import io.momentum.server.support.TestOrg;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Closing a cycle freezes its key results, carries unfinished objectives over with their history,
 * and an admin can reopen it. The organisation's quarter is closed once, before the tests.
 */
class CloseIT {

  private static MomentumNode node;
  private static TestOrg org;
  private static Http api;
  private static String revenueId;
  private static String nextQuarterId;
  private static JsonObject preview;
  private static JsonObject closed;
  private static final Instant BEFORE_CLOSE = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

  @BeforeAll
  static void closeQuarterWithCarryOver() throws InterruptedException {
    node = TestNode.get();
    org = Cadence.org(node, "close");
    api = Http.withToken(org.token);
    revenueId = org.keyResults.get("revenue").toString();
    // A key result still holding a draft's example numbers: its copy must keep the mark.
    HttpResponse<Buffer> sample = api.post("/api/v1/key-results", new JsonObject().put("key", "sample")
        .put("objectiveId", org.objectiveId.toString()).put("title", "Raise releases per month from 1 to 4")
        .put("measurement", "increase").put("start", 1).put("target", 4).put("exampleNumbers", true));
    assertThat(sample.statusCode()).as(sample.bodyAsString()).isEqualTo(201);
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    nextQuarterId = Http.json(api.post("/api/v1/cycles", new JsonObject().put("key", "next").put("name", "Next quarter")
        .put("kind", "quarter").put("parentId", org.yearId.toString()).put("start", today.plusDays(45).toString())
        .put("end", today.plusDays(134).toString()))).getString("id");
    assertThat(api.post("/api/v1/events", Events.value(org.orgId, "revenue", 35, BEFORE_CLOSE)).statusCode()).isEqualTo(202);
    Cadence.awaitNode(api, revenueId, n -> Cadence.equals(n, "current", 35.0));
    preview = Http.json(api.get("/api/v1/cycles/" + org.quarterId + "/close-preview"));

    HttpResponse<Buffer> response = api.post("/api/v1/cycles/" + org.quarterId + "/close", new JsonObject()
        .put("carryOver", new JsonArray().add(org.objectiveId.toString())).put("targetCycleId", nextQuarterId));

    assertThat(response.statusCode()).isEqualTo(200);
    closed = Http.json(response);
  }

  @Test
  void previewOffersUnfinishedObjective() {
    JsonArray candidates = preview.getJsonArray("candidates");

    assertThat(candidates).hasSize(1);
    assertThat(candidates.getJsonObject(0).getString("id")).isEqualTo(org.objectiveId.toString());
    assertThat(candidates.getJsonObject(0).getInteger("keyResults")).isEqualTo(8);
    assertThat(preview.getJsonArray("suggestedTargets").stream().map(c -> ((JsonObject) c).getString("id")))
        .contains(nextQuarterId);
  }

  @Test
  void closeStoresFrozenResults() {
    JsonObject revenue = closed.getJsonArray("results").stream().map(r -> (JsonObject) r)
        .filter(r -> revenueId.equals(r.getString("nodeId"))).findFirst().orElseThrow();

    assertThat(new java.math.BigDecimal(revenue.getValue("progress").toString())).isEqualByComparingTo("0.5");
    assertThat(new java.math.BigDecimal(revenue.getValue("current").toString())).isEqualByComparingTo("35");
    assertThat(closed.getJsonObject("cycle").getBoolean("closed")).isTrue();
    long stored = node.services().pool().preparedQuery("SELECT count(*) FROM cycle_results WHERE org_id = $1 AND cycle_id = $2")
        .execute(Tuple.of(org.orgId, org.quarterId)).await().iterator().next().getLong(0);
    assertThat(stored).isEqualTo(9);
  }

  @Test
  void closedKeyResultShowsClosed() throws InterruptedException {
    JsonObject revenue = Cadence.awaitNode(api, revenueId, n -> "closed".equals(n.getString("status")));

    assertThat(revenue.getDouble("progress")).isEqualTo(0.5);
  }

  @Test
  void laterEventDoesNotMoveClosedKeyResult() throws InterruptedException {
    Cadence.awaitNode(api, revenueId, n -> "closed".equals(n.getString("status")));

    api.post("/api/v1/events", Events.value(org.orgId, "revenue", 47, Instant.now()));

    Cadence.awaitJson(api, "/api/v1/key-results/" + revenueId + "/history",
        h -> h.getJsonArray("points").stream().anyMatch(p -> ((JsonObject) p).getDouble("value") == 47.0));
    JsonObject revenue = Cadence.awaitNode(api, revenueId, n -> true);
    assertThat(revenue.getDouble("current")).isEqualTo(35.0);
    assertThat(revenue.getDouble("progress")).isEqualTo(0.5);
  }

  @Test
  void copyPointsToOriginalWithSuffixedKeys() {
    JsonObject copy = closed.getJsonArray("copies").getJsonObject(0);
    JsonObject revenueCopy = copy.getJsonArray("keyResults").stream().map(k -> (JsonObject) k)
        .filter(k -> k.getString("key").startsWith("revenue")).findFirst().orElseThrow();

    assertThat(copy.getString("key")).isEqualTo("objective-next");
    assertThat(copy.getString("carriedFrom")).isEqualTo(org.objectiveId.toString());
    assertThat(copy.getString("cycleId")).isEqualTo(nextQuarterId);
    assertThat(copy.getJsonArray("keyResults")).hasSize(8);
    assertThat(revenueCopy.getString("key")).isEqualTo("revenue-next");
    assertThat(revenueCopy.getString("carriedFrom")).isEqualTo(revenueId);
    assertThat(revenueCopy.getDouble("firstValue")).isEqualTo(35.0);
  }

  @Test
  void copyKeepsExampleNumbersMark() {
    JsonArray copies = closed.getJsonArray("copies").getJsonObject(0).getJsonArray("keyResults");
    JsonObject sampleCopy = copies.stream().map(k -> (JsonObject) k)
        .filter(k -> k.getString("key").startsWith("sample")).findFirst().orElseThrow();
    JsonObject revenueCopy = copies.stream().map(k -> (JsonObject) k)
        .filter(k -> k.getString("key").startsWith("revenue")).findFirst().orElseThrow();

    assertThat(sampleCopy.getBoolean("exampleNumbers")).as(sampleCopy.encode()).isTrue();
    assertThat(revenueCopy.getBoolean("exampleNumbers")).as(revenueCopy.encode()).isFalse();
  }

  @Test
  void copiesReadThroughTheApiNameTheirOriginals() {
    String objectiveCopyId = closed.getJsonArray("copies").getJsonObject(0).getString("id");

    JsonObject objective = Http.json(api.get("/api/v1/objectives/" + objectiveCopyId));
    JsonObject keyResult = Http.json(api.get("/api/v1/key-results/" + revenueCopyId()));

    assertThat(objective.getString("carriedFrom")).isEqualTo(org.objectiveId.toString());
    assertThat(keyResult.getString("carriedFrom")).isEqualTo(revenueId);
  }

  @Test
  void copyStartsFromLastValue() throws InterruptedException {
    String copyId = revenueCopyId();

    JsonObject copy = Cadence.awaitNode(api, copyId, n -> n.getValue("current") != null);

    assertThat(copy.getDouble("current")).isEqualTo(35.0);
    assertThat(copy.getString("cycleId")).isEqualTo(nextQuarterId);
  }

  @Test
  void copyHistoryReachesIntoClosedCycle() throws InterruptedException {
    String copyId = revenueCopyId();

    JsonObject history = Cadence.awaitJson(api, "/api/v1/key-results/" + copyId + "/history",
        h -> h.getJsonArray("points").stream().anyMatch(p -> copyId.equals(((JsonObject) p).getString("keyResultId"))));

    assertThat(history.getJsonArray("chain").stream().map(c -> ((JsonObject) c).getString("id"))).containsExactly(copyId, revenueId);
    JsonObject original = history.getJsonArray("points").stream().map(p -> (JsonObject) p)
        .filter(p -> revenueId.equals(p.getString("keyResultId")) && p.getDouble("value") == 35.0).findFirst().orElseThrow();
    assertThat(original.getString("time")).isEqualTo(BEFORE_CLOSE.toString());
    assertThat(original.getString("cycleId")).isEqualTo(org.quarterId.toString());
  }

  @Test
  void yearWithAnOpenQuarterStaysOpen() {
    HttpResponse<Buffer> response = api.post("/api/v1/cycles/" + org.yearId + "/close", new JsonObject());

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(Http.json(response).getJsonObject("error").getString("message")).contains("next").contains("close it first");
    assertThat(Http.json(api.get("/api/v1/cycles/" + org.yearId)).getBoolean("closed")).isFalse();
  }

  @Test
  void closingTwiceIsConflict() {
    HttpResponse<Buffer> response = api.post("/api/v1/cycles/" + org.quarterId + "/close", new JsonObject());

    assertThat(response.statusCode()).isEqualTo(409);
  }

  @Test
  void memberCannotReopen() {
    HttpResponse<Buffer> response = api.post("/api/v1/cycles/" + org.quarterId + "/reopen", null);

    assertThat(response.statusCode()).isEqualTo(403);
  }

  @Test
  void completeObjectiveIsNotCarriedOver() throws InterruptedException {
    TestOrg done = Cadence.org(node, "close-done");
    Http doneApi = Http.withToken(done.token);
    for (String key : List.of("revenue", "defects", "uptime", "contract")) {
      double value = switch (key) {
        case "revenue" -> 50;
        case "defects" -> 4;
        case "uptime" -> 97;
        default -> 1;
      };
      doneApi.post("/api/v1/events", Events.value(done.orgId, key, value, Instant.now().minusSeconds(60)));
    }
    Cadence.awaitNode(doneApi, done.keyResults.get("contract").toString(), n -> Cadence.equals(n, "progress", 1.0));
    node.services().pool().preparedQuery("UPDATE key_results SET weight = 0 WHERE org_id = $1 AND key IN ('launch', 'nps-kr', 'epic')")
        .execute(Tuple.of(done.orgId)).await();
    for (String key : List.of("launch", "nps-kr", "epic")) {
      node.services().publisher().definitionChanged(done.orgId, "node", done.keyResults.get(key).toString()).await();
    }
    Cadence.awaitNode(doneApi, done.objectiveId.toString(), n -> Cadence.equals(n, "progress", 1.0));

    HttpResponse<Buffer> response = doneApi.post("/api/v1/cycles/" + done.quarterId + "/close", new JsonObject()
        .put("carryOver", new JsonArray().add(done.objectiveId.toString())).put("targetCycleId", done.yearId.toString()));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Cadence.fields(response)).containsExactly("carryOver[0]");
  }

  @Test
  void adminReopensAndNodesFollowEventsAgain() throws InterruptedException {
    TestOrg reopen = Cadence.org(node, "close-reopen");
    Http reopenApi = Http.withToken(reopen.token);
    Http admin = Http.withToken(Cadence.adminToken(node, reopen));
    String revenue = reopen.keyResults.get("revenue").toString();
    assertThat(reopenApi.post("/api/v1/cycles/" + reopen.quarterId + "/close", new JsonObject()).statusCode()).isEqualTo(200);
    Cadence.awaitNode(reopenApi, revenue, n -> "closed".equals(n.getString("status")));

    HttpResponse<Buffer> response = admin.post("/api/v1/cycles/" + reopen.quarterId + "/reopen", null);
    reopenApi.post("/api/v1/events", Events.value(reopen.orgId, "revenue", 38, Instant.now()));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Http.json(response).getBoolean("closed")).isFalse();
    JsonObject node = Cadence.awaitNode(reopenApi, revenue, n -> Cadence.equals(n, "current", 38.0));
    assertThat(node.getString("status")).isNotEqualTo("closed");
  }

  private static String revenueCopyId() {
    return closed.getJsonArray("copies").getJsonObject(0).getJsonArray("keyResults").stream().map(k -> (JsonObject) k)
        .filter(k -> "revenue-next".equals(k.getString("key"))).findFirst().orElseThrow().getString("id");
  }
}
