package io.momentum.server.support;

import io.momentum.server.app.MomentumNode;
import io.momentum.server.config.MomentumConfig;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * One real Momentum node shared by the integration tests of a test JVM: embedded PostgreSQL, an
 * in-process Kafka broker, a one-member Hazelcast cluster with a name no other process uses, and HTTP on a free
 * loopback port. Tests isolate themselves by creating organisations of their own.
 */
public final class TestNode {

  /** Waits before the second and third attempt of a webhook delivery on the test node, in seconds. */
  public static final String WEBHOOK_RETRY_SECONDS = "0.3,1.2";

  /**
   * How long a value- or confidence-driven signal condition must stay clear on the test node before
   * the signal resolves, short so tests see the resolve while still proving the settling.
   */
  public static final Duration SIGNAL_SETTLE = Duration.ofSeconds(3);

  private static MomentumNode node;
  private static int httpPort;

  private TestNode() {
  }

  /** Returns the running node, starting it on first use. */
  public static synchronized MomentumNode get() {
    if (node == null) {
      try {
        node = start();
      } catch (Exception e) {
        throw new IllegalStateException("Starting the test node failed", e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(node::close, "test-node-shutdown"));
      awaitConsuming(node);
    }
    return node;
  }

  /**
   * Waits until the ingest consumer has its partitions, by building one organisation's engine.
   * An assignment that arrived later would build the engines of every organisation, including
   * one a test is still writing into PostgreSQL.
   */
  private static void awaitConsuming(MomentumNode started) {
    try {
      TestOrg.create(started, "warm-up-" + UUID.randomUUID().toString().substring(0, 8)).awaitLive(started);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the test node to consume", e);
    }
  }

  /** HTTP port of the running node. */
  public static int httpPort() {
    get();
    return httpPort;
  }

  private static MomentumNode start() throws Exception {
    Path dataDir = Files.createTempDirectory("momentum-test-");
    httpPort = freePort();
    JsonObject raw = MomentumConfig.defaults()
        .put("MOMENTUM_HTTP_PORT", String.valueOf(httpPort))
        .put("MOMENTUM_DATA_DIR", dataDir.toString())
        .put("MOMENTUM_KAFKA_PORT", "0")
        .put("MOMENTUM_KAFKA_PARTITIONS", "3")
        .put("MOMENTUM_CLUSTER_NAME", "momentum-test-" + UUID.randomUUID())
        .put("MOMENTUM_CLUSTER_PORT", "5801")
        .put("MOMENTUM_TICK_SECONDS", "3600")
        .put("MOMENTUM_SIGNAL_SETTLE_SECONDS", String.valueOf(SIGNAL_SETTLE.toSeconds()))
        // Webhook tests send to receivers on loopback and wait for retries, so both are made possible and fast.
        .put("MOMENTUM_WEBHOOKS_ALLOW_PRIVATE", "true")
        .put("MOMENTUM_WEBHOOKS_RETRY_SECONDS", WEBHOOK_RETRY_SECONDS)
        .put("MOMENTUM_WEBHOOKS_TIMEOUT_SECONDS", "3")
        .put("MOMENTUM_WEBHOOKS_POLL_MILLIS", "100");
    return MomentumNode.start(MomentumConfig.from(raw), MomentumNode.Mode.SERVE, null);
  }

  /** Replaces the database of a postgresql:// URL, so every test run gets a fresh one. */
  public static String withDatabase(String url, String database) {
    int query = url.indexOf('?');
    String base = query < 0 ? url : url.substring(0, query);
    String params = query < 0 ? "" : url.substring(query);
    int slash = base.indexOf('/', "postgresql://".length());
    return (slash < 0 ? base : base.substring(0, slash)) + "/" + database + params;
  }

  /** Returns a port that was free a moment ago on loopback. */
  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** Names of the inbound topics, for tests that produce to Kafka directly. */
  public static List<String> topics() {
    return io.momentum.streams.event.Topics.INBOUND;
  }
}
