package io.momentum.server.changes;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.momentum.server.db.Database;
import io.momentum.server.support.ChangeTopicReader;
import io.momentum.server.support.ChangeTopicReader.Change;
import io.momentum.server.support.TestNode;
import io.momentum.streams.kafka.EmbeddedKafka;
import io.momentum.streams.kafka.TopicSetup;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The relay against a broker and a database of the test's own, so the test can stop the broker.
 * The database is a fresh one on the test node's PostgreSQL server, the broker runs in-process,
 * and the topic has one partition, so the reader sees the order of every record.
 */
class ChangeRelayIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String ORG_A = "relay-a";
  private static final String ORG_B = "relay-b";

  private static Vertx vertx;
  private static Path kafkaDir;
  private static EmbeddedKafka kafka;
  private static Database database;
  private static Pool pool;
  private static String topic;
  private static SimpleMeterRegistry registry;
  private static ChangeRelayVerticle relay;
  private static ChangeTopicReader reader;

  @BeforeAll
  static void startRelay() throws Exception {
    PgConnectOptions server = TestNode.get().database().connectOptions();
    String name = "relay_" + UUID.randomUUID().toString().substring(0, 8);
    database = Database.external("postgresql://" + server.getUser() + ":" + server.getPassword() + "@"
        + server.getHost() + ":" + server.getPort() + "/" + name);
    vertx = Vertx.vertx();
    pool = database.open(vertx, 4).await();
    pool.query("INSERT INTO organisations (id, name) VALUES ('" + ORG_A + "', 'A'), ('" + ORG_B + "', 'B')").execute().await();

    kafkaDir = Files.createTempDirectory("momentum-relay-kafka-");
    kafka = EmbeddedKafka.start(kafkaDir, 0);
    topic = "changes-test-" + UUID.randomUUID().toString().substring(0, 8);
    TopicSetup.ensureTopics(vertx, kafka.bootstrapServers(), List.of(topic), 1, (short) 1).await();

    registry = new SimpleMeterRegistry();
    relay = deployRelay(database.connectOptions());
    reader = new ChangeTopicReader(kafka.bootstrapServers(), topic);
  }

  private static ChangeRelayVerticle deployRelay(PgConnectOptions notifications) {
    ChangeRelayVerticle verticle = new ChangeRelayVerticle(pool, new ChangeRelayVerticle.Settings(kafka.bootstrapServers(),
        topic, Duration.ofMillis(200), 50, Duration.ofDays(7), notifications), new RelayMetrics(registry));
    vertx.deployVerticle(verticle).await();
    return verticle;
  }

  @AfterAll
  static void stopAll() {
    if (reader != null) {
      reader.close();
    }
    if (vertx != null) {
      vertx.close().await();
    }
    if (kafka != null) {
      kafka.close();
    }
    if (database != null) {
      database.close();
    }
  }

  private static JsonObject change(String orgId, int number) {
    return ChangeOutbox.event(orgId, UUID.randomUUID(), ChangeTypes.CHECKIN_RECORDED, "revenue", Instant.now(),
        new JsonObject().put("number", number));
  }

  /** Appends each change in a transaction of its own and returns their ids in commit order. */
  private static List<String> appendEach(List<JsonObject> changes) {
    List<String> ids = new ArrayList<>();
    for (JsonObject change : changes) {
      pool.withTransaction(connection -> ChangeOutbox.append(connection, change)).await();
      ids.add(change.getString("id"));
    }
    return ids;
  }

  private static List<Change> awaitIds(List<String> ids) {
    Set<String> wanted = new HashSet<>(ids);
    return reader.await(c -> wanted.contains(c.event().getString("id")), ids.size(), WAIT);
  }

  private static long unpublished(List<String> ids) {
    return pool.preparedQuery("SELECT count(*) FROM change_outbox WHERE published_at IS NULL AND event_id = ANY($1)")
        .execute(Tuple.of((Object) ids.stream().map(UUID::fromString).toArray(UUID[]::new))).await()
        .iterator().next().getLong(0);
  }

  @Test
  void publishesInOrderWithOrgKey() {
    List<JsonObject> changes = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      changes.add(change(i % 2 == 0 ? ORG_A : ORG_B, i));
    }

    List<String> ids = appendEach(changes);

    List<Change> read = awaitIds(ids);
    assertThat(read).extracting(c -> c.event().getString("id")).containsExactlyElementsOf(ids);
    assertThat(read).extracting(Change::key).containsExactly(ORG_A, ORG_B, ORG_A, ORG_B, ORG_A, ORG_B);
    assertThat(read.get(1).event()).isEqualTo(changes.get(1));
  }

  @Test
  void appendAllKeepsListOrder() {
    List<JsonObject> changes = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      changes.add(change(i < 3 ? ORG_A : ORG_B, i));
    }
    List<String> ids = changes.stream().map(c -> c.getString("id")).toList();

    pool.withTransaction(connection -> ChangeOutbox.appendAll(connection, changes)).await();
    pool.withTransaction(connection -> ChangeOutbox.appendAll(connection, changes.subList(0, 1))).await();

    List<Change> read = awaitIds(ids);
    assertThat(read).extracting(c -> c.event().getString("id")).containsExactlyElementsOf(ids);
    long stored = pool.preparedQuery("SELECT count(*) FROM change_outbox WHERE event_id = ANY($1)")
        .execute(Tuple.of((Object) ids.stream().map(UUID::fromString).toArray(UUID[]::new))).await()
        .iterator().next().getLong(0);
    assertThat(stored).isEqualTo(5);
  }

  @Test
  void publishesWithinSecondsOfCommit() {
    long started = System.nanoTime();

    List<String> ids = appendEach(List.of(change(ORG_A, 1)));

    awaitIds(ids);
    // The relay wakes on the commit's notification; 2 s leaves room for a busy shared machine.
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void marksPublishedRows() {
    List<String> ids = appendEach(List.of(change(ORG_A, 1), change(ORG_B, 2)));

    awaitIds(ids);

    assertThat(awaitPublished(ids)).isZero();
  }

  /** Waits up to 5 s until the rows are marked published and returns how many are not. */
  private static long awaitPublished(List<String> ids) {
    long deadline = System.currentTimeMillis() + 5_000;
    while (unpublished(ids) > 0 && System.currentTimeMillis() < deadline) {
      sleep(50);
    }
    return unpublished(ids);
  }

  @Test
  void resumesAfterBrokerOutage() throws Exception {
    kafka.close();
    List<JsonObject> changes = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      changes.add(change(i % 3 == 0 ? ORG_B : ORG_A, i));
    }
    List<String> ids = appendEach(changes);
    long deadline = System.currentTimeMillis() + 20_000;
    while (failures() == 0 && System.currentTimeMillis() < deadline) {
      sleep(100);
    }
    long unpublishedDuringOutage = unpublished(ids);
    double failures = failures();

    kafka = EmbeddedKafka.start(kafkaDir, 0);

    assertThat(unpublishedDuringOutage).isEqualTo(120);
    assertThat(failures).isPositive();
    List<Change> read = awaitIds(ids);
    List<String> firstCopies = read.stream().map(c -> c.event().getString("id")).distinct().toList();
    assertThat(firstCopies).containsExactlyElementsOf(ids);
  }

  @Test
  void secondRelayKeepsOrder() {
    ChangeRelayVerticle second = deployRelay(null);
    List<JsonObject> changes = new ArrayList<>();
    for (int i = 0; i < 80; i++) {
      changes.add(change(i % 2 == 0 ? ORG_A : ORG_B, i));
    }

    List<String> ids = appendEach(changes);

    List<Change> read = awaitIds(ids);
    vertx.undeploy(second.deploymentID()).await();
    assertThat(read).extracting(c -> c.event().getString("id")).containsExactlyElementsOf(ids);
  }

  @Test
  void purgeDeletesExpiredPublishedRows() {
    List<String> ids = appendEach(List.of(change(ORG_A, 1), change(ORG_A, 2), change(ORG_B, 3)));
    awaitIds(ids);
    awaitPublished(ids);
    setPublishedDaysAgo(ids.subList(0, 2), 8);
    setPublishedDaysAgo(ids.subList(2, 3), 6);

    // A purge deletes nothing while a relay pass of this node holds the lock, so it is repeated.
    int deleted = 0;
    long deadline = System.currentTimeMillis() + 5_000;
    while (deleted == 0 && System.currentTimeMillis() < deadline) {
      deleted = relay.purgeExpired().await();
    }

    assertThat(deleted).isGreaterThanOrEqualTo(2);
    List<String> left = new ArrayList<>();
    pool.preparedQuery("SELECT event_id FROM change_outbox WHERE event_id = ANY($1)")
        .execute(Tuple.of((Object) ids.stream().map(UUID::fromString).toArray(UUID[]::new))).await()
        .forEach(row -> left.add(row.getUUID(0).toString()));
    assertThat(left).containsExactly(ids.get(2));
  }

  private static void setPublishedDaysAgo(List<String> ids, int days) {
    Future<?> update = pool.preparedQuery("UPDATE change_outbox SET published_at = now() - make_interval(days => $1)"
            + " WHERE event_id = ANY($2)")
        .execute(Tuple.of(days, (Object) ids.stream().map(UUID::fromString).toArray(UUID[]::new)));
    update.await();
  }

  private static double failures() {
    return registry.counter("momentum.changes.publish.failures").count();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
