package io.momentum.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.momentum.server.app.MomentumNode;
import io.momentum.server.support.Events;
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
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The REST API against a real node: authentication, validation, ingest and tenant scoping. */
class ApiIT {

  private static MomentumNode node;
  private static TestOrg org;
  private static TestOrg other;
  private static Http api;

  @BeforeAll
  static void createOrgs() throws InterruptedException {
    node = TestNode.get();
    org = TestOrg.create(node, "api-" + UUID.randomUUID().toString().substring(0, 8)).awaitLive(node);
    other = TestOrg.create(node, "api-other-" + UUID.randomUUID().toString().substring(0, 8)).awaitLive(node);
    api = Http.withToken(org.token);
  }

  @Test
  void requestWithoutCredentialsIsRejected() {
    HttpResponse<Buffer> response = Http.anonymous().get("/api/v1/units");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(Http.json(response).getJsonObject("error").getString("code")).isEqualTo("unauthenticated");
  }

  @Test
  void unknownTokenIsRejected() {
    assertThat(Http.withToken("mtm_not-a-real-token").get("/api/v1/units").statusCode()).isEqualTo(401);
  }

  @Test
  void wrongPasswordIsRejected() {
    HttpResponse<Buffer> response = Http.anonymous().post("/api/v1/auth/login",
        new JsonObject().put("email", org.email).put("password", "wrong"));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(Http.json(response).getJsonObject("error").getString("code")).isEqualTo("invalid_credentials");
  }

  @Test
  void sessionLoginAuthenticatesLaterRequests() {
    Http browser = Http.anonymous();
    HttpResponse<Buffer> login = browser.post("/api/v1/auth/login",
        new JsonObject().put("email", org.email).put("password", TestOrg.PASSWORD));

    HttpResponse<Buffer> me = browser.get("/api/v1/auth/me");

    assertThat(login.statusCode()).isEqualTo(200);
    assertThat(browser.cookie()).startsWith("momentum.session=");
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(Http.json(me).getJsonObject("user").getString("orgId")).isEqualTo(org.orgId);
  }

  @Test
  void logoutEndsTheSession() {
    Http browser = Http.anonymous();
    browser.post("/api/v1/auth/login", new JsonObject().put("email", org.email).put("password", TestOrg.PASSWORD));

    browser.post("/api/v1/auth/logout", null);

    assertThat(browser.get("/api/v1/auth/me").statusCode()).isEqualTo(401);
  }

  @Test
  void listsReturnOnlyOwnOrganisation() {
    JsonArray units = Http.json(api.get("/api/v1/units")).getJsonArray("items");

    assertThat(units.stream().map(u -> ((JsonObject) u).getString("id")))
        .containsExactlyInAnyOrder(org.companyId.toString(), org.teamId.toString());
  }

  @Test
  void otherOrganisationsObjectiveIsNotFound() {
    HttpResponse<Buffer> response = Http.withToken(other.token).get("/api/v1/objectives/" + org.objectiveId);

    assertThat(response.statusCode()).isEqualTo(404);
  }

  @Test
  void otherOrganisationsBoardIsNotFound() {
    assertThat(Http.withToken(other.token).get("/api/v1/boards/" + org.teamBoard()).statusCode()).isEqualTo(404);
    assertThat(Http.withToken(other.token).get("/api/v1/boards/portfolio:" + org.orgId).statusCode()).isEqualTo(404);
  }

  @Test
  void otherOrganisationsBoardCannotBeSubscribed() throws InterruptedException {
    try (LiveClient client = LiveClient.connect(node.vertx(), TestNode.httpPort(), other.token)) {
      client.subscribe(org.teamBoard(), null, null);

      JsonObject answer = client.next(m -> !"ping".equals(m.getString("type")), Duration.ofSeconds(10));

      assertThat(answer.getString("type")).isEqualTo("error");
      assertThat(answer.getString("code")).isEqualTo("board_not_found");
    }
  }

  @Test
  void liveSocketWithoutCredentialsIsRejected() {
    assertThatThrownBy(() -> LiveClient.connect(node.vertx(), TestNode.httpPort(), null))
        .isInstanceOf(io.vertx.core.http.UpgradeRejectedException.class)
        .satisfies(e -> assertThat(((io.vertx.core.http.UpgradeRejectedException) e).getStatus()).isEqualTo(401));
  }

