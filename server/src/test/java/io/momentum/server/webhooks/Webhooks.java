package io.momentum.server.webhooks;

import io.momentum.server.app.MomentumNode;
import io.momentum.server.changes.ChangeOutbox;
import io.momentum.server.support.Http;
import io.momentum.server.support.TestOrg;
import io.momentum.streams.event.Topics;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Factories for the webhook tests: admin callers, subscriptions and changes produced onto the topic. */
final class Webhooks {

  private Webhooks() {
  }

  /** Creates an admin token of the organisation and returns a client that sends it. */
  static Http admin(MomentumNode node, TestOrg org) {
    String token = node.services().auth().createToken(org.orgId, "webhook admin", List.of("read", "write", "admin"),
        org.userId).await();
    return Http.withToken(token);
  }

  /** Returns a create body for a webhook. */
  static JsonObject subscription(String name, String url, String... types) {
    return new JsonObject().put("name", name).put("url", url).put("eventTypes", new JsonArray(List.of(types)));
  }

  /** Builds a change CloudEvent of the organisation as the outbox stores it. */
  static JsonObject change(String orgId, String type) {
    return ChangeOutbox.event(orgId, UUID.randomUUID(), type, "revenue", Instant.now(),
        new JsonObject().put("nodeId", UUID.randomUUID().toString()).put("key", "revenue").put("title", "Grow revenue"));
  }

  /** Produces records onto {@code momentum.changes} as the relay does: key = organisation id, value = the event. */
  static void produce(MomentumNode node, String key, String... values) throws Exception {
    Properties props = new Properties();
    props.put("bootstrap.servers", node.services().kafkaBootstrap());
    props.put("key.serializer", StringSerializer.class.getName());
    props.put("value.serializer", StringSerializer.class.getName());
    props.put("acks", "all");
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
      for (String value : values) {
        producer.send(new ProducerRecord<>(Topics.CHANGES, key, value)).get();
      }
    }
  }

  /** Waits up to {@code millis} until the delivery log of a webhook has an item matching {@code done}. */
  static JsonArray awaitDeliveries(Http api, String webhookId, Predicate<JsonArray> done, long millis)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + millis;
    JsonArray items = new JsonArray();
    while (System.currentTimeMillis() < deadline) {
      items = Http.json(api.get("/api/v1/webhooks/" + webhookId + "/deliveries")).getJsonArray("items");
      if (done.test(items)) {
        return items;
      }
      Thread.sleep(50);
    }
    return items;
  }
}
