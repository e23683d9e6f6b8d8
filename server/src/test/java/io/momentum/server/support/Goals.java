package io.momentum.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.UUID;

/** Creates goal nodes through the REST API for tests, and reads error responses. */
public final class Goals {

  private final Http api;
  private final TestOrg org;

  public Goals(Http api, TestOrg org) {
    this.api = api;
    this.org = org;
  }

  /** Creates an objective of the team in the quarter; {@code parentId} may be null. */
  public JsonObject objective(String key, String parentId) {
    JsonObject body = new JsonObject().put("key", key).put("title", "Objective " + key)
        .put("unitId", org.teamId.toString()).put("cycleId", org.quarterId.toString());
    if (parentId != null) {
      body.put("parentId", parentId);
    }
    return created(api.post("/api/v1/objectives", body));
  }

  /** Creates an objective aligned to a key result (the KR-to-objective cascade). */
  public JsonObject objectiveUnderKeyResult(String key, String keyResultId) {
    return created(api.post("/api/v1/objectives", new JsonObject().put("key", key).put("title", "Objective " + key)
        .put("unitId", org.teamId.toString()).put("cycleId", org.quarterId.toString())
        .put("parentKeyResultId", keyResultId)));
  }

  /** Creates a binary key result of an objective. */
  public JsonObject keyResult(String key, String objectiveId) {
    return created(api.post("/api/v1/key-results", new JsonObject().put("key", key).put("objectiveId", objectiveId)
        .put("title", "Key result " + key).put("measurement", "binary")));
  }

  /** Creates an initiative of the team. */
  public JsonObject initiative(String key) {
    return created(api.post("/api/v1/initiatives", new JsonObject().put("key", key).put("title", "Initiative " + key)
        .put("unitId", org.teamId.toString())));
  }

  /** Creates a KPI of the team. */
  public JsonObject kpi(String key) {
    return created(api.post("/api/v1/kpis", new JsonObject().put("key", key).put("title", "KPI " + key)
        .put("unitId", org.teamId.toString())));
  }

  /** Returns a fresh key with a prefix, so that tests sharing an organisation never collide. */
  public static String key(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static JsonObject created(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return Http.json(response);
  }

  /** Returns the error object of an error response. */
  public static JsonObject error(HttpResponse<Buffer> response) {
    return Http.json(response).getJsonObject("error");
  }

  /** Returns the names of the invalid fields of an error response. */
  public static List<String> fields(HttpResponse<Buffer> response) {
    JsonArray fields = error(response).getJsonArray("fields", new JsonArray());
    return fields.stream().map(f -> ((JsonObject) f).getString("field")).toList();
  }
}
