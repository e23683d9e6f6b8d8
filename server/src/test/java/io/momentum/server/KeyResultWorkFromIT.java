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
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Key results that follow the work of initiatives: validation and storage of {@code workFrom}. */
class KeyResultWorkFromIT {

  private static TestOrg org;
  private static TestOrg other;
  private static Http api;
  private static Goals goals;
  private static String objectiveId;

  @BeforeAll
  static void createOrgs() throws InterruptedException {
    MomentumNode node = TestNode.get();
    org = TestOrg.create(node, "work-from-" + UUID.randomUUID().toString().substring(0, 8)).awaitLive(node);
    other = TestOrg.create(node, "work-from-other-" + UUID.randomUUID().toString().substring(0, 8));
    api = Http.withToken(org.token);
    goals = new Goals(api, org);
    objectiveId = goals.objective(key("o"), null).getString("id");
  }

  private static HttpResponse<Buffer> create(String measurement, Object... workFrom) {
    JsonObject body = new JsonObject().put("key", key("kr")).put("objectiveId", objectiveId).put("title", "Key result")
        .put("measurement", measurement).put("workFrom", new JsonArray(java.util.List.of(workFrom)));
    return api.post("/api/v1/key-results", body);
  }

  /** Returns the code of the error on one field, or null when that field has none. */
  private static String code(HttpResponse<Buffer> response, String field) {
    JsonArray fields = error(response).getJsonArray("fields", new JsonArray());
    return fields.stream().map(JsonObject.class::cast).filter(f -> field.equals(f.getString("field")))
        .map(f -> f.getString("code")).findFirst().orElse(null);
  }

  @Test
  void idOrKeyStoredAsId() {
    JsonObject first = goals.initiative(key("i"));
    JsonObject second = goals.initiative(key("i"));

    HttpResponse<Buffer> response = create("work_items", first.getString("id"), second.getString("key"));

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    JsonObject read = Http.json(api.get("/api/v1/key-results/" + Http.json(response).getString("id")));
    assertThat(read.getJsonArray("workFrom")).containsExactly(first.getString("id"), second.getString("id"));
  }

  @Test
  void unknownInitiativeRejected() {
    HttpResponse<Buffer> response = create("work_items", UUID.randomUUID().toString());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(code(response, "workFrom[0]")).isEqualTo("unknown_reference");
  }

  @Test
  void otherOrganisationsInitiativeRejected() {
    JsonObject foreign = new Goals(Http.withToken(other.token), other).initiative(key("foreign"));

    HttpResponse<Buffer> byId = create("work_items", foreign.getString("id"));
    HttpResponse<Buffer> byKey = create("work_items", foreign.getString("key"));

    assertThat(byId.statusCode()).isEqualTo(400);
    assertThat(code(byId, "workFrom[0]")).isEqualTo("unknown_reference");
    assertThat(byKey.statusCode()).isEqualTo(400);
    assertThat(code(byKey, "workFrom[0]")).isEqualTo("unknown_reference");
  }

  @Test
  void archivedInitiativeRejected() {
    JsonObject initiative = goals.initiative(key("old"));
    assertThat(api.delete("/api/v1/initiatives/" + initiative.getString("id")).statusCode()).isEqualTo(200);

    HttpResponse<Buffer> response = create("work_items", initiative.getString("id"));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(code(response, "workFrom[0]")).isEqualTo("archived_initiative");
  }

  @Test
  void otherMeasurementRejected() {
    JsonObject initiative = goals.initiative(key("i"));

    HttpResponse<Buffer> response = create("binary", initiative.getString("id"));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(code(response, "workFrom")).isEqualTo("not_work_items");
  }

  @Test
  void repeatedInitiativeRejected() {
    JsonObject initiative = goals.initiative(key("i"));

    HttpResponse<Buffer> response = create("work_items", initiative.getString("id"), initiative.getString("key"));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(code(response, "workFrom[1]")).isEqualTo("repeated");
  }

  @Test
  void patchSetsAndMeasurementChangeClearsWorkFrom() {
    JsonObject initiative = goals.initiative(key("i"));
    JsonObject created = Http.json(create("work_items"));
    String path = "/api/v1/key-results/" + created.getString("id");

    HttpResponse<Buffer> followed = api.patch(path, new JsonObject().put("version", 1)
        .put("workFrom", new JsonArray().add(initiative.getString("key"))));
    HttpResponse<Buffer> binary = api.patch(path, new JsonObject().put("version", 2).put("measurement", "binary"));

    assertThat(followed.statusCode()).as(followed.bodyAsString()).isEqualTo(200);
    assertThat(Http.json(followed).getJsonArray("workFrom")).containsExactly(initiative.getString("id"));
    assertThat(binary.statusCode()).as(binary.bodyAsString()).isEqualTo(200);
    assertThat(Http.json(binary).getJsonArray("workFrom")).isEmpty();
  }

  @Test
  void editKeepsWorkingAfterInitiativeArchived() {
    JsonObject kept = goals.initiative(key("kept"));
    JsonObject archived = goals.initiative(key("gone"));
    JsonObject created = Http.json(create("work_items", kept.getString("id"), archived.getString("id")));
    assertThat(api.delete("/api/v1/initiatives/" + archived.getString("id")).statusCode()).isEqualTo(200);

    HttpResponse<Buffer> renamed = api.patch("/api/v1/key-results/" + created.getString("id"),
        new JsonObject().put("version", 1).put("title", "Renamed"));

    assertThat(renamed.statusCode()).as(renamed.bodyAsString()).isEqualTo(200);
    assertThat(Http.json(renamed).getJsonArray("workFrom")).containsExactly(kept.getString("id"));
  }
}
