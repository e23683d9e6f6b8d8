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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Check-ins with their author, the check-in list, value history and objective comments. */
class CheckInsIT {

  private static MomentumNode node;
  private static TestOrg org;
  private static Http api;
  private static Http person;

  @BeforeAll
  static void createOrg() throws InterruptedException {
    node = TestNode.get();
    org = Cadence.org(node, "checkins");
    api = Http.withToken(org.token);
    person = Http.anonymous();
    person.post("/api/v1/auth/login", new JsonObject().put("email", org.email).put("password", TestOrg.PASSWORD));
  }

  @Test
  void checkInRecordsAuthor() throws InterruptedException {
    String defects = org.keyResults.get("defects").toString();

    HttpResponse<Buffer> posted = person.post("/api/v1/key-results/" + defects + "/check-ins",
        new JsonObject().put("value", 9).put("confidence", 6).put("note", "Fixed the flaky tests").put("blockers", "None"));

    assertThat(posted.statusCode()).isEqualTo(202);
    JsonObject checkIn = Cadence.awaitJson(person, "/api/v1/key-results/" + defects + "/check-ins",
        page -> !page.getJsonArray("items").isEmpty()).getJsonArray("items").getJsonObject(0);
    assertThat(checkIn.getString("author")).isEqualTo("Olivia Owner");
    assertThat(checkIn.getString("authorId")).isEqualTo(org.userId.toString());
    assertThat(checkIn.getString("note")).isEqualTo("Fixed the flaky tests");
    assertThat(checkIn.getInteger("confidence")).isEqualTo(6);
  }

  @Test
  void checkInMarksMilestonesDone() throws InterruptedException {
    String launch = org.keyResults.get("launch").toString();

    HttpResponse<Buffer> posted = person.post("/api/v1/key-results/" + launch + "/check-ins", new JsonObject()
        .put("confidence", 7).put("note", "Release is out")
        .put("milestones", new io.vertx.core.json.JsonArray().add(new JsonObject().put("id", "m2").put("done", true))));

    assertThat(posted.statusCode()).as(posted.bodyAsString()).isEqualTo(202);
    assertThat(Http.json(posted).getJsonArray("accepted")).hasSize(2);
    JsonObject node = Cadence.awaitNode(api, launch, n -> Cadence.equals(n, "progress", 0.75));
    assertThat(node.getInteger("confidence")).isEqualTo(7);
  }

  @Test
  void milestoneCheckInRejectsBadInput() {
    String launch = org.keyResults.get("launch").toString();
    io.vertx.core.json.JsonArray ghost = new io.vertx.core.json.JsonArray().add(new JsonObject().put("id", "ghost").put("done", true));
    io.vertx.core.json.JsonArray release = new io.vertx.core.json.JsonArray().add(new JsonObject().put("id", "m2").put("done", true));

    HttpResponse<Buffer> unknown = person.post("/api/v1/key-results/" + launch + "/check-ins",
        new JsonObject().put("confidence", 5).put("milestones", ghost));
    HttpResponse<Buffer> notesOnly = person.post("/api/v1/key-results/" + launch + "/check-ins",
        new JsonObject().put("note", "Done").put("milestones", release));

    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(notesOnly.statusCode()).isEqualTo(400);
    assertThat(Cadence.fields(notesOnly)).containsExactly("confidence");
  }

  @Test
  void checkInsArePagedNewestFirst() throws InterruptedException {
    String uptime = org.keyResults.get("uptime").toString();
    Instant start = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    for (int day = 0; day < 3; day++) {
      api.post("/api/v1/events", Events.event(org.orgId, "momentum.checkin", "uptime", start.plus(day, ChronoUnit.DAYS),
          new JsonObject().put("value", 95 + day).put("confidence", 7)));
    }
    Cadence.awaitJson(api, "/api/v1/key-results/" + uptime + "/check-ins", page -> page.getJsonArray("items").size() == 3);

    JsonObject first = Http.json(api.get("/api/v1/key-results/" + uptime + "/check-ins?limit=2"));
    JsonObject second = Http.json(api.get("/api/v1/key-results/" + uptime + "/check-ins?limit=2&after=" + first.getString("nextCursor")));

    assertThat(values(first.getJsonArray("items"))).containsExactly(97.0, 96.0);
    assertThat(values(second.getJsonArray("items"))).containsExactly(95.0);
    assertThat(second.getString("nextCursor")).isNull();
  }

