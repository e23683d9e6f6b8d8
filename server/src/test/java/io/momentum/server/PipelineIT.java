package io.momentum.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.server.app.MomentumNode;
import io.momentum.server.support.Events;
import io.momentum.server.support.Http;
import io.momentum.server.support.LiveClient;
import io.momentum.server.support.TestNode;
import io.momentum.server.support.TestOrg;
import io.momentum.streams.event.Topics;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole pipeline against real components: events produced to the in-process Kafka broker are
 * stored in PostgreSQL, rolled up by the engine, written to Hazelcast and pushed to a WebSocket
 * subscriber as deltas.
 */
class PipelineIT {

  private static final Duration WAIT = Duration.ofSeconds(15);

  private static MomentumNode node;
  private static KafkaProducer<String, String> producer;
  private TestOrg org;

  @BeforeAll
  static void startNode() {
    node = TestNode.get();
    producer = new KafkaProducer<>(Map.of(
        "bootstrap.servers", node.services().kafkaBootstrap(),
        "acks", "all"), new StringSerializer(), new StringSerializer());
  }

  @AfterAll
  static void closeProducer() {
    producer.close();
  }

  @BeforeEach
  void createOrg() throws InterruptedException {
    org = TestOrg.create(node, "pipe-" + UUID.randomUUID().toString().substring(0, 8)).awaitLive(node);
  }

  @Test
  void valueOnKafkaReachesSubscriberAsDelta() throws Exception {
    try (LiveClient client = subscribedClient()) {
      produce(Topics.PROGRESS, Events.value(org.orgId, "revenue", 35, Instant.now()));

      JsonObject revenue = nodeInNextDelta(client, "revenue");

      assertThat(revenue.getDouble("progress")).isEqualTo(0.5);
      assertThat(revenue.getDouble("current")).isEqualTo(35.0);
      assertThat(revenue.getString("source")).isEqualTo("urn:test");
      Row stored = one("SELECT current_value, current_source FROM key_results WHERE org_id = $1 AND key = 'revenue'");
      assertThat(stored.getBigDecimal("current_value")).isEqualByComparingTo("35");
      assertThat(count("SELECT count(*) FROM measurements WHERE org_id = $1 AND applied")).isEqualTo(1);
    }
  }

  @Test
  void objectiveRollsUpInSameDelta() throws Exception {
    try (LiveClient client = subscribedClient()) {
      produce(Topics.PROGRESS, Events.value(org.orgId, "revenue", 50, Instant.now()));

      JsonObject delta = client.next(m -> "delta".equals(m.getString("type")) && nodeByKey(m, "objective") != null, WAIT);

      // Seven scored key results of weight 1: revenue is at 1.0 and the rest have no value yet.
      assertThat(nodeByKey(delta, "objective").getDouble("progress")).isEqualTo(0.1429);
    }
  }

  @Test
  void duplicateProducesNoSecondDelta() throws Exception {
    try (LiveClient client = subscribedClient()) {
      JsonObject event = Events.value(org.orgId, "revenue", 38, Instant.now());
      produce(Topics.PROGRESS, event);
      nodeInNextDelta(client, "revenue");

      produce(Topics.PROGRESS, event);
      produce(Topics.PROGRESS, Events.value(org.orgId, "defects", 6, Instant.now()));
      JsonObject next = client.next("delta", WAIT);

      assertThat(nodeByKey(next, "defects")).isNotNull();
      assertThat(nodeByKey(next, "revenue")).isNull();
      assertThat(count("SELECT count(*) FROM events WHERE org_id = $1 AND id = '" + event.getString("id") + "'")).isEqualTo(1);
      assertThat(count("SELECT count(*) FROM measurements WHERE org_id = $1 AND node_id = (SELECT id FROM key_results WHERE org_id = $1 AND key = 'revenue')")).isEqualTo(1);
    }
  }

  @Test
  void lateEventDoesNotRegressValue() throws Exception {
    try (LiveClient client = subscribedClient()) {
      Instant now = Instant.now();
      produce(Topics.PROGRESS, Events.value(org.orgId, "revenue", 40, now));
      nodeInNextDelta(client, "revenue");

      produce(Topics.PROGRESS, Events.value(org.orgId, "revenue", 25, now.minusSeconds(3600)));
      produce(Topics.PROGRESS, Events.value(org.orgId, "defects", 8, now));
      JsonObject next = client.next("delta", WAIT);

      assertThat(nodeByKey(next, "revenue")).isNull();
      Row stored = one("SELECT current_value FROM key_results WHERE org_id = $1 AND key = 'revenue'");
      assertThat(stored.getBigDecimal("current_value")).isEqualByComparingTo("40");
      assertThat(count("SELECT count(*) FROM measurements WHERE org_id = $1 AND NOT applied AND value = 25")).isEqualTo(1);
    }
  }

  @Test
  void malformedRecordIsParkedAndNextProcessed() throws Exception {
    try (LiveClient client = subscribedClient()) {
      producer.send(new ProducerRecord<>(Topics.PROGRESS, org.orgId, "{not json")).get();
      produce(Topics.PROGRESS, Events.value(org.orgId, "revenue", 30, Instant.now()));

      JsonObject revenue = nodeInNextDelta(client, "revenue");

      assertThat(revenue.getDouble("current")).isEqualTo(30.0);
      Row letter = one("SELECT reason, payload FROM dead_letters WHERE record_key = $1");
      assertThat(letter.getString("reason")).contains("not a JSON object");
      assertThat(letter.getString("payload")).isEqualTo("{not json");
    }
  }

