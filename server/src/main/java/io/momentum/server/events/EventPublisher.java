package io.momentum.server.events;

import io.momentum.streams.event.CloudEvent;
import io.momentum.streams.event.EventType;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Publishes events into Kafka, keyed by organisation id, so that HTTP ingest, check-ins made in
 * the web app and services producing to Kafka directly all share one pipeline. A send completes
 * when every in-sync replica has the record.
 */
public final class EventPublisher {

  private final KafkaProducer<String, String> producer;

  public EventPublisher(Vertx vertx, String bootstrapServers) {
    this.producer = KafkaProducer.createShared(vertx, "momentum-events", Map.of(
        "bootstrap.servers", bootstrapServers,
        "key.serializer", "org.apache.kafka.common.serialization.StringSerializer",
        "value.serializer", "org.apache.kafka.common.serialization.StringSerializer",
        "acks", "all",
        "enable.idempotence", "true",
        "linger.ms", "2",
        "client.id", "momentum-http-ingest"));
  }

  /** Publishes validated events; completes when Kafka has all of them. */
  public Future<Void> publish(List<CloudEvent> events) {
    List<Future<?>> sends = new ArrayList<>(events.size());
    for (CloudEvent event : events) {
      sends.add(producer.send(KafkaProducerRecord.create(event.type().topic(), event.orgId(), event.json().encode())));
    }
    return Future.all(sends).mapEmpty();
  }

  /**
   * Tells the owner of the organisation's engine that a definition changed in PostgreSQL, so the
   * engine reloads it and live boards show it.
   *
   * @param entity {@code node}, {@code unit} or {@code cycle}, or {@code settings} or {@code links}
   *     with the organisation id as {@code id} (see {@link #settingsChanged} and {@link #linksChanged})
   */
  public Future<Void> definitionChanged(String orgId, String entity, String id) {
    JsonObject event = new JsonObject()
        .put("specversion", "1.0")
        .put("id", UUID.randomUUID().toString())
        .put("source", "urn:momentum:server")
        .put("type", EventType.DEFINITION_CHANGED.wire())
        .put("subject", id)
        .put("time", Instant.now().toString())
        .put("orgid", orgId)
        .put("datacontenttype", "application/json")
        .put("data", new JsonObject().put("entity", entity).put("id", id));
    return producer.send(KafkaProducerRecord.create(EventType.DEFINITION_CHANGED.topic(), orgId, event.encode())).mapEmpty();
  }

  /**
   * Tells the owner of the organisation's engine that the stale period or a signal threshold
   * changed, so the engine and its signal detector apply the stored settings.
   */
  public Future<Void> settingsChanged(String orgId) {
    return definitionChanged(orgId, "settings", orgId);
  }

  /**
   * Tells the owner of the organisation's engine that a contribution or impact link was added or
   * removed, so its signal detector reloads the organisation's links.
   */
  public Future<Void> linksChanged(String orgId) {
    return definitionChanged(orgId, "links", orgId);
  }

  /** Closes the producer after sending what it holds. */
  public Future<Void> close() {
    return producer.close();
  }
}
