package io.momentum.server;

import static io.momentum.server.support.Goals.fields;
import static io.momentum.server.support.Goals.key;
import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.server.app.MomentumNode;
import io.momentum.server.support.Events;
import io.momentum.server.support.Goals;
import io.momentum.server.support.Http;
import io.momentum.server.support.TestNode;
import io.momentum.server.support.TestOrg;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Initiatives and the people list through the REST API against a real node. */
class InitiativeIT {

  private static MomentumNode node;
  private static TestOrg org;
  private static Http api;
  private static Goals goals;

  @BeforeAll
  static void createOrg() throws InterruptedException {
    node = TestNode.get();
    org = TestOrg.create(node, "init-" + UUID.randomUUID().toString().substring(0, 8)).awaitLive(node);
    api = Http.withToken(org.token);
    goals = new Goals(api, org);
  }

  @Test
  void createdInitiativeIsReadBack() {
    HttpResponse<Buffer> response = api.post("/api/v1/initiatives", new JsonObject().put("key", "checkout-epic")
        .put("title", "Rebuild checkout").put("unitId", org.teamId.toString()).put("cycleId", org.quarterId.toString())
        .put("ownerId", org.userId.toString()).put("externalSystem", "jira").put("externalKey", "SHOP-42")
        .put("start", "2026-10-01").put("due", "2026-12-15"));

    JsonObject read = Http.json(api.get(response.getHeader("Location")));
    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(read.getString("ownerName")).isEqualTo("Olivia Owner");
    assertThat(read.getString("externalKey")).isEqualTo("SHOP-42");
    assertThat(read.getString("due")).isEqualTo("2026-12-15");
    assertThat(read.getInteger("version")).isEqualTo(1);
  }

  @Test
  void initiativeValidationNamesFields() {
    List<JsonObject> bodies = List.of(
        new JsonObject().put("title", "No key"),
        new JsonObject().put("key", "Bad Key").put("title", "Bad key"),
        new JsonObject().put("key", key("t")).put("title", "x".repeat(201)),
        new JsonObject().put("key", key("t")).put("title", "Dates").put("start", "2026-10-01").put("due", "2026-09-30"),
        new JsonObject().put("key", key("t")).put("title", "Date").put("due", "tomorrow"),
        new JsonObject().put("key", key("t")).put("title", "Ref").put("externalSystem", "jira"),
        new JsonObject().put("key", key("t")).put("title", "Owner").put("ownerId", UUID.randomUUID().toString()),
        new JsonObject().put("key", key("t")).put("title", "Unit").put("unitId", UUID.randomUUID().toString()),
        new JsonObject().put("key", key("t")).put("title", "Cycle").put("cycleId", UUID.randomUUID().toString()));
    List<String> expected = List.of("key", "key", "title", "due", "due", "externalKey", "ownerId", "unitId", "cycleId");

    for (int i = 0; i < bodies.size(); i++) {
      HttpResponse<Buffer> response = api.post("/api/v1/initiatives", bodies.get(i));

      assertThat(response.statusCode()).as(bodies.get(i).encode()).isEqualTo(400);
      assertThat(fields(response)).as(bodies.get(i).encode()).containsExactly(expected.get(i));
    }
  }

  @Test
  void initiativeKeySharesNodeNamespace() {
    HttpResponse<Buffer> response = api.post("/api/v1/initiatives", new JsonObject().put("key", "revenue").put("title", "Clash"));

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(fields(response)).containsExactly("key");
  }

  @Test
  void initiativeAppearsOnBoard() throws InterruptedException {
    JsonObject initiative = goals.initiative(key("on-board"));

    JsonObject onBoard = awaitOnBoard(initiative.getString("key"));

    assertThat(onBoard.getString("kind")).isEqualTo("initiative");
    assertThat(onBoard.getString("unitId")).isEqualTo(org.teamId.toString());
  }

  @Test
  void initiativeReadsWithProgressAndWorkItems() throws InterruptedException {
    JsonObject initiative = goals.initiative(key("work"));
    String id = initiative.getString("id");
    workItem(initiative.getString("key"), "SHOP-1", "done", 3);
    workItem(initiative.getString("key"), "SHOP-2", "in_progress", 5);

    JsonObject read = awaitInitiative(id, json -> json.getJsonObject("workItems") != null
        && json.getJsonObject("workItems").getInteger("items") == 2);
    JsonObject listed = Http.json(api.get("/api/v1/initiatives?unit=" + org.teamId + "&limit=500")).getJsonArray("items")
        .stream().map(JsonObject.class::cast).filter(item -> id.equals(item.getString("id"))).findFirst().orElseThrow();
    JsonArray items = Http.json(api.get("/api/v1/initiatives/" + id + "/work-items")).getJsonArray("items");

    assertThat(read.getDouble("progress")).isEqualTo(0.375);
    assertThat(read.getJsonObject("workItems").getString("basis")).isEqualTo("points");
    assertThat(listed.getDouble("progress")).isEqualTo(0.375);
    assertThat(items.stream().map(item -> ((JsonObject) item).getString("externalId"))).containsExactly("SHOP-1", "SHOP-2");
    assertThat(items.getJsonObject(1).getString("statusCategory")).isEqualTo("in_progress");
  }

