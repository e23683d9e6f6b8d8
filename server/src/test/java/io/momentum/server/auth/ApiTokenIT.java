package io.momentum.server.auth;

import static io.momentum.server.support.Goals.fields;
import static io.momentum.server.support.Goals.key;
import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.server.app.MomentumNode;
import io.momentum.server.support.Cadence;
import io.momentum.server.support.Goals;
import io.momentum.server.support.Http;
import io.momentum.server.support.TestNode;
import io.momentum.server.support.TestOrg;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** API tokens created, listed and revoked through {@code /api/v1/tokens} against a real node. */
class ApiTokenIT {

  private static final String TOKENS = "/api/v1/tokens";

  private static MomentumNode node;
  private static TestOrg org;
  private static TestOrg other;
  /** A person of {@link #org} whose role is admin, logged in with a session. */
  private static Http admin;
  /** A person of {@link #other} whose role is member, logged in with a session. */
  private static Http member;

  @BeforeAll
  static void createOrgs() {
    node = TestNode.get();
    org = TestOrg.create(node, "tok-" + UUID.randomUUID().toString().substring(0, 8));
    other = TestOrg.create(node, "tok-" + UUID.randomUUID().toString().substring(0, 8));
    node.services().pool().preparedQuery("UPDATE users SET role = 'admin' WHERE org_id = $1 AND id = $2")
        .execute(Tuple.of(org.orgId, org.userId)).await();
    admin = login(org);
    member = login(other);
  }

  private static Http login(TestOrg of) {
    Http browser = Http.anonymous();
    HttpResponse<Buffer> response = browser.post("/api/v1/auth/login",
        new JsonObject().put("email", of.email).put("password", TestOrg.PASSWORD));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return browser;
  }

  private static JsonObject create(Http client, String name, String... scopes) {
    HttpResponse<Buffer> response = client.post(TOKENS,
        new JsonObject().put("name", name).put("scopes", new JsonArray(List.of(scopes))));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return Http.json(response);
  }

  private static JsonObject listed(Http client, String id) {
    HttpResponse<Buffer> response = client.get(TOKENS);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return Http.json(response).getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(item -> item.getString("id").equals(id)).findFirst().orElse(null);
  }

  private static Row row(String id) {
    return node.services().pool().preparedQuery("SELECT *, to_jsonb(t)::text AS whole FROM api_tokens t WHERE id = $1")
        .execute(Tuple.of(UUID.fromString(id))).await().iterator().next();
  }

  @Test
  void createdTokenAuthenticates() {
    JsonObject created = create(admin, key("ci"), "read", "write");
    Http service = Http.withToken(created.getString("token"));

    HttpResponse<Buffer> units = service.get("/api/v1/units");
    HttpResponse<Buffer> me = service.get("/api/v1/auth/me");

    assertThat(created.getString("token")).startsWith("mtm_");
    assertThat(created.getString("prefix")).isEqualTo(created.getString("token").substring(0, 8));
    assertThat(created.getJsonArray("scopes")).containsExactly("read", "write");
    assertThat(created.getJsonObject("createdBy").getString("name")).isEqualTo("Olivia Owner");
    assertThat(units.statusCode()).isEqualTo(200);
    assertThat(Http.json(me).getJsonObject("user").getString("orgId")).isEqualTo(org.orgId);
  }

  @Test
  void readOnlyTokenCannotWrite() {
    JsonObject created = create(admin, key("reader"), "read");
    Http reader = Http.withToken(created.getString("token"));

    HttpResponse<Buffer> read = reader.get("/api/v1/units");
    HttpResponse<Buffer> write = reader.post("/api/v1/units", new JsonObject().put("key", key("unit"))
        .put("name", "Read only").put("kind", "team").put("parentId", org.companyId.toString()));

    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(write.statusCode()).as(write.bodyAsString()).isEqualTo(403);
  }

  @Test
  void listShowsLastUseNotText() {
    JsonObject created = create(admin, key("listed"), "read");
    JsonObject before = listed(admin, created.getString("id"));
    Http.withToken(created.getString("token")).get("/api/v1/units");

    HttpResponse<Buffer> list = admin.get(TOKENS);
    JsonObject after = listed(admin, created.getString("id"));

    assertThat(before.getString("lastUsedAt")).isNull();
    assertThat(after.getString("lastUsedAt")).isNotNull();
    assertThat(after.getString("prefix")).isEqualTo(created.getString("prefix"));
    assertThat(after.getString("createdAt")).isEqualTo(created.getString("createdAt"));
    assertThat(after.containsKey("token")).isFalse();
    assertThat(list.bodyAsString()).doesNotContain(created.getString("token"));
    assertThat(list.bodyAsString()).doesNotContain(AuthService.sha256(created.getString("token")));
  }

