package io.momentum.server.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One attempt of {@link WebhookSender} against receivers on 127.0.0.1, without a Momentum node. */
class WebhookSenderIT {

  private static final byte[] BODY = "{\"specversion\":\"1.0\",\"id\":\"e1\"}".getBytes(StandardCharsets.UTF_8);
  private static Vertx vertx;

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopVertx() {
    vertx.close().await();
  }

  private static WebhookSender sender(boolean allowPrivate) {
    return new WebhookSender(vertx, new WebhookSettings(allowPrivate, Duration.ofSeconds(1), List.of(Duration.ofSeconds(1)),
        4, Duration.ofSeconds(1), Duration.ofDays(30)), Clock.systemUTC());
  }

  private static WebhookSender.Request request(String url) {
    return new WebhookSender.Request(url, "s3cret-s3cret-s3cret", "d-1", "momentum.cycle.created", BODY);
  }

  @Test
  void privateAddressRefusedWhenSettingOff() throws InterruptedException {
    try (Receiver receiver = Receiver.start(vertx)) {
      WebhookSender.Outcome outcome = sender(false).send(request(receiver.url())).await();

      assertThat(outcome.delivered()).isFalse();
      assertThat(outcome.statusCode()).isNull();
      assertThat(outcome.error()).contains("127.0.0.1").contains("MOMENTUM_WEBHOOKS_ALLOW_PRIVATE");
      Thread.sleep(200);
      assertThat(receiver.received()).isEmpty();
    }
  }

  @Test
  void localhostNameRefusedWhenSettingOff() throws InterruptedException {
    try (Receiver receiver = Receiver.start(vertx)) {
      String url = receiver.url().replace("127.0.0.1", "localhost");

      WebhookSender.Outcome outcome = sender(false).send(request(url)).await();

      assertThat(outcome.error()).contains("localhost resolves to");
      Thread.sleep(200);
      assertThat(receiver.received()).isEmpty();
    }
  }

  @Test
  void postCarriesSignedBodyAndHeaders() {
    try (Receiver receiver = Receiver.start(vertx)) {
      WebhookSender.Outcome outcome = sender(true).send(request(receiver.url())).await();

      assertThat(outcome.delivered()).isTrue();
      assertThat(outcome.statusCode()).isEqualTo(200);
      assertThat(outcome.responseBody()).isEqualTo("ok");
      Receiver.Received received = receiver.received().get(0);
      assertThat(received.body()).isEqualTo(BODY);
      assertThat(received.header("Content-Type")).isEqualTo("application/cloudevents+json");
      assertThat(received.header("X-Momentum-Signature")).isEqualTo(WebhookSignature.sign("s3cret-s3cret-s3cret", BODY));
      assertThat(received.header("X-Momentum-Delivery")).isEqualTo("d-1");
      assertThat(received.header("X-Momentum-Event")).isEqualTo("momentum.cycle.created");
      assertThat(received.header("User-Agent")).isEqualTo(WebhookSender.USER_AGENT);
    }
  }

  @Test
  void redirectIsNotFollowed() throws InterruptedException {
    try (Receiver receiver = Receiver.start(vertx).alwaysAnswer(302)) {
      WebhookSender.Outcome outcome = sender(true).send(request(receiver.url())).await();

      assertThat(outcome.delivered()).isFalse();
      assertThat(outcome.statusCode()).isEqualTo(302);
      Thread.sleep(200);
      assertThat(receiver.received()).hasSize(1);
    }
  }

  @Test
  void retryAfterReadOn503() {
    try (Receiver receiver = Receiver.start(vertx).alwaysAnswer(503).retryAfter("42")) {
      WebhookSender.Outcome outcome = sender(true).send(request(receiver.url())).await();

      assertThat(outcome.statusCode()).isEqualTo(503);
      assertThat(outcome.retryAfter()).isEqualTo(Duration.ofSeconds(42));
    }
  }

  @Test
  void slowReceiverTimesOut() {
    var server = vertx.createHttpServer().requestHandler(request -> {
      // Never answers.
    });
    server.listen(0, "127.0.0.1").await();
    try {
      WebhookSender.Outcome outcome = sender(true).send(request("http://127.0.0.1:" + server.actualPort() + "/slow")).await();

      assertThat(outcome.statusCode()).isNull();
      assertThat(outcome.error()).contains("timed out after 1000 ms");
      assertThat(outcome.durationMs()).isBetween(900L, 3000L);
    } finally {
      server.close().await();
    }
  }

  @Test
  void closedPortReportsError() throws Exception {
    int port;
    try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }

    WebhookSender.Outcome outcome = sender(true).send(request("http://127.0.0.1:" + port + "/gone")).await();

    assertThat(outcome.statusCode()).isNull();
    assertThat(outcome.error()).startsWith("The request failed");
  }
}