  @Test
  void ingestCannotImpersonatePerson() {
    JsonObject event = Events.event(org.orgId, "momentum.checkin", "revenue", Instant.now(), new JsonObject().put("confidence", 2))
        .put("source", "urn:momentum:user:" + org.userId);

    HttpResponse<Buffer> response = api.postRaw("/api/v1/events", event.encode(), "application/cloudevents+json");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Cadence.fields(response)).containsExactly("source");
  }

  @Test
  void historyHasValueAndConfidencePoints() throws InterruptedException {
    String contract = org.keyResults.get("contract").toString();
    Instant monday = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    api.post("/api/v1/events", Events.value(org.orgId, "contract", 0, monday));
    api.post("/api/v1/events", Events.event(org.orgId, "momentum.checkin", "contract", monday.plus(1, ChronoUnit.DAYS),
        new JsonObject().put("confidence", 4)));

    JsonObject history = Cadence.awaitJson(api, "/api/v1/key-results/" + contract + "/history",
        h -> h.getJsonArray("points").size() == 2);

    JsonObject value = history.getJsonArray("points").getJsonObject(0);
    JsonObject confidence = history.getJsonArray("points").getJsonObject(1);
    assertThat(value.getString("kind")).isEqualTo("measurement");
    assertThat(value.getString("time")).isEqualTo(monday.toString());
    assertThat(value.getDouble("value")).isEqualTo(0.0);
    assertThat(value.getBoolean("applied")).isTrue();
    assertThat(confidence.getString("kind")).isEqualTo("check_in");
    assertThat(confidence.getInteger("confidence")).isEqualTo(4);
    assertThat(confidence.getValue("value")).isNull();
  }

  @Test
  void historyRangeLimitsPoints() throws InterruptedException {
    String revenue = org.keyResults.get("revenue").toString();
    Instant base = Instant.now().minus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    for (int i = 0; i < 3; i++) {
      api.post("/api/v1/events", Events.value(org.orgId, "revenue", 20 + i, base.plus(i * 2L, ChronoUnit.DAYS)));
    }
    Cadence.awaitJson(api, "/api/v1/key-results/" + revenue + "/history", h -> h.getJsonArray("points").size() >= 3);

    JsonObject history = Http.json(api.get("/api/v1/key-results/" + revenue + "/history?from="
        + base.plus(1, ChronoUnit.DAYS) + "&to=" + base.plus(3, ChronoUnit.DAYS)));

    assertThat(values(history.getJsonArray("points"))).containsExactly(21.0);
  }

  @Test
  void historyRejectsReversedRange() {
    HttpResponse<Buffer> response = api.get("/api/v1/key-results/" + org.keyResults.get("revenue")
        + "/history?from=2026-05-01&to=2026-04-01");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Cadence.fields(response)).containsExactly("from");
  }

  @Test
  void commentIsStoredWithAuthor() {
    HttpResponse<Buffer> posted = person.post("/api/v1/objectives/" + org.objectiveId + "/comments",
        new JsonObject().put("body", "Good progress this week"));

    JsonArray comments = Http.json(api.get("/api/v1/objectives/" + org.objectiveId + "/comments")).getJsonArray("items");

    assertThat(posted.statusCode()).isEqualTo(201);
    assertThat(comments.stream().map(c -> (JsonObject) c)
        .filter(c -> "Good progress this week".equals(c.getString("body")))
        .map(c -> c.getString("authorId"))).containsExactly(org.userId.toString());
  }

  @Test
  void commentsArePagedNewestFirst() {
    String objective = createObjective();
    for (int i = 1; i <= 3; i++) {
      api.post("/api/v1/objectives/" + objective + "/comments", new JsonObject().put("body", "Comment " + i));
    }

    JsonObject first = Http.json(api.get("/api/v1/objectives/" + objective + "/comments?limit=2"));
    JsonObject second = Http.json(api.get("/api/v1/objectives/" + objective + "/comments?limit=2&after=" + first.getString("nextCursor")));

    assertThat(bodies(first.getJsonArray("items"))).containsExactly("Comment 3", "Comment 2");
    assertThat(bodies(second.getJsonArray("items"))).containsExactly("Comment 1");
  }

  @Test
  void tooLongCommentIsRejected() {
    HttpResponse<Buffer> response = api.post("/api/v1/objectives/" + org.objectiveId + "/comments",
        new JsonObject().put("body", "x".repeat(2001)));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Cadence.fields(response)).containsExactly("body");
  }

  @Test
  void badCursorIsRejected() {
    HttpResponse<Buffer> response = api.get("/api/v1/key-results/" + org.keyResults.get("revenue") + "/check-ins?after=abc");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Cadence.fields(response)).containsExactly("after");
  }

  private static String createObjective() {
    HttpResponse<Buffer> response = api.post("/api/v1/objectives", new JsonObject()
        .put("key", "commented-" + java.util.UUID.randomUUID().toString().substring(0, 8)).put("title", "Talk about it")
        .put("unitId", org.teamId.toString()).put("cycleId", org.quarterId.toString()));
    assertThat(response.statusCode()).isEqualTo(201);
    return Http.json(response).getString("id");
  }

  private static java.util.List<Double> values(JsonArray items) {
    return items.stream().map(i -> ((JsonObject) i).getDouble("value")).toList();
  }

  private static java.util.List<String> bodies(JsonArray items) {
    return items.stream().map(i -> ((JsonObject) i).getString("body")).toList();
  }
}