  @Test
  void liveSocketWithSessionCookieSubscribes() throws InterruptedException {
    Http browser = Http.anonymous();
    browser.post("/api/v1/auth/login", new JsonObject().put("email", org.email).put("password", TestOrg.PASSWORD));
    io.vertx.core.http.WebSocketConnectOptions options = new io.vertx.core.http.WebSocketConnectOptions()
        .setHost("127.0.0.1").setPort(TestNode.httpPort()).setURI("/api/v1/live").addHeader("Cookie", browser.cookie());
    io.vertx.core.http.WebSocketClient client = node.vertx().createWebSocketClient();
    io.vertx.core.http.WebSocket socket = client.connect(options).await();
    java.util.concurrent.BlockingQueue<JsonObject> received = new java.util.concurrent.LinkedBlockingQueue<>();
    socket.textMessageHandler(text -> received.add(new JsonObject(text)));

    socket.writeTextMessage(new JsonObject().put("type", "subscribe").put("board", org.teamBoard()).encode()).await();
    JsonObject answer = received.poll(10, java.util.concurrent.TimeUnit.SECONDS);

    assertThat(answer).isNotNull();
    assertThat(answer.getString("type")).isEqualTo("snapshot");
    socket.close().await();
    client.close().await();
  }

  @Test
  void eventForOtherOrganisationIsRejected() {
    HttpResponse<Buffer> response = Http.withToken(other.token).post("/api/v1/events",
        Events.value(org.orgId, "revenue", 30, Instant.now()));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(fields(response)).containsExactly("orgid");
  }

  @Test
  void checkInOnOtherOrganisationsKeyResultIsNotFound() {
    HttpResponse<Buffer> response = Http.withToken(other.token).post(
        "/api/v1/key-results/" + org.keyResults.get("revenue") + "/check-ins", new JsonObject().put("confidence", 1));

    assertThat(response.statusCode()).isEqualTo(404);
  }

  @Test
  void keyResultUnderOtherOrganisationsObjectiveIsRejected() {
    HttpResponse<Buffer> response = Http.withToken(other.token).post("/api/v1/key-results", new JsonObject()
        .put("key", "intruder").put("objectiveId", org.objectiveId.toString()).put("title", "Sneak in")
        .put("measurement", "binary"));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(fields(response)).containsExactly("objectiveId");
  }

  @Test
  void boardSnapshotVersionIsSumOfMembers() {
    JsonObject board = Http.json(api.get("/api/v1/boards/" + org.teamBoard()));

    long sum = versions(board.getJsonArray("nodes")) + versions(board.getJsonArray("units"));
    assertThat(board.getLong("version")).isEqualTo(sum);
    assertThat(board.getJsonArray("nodes").stream().map(n -> ((JsonObject) n).getString("key")))
        .contains("objective", "revenue", "defects", "uptime", "launch", "contract", "nps-kr", "epic", "nps");
    assertThat(board.getJsonArray("cycles")).hasSize(2);
  }

  @Test
  void malformedBoardReferenceIsRejected() {
    HttpResponse<Buffer> response = api.get("/api/v1/boards/team-42");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(fields(response)).containsExactly("board");
  }

  @Test
  void validEventIsAcceptedAndMovesBoard() throws InterruptedException {
    try (LiveClient client = LiveClient.connect(node.vertx(), TestNode.httpPort(), org.token)) {
      client.subscribe(org.teamBoard(), null, null);
      client.next("snapshot", Duration.ofSeconds(10));
      JsonObject event = Events.value(org.orgId, "uptime", 97, Instant.now());

      HttpResponse<Buffer> response = api.postRaw("/api/v1/events", event.encode(), "application/cloudevents+json");
      JsonObject delta = client.next(m -> "delta".equals(m.getString("type"))
          && m.getJsonArray("nodes").stream().anyMatch(n -> "uptime".equals(((JsonObject) n).getString("key"))), Duration.ofSeconds(10));

      assertThat(response.statusCode()).isEqualTo(202);
      assertThat(Http.json(response).getJsonArray("accepted")).containsExactly(event.getString("id"));
      JsonObject uptime = delta.getJsonArray("nodes").stream().map(n -> (JsonObject) n)
          .filter(n -> "uptime".equals(n.getString("key"))).findFirst().orElseThrow();
      assertThat(uptime.getDouble("progress")).isEqualTo(1.0);
    }
  }

