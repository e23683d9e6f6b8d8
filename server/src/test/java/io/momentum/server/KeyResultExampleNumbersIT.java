package io.momentum.server;

import static io.momentum.server.support.Goals.error;
import static io.momentum.server.support.Goals.key;
import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.server.app.MomentumNode;
import io.momentum.server.support.Goals;
import io.momentum.server.support.Http;
import io.momentum.server.support.TestNode;
import io.momentum.server.support.TestOrg;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The example numbers mark of a key result accepted from a draft: set on create, kept through
 * check-ins and other edits, cleared by a change of start or target or by a confirmation.
 */
class KeyResultExampleNumbersIT {

  private static TestOrg org;
  private static TestOrg other;
  private static Http api;
  private static String objectiveId;

  @BeforeAll
  static void createOrgs() throws InterruptedException {
    MomentumNode node = TestNode.get();
    org = TestOrg.create(node, "example-numbers-" + UUID.randomUUID().toString().substring(0, 8)).awaitLive(node);
    other = TestOrg.create(node, "example-numbers-other-" + UUID.randomUUID().toString().substring(0, 8));
    api = Http.withToken(org.token);
    objectiveId = new Goals(api, org).objective(key("o"), null).getString("id");
  }

  private static HttpResponse<Buffer> create(String measurement, Boolean exampleNumbers) {
    JsonObject body = new JsonObject().put("key", key("kr")).put("objectiveId", objectiveId)
        .put("title", "Raise releases per month from 1 to 4").put("measurement", measurement);
    if (!"binary".equals(measurement)) {
      body.put("start", 1).put("target", 4);
    }
    if (exampleNumbers != null) {
      body.put("exampleNumbers", exampleNumbers);
    }
    return api.post("/api/v1/key-results", body);
  }

  private static JsonObject createMarked() {
    HttpResponse<Buffer> response = create("increase", true);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return Http.json(response);
  }

  private static String path(JsonObject keyResult) {
    return "/api/v1/key-results/" + keyResult.getString("id");
  }

  private static String code(HttpResponse<Buffer> response, String field) {
    JsonArray fields = error(response).getJsonArray("fields", new JsonArray());
    return fields.stream().map(JsonObject.class::cast).filter(f -> field.equals(f.getString("field")))
        .map(f -> f.getString("code")).findFirst().orElse(null);
  }