  @Test
  void databaseStoresOnlyHash() {
    JsonObject created = create(admin, key("hashed"), "read");
    String text = created.getString("token");

    Row stored = row(created.getString("id"));

    assertThat(stored.getString("token_hash")).isEqualTo(AuthService.sha256(text));
    assertThat(stored.getString("token_prefix")).isEqualTo(text.substring(0, 8));
    assertThat(stored.getString("whole")).doesNotContain(text);
  }

  @Test
  void lastUseWrittenOncePerMinute() {
    JsonObject created = create(admin, key("busy"), "read");
    Http service = Http.withToken(created.getString("token"));
    service.get("/api/v1/units");
    OffsetDateTime first = row(created.getString("id")).getOffsetDateTime("last_used_at");

    service.get("/api/v1/units");
    OffsetDateTime second = row(created.getString("id")).getOffsetDateTime("last_used_at");
    node.services().pool().preparedQuery("UPDATE api_tokens SET last_used_at = now() - interval '2 minutes' WHERE id = $1")
        .execute(Tuple.of(UUID.fromString(created.getString("id")))).await();
    service.get("/api/v1/units");
    OffsetDateTime third = row(created.getString("id")).getOffsetDateTime("last_used_at");

    assertThat(first).isNotNull();
    assertThat(second).isEqualTo(first);
    assertThat(third).isAfter(first.minusSeconds(1));
    assertThat(third).isAfter(OffsetDateTime.now().minusMinutes(1));
  }

  @Test
  void revokedTokenGets401AtOnce() {
    JsonObject created = create(admin, key("revoked"), "read", "write");
    Http service = Http.withToken(created.getString("token"));
    HttpResponse<Buffer> before = service.get("/api/v1/units");

    HttpResponse<Buffer> revoke = admin.delete(TOKENS + "/" + created.getString("id"));
    HttpResponse<Buffer> after = service.get("/api/v1/units");

    assertThat(before.statusCode()).isEqualTo(200);
    assertThat(revoke.statusCode()).as(revoke.bodyAsString()).isEqualTo(204);
    assertThat(after.statusCode()).isEqualTo(401);
    assertThat(listed(admin, created.getString("id")).getString("revokedAt")).isNotNull();
  }

  @Test
  void revokingTwiceKeepsFirstTime() {
    JsonObject created = create(admin, key("twice"), "read");
    admin.delete(TOKENS + "/" + created.getString("id"));
    String first = listed(admin, created.getString("id")).getString("revokedAt");

    HttpResponse<Buffer> again = admin.delete(TOKENS + "/" + created.getString("id"));

    assertThat(again.statusCode()).isEqualTo(204);
    assertThat(listed(admin, created.getString("id")).getString("revokedAt")).isEqualTo(first);
  }

  @Test
  void nonAdminsGet403() {
    JsonObject created = create(admin, key("target"), "read");
    Http readWriteToken = Http.withToken(org.token);
    List<Http> callers = List.of(member, readWriteToken);

    for (Http caller : callers) {
      HttpResponse<Buffer> list = caller.get(TOKENS);
      HttpResponse<Buffer> post = caller.post(TOKENS, new JsonObject().put("name", key("nope")).put("scopes",
          new JsonArray().add("read")));
      HttpResponse<Buffer> delete = caller.delete(TOKENS + "/" + created.getString("id"));

      assertThat(list.statusCode()).as(list.bodyAsString()).isEqualTo(403);
      assertThat(post.statusCode()).as(post.bodyAsString()).isEqualTo(403);
      assertThat(delete.statusCode()).as(delete.bodyAsString()).isEqualTo(403);
    }
    assertThat(listed(admin, created.getString("id")).getString("revokedAt")).isNull();
  }