  @Test
  void batchWithOneBadEventIsRejectedWhole() throws InterruptedException {
    JsonArray batch = new JsonArray()
        .add(Events.value(org.orgId, "defects", 5, Instant.now()))
        .add(Events.value(org.orgId, "defects", 5, Instant.now()).put("time", "yesterday"))
        .add(Events.value(org.orgId, "contract", 0.5, Instant.now()));

    HttpResponse<Buffer> response = api.postRaw("/api/v1/events", batch.encode(), "application/cloudevents-batch+json");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(fields(response)).containsExactly("[1].time", "[2].data");
    Thread.sleep(500);
    long stored = node.services().pool().preparedQuery("SELECT count(*) FROM measurements m JOIN key_results k ON k.id = m.node_id WHERE m.org_id = $1 AND k.key = 'defects'")
        .execute(Tuple.of(org.orgId)).await().iterator().next().getLong(0);
    assertThat(stored).isZero();
  }

  @Test
  void eventValidationNamesEachField() {
    JsonObject event = new JsonObject()
        .put("specversion", "0.3")
        .put("source", "urn:test")
        .put("type", "momentum.keyresult.valeu")
        .put("subject", "revenue")
        .put("time", Instant.now().toString())
        .put("orgid", org.orgId)
        .put("data", new JsonObject().put("value", "12"));

    HttpResponse<Buffer> response = api.post("/api/v1/events", event);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(fields(response)).containsExactlyInAnyOrder("specversion", "id", "type");
  }

  @Test
  void stringValueIsRejectedWithTheFix() {
    JsonObject event = Events.event(org.orgId, "momentum.keyresult.value", "revenue", Instant.now(),
        new JsonObject().put("value", "12"));

    HttpResponse<Buffer> response = api.post("/api/v1/events", event);

    JsonObject field = Http.json(response).getJsonObject("error").getJsonArray("fields").getJsonObject(0);
    assertThat(field.getString("field")).isEqualTo("data.value");
    assertThat(field.getString("message")).contains("must be a number");
  }

  @Test
  void unknownSubjectIsRejected() {
    HttpResponse<Buffer> response = api.post("/api/v1/events", Events.value(org.orgId, "no-such-node", 1, Instant.now()));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(fields(response)).containsExactly("subject");
  }

