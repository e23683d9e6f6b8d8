package io.momentum.server.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.server.app.MomentumNode;
import io.momentum.server.changes.ChangeTypes;
import io.momentum.server.support.Cadence;
import io.momentum.server.support.Events;
import io.momentum.server.support.Http;
import io.momentum.server.support.TestNode;
import io.momentum.server.support.TestOrg;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole outbound path on a real node: a change made through the API is written to the outbox,
 * relayed to {@code momentum.changes}, taken in by the webhook consumer and sent, signed, to a
 * receiver on 127.0.0.1. Nothing is produced onto the topic by the test.
 */
class ChangeWebhookIT {

  private static final long WAIT_MILLIS = 20_000;

  private static MomentumNode node;
  private static Vertx vertx;

  @BeforeAll
  static void start() {
    node = TestNode.get();
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  private record Subscribed(TestOrg org, Http admin, String secret) {
  }

  private static Subscribed subscribe(String prefix, Receiver receiver, String... types) throws InterruptedException {
    TestOrg org = Cadence.org(node, prefix);
    Http admin = Webhooks.admin(node, org);
    HttpResponse<Buffer> created = admin.post("/api/v1/webhooks", Webhooks.subscription("ops bot", receiver.url(), types));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return new Subscribed(org, admin, Http.json(created).getString("secret"));
  }

  /** Waits until the receiver has a request whose event matches, and returns that event. */
  private static JsonObject awaitEvent(Receiver receiver, Subscribed subscribed, Predicate<JsonObject> match)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + WAIT_MILLIS;
    while (System.currentTimeMillis() < deadline) {
      for (Receiver.Received request : receiver.received()) {
        JsonObject event = new JsonObject(new String(request.body(), StandardCharsets.UTF_8));
        if (match.test(event)) {
          assertThat(request.header("X-Momentum-Signature"))
              .isEqualTo(WebhookSignature.sign(subscribed.secret(), request.body()));
          assertThat(request.header("X-Momentum-Event")).isEqualTo(event.getString("type"));
          return event;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("No matching event reached the receiver within " + WAIT_MILLIS + " ms; received "
        + receiver.received().size() + " requests");
  }

  private static Instant secondsAgo(long seconds) {
    return Instant.now().minusSeconds(seconds).truncatedTo(ChronoUnit.MILLIS);
  }

  @Test
  void checkInReachesReceiverSigned() throws Exception {
    try (Receiver receiver = Receiver.start(vertx)) {
      Subscribed subscribed = subscribe("hook-checkin", receiver, ChangeTypes.CHECKIN_RECORDED);
      String defects = subscribed.org().keyResults.get("defects").toString();
      Http person = Http.anonymous();
      person.post("/api/v1/auth/login", new JsonObject().put("email", subscribed.org().email).put("password", TestOrg.PASSWORD));

      int status = person.post("/api/v1/key-results/" + defects + "/check-ins",
          new JsonObject().put("value", 9).put("confidence", 4).put("note", "Flaky suite fixed")).statusCode();
      JsonObject event = awaitEvent(receiver, subscribed, e -> ChangeTypes.CHECKIN_RECORDED.equals(e.getString("type")));

      assertThat(status).isEqualTo(202);
      assertThat(event.getString("orgid")).isEqualTo(subscribed.org().orgId);
      assertThat(event.getString("subject")).isEqualTo("defects");
      assertThat(event.getJsonObject("data").getString("nodeId")).isEqualTo(defects);
      assertThat(event.getJsonObject("data").getInteger("confidence")).isEqualTo(4);
      assertThat(event.getJsonObject("data").getString("note")).isEqualTo("Flaky suite fixed");
    }
  }

  @Test
  void statusChangeReachesOnlySubscriber() throws Exception {
    try (Receiver receiver = Receiver.start(vertx); Receiver other = Receiver.start(vertx)) {
      Subscribed subscribed = subscribe("hook-status", receiver, ChangeTypes.KEY_RESULT_STATUS_CHANGED);
      subscribe("hook-bystander", other, ChangeTypes.KEY_RESULT_STATUS_CHANGED,
          ChangeTypes.CHECKIN_RECORDED);
      Http api = Http.withToken(subscribed.org().token);

      api.post("/api/v1/events", Events.value(subscribed.org().orgId, "revenue", 36, secondsAgo(30)));
      awaitEvent(receiver, subscribed, e -> "on_track".equals(e.getJsonObject("data").getString("to")));
      api.post("/api/v1/events", Events.value(subscribed.org().orgId, "revenue", 21, secondsAgo(20)));
      JsonObject event = awaitEvent(receiver, subscribed, e -> "off_track".equals(e.getJsonObject("data").getString("to")));

      assertThat(event.getString("type")).isEqualTo(ChangeTypes.KEY_RESULT_STATUS_CHANGED);
      assertThat(event.getJsonObject("data").getString("from")).isEqualTo("on_track");
      assertThat(event.getJsonObject("data").getString("key")).isEqualTo("revenue");
      // The other organisation subscribed to the same types, but none of this organisation's changes reach it.
      List<String> seenByOther = other.received().stream()
          .map(r -> new JsonObject(new String(r.body(), StandardCharsets.UTF_8)).getString("orgid")).toList();
      assertThat(seenByOther).doesNotContain(subscribed.org().orgId);
    }
  }

  @Test
  void closedCycleReachesReceiver() throws Exception {
    try (Receiver receiver = Receiver.start(vertx)) {
      Subscribed subscribed = subscribe("hook-cycle", receiver, ChangeTypes.CYCLE_CLOSED);

      int status = subscribed.admin().post("/api/v1/cycles/" + subscribed.org().quarterId + "/close", new JsonObject())
          .statusCode();
      JsonObject event = awaitEvent(receiver, subscribed, e -> ChangeTypes.CYCLE_CLOSED.equals(e.getString("type")));

      assertThat(status).isEqualTo(200);
      assertThat(event.getJsonObject("data").getString("cycleId")).isEqualTo(subscribed.org().quarterId.toString());
    }
  }
}
