package io.momentum.server;

import static io.momentum.server.support.Goals.fields;
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
import io.vertx.sqlclient.Tuple;
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
}