  @Test
  void malformedJsonIsRejected() {
    HttpResponse<Buffer> response = api.postRaw("/api/v1/events", "{\"specversion\": ", "application/json");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Http.json(response).getJsonObject("error").getString("code")).isEqualTo("malformed_json");
  }

  @Test
  void oversizedBodyIsRejected() {
    String body = "[" + "\"x\",".repeat(300_000) + "\"x\"]";

    HttpResponse<Buffer> response = api.postRaw("/api/v1/events", body, "application/json");

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(Http.json(response).getJsonObject("error").getString("code")).isEqualTo("body_too_large");
    assertThat(Http.json(response).getJsonObject("error").getString("message"))
        .contains("1048576 bytes (1 MiB)").contains("MOMENTUM_MAX_BODY_BYTES");
  }

  @Test
  void tooLargeBatchIsRejected() {
    JsonArray batch = new JsonArray();
    for (int i = 0; i < 1001; i++) {
      batch.add(new JsonObject());
    }

    HttpResponse<Buffer> response = api.post("/api/v1/events", batch);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(Http.json(response).getJsonObject("error").getString("message")).contains("1000");
  }

  @Test
  void checkInUpdatesConfidenceOnBoard() throws InterruptedException {
    try (LiveClient client = LiveClient.connect(node.vertx(), TestNode.httpPort(), org.token)) {
      client.subscribe(org.teamBoard(), null, null);
      client.next("snapshot", Duration.ofSeconds(10));

      HttpResponse<Buffer> response = api.post("/api/v1/key-results/" + org.keyResults.get("defects") + "/check-ins",
          new JsonObject().put("value", 8).put("confidence", 3).put("note", "Two releases slipped"));
      JsonObject delta = client.next(m -> "delta".equals(m.getString("type"))
          && m.getJsonArray("nodes").stream().anyMatch(n -> "defects".equals(((JsonObject) n).getString("key"))
              && Integer.valueOf(3).equals(((JsonObject) n).getInteger("confidence"))), Duration.ofSeconds(10));

      assertThat(response.statusCode()).isEqualTo(202);
      JsonObject defects = delta.getJsonArray("nodes").stream().map(n -> (JsonObject) n)
          .filter(n -> "defects".equals(n.getString("key"))).findFirst().orElseThrow();
      assertThat(defects.getString("status")).isEqualTo("off_track");
      assertThat(defects.getDouble("progress")).isEqualTo(0.5);
    }
  }

  @Test
  void checkInWithoutValueOrConfidenceIsRejected() {
    HttpResponse<Buffer> response = api.post("/api/v1/key-results/" + org.keyResults.get("defects") + "/check-ins",
        new JsonObject().put("note", "nothing to report"));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(fields(response)).containsExactly("value");
  }

  @Test
  void createdKeyResultAppearsOnBoard() throws InterruptedException {
    try (LiveClient client = LiveClient.connect(node.vertx(), TestNode.httpPort(), org.token)) {
      client.subscribe(org.teamBoard(), null, null);
      client.next("snapshot", Duration.ofSeconds(10));

      HttpResponse<Buffer> response = api.post("/api/v1/key-results", new JsonObject()
          .put("key", "churn").put("objectiveId", org.objectiveId.toString()).put("title", "Reduce churn")
          .put("measurement", "decrease").put("start", 5.5).put("target", 3.5).put("unit", "%"));
      JsonObject delta = client.next(m -> "delta".equals(m.getString("type"))
          && m.getJsonArray("nodes").stream().anyMatch(n -> "churn".equals(((JsonObject) n).getString("key"))), Duration.ofSeconds(10));

      assertThat(response.statusCode()).isEqualTo(201);
      assertThat(Http.json(response).getDouble("target")).isEqualTo(3.5);
      assertThat(delta.getJsonArray("nodes").stream().map(n -> (JsonObject) n)
          .filter(n -> "churn".equals(n.getString("key"))).findFirst().orElseThrow().getString("status")).isEqualTo("pending");
    }
  }

  @Test
  void increasingKeyResultWithLowerTargetIsRejected() {
    HttpResponse<Buffer> response = api.post("/api/v1/key-results", new JsonObject()
        .put("key", "wrong-way").put("objectiveId", org.objectiveId.toString()).put("title", "Grow")
        .put("measurement", "increase").put("start", 10).put("target", 5));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(fields(response)).containsExactly("target");
  }

  @Test
  void milestoneKeyResultKeepsItsMilestones() {
    HttpResponse<Buffer> created = api.post("/api/v1/key-results", new JsonObject()
        .put("key", "pilot-rollout").put("objectiveId", org.objectiveId.toString()).put("title", "Roll out the pilot")
        .put("measurement", "milestone").put("milestones", new JsonArray()
            .add(new JsonObject().put("title", "Pilot team chosen").put("weight", 1))
            .add(new JsonObject().put("title", "Pilot live").put("weight", 2))));
    String id = Http.json(created).getString("id");

    JsonArray milestones = Http.json(api.get("/api/v1/key-results/" + id)).getJsonArray("milestones");

    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    assertThat(milestones).hasSize(2);
    assertThat(milestones.getJsonObject(1).getString("title")).isEqualTo("Pilot live");
  }

  @Test
  void keyResultFieldsAreCheckedPerMeasurement() {
    HttpResponse<Buffer> response = api.post("/api/v1/key-results", new JsonObject()
        .put("key", "band").put("objectiveId", org.objectiveId.toString()).put("title", "Stay in band")
        .put("measurement", "range").put("low", 10).put("target", 12).put("colour", "red"));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(fields(response)).containsExactlyInAnyOrder("high", "target", "colour");
  }

  @Test
  void kpiCorridorIsStoredAndChanged() {
    HttpResponse<Buffer> created = api.post("/api/v1/kpis", new JsonObject().put("key", "lead-time").put("title", "Lead time")
        .put("direction", "decrease").put("start", 12.5).put("target", 6).put("green", 8).put("red", 11));
    JsonObject kpi = Http.json(created);

    HttpResponse<Buffer> patched = api.patch("/api/v1/kpis/" + kpi.getString("id"),
        new JsonObject().put("version", kpi.getInteger("version")).put("target", 5.5));

    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    assertThat(kpi.getValue("start").toString()).isEqualTo("12.5");
    assertThat(kpi.getValue("red").toString()).isEqualTo("11");
    assertThat(patched.statusCode()).as(patched.bodyAsString()).isEqualTo(200);
    assertThat(Http.json(patched).getValue("target").toString()).isEqualTo("5.5");
  }

  @Test
  void kpiReadsBackItsTargetsAndDrivers() {
    String id = Http.json(api.post("/api/v1/kpis", new JsonObject().put("key", "orders").put("title", "Orders"))).getString("id");
    HttpResponse<Buffer> targets = api.put("/api/v1/kpis/" + id + "/targets",
        new JsonObject().put("targets", new JsonArray().add(new JsonObject().put("due", "2026-12-31").put("value", 1200))));

    JsonObject kpi = Http.json(api.get("/api/v1/kpis/" + id));

    assertThat(targets.statusCode()).as(targets.bodyAsString()).isEqualTo(200);
    assertThat(kpi.getJsonArray("targets")).hasSize(1);
    assertThat(kpi.getJsonArray("targets").getJsonObject(0).getString("due")).isEqualTo("2026-12-31");
    assertThat(kpi.getJsonArray("targets").getJsonObject(0).getValue("value").toString()).isEqualTo("1200");
    assertThat(kpi.getJsonArray("drivers")).isEmpty();
    assertThat(kpi.containsKey("formula")).isTrue();
  }

  @Test
  void takenKeyIsAConflict() {
    HttpResponse<Buffer> response = api.post("/api/v1/kpis", new JsonObject().put("key", "revenue").put("title", "Revenue"));

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(fields(response)).containsExactly("key");
  }

  @Test
  void objectiveInOtherOrganisationsUnitIsRejected() {
    HttpResponse<Buffer> response = api.post("/api/v1/objectives", new JsonObject()
        .put("key", "foreign").put("title", "Use someone else's team")
        .put("unitId", other.teamId.toString()).put("cycleId", org.quarterId.toString()));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(fields(response)).containsExactly("unitId");
  }

  @Test
  void unknownQueryParameterIsRejected() {
    HttpResponse<Buffer> response = api.get("/api/v1/objectives?unti=" + org.teamId);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(fields(response)).containsExactly("unti");
  }

  @Test
  void listsArePaginated() {
    JsonObject first = Http.json(api.get("/api/v1/key-results?limit=3"));
    JsonObject second = Http.json(api.get("/api/v1/key-results?limit=3&after=" + first.getString("nextCursor")));

    assertThat(first.getJsonArray("items")).hasSize(3);
    assertThat(second.getJsonArray("items")).hasSize(3);
    assertThat(second.getJsonArray("items").getJsonObject(0).getString("key"))
        .isGreaterThan(first.getJsonArray("items").getJsonObject(2).getString("key"));
  }

  @Test
  void healthReportsEachDependency() {
    HttpResponse<Buffer> response = Http.anonymous().get("/health");

    JsonObject checks = Http.json(response).getJsonObject("checks");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(checks.getJsonObject("database").getString("status")).isEqualTo("up");
    assertThat(checks.getJsonObject("kafka").getString("status")).isEqualTo("up");
    assertThat(checks.getJsonObject("cluster").getInteger("members")).isEqualTo(1);
  }

  @Test
  void metricsArePublishedForPrometheus() {
    String metrics = Http.anonymous().get("/metrics").bodyAsString();

    assertThat(metrics).contains("momentum_events_ingested_total", "momentum_rollup_latency_seconds",
        "momentum_live_sockets", "momentum_consumer_lag_records", "jvm_memory_used_bytes");
  }

  private static List<String> fields(HttpResponse<Buffer> response) {
    JsonArray fields = Http.json(response).getJsonObject("error").getJsonArray("fields", new JsonArray());
    return fields.stream().map(f -> ((JsonObject) f).getString("field")).toList();
  }

  private static long versions(JsonArray entries) {
    return entries.stream().mapToLong(e -> ((JsonObject) e).getLong("version")).sum();
  }
}
