package io.momentum.server.changes;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import io.vertx.kafka.client.producer.RecordMetadata;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes committed {@code change_outbox} rows in {@code seq} order to the change topic (record
 * key: organisation id, value: the stored CloudEvent), waits for the broker's acknowledgement and
 * then marks the rows published. Delivery is at least once: a row whose acknowledgement was lost
 * is published again, and consumers deduplicate on the CloudEvent id.
 *
 * <p>Every node runs one relay, and a PostgreSQL advisory lock taken per pass lets only one of them
 * publish at a time, so the topic receives the rows in order across the cluster. A pass starts when
 * PostgreSQL notifies that rows committed (channel {@code momentum_changes}, sent by a trigger on
 * the table) and at least every poll interval. While the broker is unreachable, passes are retried
 * with back-off; the outage is logged once when it starts and once when it ends. The relay that
 * holds the lock also deletes rows published longer ago than the retention period.
 */
public final class ChangeRelayVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(ChangeRelayVerticle.class);

  /** Advisory lock key of the relay: the bytes of "mchanges" read as a long. */
  static final long LOCK_KEY = 0x6d6368616e676573L;
  private static final String NOTIFY_CHANNEL = "momentum_changes";
  private static final long MIN_BACKOFF_MS = 500;
  private static final long MAX_BACKOFF_MS = 10_000;
  private static final long BACKLOG_EVERY_MS = 5_000;
  private static final long PURGE_EVERY_MS = 3_600_000;
  private static final int PURGE_LIMIT = 10_000;

  private static final String TRY_LOCK = "SELECT pg_try_advisory_xact_lock($1)";
  private static final String UNPUBLISHED = """
      SELECT seq, org_id, event::text FROM change_outbox
      WHERE published_at IS NULL ORDER BY seq LIMIT $1""";
  private static final String MARK_PUBLISHED = "UPDATE change_outbox SET published_at = now() WHERE seq = ANY($1)";
  private static final String BACKLOG = """
      SELECT count(*), extract(epoch FROM now() - min(created_at))::bigint
      FROM change_outbox WHERE published_at IS NULL""";
  private static final String PURGE = """
      DELETE FROM change_outbox WHERE seq IN (
        SELECT seq FROM change_outbox WHERE published_at < $1 ORDER BY published_at LIMIT $2)""";

  /**
   * Settings of the relay.
   *
   * @param topic the topic to publish to; {@code momentum.changes} outside tests
   * @param pollInterval the longest wait between passes when no notification arrives
   * @param batchSize the most rows one pass publishes
   * @param retention how long a published row stays in the outbox
   * @param notifications the database to listen on for committed rows; null to rely on polling
   */
  public record Settings(String bootstrapServers, String topic, Duration pollInterval, int batchSize,
                         Duration retention, PgConnectOptions notifications) {
  }

  /** Outcome of one pass: how many rows were published, and the send failure that stopped it, if any. */
  private record Pass(int published, boolean full, Throwable failure) {
  }

  private final Pool pool;
  private final Settings settings;
  private final RelayMetrics metrics;

  private KafkaProducer<String, String> producer;
  private PgSubscriber subscriber;
  private boolean running;
  private boolean wakeRequested;
  private boolean stopping;
  private long backoffMs;
  private long retryTimer = -1;
  private long pollTimer = -1;
  private long backlogTimer = -1;
  private long purgeTimer = -1;
  private long outageStartedAt;
  private int failedPasses;
  private Future<Void> current = Future.succeededFuture();

  public ChangeRelayVerticle(Pool pool, Settings settings, RelayMetrics metrics) {
    this.pool = pool;
    this.settings = settings;
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    producer = KafkaProducer.create(vertx, producerConfig());
    producer.exceptionHandler(e -> LOG.debug("Kafka producer of the change relay reported an error", e));

    pollTimer = vertx.setPeriodic(settings.pollInterval().toMillis(), id -> wake());
    backlogTimer = vertx.setPeriodic(BACKLOG_EVERY_MS, id -> measureBacklog());
    purgeTimer = vertx.setPeriodic(60_000, PURGE_EVERY_MS, id -> purge());

    LOG.info("Relaying outbox changes to {} at {} (batches of {}, published changes kept {} days)",
        settings.topic(), settings.bootstrapServers(), settings.batchSize(), settings.retention().toDays());
    return listen().onComplete(ar -> wake());
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    vertx.cancelTimer(pollTimer);
    vertx.cancelTimer(backlogTimer);
    vertx.cancelTimer(purgeTimer);
    vertx.cancelTimer(retryTimer);
    Future<Void> unlisten = subscriber == null ? Future.succeededFuture() : subscriber.close();
    return current.transform(ar -> unlisten).transform(ar -> producer.close());
  }

  private Map<String, String> producerConfig() {
    Map<String, String> config = new HashMap<>();
    config.put("bootstrap.servers", settings.bootstrapServers());
    config.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
    config.put("value.serializer", "org.apache.kafka.common.serialization.StringSerializer");
    config.put("client.id", "momentum-change-relay-" + deploymentID());
    // Idempotence keeps the order of the records of one partition across the producer's retries.
    config.put("acks", "all");
    config.put("enable.idempotence", "true");
    config.put("max.in.flight.requests.per.connection", "5");
    config.put("linger.ms", "5");
    // A pass keeps a database transaction open while it waits, so an unreachable broker must fail
    // it within seconds, not after the client's default delivery timeout of two minutes.
    config.put("max.block.ms", "5000");
    config.put("request.timeout.ms", "3000");
    config.put("delivery.timeout.ms", "5000");
    // The client logs each failed connection at WARN, so during an outage it retries no more often
    // than the relay's own longest back-off.
    config.put("reconnect.backoff.max.ms", String.valueOf(MAX_BACKOFF_MS));
    return config;
  }

  /** Subscribes to the notifications of committed rows. Polling covers the time it is not connected. */
  private Future<Void> listen() {
    if (settings.notifications() == null) {
      return Future.succeededFuture();
    }
    subscriber = PgSubscriber.subscriber(vertx, settings.notifications());
    subscriber.reconnectPolicy(attempt -> 1_000L);
    subscriber.channel(NOTIFY_CHANNEL).handler(payload -> wake());
    return subscriber.connect()
        .onFailure(e -> LOG.warn("Listening for committed changes failed; the relay polls every {} ms instead",
            settings.pollInterval().toMillis(), e));
  }

  /** Starts a pass now, or right after the running one, unless the relay is backing off. */
  private void wake() {
    if (stopping || retryTimer != -1) {
      return;
    }
    if (running) {
      wakeRequested = true;
      return;
    }
    running = true;
    wakeRequested = false;
    current = pass().transform(ar -> {
      running = false;
      Pass outcome = ar.succeeded() ? ar.result() : new Pass(0, false, ar.cause());
      afterPass(outcome);
      return Future.succeededFuture();
    });
  }

  private void afterPass(Pass outcome) {
    if (stopping) {
      // A pass cut short by the shutdown is taken up again by the next start, or by another node.
      return;
    }
    if (outcome.failure() == null) {
      if (failedPasses > 0) {
        LOG.info("Publishing changes to {} works again; {} passes failed in the {} s since the first failure",
            settings.topic(), failedPasses, (System.currentTimeMillis() - outageStartedAt) / 1000);
        failedPasses = 0;
      }
      backoffMs = 0;
      if (outcome.full() || wakeRequested) {
        vertx.runOnContext(v -> wake());
      }
      return;
    }
    metrics.failed();
    if (failedPasses++ == 0) {
      outageStartedAt = System.currentTimeMillis();
      LOG.warn("Publishing changes to {} failed; retrying with back-off, and logging again when it works",
          settings.topic(), outcome.failure());
    } else {
      LOG.debug("Publishing changes to {} failed again ({} attempts)", settings.topic(), failedPasses, outcome.failure());
    }
    backoffMs = backoffMs == 0 ? MIN_BACKOFF_MS : Math.min(MAX_BACKOFF_MS, backoffMs * 2);
    retryTimer = vertx.setTimer(backoffMs, id -> {
      retryTimer = -1;
      wake();
    });
  }

  /**
   * Publishes the oldest unpublished rows while holding the relay lock, and marks the rows up to
   * the first failed send as published in the same transaction.
   */
  private Future<Pass> pass() {
    return pool.withTransaction(connection -> connection.preparedQuery(TRY_LOCK).execute(Tuple.of(LOCK_KEY))
        .compose(locked -> locked.iterator().next().getBoolean(0)
            ? publishOldest(connection)
            : Future.succeededFuture(new Pass(0, false, null))));
  }

  private Future<Pass> publishOldest(SqlConnection connection) {
    return connection.preparedQuery(UNPUBLISHED).execute(Tuple.of(settings.batchSize()))
        .compose(rows -> rows.size() == 0
            ? Future.succeededFuture(new Pass(0, false, null))
            : publishAfterMetadata(connection, rows));
  }

  /**
   * Reads the topic's partitions before sending, which fails within {@code max.block.ms} when the
   * broker is unreachable. Without this step, a broker that stopped before the producer ever reached
   * it held a pass, and its database transaction, for over 20 s in a test run.
   */
  private Future<Pass> publishAfterMetadata(SqlConnection connection, RowSet<Row> rows) {
    return producer.partitionsFor(settings.topic())
        .transform(ar -> ar.failed() ? Future.succeededFuture(new Pass(0, false, ar.cause())) : send(connection, rows));
  }

  private Future<Pass> send(SqlConnection connection, RowSet<Row> rows) {
    List<Long> seqs = new ArrayList<>(rows.size());
    List<Future<RecordMetadata>> sends = new ArrayList<>(rows.size());
    for (Row row : rows) {
      seqs.add(row.getLong(0));
      sends.add(producer.send(KafkaProducerRecord.create(settings.topic(), row.getString(1), row.getString(2))));
    }
    return Future.join(sends).transform(ar -> {
      int acknowledged = 0;
      while (acknowledged < sends.size() && sends.get(acknowledged).succeeded()) {
        acknowledged++;
      }
      Throwable failure = acknowledged < sends.size() ? sends.get(acknowledged).cause() : null;
      boolean full = failure == null && rows.size() == settings.batchSize();
      int published = acknowledged;
      return markPublished(connection, seqs.subList(0, acknowledged))
          .map(v -> new Pass(published, full, failure));
    });
  }

  private Future<Void> markPublished(SqlConnection connection, List<Long> seqs) {
    if (seqs.isEmpty()) {
      return Future.succeededFuture();
    }
    return connection.preparedQuery(MARK_PUBLISHED).execute(Tuple.of((Object) seqs.toArray(Long[]::new)))
        .onSuccess(v -> metrics.published(seqs.size()))
        .mapEmpty();
  }

  private void measureBacklog() {
    pool.query(BACKLOG).execute()
        .onSuccess(rows -> {
          Row row = rows.iterator().next();
          Long age = row.getLong(1);
          metrics.backlog(row.getLong(0), age == null ? 0 : Math.max(0, age));
        })
        .onFailure(e -> LOG.debug("Measuring the change backlog failed", e));
  }

  private void purge() {
    purgeExpired().onSuccess(deleted -> {
      if (deleted == PURGE_LIMIT) {
        vertx.runOnContext(v -> purge());
      }
    });
  }

  /**
   * Deletes up to 10,000 rows published longer ago than the retention period, oldest first, unless
   * another node holds the relay lock. Completes with the number of deleted rows.
   */
  Future<Integer> purgeExpired() {
    OffsetDateTime before = OffsetDateTime.now(ZoneOffset.UTC).minus(settings.retention());
    return pool.withTransaction(connection -> connection.preparedQuery(TRY_LOCK).execute(Tuple.of(LOCK_KEY))
            .compose(locked -> locked.iterator().next().getBoolean(0)
                ? connection.preparedQuery(PURGE).execute(Tuple.of(before, PURGE_LIMIT)).map(rows -> rows.rowCount())
                : Future.succeededFuture(0)))
        .onSuccess(deleted -> {
          if (deleted > 0) {
            LOG.info("Deleted {} changes published before {}", deleted, before);
          }
        })
        .onFailure(e -> LOG.warn("Deleting changes published before {} failed; trying again in an hour", before, e));
  }
}
