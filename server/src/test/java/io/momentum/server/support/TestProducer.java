package io.momentum.server.support;

import io.momentum.server.app.MomentumNode;
import io.momentum.streams.event.Topics;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** A Kafka producer on the node's broker that sends events to {@code momentum.progress}, keyed by organisation as services do. */
public final class TestProducer implements AutoCloseable {

  private final KafkaProducer<String, String> producer;

  public TestProducer(MomentumNode node) {
    producer = new KafkaProducer<>(Map.of("bootstrap.servers", node.services().kafkaBootstrap(), "acks", "all"),
        new StringSerializer(), new StringSerializer());
  }

  /** Sends one event of the organisation and waits until the broker has it. */
  public void send(TestOrg org, JsonObject event) throws Exception {
    producer.send(new ProducerRecord<>(Topics.PROGRESS, org.orgId, event.encode())).get();
  }

  @Override
  public void close() {
    producer.close();
  }
}
