package io.momentum.server.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.server.app.MomentumNode;
import io.momentum.server.changes.ChangeTypes;
import io.momentum.server.support.Http;
import io.momentum.server.support.TestNode;
import io.momentum.server.support.TestOrg;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The REST API of outbound webhooks against a real node, with receivers on 127.0.0.1. */
class WebhookApiIT {

  private static final String WEBHOOKS = "/api/v1/webhooks";
  private static MomentumNode node;
  private static Vertx vertx;
  private static Receiver receiver;
  private static TestOrg org;
  private static Http admin;
  private static TestOrg otherOrg;
  private static Http otherAdmin;

  @BeforeAll
  static void start() {
    node = TestNode.get();
    vertx = Vertx.vertx();
    receiver = Receiver.start(vertx);
    org = TestOrg.create(node, "hooks-" + UUID.randomUUID().toString().substring(0, 8));
    admin = Webhooks.admin(node, org);
    otherOrg = TestOrg.create(node, "hooks-other-" + UUID.randomUUID().toString().substring(0, 8));
    otherAdmin = Webhooks.admin(node, otherOrg);
  }

  @AfterAll
  static void stop() {
    receiver.close();
    vertx.close().await();
  }

  private static JsonObject create(String name, String... types) {
    HttpResponse<Buffer> response = admin.post(WEBHOOKS, Webhooks.subscription(name, receiver.url(), types));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return Http.json(response);
  }

  private static String name() {
    return "hook-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void createReturnsGeneratedSecretOnce() {
    JsonObject created = create(name(), ChangeTypes.CHECKIN_RECORDED);
    String secret = created.getString("secret");

    String read = admin.get(WEBHOOKS + "/" + created.getString("id")).bodyAsString();
    String list = admin.get(WEBHOOKS).bodyAsString();

    assertThat(secret).matches("whsec_[0-9a-f]{64}");
    assertThat(read).doesNotContain(secret).doesNotContain("\"secret\"");
    assertThat(list).doesNotContain(secret).doesNotContain("\"secret\"");
    assertThat(created.getBoolean("active")).isTrue();
    assertThat(created.getInteger("version")).isEqualTo(1);
  }

  @Test
  void createKeepsGivenSecret() {
    JsonObject body = Webhooks.subscription(name(), receiver.url(), ChangeTypes.CYCLE_CLOSED).put("secret", "my-own-secret-0123");

    JsonObject created = Http.json(admin.post(WEBHOOKS, body));

    assertThat(created.getString("secret")).isEqualTo("my-own-secret-0123");
  }

  /** A create body with one fault, the field the 400 names and its code. */
  private record Invalid(String name, Function<JsonObject, JsonObject> fault, String field, String code) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> invalidBodies() {
    return Stream.of(
        new Invalid("credentials in url", b -> b.put("url", "https://user:pw@hooks.example.com/x"), "url", "url_credentials"),
        new Invalid("ftp url", b -> b.put("url", "ftp://hooks.example.com/x"), "url", "url_scheme"),
        new Invalid("fragment", b -> b.put("url", "https://hooks.example.com/x#y"), "url", "url_fragment"),
        new Invalid("unknown type", b -> b.put("eventTypes", new JsonArray().add("momentum.kpi.deleted")), "eventTypes[0]",
            "not_allowed"),
        new Invalid("no types", b -> b.put("eventTypes", new JsonArray()), "eventTypes", "not_array"),
        new Invalid("repeated type", b -> b.put("eventTypes", new JsonArray().add(ChangeTypes.CYCLE_CREATED)
            .add(ChangeTypes.CYCLE_CREATED)), "eventTypes[1]", "repeated"),
        new Invalid("short secret", b -> b.put("secret", "short"), "secret", "too_short"),
        new Invalid("missing name", b -> b.putNull("name"), "name", "missing"),
        new Invalid("active not boolean", b -> b.put("active", "yes"), "active", "not_boolean"),
        new Invalid("unknown field", b -> b.put("headers", new JsonObject()), "headers", "unknown_field"))
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidBodies")
  void createRejectsInvalidField(Invalid invalid) {
    JsonObject body = invalid.fault().apply(Webhooks.subscription(name(), receiver.url(), ChangeTypes.CYCLE_CREATED));

    HttpResponse<Buffer> response = admin.post(WEBHOOKS, body);

    assertThat(response.statusCode()).isEqualTo(400);
    JsonObject field = Http.json(response).getJsonObject("error").getJsonArray("fields").getJsonObject(0);
    assertThat(field.getString("field")).isEqualTo(invalid.field());
    assertThat(field.getString("code")).isEqualTo(invalid.code());
  }

