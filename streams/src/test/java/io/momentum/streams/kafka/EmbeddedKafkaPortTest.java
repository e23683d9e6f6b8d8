package io.momentum.streams.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The broker port of a restarted data directory: a free requested port wins over the saved one. */
class EmbeddedKafkaPortTest {

  @TempDir
  Path dataDir;

  @Test
  void requestedPortWinsOverSavedPort() throws Exception {
    String first;
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, 0)) {
      first = kafka.bootstrapServers();
    }
    int requested = freePort();

    try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, requested)) {
      assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + requested);
    }
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, 0)) {
      assertThat(kafka.bootstrapServers()).as("without a request the saved port is reused").isEqualTo("127.0.0.1:" + requested);
    }
    assertThat(first).isNotEqualTo("127.0.0.1:" + requested);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
