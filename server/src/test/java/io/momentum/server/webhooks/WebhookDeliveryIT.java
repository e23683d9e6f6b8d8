package io.momentum.server.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.server.app.MomentumNode;
import io.momentum.server.changes.ChangeTypes;
import io.momentum.server.support.Http;
import io.momentum.server.support.TestNode;
import io.momentum.server.support.TestOrg;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Changes produced onto {@code momentum.changes} reach receivers on 127.0.0.1 through a real
 * node: in-process Kafka, embedded PostgreSQL, retries on the test node's schedule of
 * {@value TestNode#WEBHOOK_RETRY_SECONDS} seconds (three attempts).
 */
class WebhookDeliveryIT {

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

  private record Setup(TestOrg org, Http api, String webhookId, String secret) {
  }

  private static Setup subscribe(String prefix, Receiver receiver, String... types) {
    TestOrg org = TestOrg.create(node, prefix + "-" + UUID.randomUUID().toString().substring(0, 8));
    Http api = Webhooks.admin(node, org);
    JsonObject created = Http.json(api.post("/api/v1/webhooks", Webhooks.subscription("receiver", receiver.url(), types)));
    return new Setup(org, api, created.getString("id"), created.getString("secret"));
  }

  @Test
  void signatureVerifiesWithSecret() throws Exception {
    try (Receiver receiver = Receiver.start(vertx)) {
      Setup setup = subscribe("sig", receiver, ChangeTypes.CHECKIN_RECORDED);
      String event = Webhooks.change(setup.org().orgId, ChangeTypes.CHECKIN_RECORDED).encode();

      Webhooks.produce(node, setup.org().orgId, event);
      List<Receiver.Received> received = receiver.await(1, 15_000);

      assertThat(received).hasSize(1);
      Receiver.Received request = received.get(0);
      assertThat(new String(request.body(), StandardCharsets.UTF_8)).isEqualTo(event);
      assertThat(request.header("X-Momentum-Signature")).isEqualTo(WebhookSignature.sign(setup.secret(), request.body()));
      assertThat(request.header("X-Momentum-Event")).isEqualTo(ChangeTypes.CHECKIN_RECORDED);
      assertThat(request.header("Content-Type")).isEqualTo("application/cloudevents+json");
    }
  }

  @Test
  void recordReadTwiceDeliveredOnce() throws Exception {
    try (Receiver receiver = Receiver.start(vertx)) {
      Setup setup = subscribe("twice", receiver, ChangeTypes.CYCLE_CREATED);
      String event = Webhooks.change(setup.org().orgId, ChangeTypes.CYCLE_CREATED).encode();

      Webhooks.produce(node, setup.org().orgId, event, event);
      receiver.await(1, 15_000);
      Thread.sleep(1_500);

      assertThat(receiver.received()).hasSize(1);
      JsonArray log = Http.json(setup.api().get("/api/v1/webhooks/" + setup.webhookId() + "/deliveries")).getJsonArray("items");
      assertThat(log).hasSize(1);
      assertThat(log.getJsonObject(0).getString("state")).isEqualTo("delivered");
    }
  }

  @Test
  void failingTwiceThenOkGetsThreeAttempts() throws Exception {
    try (Receiver receiver = Receiver.start(vertx).thenAnswer(500, 503)) {
      Setup setup = subscribe("retry", receiver, ChangeTypes.KEY_RESULT_STATUS_CHANGED);

      Webhooks.produce(node, setup.org().orgId, Webhooks.change(setup.org().orgId, ChangeTypes.KEY_RESULT_STATUS_CHANGED).encode());
      List<Receiver.Received> received = receiver.await(3, 20_000);
      JsonArray log = Webhooks.awaitDeliveries(setup.api(), setup.webhookId(),
          items -> !items.isEmpty() && "delivered".equals(items.getJsonObject(0).getString("state")), 10_000);

      assertThat(received).hasSize(3);
      long firstGap = received.get(1).atMillis() - received.get(0).atMillis();
      long secondGap = received.get(2).atMillis() - received.get(1).atMillis();
      // Waits of 0.3 s and 1.2 s, each spread by up to 20 %.
      assertThat(firstGap).isBetween(200L, 1_000L);
      assertThat(secondGap).isGreaterThan(firstGap);
      assertThat(secondGap).isGreaterThanOrEqualTo(900L);
      JsonObject delivery = log.getJsonObject(0);
      assertThat(delivery.getInteger("attemptCount")).isEqualTo(3);
      assertThat(delivery.getInteger("lastStatus")).isEqualTo(200);
      JsonArray attempts = Http.json(setup.api().get("/api/v1/webhooks/" + setup.webhookId() + "/deliveries/"
          + delivery.getString("id"))).getJsonArray("attempts");
      assertThat(attempts.stream().map(a -> ((JsonObject) a).getInteger("statusCode")).toList()).containsExactly(500, 503, 200);
      assertThat(attempts.getJsonObject(0).getString("responseBody")).isEqualTo("failure 500");
    }
  }

  @Test
  void permanentFailureEndsFailed() throws Exception {
    try (Receiver receiver = Receiver.start(vertx).alwaysAnswer(500)) {
      Setup setup = subscribe("fail", receiver, ChangeTypes.CYCLE_CLOSED);

      Webhooks.produce(node, setup.org().orgId, Webhooks.change(setup.org().orgId, ChangeTypes.CYCLE_CLOSED).encode());
      JsonArray log = Webhooks.awaitDeliveries(setup.api(), setup.webhookId(),
          items -> !items.isEmpty() && "failed".equals(items.getJsonObject(0).getString("state")), 20_000);
      Thread.sleep(1_000);

      JsonObject delivery = log.getJsonObject(0);
      assertThat(delivery.getString("state")).isEqualTo("failed");
      assertThat(delivery.getInteger("attemptCount")).isEqualTo(3);
      assertThat(delivery.getValue("nextAttemptAt")).isNull();
      assertThat(receiver.received()).hasSize(3);
    }
  }

  @Test
  void redeliverSendsFailedDeliveryAgain() throws Exception {
    try (Receiver receiver = Receiver.start(vertx).thenAnswer(500, 500, 500)) {
      Setup setup = subscribe("again", receiver, ChangeTypes.CYCLE_UPDATED);
      Webhooks.produce(node, setup.org().orgId, Webhooks.change(setup.org().orgId, ChangeTypes.CYCLE_UPDATED).encode());
      JsonArray log = Webhooks.awaitDeliveries(setup.api(), setup.webhookId(),
          items -> !items.isEmpty() && "failed".equals(items.getJsonObject(0).getString("state")), 20_000);
      String deliveryId = log.getJsonObject(0).getString("id");

      var response = setup.api().post("/api/v1/webhooks/" + setup.webhookId() + "/deliveries/" + deliveryId + "/redeliver",
          new JsonObject());
      JsonArray after = Webhooks.awaitDeliveries(setup.api(), setup.webhookId(),
          items -> "delivered".equals(items.getJsonObject(0).getString("state")), 10_000);

      assertThat(response.statusCode()).isEqualTo(202);
      assertThat(after.getJsonObject(0).getInteger("attemptCount")).isEqualTo(4);
      assertThat(receiver.received()).hasSize(4);
    }
  }

  @Test
  void redeliverOfDeliveredIsConflict() throws Exception {
    try (Receiver receiver = Receiver.start(vertx)) {
      Setup setup = subscribe("done", receiver, ChangeTypes.CYCLE_UPDATED);
      Webhooks.produce(node, setup.org().orgId, Webhooks.change(setup.org().orgId, ChangeTypes.CYCLE_UPDATED).encode());
      JsonArray log = Webhooks.awaitDeliveries(setup.api(), setup.webhookId(),
          items -> !items.isEmpty() && "delivered".equals(items.getJsonObject(0).getString("state")), 15_000);

      var response = setup.api().post("/api/v1/webhooks/" + setup.webhookId() + "/deliveries/"
          + log.getJsonObject(0).getString("id") + "/redeliver", new JsonObject());

      assertThat(response.statusCode()).isEqualTo(409);
      assertThat(Http.json(response).getJsonObject("error").getString("code")).isEqualTo("delivery_not_failed");
    }
  }

  @Test
  void unsubscribedTypeNotSent() throws Exception {
    try (Receiver receiver = Receiver.start(vertx)) {
      Setup setup = subscribe("types", receiver, ChangeTypes.SIGNAL_RAISED);
      String orgId = setup.org().orgId;

      Webhooks.produce(node, orgId, Webhooks.change(orgId, ChangeTypes.CHECKIN_RECORDED).encode(),
          Webhooks.change(orgId, ChangeTypes.CYCLE_CREATED).encode(), Webhooks.change(orgId, ChangeTypes.SIGNAL_RAISED).encode());
      receiver.await(1, 15_000);
      Thread.sleep(1_000);

      assertThat(receiver.received()).hasSize(1);
      assertThat(receiver.received().get(0).header("X-Momentum-Event")).isEqualTo(ChangeTypes.SIGNAL_RAISED);
    }
  }

  @Test
  void otherOrganisationChangeNotSent() throws Exception {
    try (Receiver receiver = Receiver.start(vertx); Receiver otherReceiver = Receiver.start(vertx)) {
      Setup mine = subscribe("mine", receiver, ChangeTypes.CHECKIN_RECORDED);
      Setup other = subscribe("theirs", otherReceiver, ChangeTypes.CHECKIN_RECORDED);

      Webhooks.produce(node, other.org().orgId, Webhooks.change(other.org().orgId, ChangeTypes.CHECKIN_RECORDED).encode());
      otherReceiver.await(1, 15_000);
      Thread.sleep(1_000);

      assertThat(otherReceiver.received()).hasSize(1);
      assertThat(receiver.received()).isEmpty();
      assertThat(Http.json(mine.api().get("/api/v1/webhooks/" + mine.webhookId() + "/deliveries")).getJsonArray("items"))
          .isEmpty();
    }
  }

  @Test
  void invalidRecordSkipped() throws Exception {
    try (Receiver receiver = Receiver.start(vertx)) {
      Setup setup = subscribe("skip", receiver, ChangeTypes.CHECKIN_RECORDED);
      String orgId = setup.org().orgId;
      JsonObject foreignSource = Webhooks.change(orgId, ChangeTypes.CHECKIN_RECORDED).put("source", "urn:momentum:org:x");

      Webhooks.produce(node, orgId, "{not json", foreignSource.encode(),
          Webhooks.change(orgId, ChangeTypes.CHECKIN_RECORDED).encode());
      receiver.await(1, 15_000);
      Thread.sleep(1_000);

      assertThat(receiver.received()).hasSize(1);
    }
  }

  @Test
  void concurrentSendsCappedPerSubscription() throws Exception {
    try (Receiver receiver = Receiver.start(vertx).delay(400)) {
      Setup setup = subscribe("cap", receiver, ChangeTypes.CHECKIN_RECORDED);
      String orgId = setup.org().orgId;
      String[] events = new String[10];
      for (int i = 0; i < events.length; i++) {
        events[i] = Webhooks.change(orgId, ChangeTypes.CHECKIN_RECORDED).encode();
      }

      Webhooks.produce(node, orgId, events);
      List<Receiver.Received> received = receiver.await(10, 20_000);

      assertThat(received).hasSize(10);
      // The test node keeps the default of 4 attempts in flight per subscription.
      assertThat(receiver.maxInFlight()).isLessThanOrEqualTo(4);
      assertThat(receiver.maxInFlight()).isGreaterThan(1);
    }
  }

  @Test
  void inactiveWebhookGetsNothing() throws Exception {
    try (Receiver receiver = Receiver.start(vertx)) {
      Setup setup = subscribe("inactive", receiver, ChangeTypes.CHECKIN_RECORDED);
      var patched = setup.api().patch("/api/v1/webhooks/" + setup.webhookId(), new JsonObject().put("active", false)
          .put("version", 1));
      assertThat(patched.statusCode()).isEqualTo(200);

      Webhooks.produce(node, setup.org().orgId, Webhooks.change(setup.org().orgId, ChangeTypes.CHECKIN_RECORDED).encode());
      Thread.sleep(2_000);

      assertThat(receiver.received()).isEmpty();
    }
  }
}