  @Test
  void createRejectsTakenName() {
    String name = name();
    create(name, ChangeTypes.CYCLE_CREATED);

    HttpResponse<Buffer> response = admin.post(WEBHOOKS, Webhooks.subscription(name, receiver.url(), ChangeTypes.CYCLE_CREATED));

    assertThat(response.statusCode()).isEqualTo(409);
  }

  @Test
  void createNeedsAdmin() {
    Http writer = Http.withToken(org.token);

    HttpResponse<Buffer> response = writer.post(WEBHOOKS, Webhooks.subscription(name(), receiver.url(), ChangeTypes.CYCLE_CREATED));

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(writer.get(WEBHOOKS).statusCode()).isEqualTo(403);
  }

  @Test
  void patchChangesFieldsAndVersion() {
    JsonObject created = create(name(), ChangeTypes.CYCLE_CREATED);

    HttpResponse<Buffer> response = admin.patch(WEBHOOKS + "/" + created.getString("id"), new JsonObject().put("version", 1)
        .put("eventTypes", new JsonArray().add(ChangeTypes.SIGNAL_RAISED).add(ChangeTypes.SIGNAL_UPDATED)).put("active", false));

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    JsonObject patched = Http.json(response);
    assertThat(patched.getJsonArray("eventTypes")).containsExactly(ChangeTypes.SIGNAL_RAISED, ChangeTypes.SIGNAL_UPDATED);
    assertThat(patched.getBoolean("active")).isFalse();
    assertThat(patched.getInteger("version")).isEqualTo(2);
    assertThat(patched.containsKey("secret")).isFalse();
  }

  @Test
  void patchWithOldVersionIsStale() {
    JsonObject created = create(name(), ChangeTypes.CYCLE_CREATED);
    String path = WEBHOOKS + "/" + created.getString("id");
    admin.patch(path, new JsonObject().put("version", 1).put("active", false));

    HttpResponse<Buffer> response = admin.patch(path, new JsonObject().put("version", 1).put("active", true));

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(Http.json(response).getJsonObject("error").getString("code")).isEqualTo("stale_version");
  }

  @Test
  void patchRejectsSecret() {
    JsonObject created = create(name(), ChangeTypes.CYCLE_CREATED);

    HttpResponse<Buffer> response = admin.patch(WEBHOOKS + "/" + created.getString("id"), new JsonObject().put("version", 1)
        .put("secret", "another-secret-0123456"));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Http.json(response).getJsonObject("error").getJsonArray("fields").getJsonObject(0).getString("code"))
        .isEqualTo("secret_not_editable");
  }

  @Test
  void deleteRemovesWebhook() {
    JsonObject created = create(name(), ChangeTypes.CYCLE_CREATED);
    String path = WEBHOOKS + "/" + created.getString("id");

    HttpResponse<Buffer> response = admin.delete(path);

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(admin.get(path).statusCode()).isEqualTo(404);
  }

  @Test
  void rotateSecretSignsNextTest() throws InterruptedException {
    JsonObject created = create(name(), ChangeTypes.CYCLE_CREATED);
    String path = WEBHOOKS + "/" + created.getString("id");

    JsonObject rotated = Http.json(admin.post(path + "/rotate-secret", null));
    int before = receiver.received().size();
    admin.post(path + "/test", null);
    Receiver.Received request = receiver.await(before + 1, 5_000).get(before);

    assertThat(rotated.getString("secret")).isNotEqualTo(created.getString("secret"));
    assertThat(rotated.getInteger("version")).isEqualTo(2);
    assertThat(request.header("X-Momentum-Signature")).isEqualTo(WebhookSignature.sign(rotated.getString("secret"),
        request.body()));
  }

