package io.momentum.server.changes;

import static io.momentum.server.support.ChangeTopicReader.of;
import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.server.app.MomentumNode;
import io.momentum.server.config.MomentumConfig;
import io.momentum.server.support.ChangeTopicReader;
import io.momentum.server.support.ChangeTopicReader.Change;
import io.momentum.server.support.Events;
import io.momentum.server.support.TestNode;
import io.momentum.server.support.TestOrg;
import io.momentum.streams.engine.StatusChange;
import io.momentum.streams.event.Topics;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A key result whose status moves while no node is running gets its status change once, after
 * the next start, from the rebuilt engine. The node runs with a data directory of its own, so it
 * can be stopped and started again with the same PostgreSQL and Kafka data.
 */
class ChangeRestartIT {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private static JsonObject raw;
  private static MomentumNode node;
  private static ChangeTopicReader reader;

  private static MomentumNode start() throws Exception {
    return MomentumNode.start(MomentumConfig.from(raw), MomentumNode.Mode.SERVE, null);
  }

  /** Sends an event to the inbound topic as a service would. The shared HTTP test client would reach another node. */
  private static void produce(JsonObject event) throws Exception {
    Properties props = new Properties();
    props.put("bootstrap.servers", node.services().kafkaBootstrap());
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(Topics.PROGRESS, event.getString("orgid"), event.encode())).get();
    }
  }

  @AfterAll
  static void stopNode() {
    if (reader != null) {
      reader.close();
    }
    if (node != null) {
      node.close();
    }
  }

  @Test
  void statusMovedDuringDowntimeSentOnce() throws Exception {
    Path dataDir = Files.createTempDirectory("momentum-restart-");
    raw = MomentumConfig.defaults()
        .put("MOMENTUM_HTTP_PORT", String.valueOf(TestNode.freePort()))
        .put("MOMENTUM_DATA_DIR", dataDir.toString())
        .put("MOMENTUM_KAFKA_PORT", "0")
        .put("MOMENTUM_KAFKA_PARTITIONS", "2")
        .put("MOMENTUM_CLUSTER_NAME", "momentum-restart-" + UUID.randomUUID())
        .put("MOMENTUM_CLUSTER_PORT", "5951")
        .put("MOMENTUM_TICK_SECONDS", "3600");
    node = start();
    reader = new ChangeTopicReader(node.services().kafkaBootstrap(), Topics.CHANGES);
    TestOrg org = TestOrg.create(node, "restart-" + UUID.randomUUID().toString().substring(0, 8)).awaitLive(node);
    Predicate<Change> statusChanges = of(org.orgId, ChangeTypes.KEY_RESULT_STATUS_CHANGED)
        .and(c -> "revenue".equals(c.data().getString("key")));
    produce(Events.value(org.orgId, "revenue", 36, Instant.now().minusSeconds(30)));
    reader.await(statusChanges, 1, WAIT);
    // Moving the quarter 40 days back without telling the engine stands for 40 days passing while
    // no node runs: 36 of 20 to 50 stays on track on day 45 of 90 but is off track on day 85.
    node.services().pool().preparedQuery("UPDATE cycles SET start_date = start_date - 40, end_date = end_date - 40"
        + " WHERE org_id = $1 AND id = $2").execute(Tuple.of(org.orgId, org.quarterId)).await();
    node.close();

    node = start();
    org.awaitLive(node);

    Change moved = reader.await(statusChanges, 2, WAIT).get(1);
    assertThat(moved.data().getString("from")).isEqualTo("on_track");
    assertThat(moved.data().getString("to")).isEqualTo("off_track");
    assertThat(moved.data().getString("reason")).startsWith(StatusChange.REBUILT);

    node.close();
    node = start();
    org.awaitLive(node);
    produce(Events.event(org.orgId, "momentum.checkin", "defects", Instant.now().minusSeconds(5),
        new JsonObject().put("value", 8).put("confidence", 7)));
    reader.await(of(org.orgId, ChangeTypes.CHECKIN_RECORDED), 1, WAIT);
    List<Change> all = reader.readFor(statusChanges, Duration.ofSeconds(1));
    assertThat(all).extracting(c -> c.data().getString("from") + ">" + c.data().getString("to"))
        .containsExactly("pending>on_track", "on_track>off_track");
  }
}
