package io.momentum.server.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.momentum.streams.engine.Measurement;
import io.momentum.streams.engine.MilestoneDef;
import io.momentum.streams.engine.NodeKind;
import io.momentum.streams.event.CloudEventParser;
import io.momentum.streams.event.EventType;
import io.momentum.streams.event.Topics;
import io.momentum.streams.ingest.SubjectRules;
import io.momentum.streams.kafka.EmbeddedKafka;
import io.momentum.streams.kafka.TopicSetup;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.sqlclient.Row;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the publisher against a real in-process Kafka broker and a real PostgreSQL server with the
 * demo seeded for today, and reads back what it published with a plain Kafka consumer.
 */
@ExtendWith(VertxExtension.class)
@io.vertx.junit5.Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
class DemoPublisherTest {

  private static final double RATE = 200;
  private static final double HIGH_RATE = 5000;
  private static final long PUBLISH_MILLIS = 2000;

  /** Node fields that ingestion checks events against: kind, measurement and milestones. */
  private record NodeInfo(NodeKind kind, Measurement measurement, List<MilestoneDef> milestones) {
  }

  @TempDir
  static Path dataDir;
  static DemoDatabase db;
  static EmbeddedKafka kafka;
  static Map<String, NodeInfo> directory;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    db = DemoDatabase.start(vertx, dataDir.resolve("pg"));
    new DemoSeeder(db.pool, db.auth, Clock.systemUTC()).seed("demo-password", "").await(60, TimeUnit.SECONDS);
    directory = loadDirectory(db.rows("""
        SELECT nk.key, nk.kind, kr.measurement, kr.milestones
        FROM node_keys nk LEFT JOIN key_results kr ON kr.id = nk.node_id WHERE nk.org_id = 'demo'""")
        .await(30, TimeUnit.SECONDS));
    kafka = EmbeddedKafka.start(dataDir.resolve("kafka"), 0);
    TopicSetup.ensureTopics(vertx, kafka.bootstrapServers(), Topics.INBOUND, 3, (short) 1).await(60, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() {
    if (kafka != null) {
      kafka.close();
    }
    if (db != null) {
      db.close();
    }
  }

  @Test
  void leavesKeyResultsAndKpisOfPeopleAlone() throws Exception {
    db.pool.query("""
        WITH kr AS (
          INSERT INTO key_results (id, org_id, key, objective_id, title, measurement, start_value, target_value)
          SELECT gen_random_uuid(), 'demo', 'people-own-kr', o.id, 'Set by a person', 'increase', 0, 10
          FROM objectives o JOIN cycles c ON c.id = o.cycle_id
          WHERE o.org_id = 'demo' AND o.kind = 'objective' AND c.kind = 'quarter' AND NOT c.closed LIMIT 1
          RETURNING id)
        INSERT INTO kpis (id, org_id, key, title, start_value, target_value)
        VALUES (gen_random_uuid(), 'demo', 'people-own-kpi', 'Set by a person', 0, 10)""").execute()
        .await(30, TimeUnit.SECONDS);

    PublishableNodes nodes = PublishableNodes.load(db.pool, DemoSeeder.ORG_ID, Instant.now(), new Random(7))
        .await(30, TimeUnit.SECONDS);

    assertThat(nodes.metrics).extracting(n -> n.key).isNotEmpty().doesNotContain("people-own-kr")
        .as("the key result that stays flat for the stalled signal")
        .doesNotContain(DemoCatalog.STALLED_KEY_RESULT, PublishableNodes.LEFT_TO_PEOPLE);
    assertThat(nodes.kpis).extracting(n -> n.key).isNotEmpty().doesNotContain("people-own-kpi");
  }

  @Test
  void publishesValidEventsAtTheRate(Vertx vertx, VertxTestContext ctx) {
    publish(vertx, RATE).onComplete(ctx.succeeding(run -> ctx.verify(() -> {
      assertThat((double) run.records().size()).as("records in %.2f s", run.seconds())
          .isBetween(RATE * run.seconds() * 0.7, RATE * run.seconds() * 1.3);

      CloudEventParser parser = new CloudEventParser(Clock.systemUTC());
      Set<EventType> types = EnumSet.noneOf(EventType.class);
      for (ConsumerRecord<String, String> record : run.records()) {
        assertThat(record.key()).isEqualTo("demo");
        CloudEventParser.Result result = parser.parse(new JsonObject(record.value()), true);
        assertThat(result.errors()).as(record.value()).isEmpty();
        EventType type = result.event().type();
        types.add(type);
        assertThat(record.topic()).as(record.value()).isEqualTo(type.topic());
        NodeInfo node = directory.get(result.event().subject());
        assertThat(node).as("node of %s", record.value()).isNotNull();
        assertThat(SubjectRules.check(type, result.event().data(), result.event().subject(), node.kind(),
            node.measurement(), node.milestones())).as(record.value()).isNull();
        assertThat(result.event().subject()).as("the README's key result is left to people")
            .isNotEqualTo("checkout-conversion");
      }
      assertThat(types).contains(EventType.KEY_RESULT_VALUE, EventType.KPI_MEASUREMENT, EventType.CHECK_IN,
          EventType.WORK_ITEM_CHANGED);
      ctx.completeNow();
    })));
  }

  @Test
  void keepsUpWithHighRate(Vertx vertx, VertxTestContext ctx) {
    publish(vertx, HIGH_RATE).onComplete(ctx.succeeding(run -> ctx.verify(() -> {
      assertThat((double) run.records().size()).as("records in %.2f s", run.seconds())
          .isBetween(HIGH_RATE * run.seconds() * 0.7, HIGH_RATE * run.seconds() * 1.3);
      ctx.completeNow();
    })));
  }

  @Test
  void zeroRateSendsNothing(Vertx vertx, VertxTestContext ctx) {
    Map<TopicPartition, Long> before = endOffsets();
    vertx.deployVerticle(new DemoPublisher(db.pool, kafka.bootstrapServers(), 0, Clock.systemUTC()))
        .compose(id -> delay(vertx, 500).map(id))
        .compose(vertx::undeploy)
        .compose(v -> vertx.executeBlocking(DemoPublisherTest::endOffsets))
        .onComplete(ctx.succeeding(after -> ctx.verify(() -> {
          assertThat(after).isEqualTo(before);
          ctx.completeNow();
        })));
  }

  @Test
  void negativeRateIsRejected() {
    assertThatThrownBy(() -> new DemoPublisher(db.pool, kafka.bootstrapServers(), -1, Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rate");
  }

  /** Records a publisher sent while it ran for {@link #PUBLISH_MILLIS}, and how long it ran. */
  private record Run(List<ConsumerRecord<String, String>> records, double seconds) {
  }

  /** Deploys a publisher at {@code rate}, undeploys it after {@link #PUBLISH_MILLIS} and reads what it sent. */
  private static Future<Run> publish(Vertx vertx, double rate) {
    Map<TopicPartition, Long> before = endOffsets();
    long[] window = new long[2];
    return vertx.deployVerticle(new DemoPublisher(db.pool, kafka.bootstrapServers(), rate, Clock.systemUTC()))
        .compose(id -> {
          window[0] = System.nanoTime();
          return delay(vertx, PUBLISH_MILLIS).map(id);
        })
        .compose(id -> {
          window[1] = System.nanoTime();
          return vertx.undeploy(id);
        })
        .compose(v -> vertx.executeBlocking(() -> readFrom(before)))
        .map(records -> new Run(records, (window[1] - window[0]) / 1e9));
  }

  private static Future<Void> delay(Vertx vertx, long millis) {
    Promise<Void> promise = Promise.promise();
    vertx.setTimer(millis, id -> promise.complete());
    return promise.future();
  }

  private static KafkaConsumer<String, String> consumer() {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "demo-publisher-test-" + UUID.randomUUID());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    return new KafkaConsumer<>(props);
  }

  private static List<TopicPartition> partitions(KafkaConsumer<String, String> consumer) {
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : Topics.INBOUND) {
      for (PartitionInfo info : consumer.partitionsFor(topic)) {
        partitions.add(new TopicPartition(topic, info.partition()));
      }
    }
    return partitions;
  }

  /** Returns the end offset of every partition of the inbound topics; blocks. */
  private static Map<TopicPartition, Long> endOffsets() {
    try (KafkaConsumer<String, String> consumer = consumer()) {
      return new HashMap<>(consumer.endOffsets(partitions(consumer)));
    }
  }

  /** Reads every record from {@code from} up to the current end offsets; blocks. */
  private static List<ConsumerRecord<String, String>> readFrom(Map<TopicPartition, Long> from) {
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = consumer()) {
      List<TopicPartition> partitions = partitions(consumer);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      consumer.assign(partitions);
      partitions.forEach(p -> consumer.seek(p, from.getOrDefault(p, 0L)));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }

  private static Map<String, NodeInfo> loadDirectory(List<Row> rows) {
    Map<String, NodeInfo> nodes = new HashMap<>();
    for (Row row : rows) {
      String measurement = row.getString("measurement");
      List<MilestoneDef> milestones = new ArrayList<>();
      Object value = row.getValue("milestones");
      if (value instanceof JsonArray array) {
        for (int i = 0; i < array.size(); i++) {
          JsonObject m = array.getJsonObject(i);
          milestones.add(new MilestoneDef(m.getString("id"), m.getString("title"),
              new BigDecimal(m.getValue("weight").toString()), m.getBoolean("done")));
        }
      }
      nodes.put(row.getString("key"), new NodeInfo(NodeKind.fromWire(row.getString("kind")),
          measurement == null ? null : Measurement.fromWire(measurement), milestones));
    }
    return nodes;
  }
}
