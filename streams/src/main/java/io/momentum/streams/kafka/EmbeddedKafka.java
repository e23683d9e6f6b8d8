package io.momentum.streams.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller in one process), running
 * inside this JVM on loopback. Its log lives under a directory of the caller's, so a restarted
 * demo keeps its topics and offsets.
 *
 * <p>{@link #start} blocks for about two seconds: call it from a worker thread.
 */
public final class EmbeddedKafka implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
  private static final String PORTS_FILE = "momentum-ports.properties";

  private final Path dataDir;
  private final int brokerPort;
  private final KafkaRaftServer server;

  private EmbeddedKafka(Path dataDir, int brokerPort, KafkaRaftServer server) {
    this.dataDir = dataDir;
    this.brokerPort = brokerPort;
    this.server = server;
  }

  /**
   * Formats the storage under {@code dataDir} when it is new and starts the broker.
   *
   * @param preferredPort broker port to use when it is free; with 0, or when it is taken, a data
   *     directory that was used before reuses its previous broker port when that is free, else
   *     any free port is taken. The controller port of a data directory is kept when free.
   */
  public static EmbeddedKafka start(Path dataDir, int preferredPort) throws IOException {
    Files.createDirectories(dataDir);
    Path logDir = dataDir.resolve("log");
    Properties ports = loadPorts(dataDir);
    int brokerPort = preferredPort > 0 && isFree(preferredPort) ? preferredPort
        : pickPort(Integer.parseInt(ports.getProperty("broker", "0")));
    int controllerPort = pickPort(Integer.parseInt(ports.getProperty("controller", "0")));
    if (brokerPort == controllerPort) {
      controllerPort = pickPort(0);
    }
    ports.setProperty("broker", String.valueOf(brokerPort));
    ports.setProperty("controller", String.valueOf(controllerPort));
    savePorts(dataDir, ports);

    Properties props = brokerProperties(logDir, brokerPort, controllerPort);
    Path configFile = dataDir.resolve("server.properties");
    try (OutputStream out = Files.newOutputStream(configFile)) {
      props.store(out, "Written by Momentum for the in-process Kafka broker");
    }
    if (!Files.exists(logDir.resolve("meta.properties"))) {
      formatStorage(configFile);
    }

    long started = System.nanoTime();
    KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
    server.startup();
    LOG.info("Started in-process Kafka broker on 127.0.0.1:{} in {} ms, data in {}",
        brokerPort, (System.nanoTime() - started) / 1_000_000, dataDir);
    return new EmbeddedKafka(dataDir, brokerPort, server);
  }

  /** Returns the bootstrap-server list for clients, such as {@code 127.0.0.1:9092}. */
  public String bootstrapServers() {
    return "127.0.0.1:" + brokerPort;
  }

  /** Directory holding the broker's configuration and log. */
  public Path dataDir() {
    return dataDir;
  }

  /** Stops the broker and waits until it has shut down. */
  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
    LOG.info("Stopped in-process Kafka broker on 127.0.0.1:{}", brokerPort);
  }

  private static Properties brokerProperties(Path logDir, int brokerPort, int controllerPort) {
    Properties props = new Properties();
    props.setProperty("process.roles", "broker,controller");
    props.setProperty("node.id", "1");
    props.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    props.setProperty("listeners",
        "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
    props.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
    props.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    props.setProperty("controller.listener.names", "CONTROLLER");
    props.setProperty("inter.broker.listener.name", "PLAINTEXT");
    props.setProperty("log.dirs", logDir.toString());
    props.setProperty("num.partitions", "6");
    props.setProperty("offsets.topic.replication.factor", "1");
    props.setProperty("offsets.topic.num.partitions", "6");
    props.setProperty("transaction.state.log.replication.factor", "1");
    props.setProperty("transaction.state.log.min.isr", "1");
    props.setProperty("share.coordinator.state.topic.replication.factor", "1");
    props.setProperty("share.coordinator.state.topic.min.isr", "1");
    props.setProperty("group.initial.rebalance.delay.ms", "0");
    props.setProperty("auto.create.topics.enable", "false");
    props.setProperty("log.retention.hours", "168");
    props.setProperty("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
    return props;
  }

  private static void formatStorage(Path configFile) {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int exit;
    try (PrintStream stream = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      exit = StorageTool.execute(new String[] {
          "format", "-t", Uuid.randomUuid().toString(), "-c", configFile.toString()}, stream);
    }
    if (exit != 0) {
      throw new IllegalStateException("Formatting the Kafka storage failed (exit " + exit + "): "
          + output.toString(StandardCharsets.UTF_8));
    }
  }

  private static int pickPort(int preferred) throws IOException {
    if (preferred > 0 && isFree(preferred)) {
      return preferred;
    }
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return true;
    } catch (IOException busy) {
      LOG.info("Port {} is in use; the in-process Kafka broker takes another one", port);
      return false;
    }
  }

  private static Properties loadPorts(Path dataDir) throws IOException {
    Properties ports = new Properties();
    Path file = dataDir.resolve(PORTS_FILE);
    if (Files.exists(file)) {
      try (InputStream in = Files.newInputStream(file)) {
        ports.load(in);
      }
    }
    return ports;
  }

  private static void savePorts(Path dataDir, Properties ports) throws IOException {
    try (OutputStream out = Files.newOutputStream(dataDir.resolve(PORTS_FILE))) {
      ports.store(out, "Ports of the in-process Kafka broker, reused on the next start");
    }
  }
}
