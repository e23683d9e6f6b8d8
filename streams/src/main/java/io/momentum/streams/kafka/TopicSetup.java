package io.momentum.streams.kafka;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.kafka.admin.NewTopic;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates Momentum's Kafka topics when they are missing. */
public final class TopicSetup {

  private static final Logger LOG = LoggerFactory.getLogger(TopicSetup.class);

  private TopicSetup() {
  }

  /**
   * Creates each missing topic with {@code partitions} partitions and the given replication
   * factor; existing topics are left as they are.
   */
  public static Future<Void> ensureTopics(Vertx vertx, String bootstrapServers, List<String> topics,
                                          int partitions, short replicationFactor) {
    KafkaAdminClient admin = KafkaAdminClient.create(vertx, Map.of(
        "bootstrap.servers", bootstrapServers,
        "client.id", "momentum-topic-setup"));
    return admin.listTopics()
        .compose(existing -> {
          List<NewTopic> missing = topics.stream()
              .filter(t -> !existing.contains(t))
              .map(t -> new NewTopic(t, partitions, replicationFactor))
              .toList();
          if (missing.isEmpty()) {
            return Future.succeededFuture();
          }
          LOG.info("Creating Kafka topics {} with {} partitions", missing.stream().map(NewTopic::getName).toList(), partitions);
          return admin.createTopics(missing);
        })
        .eventually(admin::close);
  }
}
