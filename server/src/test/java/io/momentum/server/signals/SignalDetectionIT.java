package io.momentum.server.signals;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.server.app.MomentumNode;
import io.momentum.server.support.Cadence;
import io.momentum.server.support.Http;
import io.momentum.server.support.LinkedWork;
import io.momentum.server.support.LiveClient;
import io.momentum.server.support.TestNode;
import io.momentum.server.support.TestOrg;
import io.momentum.streams.event.Topics;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Signals detected by the ingest from events produced to the in-process Kafka broker. Each is
 * stored with its evidence and raised action and pushed to a subscribed live board. The system
 * resolves it when its condition has stayed clear for the test node's short settle time, and the
 * decision trail records that.
 */
class SignalDetectionIT {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Duration DAY = Duration.ofDays(1);

  private static MomentumNode node;
  private static KafkaProducer<String, String> producer;

  @BeforeAll
  static void startNode() {
    node = TestNode.get();
    producer = new KafkaProducer<>(Map.of("bootstrap.servers", node.services().kafkaBootstrap(), "acks", "all"),
        new StringSerializer(), new StringSerializer());
  }

  @AfterAll
  static void closeProducer() {
    producer.close();
  }

  @Test
  void confidenceDropRaisedLiveAndResolved() throws Exception {
    TestOrg org = TestOrg.create(node, "sigc-" + UUID.randomUUID().toString().substring(0, 8)).awaitLive(node);
    Instant now = Instant.now();
    try (LiveClient client = subscribedClient(org)) {
      produce(org, LinkedWork.checkIn(org, "revenue", 30, 8, now.minus(DAY.multipliedBy(14))));
      produce(org, LinkedWork.checkIn(org, "revenue", 32, 8, now.minus(DAY.multipliedBy(7))));
      JsonObject dropped = LinkedWork.checkIn(org, "revenue", 33, 4, now);
      produce(org, dropped);

      JsonObject live = client.next(m -> "signal".equals(m.getString("type"))
          && "confidence_drop".equals(signalOf(m).getString("kind")), WAIT);

      JsonObject signal = signalOf(live);
      assertThat(signal.getString("state")).isEqualTo("open");
      assertThat(signal.getString("severity")).isEqualTo("warning");
      assertThat(signal.getJsonArray("nodeIds")).containsExactly(org.keyResults.get("revenue").toString());
      assertThat(signal.getJsonObject("params").getInteger("from")).isEqualTo(8);
      assertThat(signal.getJsonObject("params").getInteger("to")).isEqualTo(4);
      JsonArray checkIns = signal.getJsonObject("evidence").getJsonArray("checkIns");
      assertThat(checkIns).hasSize(3);
      assertThat(checkIns.getJsonObject(2).getString("eventId")).isEqualTo(dropped.getString("id"));
      assertThat(count(org, "SELECT count(*) FROM signal_actions WHERE org_id = $1 AND action = 'raised'"
          + " AND signal_id = '" + signal.getString("id") + "'")).isEqualTo(1);

      assertOtherOrganisationCannotReach(signal.getString("id"));

      // The recovered confidence is applied and evaluated, but the signal settles before it resolves.
      produce(org, LinkedWork.checkIn(org, "revenue", 34, 7, now.plusSeconds(60)));
      Http api = Http.withToken(org.token);
      Cadence.awaitNode(api, org.keyResults.get("revenue").toString(), n -> Cadence.equals(n, "confidence", 7));
      JsonObject settling = Http.json(api.get("/api/v1/signals/" + signal.getString("id")));
      assertThat(settling.getString("state")).as("open while the recovery settles").isEqualTo("open");

      // The next evaluation after the settle time resolves it.
      Thread.sleep(TestNode.SIGNAL_SETTLE.plusMillis(500).toMillis());
      produce(org, LinkedWork.checkIn(org, "revenue", 34, 7, now.plusSeconds(120)));

      JsonObject resolved = signalOf(client.next(m -> "signal".equals(m.getString("type"))
          && signal.getString("id").equals(signalOf(m).getString("id"))
          && "resolved".equals(signalOf(m).getString("state")), WAIT));
      assertThat(resolved.getString("resolvedAt")).isNotNull();
      Row action = one(org, "SELECT actor, reason FROM signal_actions WHERE org_id = $1 AND action = 'resolved'"
          + " AND signal_id = '" + signal.getString("id") + "'");
      assertThat(action.getString("actor")).isEqualTo("system");
      assertThat(action.getString("reason")).contains("Confidence recovered to 7");
      Row decision = one(org, "SELECT actor, decision, subject_type, evidence FROM decisions WHERE org_id = $1"
          + " AND kind = 'signal.action' AND ref = '" + signal.getString("id") + "'");
      assertThat(decision.getString("decision")).isEqualTo("resolved");
      assertThat(decision.getString("subject_type")).isEqualTo("signal");
      assertThat(decision.getJsonObject("evidence").getString("kind")).isEqualTo("confidence_drop");
    }
  }