  /** Reads the key result until its current value is {@code value}, at most 10 seconds. */
  private static JsonObject awaitCurrent(JsonObject keyResult, String value) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    JsonObject read = Http.json(api.get(path(keyResult)));
    while (!hasCurrent(read, value) && System.nanoTime() < deadline) {
      Thread.sleep(100);
      read = Http.json(api.get(path(keyResult)));
    }
    return read;
  }

  private static boolean hasCurrent(JsonObject read, String value) {
    Object current = read.getValue("current");
    return current != null && new BigDecimal(current.toString()).compareTo(new BigDecimal(value)) == 0;
  }

  @Test
  void markStoredAndRead() {
    JsonObject created = createMarked();

    assertThat(created.getBoolean("exampleNumbers")).isTrue();
    assertThat(Http.json(api.get(path(created))).getBoolean("exampleNumbers")).isTrue();
  }

  /**
   * Reads the team board until the node with {@code id} has the mark {@code marked}, at most 10
   * seconds, and returns that node or null when the board never showed it.
   */
  private static JsonObject awaitBoardMark(String id, boolean marked) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    JsonObject node = boardNode(id);
    while ((node == null || !Boolean.valueOf(marked).equals(node.getBoolean("exampleNumbers")))
        && System.nanoTime() < deadline) {
      Thread.sleep(100);
      node = boardNode(id);
    }
    return node;
  }

  private static JsonObject boardNode(String id) {
    JsonArray nodes = Http.json(api.get("/api/v1/boards/" + org.teamBoard())).getJsonArray("nodes");
    return nodes.stream().map(JsonObject.class::cast).filter(n -> id.equals(n.getString("id"))).findFirst().orElse(null);
  }

  @Test
  void boardNodeMarkFollowsConfirmation() throws InterruptedException {
    JsonObject created = createMarked();

    JsonObject marked = awaitBoardMark(created.getString("id"), true);
    HttpResponse<Buffer> confirmed = api.patch(path(created), new JsonObject().put("version", 1).put("exampleNumbers", false));
    JsonObject cleared = awaitBoardMark(created.getString("id"), false);

    assertThat(marked).as("board node of the marked key result").isNotNull();
    assertThat(marked.getBoolean("exampleNumbers")).as(marked.encode()).isTrue();
    assertThat(confirmed.statusCode()).as(confirmed.bodyAsString()).isEqualTo(200);
    assertThat(cleared.getBoolean("exampleNumbers")).as(cleared.encode()).isFalse();
    assertThat(cleared.getLong("version")).isGreaterThan(marked.getLong("version"));
  }

  @Test
  void asOfNodeShowsMarkOfItsTime() throws InterruptedException {
    JsonObject created = createMarked();
    awaitBoardMark(created.getString("id"), true);
    Thread.sleep(1_100);
    Instant marked = Instant.now();
    Thread.sleep(1_100);

    HttpResponse<Buffer> confirmed = api.patch(path(created), new JsonObject().put("version", 1).put("exampleNumbers", false));
    String asOf = "/api/v1/nodes/" + created.getString("id") + "/as-of?at=";
    JsonObject before = Http.json(api.get(asOf + marked));
    JsonObject after = Http.json(api.get(asOf + Instant.now()));

    assertThat(confirmed.statusCode()).as(confirmed.bodyAsString()).isEqualTo(200);
    assertThat(before.getBoolean("exampleNumbers")).as(before.encode()).isTrue();
    assertThat(after.getBoolean("exampleNumbers")).as(after.encode()).isFalse();
  }

  @Test
  void boardNodeUnmarkedByDefault() throws InterruptedException {
    JsonObject created = Http.json(create("increase", null));

    JsonObject node = awaitBoardMark(created.getString("id"), false);

    assertThat(node).as("board node of the unmarked key result").isNotNull();
    assertThat(node.getBoolean("exampleNumbers")).isFalse();
  }

  @Test
  void unmarkedByDefault() {
    HttpResponse<Buffer> response = create("increase", null);

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    assertThat(Http.json(response).getBoolean("exampleNumbers")).isFalse();
  }

  @Test
  void markSurvivesCheckInAndTitleEdit() throws InterruptedException {
    JsonObject created = createMarked();

    HttpResponse<Buffer> checkIn = api.post(path(created) + "/check-ins",
        new JsonObject().put("value", 2).put("confidence", 7));
    JsonObject afterCheckIn = awaitCurrent(created, "2");
    HttpResponse<Buffer> renamed = api.patch(path(created),
        new JsonObject().put("version", afterCheckIn.getInteger("version")).put("title", "Ship more releases"));

    assertThat(checkIn.statusCode()).as(checkIn.bodyAsString()).isEqualTo(202);
    assertThat(hasCurrent(afterCheckIn, "2")).as(afterCheckIn.encode()).isTrue();
    assertThat(afterCheckIn.getBoolean("exampleNumbers")).isTrue();
    assertThat(renamed.statusCode()).as(renamed.bodyAsString()).isEqualTo(200);
    assertThat(Http.json(renamed).getBoolean("exampleNumbers")).isTrue();
  }

  @Test
  void markSurvivesSameNumbersResent() {
    JsonObject created = createMarked();

    HttpResponse<Buffer> resent = api.patch(path(created),
        new JsonObject().put("version", 1).put("start", 1.0).put("target", 4));

    assertThat(resent.statusCode()).as(resent.bodyAsString()).isEqualTo(200);
    assertThat(Http.json(resent).getBoolean("exampleNumbers")).isTrue();
  }

  @Test
  void startChangeClearsMark() {
    JsonObject created = createMarked();

    HttpResponse<Buffer> changed = api.patch(path(created), new JsonObject().put("version", 1).put("start", 2));

    assertThat(changed.statusCode()).as(changed.bodyAsString()).isEqualTo(200);
    assertThat(Http.json(changed).getBoolean("exampleNumbers")).isFalse();
    assertThat(Http.json(api.get(path(created))).getBoolean("exampleNumbers")).isFalse();
  }

  @Test
  void targetChangeClearsMark() {
    JsonObject created = createMarked();

    HttpResponse<Buffer> changed = api.patch(path(created), new JsonObject().put("version", 1).put("target", 6));

    assertThat(changed.statusCode()).as(changed.bodyAsString()).isEqualTo(200);
    assertThat(Http.json(changed).getBoolean("exampleNumbers")).isFalse();
  }

  @Test
  void confirmationClearsMark() {
    JsonObject created = createMarked();

    HttpResponse<Buffer> confirmed = api.patch(path(created), new JsonObject().put("version", 1).put("exampleNumbers", false));

    assertThat(confirmed.statusCode()).as(confirmed.bodyAsString()).isEqualTo(200);
    assertThat(Http.json(confirmed).getBoolean("exampleNumbers")).isFalse();
  }

  @Test
  void editCannotSetMark() {
    HttpResponse<Buffer> response = create("increase", null);
    JsonObject created = Http.json(response);

    HttpResponse<Buffer> marked = api.patch(path(created), new JsonObject().put("version", 1).put("exampleNumbers", true));

    assertThat(marked.statusCode()).isEqualTo(400);
    assertThat(code(marked, "exampleNumbers")).isEqualTo("example_numbers_on_create");
  }

  @Test
  void binaryMeasurementRejectsMark() {
    HttpResponse<Buffer> response = create("binary", true);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(code(response, "exampleNumbers")).isEqualTo("not_applicable");
  }

  @Test
  void otherOrganisationCannotConfirm() {
    JsonObject created = createMarked();
    Http otherApi = Http.withToken(other.token);

    HttpResponse<Buffer> read = otherApi.get(path(created));
    HttpResponse<Buffer> confirmed = otherApi.patch(path(created), new JsonObject().put("version", 1).put("exampleNumbers", false));

    assertThat(read.statusCode()).isEqualTo(404);
    assertThat(confirmed.statusCode()).isEqualTo(404);
    assertThat(Http.json(api.get(path(created))).getBoolean("exampleNumbers")).isTrue();
  }
}
