package io.momentum.streams.ingest;

import io.momentum.streams.engine.Changes;
import io.momentum.streams.engine.StatusChange;
import io.momentum.streams.event.CloudEventParser;
import io.momentum.streams.event.Topics;
import io.momentum.streams.live.LiveStateStore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.KafkaConsumerRecords;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes the inbound topics and runs each batch through {@link BatchProcessor}: store, roll
 * up, publish to live boards, and only then commit the offsets. A batch whose storage fails is
 * retried with back-off from the same offsets. A bad record never blocks its partition, because
 * it is parked as a dead letter.
 *
 * <p>Kafka assigns each organisation's partition to one node of the consumer group, which makes
 * that node the organisation's only writer of live state.
 */
public final class IngestVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(IngestVerticle.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
  private static final long MAX_BACKOFF_MS = 30_000;
  private static final int ISOLATE_AFTER_FAILURES = 3;
  /**
   * Shortest time between two offset commits. Offsets of the batches in between are committed
   * together, and at the latest by the next empty poll or the stop. A node that fails before then
   * reads those records again, and their events, already stored, count as duplicates.
   */
  private static final long COMMIT_INTERVAL_MS = 200;

  private final IngestSettings settings;
  private final OrgStateLoader loader;
  private final EventStore store;
  private final LiveStateStore liveState;
  private final IngestMetrics metrics;
  private final Clock clock;

  private KafkaConsumer<String, String> consumer;
  private OrgEngines engines;
  private BatchProcessor processor;
  private final Set<Integer> assignedPartitions = new HashSet<>();
  private int partitionCount = -1;
  private long nextTickAt;
  private long backoffMs;
  private int failureStreak;
  private boolean stopping;
  private final Map<TopicPartition, OffsetAndMetadata> uncommitted = new HashMap<>();
  private long lastCommitAt;
  private Future<Void> pollLoop = Future.succeededFuture();
  private long lagTimer = -1;

  public IngestVerticle(IngestSettings settings, OrgStateLoader loader, EventStore store,
                        LiveStateStore liveState, IngestMetrics metrics, Clock clock) {
    this.settings = settings;
    this.loader = loader;
    this.store = store;
    this.liveState = liveState;
    this.metrics = metrics;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    engines = new OrgEngines(vertx, loader, store, liveState, clock, settings.signalSettleTime());
    processor = new BatchProcessor(engines, loader, store, new CloudEventParser(clock), metrics);
    consumer = KafkaConsumer.create(vertx, consumerConfig());
    consumer.exceptionHandler(e -> LOG.error("Kafka consumer of group {} failed", settings.groupId(), e));
    consumer.partitionsAssignedHandler(this::onAssigned);
    consumer.partitionsRevokedHandler(this::onRevoked);

    nextTickAt = System.currentTimeMillis() + settings.tickInterval().toMillis();
    lagTimer = vertx.setPeriodic(5_000, id -> measureLag());
    return consumer.subscribe(Set.copyOf(Topics.INBOUND))
        .onSuccess(v -> {
          LOG.info("Consuming {} as group {} from {}", Topics.INBOUND, settings.groupId(), settings.bootstrapServers());
          pollNext();
        });
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    vertx.cancelTimer(lagTimer);
    return pollLoop.transform(ar -> commitUncommitted()).transform(ar -> consumer.close());
  }

  private Map<String, String> consumerConfig() {
    Map<String, String> config = new HashMap<>();
    config.put("bootstrap.servers", settings.bootstrapServers());
    config.put("group.id", settings.groupId());
    config.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
    config.put("value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
    // Offsets are committed by hand after the batch is stored, never in the background.
    config.put("enable.auto.commit", "false");
    config.put("auto.offset.reset", "earliest");
    config.put("max.poll.records", String.valueOf(settings.maxPollRecords()));
    // The range assignor gives one node the same partition number of every topic, so all of an
    // organisation's events (keyed by its id) reach the same engine.
    config.put("partition.assignment.strategy", "org.apache.kafka.clients.consumer.RangeAssignor");
    config.put("client.id", "momentum-ingest-" + deploymentID());
    return config;
  }

  private void pollNext() {
    if (stopping) {
      return;
    }
    pollLoop = tickIfDue()
        .compose(v -> consumer.poll(POLL_TIMEOUT))
        .compose(this::handleRecords)
        .onSuccess(v -> {
          backoffMs = 0;
          pollNext();
        })
        .onFailure(e -> {
          metrics.batchFailed();
          backoffMs = backoffMs == 0 ? 500 : Math.min(MAX_BACKOFF_MS, backoffMs * 2);
          LOG.warn("Processing a batch failed; retrying from the same offsets in {} ms", backoffMs, e);
          vertx.setTimer(backoffMs, id -> pollNext());
        });
  }

  private Future<Void> handleRecords(KafkaConsumerRecords<String, String> records) {
    if (records.isEmpty()) {
      return commitUncommitted();
    }
    long started = System.nanoTime();
    List<IngestRecord> batch = new ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i++) {
      KafkaConsumerRecord<String, String> r = records.recordAt(i);
      batch.add(new IngestRecord(r.topic(), r.partition(), r.offset(), r.key(), r.value()));
    }
    Future<Void> work = failureStreak >= ISOLATE_AFTER_FAILURES ? processOneByOne(batch) : processBatch(batch);
    return work
        .onSuccess(v -> {
          failureStreak = 0;
          metrics.batch().record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        })
        .recover(e -> {
          failureStreak++;
          return seekBack(batch).transform(ar -> Future.failedFuture(e));
        });
  }

  private Future<Void> processBatch(List<IngestRecord> batch) {
    return processor.process(batch)
        .compose(this::publish)
        .compose(v -> commit(batch));
  }

  /**
   * After repeated failures, processes the records one at a time. A record that fails alone while
   * the store answers is a poison record: it is parked as a dead letter so that the partition
   * moves on. While the store does not respond, nothing is parked and the batch is retried.
   */
  private Future<Void> processOneByOne(List<IngestRecord> batch) {
    LOG.warn("Batch of {} records failed {} times; processing its records one at a time", batch.size(), failureStreak);
    Future<Void> chain = Future.succeededFuture();
    for (IngestRecord record : batch) {
      chain = chain.compose(v -> processBatch(List.of(record)).recover(e -> parkIfStoreAnswers(record, e)));
    }
    return chain;
  }

  private Future<Void> parkIfStoreAnswers(IngestRecord record, Throwable failure) {
    DeadLetter letter = DeadLetter.of(record, null, "storing the event failed: " + failure.getMessage());
    return store.ping()
        .compose(v -> store.inTransaction(tx -> tx.insertDeadLetters(List.of(letter))))
        .compose(v -> commit(List.of(record)))
        .onSuccess(v -> {
          metrics.deadLetters(1);
          LOG.warn("Parked record {}-{}@{} as a dead letter after it failed alone", record.topic(),
              record.partition(), record.offset(), failure);
        });
  }

  private Future<Void> publish(Map<String, Changes> changes) {
    List<Future<Void>> writes = new ArrayList<>();
    changes.forEach((orgId, c) -> writes.add(engines.publish(orgId, c)));
    return Future.all(writes).mapEmpty();
  }

  /** Marks a processed batch for commit, and commits when the last commit is {@link #COMMIT_INTERVAL_MS} old. */
  private Future<Void> commit(List<IngestRecord> batch) {
    for (IngestRecord r : batch) {
      uncommitted.merge(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1, ""),
          (a, b) -> a.getOffset() >= b.getOffset() ? a : b);
    }
    if (System.currentTimeMillis() - lastCommitAt < COMMIT_INTERVAL_MS) {
      return Future.succeededFuture();
    }
    return commitUncommitted();
  }

  /**
   * Commits the offsets of every processed batch not committed yet. A failed commit is logged and
   * tried again with the next one, because the records it covers are stored already.
   */
  private Future<Void> commitUncommitted() {
    if (uncommitted.isEmpty()) {
      return Future.succeededFuture();
    }
    Map<TopicPartition, OffsetAndMetadata> offsets = Map.copyOf(uncommitted);
    lastCommitAt = System.currentTimeMillis();
    return consumer.commit(offsets)
        // Removes each committed offset unless a later one took its place.
        .onSuccess(committed -> offsets.forEach(uncommitted::remove))
        .recover(e -> {
          LOG.warn("Committing offsets {} of group {} failed; they are committed with the next batch", offsets,
              settings.groupId(), e);
          return Future.succeededFuture();
        })
        .mapEmpty();
  }

  private Future<Void> seekBack(List<IngestRecord> batch) {
    Map<TopicPartition, Long> first = new HashMap<>();
    for (IngestRecord r : batch) {
      first.merge(new TopicPartition(r.topic(), r.partition()), r.offset(), Math::min);
    }
    List<Future<Void>> seeks = new ArrayList<>();
    first.forEach((tp, offset) -> seeks.add(consumer.seek(tp, offset)));
    return Future.all(seeks).mapEmpty();
  }

  /** Re-evaluates time-driven status between batches, so a tick never interleaves with a batch. */
  private Future<Void> tickIfDue() {
    long now = System.currentTimeMillis();
    if (now < nextTickAt) {
      return Future.succeededFuture();
    }
    nextTickAt = now + settings.tickInterval().toMillis();
    List<Future<Void>> publishes = new ArrayList<>();
    for (String orgId : engines.ownedIds()) {
      Changes changes = engines.get(orgId).engine().tick(clock.instant());
      publishes.add(engines.recordStatusChanges(orgId, changes.nodes(), StatusChange.TIME_PASSED)
          .compose(v -> engines.publish(orgId, changes))
          .compose(v -> engines.sweepSignals(orgId)));
    }
    return Future.all(publishes).mapEmpty();
  }

  private void onRevoked(Set<TopicPartition> partitions) {
    // The next owner reads from the last committed offset; what it reads again counts as duplicates.
    partitions.forEach(uncommitted::remove);
    partitions.stream().filter(tp -> tp.getTopic().equals(Topics.PROGRESS))
        .forEach(tp -> assignedPartitions.remove(tp.getPartition()));
  }

  /**
   * Builds the engines of every organisation whose partition this node now owns and drops the
   * others, so boards of all organisations are live even before their next event.
   */
  private void onAssigned(Set<TopicPartition> partitions) {
    assignedPartitions.clear();
    partitions.stream().filter(tp -> tp.getTopic().equals(Topics.PROGRESS))
        .forEach(tp -> assignedPartitions.add(tp.getPartition()));
    LOG.info("Assigned partitions {} of {}", assignedPartitions, Topics.PROGRESS);
    consumer.partitionsFor(Topics.PROGRESS)
        .compose(infos -> {
          partitionCount = infos.size();
          return loader.organisationIds();
        })
        .onSuccess(orgIds -> {
          for (String orgId : engines.ownedIds()) {
            if (!owns(orgId)) {
              engines.drop(orgId);
            }
          }
          for (String orgId : orgIds) {
            if (owns(orgId)) {
              engines.ensure(orgId);
            }
          }
        })
        .onFailure(e -> LOG.error("Building the engines of assigned partitions {} failed", assignedPartitions, e));
  }

  private boolean owns(String orgId) {
    if (partitionCount <= 0) {
      return false;
    }
    int partition = Utils.toPositive(Utils.murmur2(orgId.getBytes(StandardCharsets.UTF_8))) % partitionCount;
    return assignedPartitions.contains(partition);
  }

  private void measureLag() {
    consumer.assignment()
        .compose(assignment -> {
          if (assignment.isEmpty()) {
            return Future.succeededFuture(0L);
          }
          return consumer.endOffsets(assignment).compose(ends -> {
            List<Future<Long>> lags = new ArrayList<>();
            ends.forEach((tp, end) -> lags.add(consumer.position(tp).map(pos -> Math.max(0, end - pos))));
            return Future.all(lags).map(all -> lags.stream().mapToLong(Future::result).sum());
          });
        })
        .onSuccess(metrics::lag)
        .onFailure(e -> LOG.debug("Measuring consumer lag failed", e));
  }
}
