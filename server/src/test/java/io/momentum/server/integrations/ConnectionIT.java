package io.momentum.server.integrations;

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
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Integration connections and mapping rules through the REST API against a real node. */
class ConnectionIT {

  private static final String CONNECTIONS = "/api/v1/integrations/connections";
  private static final String SECRET = "connection-secret-0123456789";

  private static MomentumNode node;
  private static TestOrg org;
  private static Http api;
  private static Goals goals;

  @BeforeAll
  static void createOrg() {
    node = TestNode.get();
    org = TestOrg.create(node, "conn-" + UUID.randomUUID().toString().substring(0, 8));
    api = Http.withToken(org.token);
    goals = new Goals(api, org);
  }

  private static JsonObject create(String name) {
    HttpResponse<Buffer> response = api.post(CONNECTIONS, new JsonObject().put("kind", "jira").put("name", name)
        .put("secret", SECRET));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return Http.json(response);
  }

  @Test
  void createdConnectionHidesSecret() {
    HttpResponse<Buffer> response = api.post(CONNECTIONS, new JsonObject().put("kind", "jira").put("name", key("site"))
        .put("secret", SECRET));
    JsonObject read = Http.json(api.get(response.getHeader("Location")));

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.bodyAsString()).doesNotContain(SECRET);
    assertThat(read.encode()).doesNotContain(SECRET);
    assertThat(read.getString("storyPointsField")).isEqualTo("customfield_10016");
    assertThat(read.getString("webhookPath")).isEqualTo("/api/v1/integrations/jira/" + read.getString("id"));
    assertThat(read.getBoolean("secretSet")).isTrue();
  }

  @Test
  void connectionValidationNamesFields() {
    List<JsonObject> bodies = List.of(
        new JsonObject().put("name", "No kind").put("secret", SECRET),
        new JsonObject().put("kind", "github").put("name", "Wrong kind").put("secret", SECRET),
        new JsonObject().put("kind", "jira").put("secret", SECRET),
        new JsonObject().put("kind", "jira").put("name", "No secret"),
        new JsonObject().put("kind", "jira").put("name", "Short secret").put("secret", "short"),
        new JsonObject().put("kind", "jira").put("name", "Bad field").put("secret", SECRET).put("storyPointsField", "story points"),
        new JsonObject().put("kind", "jira").put("name", "Typo").put("secret", SECRET).put("storyPoints", "customfield_1"));
    List<String> expected = List.of("kind", "kind", "name", "secret", "secret", "storyPointsField", "storyPoints");

    for (int i = 0; i < bodies.size(); i++) {
      HttpResponse<Buffer> response = api.post(CONNECTIONS, bodies.get(i));

      assertThat(response.statusCode()).as(bodies.get(i).encode()).isEqualTo(400);
      assertThat(fields(response)).as(bodies.get(i).encode()).containsExactly(expected.get(i));
    }
  }

  @Test
  void duplicateNameIsConflict() {
    String name = key("twice");
    create(name);

    HttpResponse<Buffer> response = api.post(CONNECTIONS, new JsonObject().put("kind", "jira").put("name", name)
        .put("secret", SECRET));

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(fields(response)).containsExactly("name");
  }

  @Test
  void staleVersionIsConflict() {
    JsonObject created = create(key("stale"));
    String path = CONNECTIONS + "/" + created.getString("id");
    HttpResponse<Buffer> first = api.patch(path, new JsonObject().put("version", 1).put("name", key("renamed")));

    HttpResponse<Buffer> second = api.patch(path, new JsonObject().put("version", 1).put("storyPointsField", "customfield_10028"));

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(second.statusCode()).isEqualTo(409);
    assertThat(Goals.error(second).getString("code")).isEqualTo("stale_version");
  }

  @Test
  void replacedSecretVerifiesDeliveries() {
    JsonObject created = create(key("rotate"));
    String newSecret = "rotated-secret-0123456789";
    HttpResponse<Buffer> patched = api.patch(CONNECTIONS + "/" + created.getString("id"),
        new JsonObject().put("version", 1).put("secret", newSecret));
    byte[] body = "{\"webhookEvent\":\"board_created\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    HttpResponse<Buffer> oldSigned = Http.anonymous().postSigned(created.getString("webhookPath"), body,
        JiraSignature.sign(SECRET, body));
    HttpResponse<Buffer> newSigned = Http.anonymous().postSigned(created.getString("webhookPath"), body,
        JiraSignature.sign(newSecret, body));

    assertThat(patched.statusCode()).isEqualTo(200);
    assertThat(patched.bodyAsString()).doesNotContain(newSecret);
    assertThat(oldSigned.statusCode()).isEqualTo(401);
    assertThat(newSigned.statusCode()).isEqualTo(202);
  }

  @Test
  void rulesListInPositionOrder() {
    JsonObject connection = create(key("rules"));
    String rules = CONNECTIONS + "/" + connection.getString("id") + "/rules";
    String initiative = goals.initiative(key("target")).getString("id");
    api.post(rules, new JsonObject().put("matchKind", "project").put("matchValue", "shop").put("initiativeId", initiative));
    api.post(rules, new JsonObject().put("matchKind", "label").put("matchValue", "checkout").put("initiativeId", initiative)
        .put("position", 0));

    JsonArray items = Http.json(api.get(rules)).getJsonArray("items");

    assertThat(items.stream().map(r -> ((JsonObject) r).getString("matchKind"))).containsExactly("label", "project");
    assertThat(items.getJsonObject(1).getString("matchValue")).isEqualTo("SHOP");
  }

  @Test
  void ruleValidationNamesFields() {
    JsonObject connection = create(key("rule-check"));
    String rules = CONNECTIONS + "/" + connection.getString("id") + "/rules";
    String initiative = goals.initiative(key("target")).getString("id");
    List<JsonObject> bodies = List.of(
        new JsonObject().put("matchKind", "jql").put("matchValue", "x").put("initiativeId", initiative),
        new JsonObject().put("matchKind", "issue_key").put("matchValue", "SHOP").put("initiativeId", initiative),
        new JsonObject().put("matchKind", "label").put("matchValue", "two words").put("initiativeId", initiative),
        new JsonObject().put("matchKind", "project").put("matchValue", "SHOP").put("initiativeId", UUID.randomUUID().toString()),
        new JsonObject().put("matchKind", "project").put("matchValue", "SHOP").put("initiativeId", initiative).put("position", -1));
    List<String> expected = List.of("matchKind", "matchValue", "matchValue", "initiativeId", "position");

    for (int i = 0; i < bodies.size(); i++) {
      HttpResponse<Buffer> response = api.post(rules, bodies.get(i));

      assertThat(response.statusCode()).as(bodies.get(i).encode()).isEqualTo(400);
      assertThat(fields(response)).as(bodies.get(i).encode()).containsExactly(expected.get(i));
    }
  }

  @Test
  void ruleUpdateAndDelete() {
    JsonObject connection = create(key("rule-edit"));
    String rules = CONNECTIONS + "/" + connection.getString("id") + "/rules";
    String initiative = goals.initiative(key("target")).getString("id");
    String path = api.post(rules, new JsonObject().put("matchKind", "project").put("matchValue", "SHOP")
        .put("initiativeId", initiative)).getHeader("Location");

    HttpResponse<Buffer> changed = api.patch(path, new JsonObject().put("version", 1).put("matchValue", "OPS"));
    HttpResponse<Buffer> stale = api.deleteIfMatch(path, 1);
    HttpResponse<Buffer> deleted = api.deleteIfMatch(path, 2);

    assertThat(Http.json(changed).getString("matchValue")).isEqualTo("OPS");
    assertThat(stale.statusCode()).isEqualTo(409);
    assertThat(deleted.statusCode()).isEqualTo(204);
    assertThat(Http.json(api.get(rules)).getJsonArray("items")).isEmpty();
  }

  @Test
  void deletedConnectionStopsWebhook() {
    JsonObject connection = create(key("gone"));
    byte[] body = "{\"webhookEvent\":\"board_created\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    HttpResponse<Buffer> deleted = api.delete(CONNECTIONS + "/" + connection.getString("id"));
    HttpResponse<Buffer> delivery = Http.anonymous().postSigned(connection.getString("webhookPath"), body,
        JiraSignature.sign(SECRET, body));

    assertThat(deleted.statusCode()).isEqualTo(204);
    assertThat(delivery.statusCode()).isEqualTo(404);
  }

  @Test
  void otherOrganisationCannotReadOrChange() {
    JsonObject connection = create(key("private"));
    Http other = Http.withToken(TestOrg.create(node, "conn-other-" + UUID.randomUUID().toString().substring(0, 8)).token);
    String path = CONNECTIONS + "/" + connection.getString("id");

    assertThat(other.get(path).statusCode()).isEqualTo(404);
    assertThat(other.patch(path, new JsonObject().put("version", 1).put("name", "Taken over")).statusCode()).isEqualTo(404);
    assertThat(other.delete(path).statusCode()).isEqualTo(404);
    assertThat(other.get(path + "/rules").statusCode()).isEqualTo(404);
    assertThat(Http.json(other.get(CONNECTIONS)).getJsonArray("items")).isEmpty();
  }

  @Test
  void readOnlyTokenCannotCreate() {
    String token = node.services().auth().createToken(org.orgId, "read-only", List.of("read"), org.userId).await();

    HttpResponse<Buffer> response = Http.withToken(token).post(CONNECTIONS, new JsonObject().put("kind", "jira")
        .put("name", key("ro")).put("secret", SECRET));

    assertThat(response.statusCode()).isEqualTo(403);
  }
}