  @Test
  void olderWorkItemEventKeepsNewerState() throws InterruptedException {
    JsonObject initiative = goals.initiative(key("late-work"));
    String id = initiative.getString("id");
    Instant newer = Instant.now().minusSeconds(60);
    workItem(initiative.getString("key"), "SHOP-7", "done", 3, newer);
    awaitInitiative(id, json -> json.getJsonObject("workItems") != null
        && json.getJsonObject("workItems").getInteger("items") == 1);

    workItem(initiative.getString("key"), "SHOP-7", "todo", 8, newer.minusSeconds(3600));
    workItem(initiative.getString("key"), "SHOP-8", "todo", 1, newer);

    JsonObject read = awaitInitiative(id, json -> json.getJsonObject("workItems").getInteger("items") == 2);
    JsonObject item = Http.json(api.get("/api/v1/initiatives/" + id + "/work-items")).getJsonArray("items").getJsonObject(0);
    assertThat(read.getDouble("progress")).isEqualTo(0.75);
    assertThat(item.getString("externalId")).isEqualTo("SHOP-7");
    assertThat(item.getString("statusCategory")).isEqualTo("done");
    assertThat(item.getDouble("storyPoints")).isEqualTo(3.0);
  }

  @Test
  void otherOrganisationCannotListWorkItems() {
    JsonObject initiative = goals.initiative(key("hidden-work"));
    TestOrg other = TestOrg.create(node, "init-other-" + UUID.randomUUID().toString().substring(0, 8));

    HttpResponse<Buffer> response = Http.withToken(other.token).get("/api/v1/initiatives/" + initiative.getString("id")
        + "/work-items");

    assertThat(response.statusCode()).isEqualTo(404);
  }

  @Test
  void patchUpdatesInitiative() {
    JsonObject initiative = goals.initiative(key("patched"));

    HttpResponse<Buffer> response = api.patch("/api/v1/initiatives/" + initiative.getString("id"),
        new JsonObject().put("version", 1).put("due", "2027-01-31").put("description", "Phase two"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Http.json(response).getString("due")).isEqualTo("2027-01-31");
    assertThat(Http.json(response).getString("title")).isEqualTo(initiative.getString("title"));
    assertThat(Http.json(response).getInteger("version")).isEqualTo(2);
  }

  @Test
  void archivedInitiativeIsNotFound() {
    JsonObject initiative = goals.initiative(key("archived"));

    HttpResponse<Buffer> response = api.delete("/api/v1/initiatives/" + initiative.getString("id"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(api.get("/api/v1/initiatives/" + initiative.getString("id")).statusCode()).isEqualTo(404);
    assertThat(api.patch("/api/v1/initiatives/" + initiative.getString("id"), new JsonObject().put("version", 2)).statusCode())
        .isEqualTo(404);
  }

  @Test
  void initiativesArePaged() {
    for (int i = 0; i < 4; i++) {
      goals.initiative("paged-" + i);
    }

    JsonObject first = Http.json(api.get("/api/v1/initiatives?limit=2"));
    JsonObject second = Http.json(api.get("/api/v1/initiatives?limit=2&after=" + first.getString("nextCursor")));

    assertThat(first.getJsonArray("items")).hasSize(2);
    assertThat(second.getJsonArray("items").getJsonObject(0).getString("key"))
        .isGreaterThan(first.getJsonArray("items").getJsonObject(1).getString("key"));
  }

  @Test
  void peopleListsUsersOfOrganisation() {
    JsonArray items = Http.json(api.get("/api/v1/people")).getJsonArray("items");

    assertThat(items).hasSize(1);
    assertThat(items.getJsonObject(0).getString("id")).isEqualTo(org.userId.toString());
    assertThat(items.getJsonObject(0).getString("name")).isEqualTo("Olivia Owner");
    assertThat(items.getJsonObject(0).getString("email")).isEqualTo(org.email);
  }

  @Test
  void peopleFilterByUnitAndPage() {
    String hash = node.services().auth().hashPassword("another long password");
    for (int i = 0; i < 3; i++) {
      node.services().pool().preparedQuery("INSERT INTO users (id, org_id, email, name, password_hash, unit_id) VALUES ($1, $2, $3, $4, $5, $6)")
          .execute(Tuple.from(new Object[] {UUID.randomUUID(), org.orgId, "member" + i + "@" + org.orgId + ".test",
              "Member " + i, hash, org.companyId})).await();
    }

    JsonObject first = Http.json(api.get("/api/v1/people?unit=" + org.companyId + "&limit=2"));
    JsonObject second = Http.json(api.get("/api/v1/people?unit=" + org.companyId + "&limit=2&after=" + first.getString("nextCursor")));

    assertThat(first.getJsonArray("items")).hasSize(2);
    assertThat(second.getJsonArray("items")).hasSize(1);
    assertThat(second.getJsonArray("items").getJsonObject(0).getString("unitId")).isEqualTo(org.companyId.toString());
  }

  private static JsonObject awaitOnBoard(String key) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 15_000;
    while (System.currentTimeMillis() < deadline) {
      JsonArray nodes = Http.json(api.get("/api/v1/boards/" + org.teamBoard())).getJsonArray("nodes");
      for (Object n : nodes) {
        if (key.equals(((JsonObject) n).getString("key"))) {
          return (JsonObject) n;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("The board did not show " + key + " within 15 s");
  }

  private static void workItem(String subject, String externalId, String status, int points) {
    workItem(subject, externalId, status, points, Instant.now());
  }

  private static void workItem(String subject, String externalId, String status, int points, Instant time) {
    HttpResponse<Buffer> response = api.post("/api/v1/events", Events.event(org.orgId, "momentum.workitem.changed", subject,
        time, new JsonObject().put("system", "jira").put("externalId", externalId).put("itemType", "story")
            .put("statusCategory", status).put("storyPoints", points)));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(202);
  }

  private static JsonObject awaitInitiative(String id, java.util.function.Predicate<JsonObject> done) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 15_000;
    JsonObject read = null;
    while (System.currentTimeMillis() < deadline) {
      read = Http.json(api.get("/api/v1/initiatives/" + id));
      if (done.test(read)) {
        return read;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("Initiative " + id + " did not reach the expected state: " + read);
  }
}