  @Test
  void adminScopeTokenManagesTokens() {
    Http adminToken = Http.withToken(Cadence.adminToken(node, org));

    JsonObject created = create(adminToken, key("by-token"), "read");
    HttpResponse<Buffer> revoke = adminToken.delete(TOKENS + "/" + created.getString("id"));

    assertThat(created.getValue("createdBy")).isNull();
    assertThat(revoke.statusCode()).isEqualTo(204);
  }

  @Test
  void otherOrganisationTokenIs404() {
    Http otherAdmin = Http.withToken(Cadence.adminToken(node, other));
    JsonObject theirs = create(otherAdmin, key("theirs"), "read");

    HttpResponse<Buffer> revoke = admin.delete(TOKENS + "/" + theirs.getString("id"));

    assertThat(revoke.statusCode()).isEqualTo(404);
    assertThat(listed(admin, theirs.getString("id"))).isNull();
    assertThat(Http.withToken(theirs.getString("token")).get("/api/v1/units").statusCode()).isEqualTo(200);
  }

  @Test
  void unknownIdIs404() {
    HttpResponse<Buffer> random = admin.delete(TOKENS + "/" + UUID.randomUUID());
    HttpResponse<Buffer> malformed = admin.delete(TOKENS + "/not-an-id");

    assertThat(random.statusCode()).isEqualTo(404);
    assertThat(malformed.statusCode()).isEqualTo(404);
  }

  @Test
  void activeNameIsConflictUntilRevoked() {
    String name = key("unique");
    JsonObject first = create(admin, name, "read");

    HttpResponse<Buffer> taken = admin.post(TOKENS, new JsonObject().put("name", name).put("scopes", new JsonArray().add("read")));
    admin.delete(TOKENS + "/" + first.getString("id"));
    HttpResponse<Buffer> reused = admin.post(TOKENS, new JsonObject().put("name", name).put("scopes", new JsonArray().add("read")));

    assertThat(taken.statusCode()).isEqualTo(409);
    assertThat(fields(taken)).containsExactly("name");
    assertThat(Goals.error(taken).getJsonArray("fields").getJsonObject(0).getString("code")).isEqualTo("token_name_taken");
    assertThat(reused.statusCode()).as(reused.bodyAsString()).isEqualTo(201);
  }

  @Test
  void invalidBodiesNameTheField() {
    List<JsonObject> bodies = List.of(
        new JsonObject().put("scopes", new JsonArray().add("read")),
        new JsonObject().put("name", "  ").put("scopes", new JsonArray().add("read")),
        new JsonObject().put("name", "x".repeat(101)).put("scopes", new JsonArray().add("read")),
        new JsonObject().put("name", "No scopes"),
        new JsonObject().put("name", "Text scopes").put("scopes", "read"),
        new JsonObject().put("name", "Empty scopes").put("scopes", new JsonArray()),
        new JsonObject().put("name", "Admin scope").put("scopes", new JsonArray().add("read").add("admin")),
        new JsonObject().put("name", "Repeated").put("scopes", new JsonArray().add("read").add("read")),
        new JsonObject().put("name", "Write only").put("scopes", new JsonArray().add("write")),
        new JsonObject().put("name", "Typo").put("scopes", new JsonArray().add("read")).put("unit", "team"));
    List<String> expected = List.of("name", "name", "name", "scopes", "scopes", "scopes", "scopes[1]", "scopes[1]",
        "scopes", "unit");
    List<String> codes = List.of("missing", "empty", "too_long", "missing", "not_array", "not_array", "not_allowed",
        "repeated", "read_required", "unknown_field");

    for (int i = 0; i < bodies.size(); i++) {
      HttpResponse<Buffer> response = admin.post(TOKENS, bodies.get(i));

      assertThat(response.statusCode()).as(bodies.get(i).encode()).isEqualTo(400);
      assertThat(fields(response)).as(bodies.get(i).encode()).containsExactly(expected.get(i));
      assertThat(Goals.error(response).getJsonArray("fields").getJsonObject(0).getString("code"))
          .as(bodies.get(i).encode()).isEqualTo(codes.get(i));
    }
    long stored = node.services().pool().preparedQuery("SELECT count(*) AS n FROM api_tokens WHERE org_id = $1 AND name = ANY($2)")
        .execute(Tuple.of(org.orgId, (Object) new String[] {"No scopes", "Admin scope", "Write only", "Typo"})).await()
        .iterator().next().getLong("n");
    assertThat(stored).isZero();
  }
}
