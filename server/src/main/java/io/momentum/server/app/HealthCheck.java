package io.momentum.server.app;

import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.sqlclient.Pool;
import java.util.Map;

/**
 * {@code GET /health}: the state of each dependency (PostgreSQL, Kafka, the Hazelcast cluster).
 * Answers 200 when all are up and 503 otherwise; {@code ?probe=live} only says the process runs.
 */
final class HealthCheck {

  private static final long TIMEOUT_MS = 2_000;

  private final Vertx vertx;
  private final Pool pool;
  private final HazelcastInstance hazelcast;
  private final KafkaAdminClient kafka;

  HealthCheck(Vertx vertx, Pool pool, HazelcastInstance hazelcast, String kafkaBootstrap) {
    this.vertx = vertx;
    this.pool = pool;
    this.hazelcast = hazelcast;
    this.kafka = KafkaAdminClient.create(vertx, Map.of(
        "bootstrap.servers", kafkaBootstrap,
        "client.id", "momentum-health",
        "request.timeout.ms", String.valueOf(TIMEOUT_MS),
        "default.api.timeout.ms", String.valueOf(TIMEOUT_MS)));
  }

  /** Closes the Kafka admin client. */
  Future<Void> close() {
    return kafka.close();
  }

  void handle(RoutingContext ctx) {
    if ("live".equals(ctx.request().getParam("probe"))) {
      ctx.json(new JsonObject().put("status", "up"));
      return;
    }
    Future<JsonObject> database = timed(pool.query("SELECT 1").execute().mapEmpty());
    Future<JsonObject> broker = timed(kafka.describeCluster().map(c -> c.getNodes().size()))
        .map(json -> json.put("brokers", json.remove("value")));
    Future<JsonObject> cluster = Future.succeededFuture(new JsonObject()
        .put("status", hazelcast.getLifecycleService().isRunning() ? "up" : "down")
        .put("members", hazelcast.getCluster().getMembers().size()));
    Future.join(database, broker, cluster).onComplete(ar -> {
      JsonObject checks = new JsonObject()
          .put("database", database.result())
          .put("kafka", broker.result())
          .put("cluster", cluster.result());
      boolean up = checks.stream().allMatch(e -> "up".equals(((JsonObject) e.getValue()).getString("status")));
      ctx.response().setStatusCode(up ? 200 : 503);
      ctx.json(new JsonObject().put("status", up ? "up" : "down").put("checks", checks));
    });
  }

  /** Runs a check with a timeout and describes its outcome; never fails. */
  private Future<JsonObject> timed(Future<?> check) {
    long started = System.nanoTime();
    return check.timeout(TIMEOUT_MS, java.util.concurrent.TimeUnit.MILLISECONDS)
        .map(value -> new JsonObject().put("status", "up")
            .put("latencyMs", (System.nanoTime() - started) / 1_000_000)
            .put("value", value))
        .otherwise(e -> new JsonObject().put("status", "down").put("error", e.getClass().getSimpleName()));
  }
}
