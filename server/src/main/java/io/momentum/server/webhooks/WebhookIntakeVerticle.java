package io.momentum.server.webhooks;

import io.momentum.streams.event.Topics;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.KafkaConsumerRecords;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code momentum.changes} in its own consumer group and queues one delivery per change
 * and matching subscription, committing the offsets only after the deliveries are stored. A
 * change read again (after a restart or a rebalance) queues nothing new, because deliveries are
 * unique per subscription and event id. A record that is not a valid CloudEvent is logged once
 * and skipped.
 */
public final class WebhookIntakeVerticle extends VerticleBase {

  /** Consumer group of the outbound webhooks. */
  public static final String GROUP = "momentum-webhooks";

  private static final Logger LOG = LoggerFactory.getLogger(WebhookIntakeVerticle.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
  private static final long MAX_BACKOFF_MS = 30_000;

  private final String bootstrapServers;
  private final DeliveryQueries queries;
  private final WebhookSettings settings;
  private final WebhookMetrics metrics;
  private KafkaConsumer<String, String> consumer;
  private Future<Void> pollLoop = Future.succeededFuture();
  private long backoffMs;
  private boolean stopping;

  public WebhookIntakeVerticle(String bootstrapServers, DeliveryQueries queries, WebhookSettings settings,
                               WebhookMetrics metrics) {
    this.bootstrapServers = bootstrapServers;
    this.queries = queries;
    this.settings = settings;
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    Map<String, String> config = new HashMap<>();
    config.put("bootstrap.servers", bootstrapServers);
    config.put("group.id", GROUP);
    config.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
    config.put("value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
    // Offsets are committed by hand after the deliveries are stored.
    config.put("enable.auto.commit", "false");
    config.put("auto.offset.reset", "earliest");
    config.put("max.poll.records", "500");
    config.put("client.id", "momentum-webhooks-" + deploymentID());
    consumer = KafkaConsumer.create(vertx, config);
    consumer.exceptionHandler(e -> LOG.error("Kafka consumer of group {} failed", GROUP, e));
    return consumer.subscribe(Set.of(Topics.CHANGES))
        .onSuccess(v -> {
          LOG.info("Consuming {} as group {} from {}", Topics.CHANGES, GROUP, bootstrapServers);
          pollNext();
        });
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    return pollLoop.transform(ar -> consumer.close());
  }

  private void pollNext() {
    if (stopping) {
      return;
    }
    pollLoop = consumer.poll(POLL_TIMEOUT)
        .compose(this::queue)
        .onSuccess(v -> {
          backoffMs = 0;
          pollNext();
        })
        .onFailure(e -> {
          backoffMs = backoffMs == 0 ? 500 : Math.min(MAX_BACKOFF_MS, backoffMs * 2);
          LOG.warn("Queueing webhook deliveries failed; reading the same records again in {} ms", backoffMs, e);
          vertx.setTimer(backoffMs, id -> pollNext());
        });
  }

  /** Stores the deliveries of a batch, then commits its offsets, then wakes the dispatchers. */
  private Future<Void> queue(KafkaConsumerRecords<String, String> records) {
    if (records.isEmpty()) {
      return Future.succeededFuture();
    }
    List<DeliveryQueries.Change> changes = new ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i++) {
      KafkaConsumerRecord<String, String> record = records.recordAt(i);
      ChangeRecords.Checked checked = ChangeRecords.check(record.key(), record.value());
      if (checked.change() != null) {
        changes.add(checked.change());
      } else {
        metrics.invalidRecord();
        LOG.warn("Skipped record {}-{}@{} of {}: not a valid change CloudEvent ({})", record.topic(), record.partition(),
            record.offset(), Topics.CHANGES, checked.problem());
      }
    }
    return queries.enqueue(changes, settings.maxAttempts())
        .compose(queued -> commit(records).map(queued))
        .onSuccess(queued -> {
          metrics.queued(queued);
          if (queued > 0) {
            LOG.debug("Queued {} webhook deliveries from {} changes", queued, changes.size());
            vertx.eventBus().publish(WebhookDispatchVerticle.WAKE_ADDRESS, null);
          }
        })
        .recover(e -> seekBack(records).transform(ar -> Future.failedFuture(e)))
        .mapEmpty();
  }

  private Future<Void> commit(KafkaConsumerRecords<String, String> records) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (int i = 0; i < records.size(); i++) {
      KafkaConsumerRecord<String, String> r = records.recordAt(i);
      offsets.merge(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1, ""),
          (a, b) -> a.getOffset() >= b.getOffset() ? a : b);
    }
    return consumer.commit(offsets).mapEmpty();
  }

  private Future<Void> seekBack(KafkaConsumerRecords<String, String> records) {
    Map<TopicPartition, Long> first = new HashMap<>();
    for (int i = 0; i < records.size(); i++) {
      KafkaConsumerRecord<String, String> r = records.recordAt(i);
      first.merge(new TopicPartition(r.topic(), r.partition()), r.offset(), Math::min);
    }
    List<Future<Void>> seeks = new ArrayList<>();
    first.forEach((tp, offset) -> seeks.add(consumer.seek(tp, offset)));
    return Future.all(seeks).mapEmpty();
  }
}
