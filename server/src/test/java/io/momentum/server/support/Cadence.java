package io.momentum.server.support;

import io.momentum.server.app.MomentumNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

/** Helpers of the cadence tests: admin tokens, waiting for the engine, and reading errors. */
public final class Cadence {

  private Cadence() {
  }

  /** Creates a fresh test organisation whose engine is built. */
  public static TestOrg org(MomentumNode node, String prefix) throws InterruptedException {
    return TestOrg.create(node, prefix + "-" + UUID.randomUUID().toString().substring(0, 8)).awaitLive(node);
  }

  /** Creates an API token with the admin scope for the organisation's user. */
  public static String adminToken(MomentumNode node, TestOrg org) {
    return node.services().auth().createToken(org.orgId, "admin", List.of("read", "write", "admin"), org.userId).await();
  }

  /** Returns the field names of a 400's {@code error.fields}. */
  public static List<String> fields(HttpResponse<Buffer> response) {
    List<String> names = new ArrayList<>();
    JsonArray fields = Http.json(response).getJsonObject("error").getJsonArray("fields", new JsonArray());
    fields.forEach(f -> names.add(((JsonObject) f).getString("field")));
    return names;
  }

  /** Returns the error code of a failed response. */
  public static String code(HttpResponse<Buffer> response) {
    return Http.json(response).getJsonObject("error").getString("code");
  }

  /** Returns true when a number field is set and equals {@code expected}. */
  public static boolean equals(JsonObject json, String field, double expected) {
    Object value = json.getValue(field);
    return value instanceof Number number && number.doubleValue() == expected;
  }

  /** Polls a node's board JSON on its goal board until it matches; fails after 20 s. */
  public static JsonObject awaitNode(Http api, String nodeId, Predicate<JsonObject> condition) throws InterruptedException {
    return await(() -> {
      HttpResponse<Buffer> response = api.get("/api/v1/boards/goal:" + nodeId);
      if (response.statusCode() != 200) {
        return null;
      }
      return Http.json(response).getJsonArray("nodes").stream().map(n -> (JsonObject) n)
          .filter(n -> nodeId.equals(n.getString("id"))).findFirst().orElse(null);
    }, condition, "node " + nodeId);
  }

  /** Polls a GET until its JSON matches; fails after 20 s. */
  public static JsonObject awaitJson(Http api, String path, Predicate<JsonObject> condition) throws InterruptedException {
    return await(() -> {
      HttpResponse<Buffer> response = api.get(path);
      return response.statusCode() == 200 ? Http.json(response) : null;
    }, condition, path);
  }

  private static JsonObject await(java.util.function.Supplier<JsonObject> read, Predicate<JsonObject> condition, String what)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + 20_000;
    JsonObject last = null;
    while (System.currentTimeMillis() < deadline) {
      last = read.get();
      if (last != null && condition.test(last)) {
        return last;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("Waiting for " + what + " timed out; last seen: " + last);
  }
}