  @Test
  void unknownSubjectIsParkedWithReason() throws Exception {
    try (LiveClient client = subscribedClient()) {
      produce(Topics.PROGRESS, Events.value(org.orgId, "no-such-key", 1, Instant.now()));
      produce(Topics.PROGRESS, Events.value(org.orgId, "revenue", 31, Instant.now()));

      nodeInNextDelta(client, "revenue");

      Row letter = one("SELECT reason FROM dead_letters WHERE org_id = $1");
      assertThat(letter.getString("reason")).contains("no-such-key");
    }
  }

  @Test
  void resumeWithSinceGetsExactlyTheMissedChanges() throws Exception {
    long version;
    String epoch;
    try (LiveClient first = subscribedClient()) {
      produce(Topics.PROGRESS, Events.value(org.orgId, "revenue", 26, Instant.now()));
      JsonObject delta = first.next(m -> "delta".equals(m.getString("type")) && nodeByKey(m, "revenue") != null, WAIT);
      version = delta.getLong("version");
      epoch = delta.getString("epoch");
    }
    produce(Topics.PROGRESS, Events.value(org.orgId, "revenue", 44, Instant.now()));
    produce(Topics.PROGRESS, Events.value(org.orgId, "defects", 10, Instant.now()));
    awaitBoardValue("defects", 10.0);

    try (LiveClient second = LiveClient.connect(node.vertx(), TestNode.httpPort(), org.token)) {
      second.subscribe(org.teamBoard(), version, epoch);
      JsonObject resumed = second.next(m -> !"ping".equals(m.getString("type")), WAIT);

      assertThat(resumed.getString("type")).isEqualTo("delta");
      assertThat(resumed.getLong("from")).isEqualTo(version);
      assertThat(nodeByKey(resumed, "revenue").getDouble("current")).isEqualTo(44.0);
      assertThat(nodeByKey(resumed, "defects").getDouble("current")).isEqualTo(10.0);
      JsonObject snapshot = board();
      assertThat(resumed.getLong("version")).isEqualTo(snapshot.getLong("version"));
      long sumOfVersions = snapshot.getJsonArray("nodes").stream().mapToLong(n -> ((JsonObject) n).getLong("version")).sum()
          + snapshot.getJsonArray("units").stream().mapToLong(n -> ((JsonObject) n).getLong("version")).sum();
      assertThat(snapshot.getLong("version")).isEqualTo(sumOfVersions);
    }
  }

  @Test
  void resumeFromUnknownEpochGetsSnapshot() throws Exception {
    try (LiveClient client = LiveClient.connect(node.vertx(), TestNode.httpPort(), org.token)) {
      client.subscribe(org.teamBoard(), 3L, "stale-epoch");

      JsonObject answer = client.next(m -> !"ping".equals(m.getString("type")), WAIT);

      assertThat(answer.getString("type")).isEqualTo("snapshot");
    }
  }

  private LiveClient subscribedClient() throws InterruptedException {
    LiveClient client = LiveClient.connect(node.vertx(), TestNode.httpPort(), org.token);
    client.subscribe(org.teamBoard(), null, null);
    JsonObject snapshot = client.next("snapshot", WAIT);
    assertThat(snapshot.getJsonArray("nodes")).isNotEmpty();
    return client;
  }

  private static JsonObject nodeInNextDelta(LiveClient client, String key) throws InterruptedException {
    JsonObject delta = client.next(m -> "delta".equals(m.getString("type")) && nodeByKey(m, key) != null, WAIT);
    return nodeByKey(delta, key);
  }

  private static JsonObject nodeByKey(JsonObject message, String key) {
    JsonArray nodes = message.getJsonArray("nodes");
    for (int i = 0; i < nodes.size(); i++) {
      if (key.equals(nodes.getJsonObject(i).getString("key"))) {
        return nodes.getJsonObject(i);
      }
    }
    return null;
  }

  private void produce(String topic, JsonObject event) throws Exception {
    producer.send(new ProducerRecord<>(topic, org.orgId, event.encode())).get();
  }

  private JsonObject board() {
    return Http.json(Http.withToken(org.token).get("/api/v1/boards/" + org.teamBoard()));
  }

  private void awaitBoardValue(String key, double current) throws InterruptedException {
    long deadline = System.currentTimeMillis() + WAIT.toMillis();
    while (true) {
      JsonObject node = nodeByKey(board(), key);
      if (node != null && Double.valueOf(current).equals(node.getDouble("current"))) {
        return;
      }
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("Key result " + key + " did not reach " + current + " on the board");
      }
      Thread.sleep(50);
    }
  }

  private Row one(String sql) {
    List<Row> rows = new java.util.ArrayList<>();
    node.services().pool().preparedQuery(sql).execute(Tuple.of(org.orgId)).await().forEach(rows::add);
    assertThat(rows).as(sql).hasSize(1);
    return rows.get(0);
  }

  private long count(String sql) {
    return one(sql).getLong(0);
  }
}