  @Test
  void sendTestReportsDelivery() throws InterruptedException {
    JsonObject created = create(name(), ChangeTypes.CYCLE_CREATED);
    String path = WEBHOOKS + "/" + created.getString("id");
    int before = receiver.received().size();

    JsonObject result = Http.json(admin.post(path + "/test", null));
    Receiver.Received request = receiver.await(before + 1, 5_000).get(before);
    JsonArray log = Http.json(admin.get(path + "/deliveries")).getJsonArray("items");

    assertThat(result.getBoolean("delivered")).isTrue();
    assertThat(result.getInteger("statusCode")).isEqualTo(200);
    assertThat(result.getLong("durationMs")).isNotNegative();
    assertThat(request.header("X-Momentum-Event")).isEqualTo(WebhookRoutes.TEST_EVENT_TYPE);
    assertThat(request.header("X-Momentum-Signature")).isEqualTo(WebhookSignature.sign(created.getString("secret"),
        request.body()));
    JsonObject event = new JsonObject(new String(request.body(), StandardCharsets.UTF_8));
    assertThat(event.getString("orgid")).isEqualTo(org.orgId);
    assertThat(log).hasSize(1);
    assertThat(log.getJsonObject(0).getString("state")).isEqualTo("delivered");
    assertThat(log.getJsonObject(0).getBoolean("test")).isTrue();
  }

  @Test
  void sendTestReportsFailure() {
    try (Receiver failing = Receiver.start(vertx).alwaysAnswer(500)) {
      JsonObject created = Http.json(admin.post(WEBHOOKS, Webhooks.subscription(name(), failing.url(), ChangeTypes.CYCLE_CREATED)));
      String path = WEBHOOKS + "/" + created.getString("id");

      JsonObject result = Http.json(admin.post(path + "/test", null));
      JsonArray failed = Http.json(admin.get(path + "/deliveries?state=failed")).getJsonArray("items");
      JsonArray delivered = Http.json(admin.get(path + "/deliveries?state=delivered")).getJsonArray("items");

      assertThat(result.getBoolean("delivered")).isFalse();
      assertThat(result.getInteger("statusCode")).isEqualTo(500);
      assertThat(result.getJsonObject("delivery").getJsonArray("attempts")).hasSize(1);
      assertThat(failed).hasSize(1);
      assertThat(delivered).isEmpty();
    }
  }

  @Test
  void deliveriesRejectsUnknownState() {
    JsonObject created = create(name(), ChangeTypes.CYCLE_CREATED);

    HttpResponse<Buffer> response = admin.get(WEBHOOKS + "/" + created.getString("id") + "/deliveries?state=lost");

    assertThat(response.statusCode()).isEqualTo(400);
  }

  @Test
  void otherOrganisationGetsNotFound() {
    JsonObject created = create(name(), ChangeTypes.CYCLE_CREATED);
    String path = WEBHOOKS + "/" + created.getString("id");
    int before = receiver.received().size();

    List<Function<String, HttpResponse<Buffer>>> requests = List.of(
        otherAdmin::get,
        p -> otherAdmin.patch(p, new JsonObject().put("version", 1).put("active", false)),
        otherAdmin::delete,
        p -> otherAdmin.post(p + "/test", null),
        p -> otherAdmin.post(p + "/rotate-secret", null),
        p -> otherAdmin.get(p + "/deliveries"));

    List<Integer> statuses = requests.stream().map(request -> request.apply(path).statusCode()).toList();

    assertThat(statuses).containsExactly(404, 404, 404, 404, 404, 404);
    assertThat(Http.json(otherAdmin.get(WEBHOOKS)).getJsonArray("items")).isEmpty();
    JsonObject unchanged = Http.json(admin.get(path));
    assertThat(unchanged.getInteger("version")).isEqualTo(1);
    assertThat(unchanged.getBoolean("active")).isTrue();
    assertThat(receiver.received()).hasSize(before);
  }
}
