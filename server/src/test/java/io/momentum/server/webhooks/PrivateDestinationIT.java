package io.momentum.server.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.server.app.MomentumNode;
import io.momentum.server.auth.Caller;
import io.momentum.server.changes.ChangeTypes;
import io.momentum.server.http.ApiErrors;
import io.momentum.server.support.TestNode;
import io.momentum.server.support.TestOrg;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.SimpleAuthenticationHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The webhook routes with {@code MOMENTUM_WEBHOOKS_ALLOW_PRIVATE} off, the production default,
 * against the test node's database. The test node itself allows private addresses, so these
 * routes are served by a router of their own on 127.0.0.1 with the organisation's admin as caller.
 */
class PrivateDestinationIT {

  private static Vertx vertx;
  private static HttpServer server;
  private static WebClient client;
  private static TestOrg org;

  @BeforeAll
  static void start() {
    MomentumNode node = TestNode.get();
    org = TestOrg.create(node, "private-" + UUID.randomUUID().toString().substring(0, 8));
    JsonObject admin = new Caller("user", org.userId.toString(), org.orgId, "Olivia Owner", org.email,
        List.of("read", "write", "admin")).toPrincipal();
    vertx = Vertx.vertx();
    WebhookSettings settings = new WebhookSettings(false, Duration.ofSeconds(2), List.of(Duration.ofSeconds(1)), 4,
        Duration.ofSeconds(1), Duration.ofDays(30));
    Router router = Router.router(vertx);
    router.route("/api/*").handler(BodyHandler.create(false));
    router.route("/api/*").handler(SimpleAuthenticationHandler.create()
        .authenticate(ctx -> Future.succeededFuture(User.create(admin))));
    new WebhookRoutes(vertx, node.services().pool(), new WebhookSender(vertx, settings, Clock.systemUTC()), settings,
        new WebhookMetrics(node.services().registry()), Clock.systemUTC()).mount(router);
    router.route().failureHandler(ctx -> ApiErrors.handle(ctx, 1 << 20));
    server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
    client = WebClient.create(vertx);
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  private static HttpResponse<Buffer> create(String url) {
    return client.post(server.actualPort(), "127.0.0.1", "/api/v1/webhooks")
        .sendJsonObject(Webhooks.subscription("hook-" + UUID.randomUUID().toString().substring(0, 8), url,
            ChangeTypes.CYCLE_CREATED))
        .await();
  }

  @Test
  void privateAddressesRejected() {
    for (String url : List.of("http://127.0.0.1:9000/hook", "http://localhost/hook", "https://10.1.2.3/x",
        "https://192.168.0.7/x", "http://169.254.169.254/latest", "http://[::1]:8080/x", "http://[fd00::5]/x")) {
      HttpResponse<Buffer> response = create(url);

      assertThat(response.statusCode()).as(url).isEqualTo(400);
      JsonObject field = response.bodyAsJsonObject().getJsonObject("error").getJsonArray("fields").getJsonObject(0);
      assertThat(field.getString("field")).as(url).isEqualTo("url");
      assertThat(field.getString("code")).as(url).isEqualTo("url_private");
    }
  }

  @Test
  void publicAddressLiteralAccepted() {
    // 203.0.113.0/24 is a documentation range that is never routed; the address is only stored and nothing is sent.
    HttpResponse<Buffer> response = create("https://203.0.113.7/hook");

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
  }

  @Test
  void sendTestToPrivateAddressRecordsRejection() throws InterruptedException {
    try (Receiver receiver = Receiver.start(vertx)) {
      String id = UUID.randomUUID().toString();
      // Stored directly, as if the setting was on when it was saved; each attempt checks the address again.
      TestNode.get().services().pool().preparedQuery("INSERT INTO webhook_subscriptions (id, org_id, name, url, event_types,"
              + " secret) VALUES ($1, $2, $3, $4, $5, 'secret-secret-secret')")
          .execute(io.vertx.sqlclient.Tuple.of(UUID.fromString(id), org.orgId, "saved-" + id, receiver.url(),
              new String[] {ChangeTypes.CYCLE_CREATED}))
          .await();

      JsonObject result = client.post(server.actualPort(), "127.0.0.1", "/api/v1/webhooks/" + id + "/test").send().await()
          .bodyAsJsonObject();
      Thread.sleep(200);

      assertThat(result.getBoolean("delivered")).isFalse();
      assertThat(result.getValue("statusCode")).isNull();
      assertThat(result.getString("error")).contains("MOMENTUM_WEBHOOKS_ALLOW_PRIVATE");
      assertThat(receiver.received()).isEmpty();
    }
  }
}
