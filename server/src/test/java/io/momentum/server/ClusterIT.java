package io.momentum.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.server.app.MomentumNode;
import io.momentum.server.config.MomentumConfig;
import io.momentum.server.support.Events;
import io.momentum.server.support.LiveClient;
import io.momentum.server.support.TestNode;
import io.momentum.server.support.TestOrg;
import io.momentum.streams.event.Topics;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two nodes in one Hazelcast cluster, sharing PostgreSQL and Kafka: whichever node consumes an
 * organisation's partition, a board open on either node moves, because deltas travel on the
 * clustered event bus and snapshots come from the cluster's maps. The pair has databases and a
 * broker of its own, so its rebalances never disturb the other tests.
 */
class ClusterIT {

  private static final Duration WAIT = Duration.ofSeconds(20);

  private static MomentumNode first;
  private static MomentumNode second;
  private static int firstPort;
  private static int secondPort;

  @BeforeAll
  static void startTwoNodes() throws Exception {
    String cluster = "momentum-cluster-it-" + UUID.randomUUID();
    firstPort = TestNode.freePort();
    first = MomentumNode.start(MomentumConfig.from(MomentumConfig.defaults()
        .put("MOMENTUM_HTTP_PORT", String.valueOf(firstPort))
        .put("MOMENTUM_DATA_DIR", Files.createTempDirectory("momentum-cluster-a-").toString())
        .put("MOMENTUM_KAFKA_PORT", "0")
        .put("MOMENTUM_KAFKA_PARTITIONS", "4")
        .put("MOMENTUM_CLUSTER_NAME", cluster)
        .put("MOMENTUM_CLUSTER_PORT", "5901")), MomentumNode.Mode.SERVE, null);
    PgConnectOptions pg = first.database().connectOptions();
    secondPort = TestNode.freePort();
    second = MomentumNode.start(MomentumConfig.from(MomentumConfig.defaults()
        .put("MOMENTUM_HTTP_PORT", String.valueOf(secondPort))
        .put("MOMENTUM_DATA_DIR", Files.createTempDirectory("momentum-cluster-b-").toString())
        .put("MOMENTUM_PG_URL", "postgresql://" + pg.getUser() + ":" + pg.getPassword() + "@127.0.0.1:" + pg.getPort() + "/" + pg.getDatabase())
        .put("MOMENTUM_KAFKA", first.services().kafkaBootstrap())
        .put("MOMENTUM_CLUSTER_NAME", cluster)
        .put("MOMENTUM_CLUSTER_PORT", "5901")
        .put("MOMENTUM_CLUSTER_MEMBERS", "127.0.0.1:" + first.services().hazelcast().getCluster().getLocalMember().getAddress().getPort())),
        MomentumNode.Mode.SERVE, null);
  }

  @AfterAll
  static void stopNodes() {
    if (second != null) {
      second.close();
    }
    if (first != null) {
      first.close();
    }
  }

  @Test
  void nodesFormOneCluster() {
    assertThat(first.services().hazelcast().getCluster().getMembers()).hasSize(2);
    assertThat(second.services().hazelcast().getCluster().getMembers()).hasSize(2);
  }

  @Test
  void boardOnEitherNodeMovesWhoeverConsumes() throws Exception {
    TestOrg org = TestOrg.create(first, "cluster-" + UUID.randomUUID().toString().substring(0, 8)).awaitLive(first);
    try (LiveClient onFirst = LiveClient.connect(first.vertx(), firstPort, org.token);
         LiveClient onSecond = LiveClient.connect(second.vertx(), secondPort, org.token);
         KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
             "bootstrap.servers", first.services().kafkaBootstrap()), new StringSerializer(), new StringSerializer())) {
      onFirst.subscribe(org.teamBoard(), null, null);
      onSecond.subscribe(org.teamBoard(), null, null);
      JsonObject firstSnapshot = onFirst.next("snapshot", WAIT);
      JsonObject secondSnapshot = onSecond.next("snapshot", WAIT);
      assertThat(secondSnapshot.getLong("version")).isEqualTo(firstSnapshot.getLong("version"));

      JsonObject event = Events.value(org.orgId, "revenue", 41, Instant.now());
      producer.send(new ProducerRecord<>(Topics.PROGRESS, org.orgId, event.encode())).get();

      Predicate<JsonObject> revenueAt41 = m -> "delta".equals(m.getString("type"))
          && m.getJsonArray("nodes").stream().anyMatch(n -> "revenue".equals(((JsonObject) n).getString("key"))
              && Double.valueOf(41).equals(((JsonObject) n).getDouble("current")));
      JsonObject firstDelta = onFirst.next(revenueAt41, WAIT);
      JsonObject secondDelta = onSecond.next(revenueAt41, WAIT);
      assertThat(secondDelta.getLong("version")).isEqualTo(firstDelta.getLong("version"));
    }
  }
}
