package io.momentum.server.support;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a change topic from its beginning with a consumer group of its own, as a system that
 * reacts to Momentum's changes would. Delivery is at least once, so like such a system it keeps
 * the first copy of each CloudEvent id, and it counts every record read.
 */
public final class ChangeTopicReader implements AutoCloseable {

  /** One record of the topic: its key and its value parsed as a CloudEvent. */
  public record Change(String key, JsonObject event) {

    public String type() {
      return event.getString("type");
    }

    public JsonObject data() {
      return event.getJsonObject("data");
    }
  }

  private final KafkaConsumer<String, String> consumer;
  private final List<Change> read = new ArrayList<>();
  private final List<Change> copies = new ArrayList<>();
  private final Set<String> ids = new HashSet<>();

  public ChangeTopicReader(String bootstrapServers, String topic) {
    Properties props = new Properties();
    props.put("bootstrap.servers", bootstrapServers);
    props.put("group.id", "change-reader-" + UUID.randomUUID());
    props.put("auto.offset.reset", "earliest");
    props.put("enable.auto.commit", "false");
    consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    consumer.subscribe(Set.of(topic));
  }

  /**
   * Polls until {@code count} records that match have been read, then returns them in topic
   * order; fails after {@code timeout}.
   */
  public List<Change> await(Predicate<Change> match, int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<Change> matching = read.stream().filter(match).toList();
      if (matching.size() >= count) {
        return matching;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Read " + matching.size() + " of " + count + " expected changes within " + timeout
            + "; records read: " + read.size());
      }
      pollOnce(Duration.ofMillis(200));
    }
  }

  /** Polls for {@code duration} and returns every matching record read so far. */
  public List<Change> readFor(Predicate<Change> match, Duration duration) {
    long deadline = System.nanoTime() + duration.toNanos();
    while (System.nanoTime() < deadline) {
      pollOnce(Duration.ofMillis(200));
    }
    return read.stream().filter(match).toList();
  }

  private void pollOnce(Duration timeout) {
    for (ConsumerRecord<String, String> record : consumer.poll(timeout)) {
      Change change = new Change(record.key(), new JsonObject(record.value()));
      copies.add(change);
      if (ids.add(change.event().getString("id"))) {
        read.add(change);
      }
    }
  }

  /** Returns every matching record read so far, repeated copies of an id included. */
  public List<Change> copies(Predicate<Change> match) {
    return copies.stream().filter(match).toList();
  }

  /** Returns a predicate for the changes of one organisation and type. */
  public static Predicate<Change> of(String orgId, String type) {
    return change -> orgId.equals(change.key()) && type.equals(change.type());
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(2));
  }
}