  @Test
  void stalledDespiteEffortThroughKafka() throws Exception {
    TestOrg org = TestOrg.create(node, "sigs-" + UUID.randomUUID().toString().substring(0, 8));
    UUID initiative = LinkedWork.initiativeFeeding(node, org, "checkout-epic", "Checkout epic", org.keyResults.get("revenue"));
    org.awaitLive(node);
    Instant now = Instant.now();
    try (LiveClient client = subscribedClient(org)) {
      // One item done in the three weeks before the value stopped moving, four while it stayed flat.
      produce(org, LinkedWork.doneItem(org, "checkout-epic", "CHK-1", now.minus(DAY.multipliedBy(30))));
      for (int i = 0; i < 4; i++) {
        produce(org, LinkedWork.doneItem(org, "checkout-epic", "CHK-" + (i + 2), now.minus(DAY.multipliedBy(18 - 5L * i))));
      }
      for (int week = 3; week >= 0; week--) {
        produce(org, LinkedWork.checkIn(org, "revenue", 30, 6, now.minus(DAY.multipliedBy(7L * week))));
      }

      // The signal is raised once three flat check-ins are applied, and updated with the fourth when
      // the ingest applies it in a later batch.
      JsonObject signal = signalOf(client.next(m -> "signal".equals(m.getString("type"))
          && "stalled_despite_effort".equals(signalOf(m).getString("kind"))
          && signalOf(m).getJsonObject("evidence").getJsonArray("checkIns").size() == 4, WAIT));

      assertThat(signal.getJsonArray("nodeIds"))
          .containsExactly(org.keyResults.get("revenue").toString(), initiative.toString());
      JsonObject evidence = signal.getJsonObject("evidence");
      assertThat(evidence.getJsonArray("checkIns")).hasSize(4);
      assertThat(evidence.getInteger("doneRecent")).isEqualTo(4);
      assertThat(evidence.getInteger("donePrevious")).isEqualTo(1);
      assertThat(evidence.getJsonArray("linkedWork").getJsonObject(0).getString("key")).isEqualTo("checkout-epic");
      int perWeek = 0;
      for (Object week : evidence.getJsonArray("donePerWeek")) {
        perWeek += ((JsonObject) week).getInteger("done");
      }
      assertThat(perWeek).isEqualTo(5);
      assertThat(signal.getString("explanation")).contains("stayed at 30 kEUR over its last 4 check-ins");
    }
  }

  @Test
  void settingsCarrySignalThresholds() {
    TestOrg org = TestOrg.create(node, "sigt-" + UUID.randomUUID().toString().substring(0, 8));
    Http api = Http.withToken(Cadence.adminToken(node, org));
    JsonObject before = Http.json(api.get("/api/v1/settings"));
    assertThat(before.getInteger("signalStallCheckIns")).isEqualTo(3);
    assertThat(before.getInteger("signalConfidenceDrop")).isEqualTo(3);
    assertThat(before.getDouble("signalAnomalyZ")).isEqualTo(3.5);
    assertThat(before.getInteger("signalCheckInGraceDays")).isEqualTo(2);

    HttpResponse<Buffer> changed = api.patch("/api/v1/settings", new JsonObject().put("version", before.getInteger("version"))
        .put("signalStallCheckIns", 4).put("signalAnomalyZ", 4.25));
    assertThat(changed.statusCode()).as(changed.bodyAsString()).isEqualTo(200);
    assertThat(changed.bodyAsJsonObject().getInteger("signalStallCheckIns")).isEqualTo(4);
    assertThat(changed.bodyAsJsonObject().getDouble("signalAnomalyZ")).isEqualTo(4.25);

    HttpResponse<Buffer> rejected = api.patch("/api/v1/settings", new JsonObject()
        .put("version", changed.bodyAsJsonObject().getInteger("version")).put("signalAnomalyZ", 1.5));
    assertThat(rejected.statusCode()).isEqualTo(400);
    assertThat(rejected.bodyAsString()).contains("signalAnomalyZ").contains("from 2 to 10");
  }

  // --- helpers ---

  /** Checks that a token of another organisation can neither read nor resolve the signal. */
  private static void assertOtherOrganisationCannotReach(String signalId) {
    TestOrg other = TestOrg.create(node, "sigo-" + UUID.randomUUID().toString().substring(0, 8));
    Http api = Http.withToken(other.token);
    assertThat(api.get("/api/v1/signals/" + signalId).statusCode()).isEqualTo(404);
    HttpResponse<Buffer> resolved = api.post("/api/v1/signals/" + signalId + "/resolve",
        new JsonObject().put("reason", "Not ours"));
    assertThat(resolved.statusCode()).isEqualTo(404);
    JsonArray listed = Http.json(api.get("/api/v1/signals")).getJsonArray("items");
    assertThat(listed.stream().map(item -> ((JsonObject) item).getString("id"))).doesNotContain(signalId);
  }

  private static LiveClient subscribedClient(TestOrg org) throws InterruptedException {
    LiveClient client = LiveClient.connect(node.vertx(), TestNode.httpPort(), org.token);
    client.subscribe(org.teamBoard(), null, null);
    client.next("snapshot", WAIT);
    return client;
  }

  private static JsonObject signalOf(JsonObject message) {
    return message.getJsonObject("signal");
  }

  private static void produce(TestOrg org, JsonObject event) throws Exception {
    producer.send(new ProducerRecord<>(Topics.PROGRESS, org.orgId, event.encode())).get();
  }

  private static Row one(TestOrg org, String sql) {
    List<Row> rows = new ArrayList<>();
    node.services().pool().preparedQuery(sql).execute(Tuple.of(org.orgId)).await().forEach(rows::add);
    assertThat(rows).as(sql).hasSize(1);
    return rows.get(0);
  }

  private static long count(TestOrg org, String sql) {
    return one(org, sql).getLong(0);
  }
}
