package io.momentum.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.server.app.MomentumNode;
import io.momentum.server.support.TestNode;
import io.momentum.server.support.TestOrg;
import io.momentum.server.webhooks.Receiver;
import io.momentum.server.webhooks.WebhookRoutes;
import io.momentum.server.webhooks.WebhookSignature;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Headless Chromium against a real node through the outbound webhooks section of the
 * integrations page: an administrator creates a webhook for a receiver on 127.0.0.1, copies the
 * secret shown once, presses "Send test" and reads the delivery log, then in German. Screenshots
 * go to {@code server/target/screenshots/webhooks-*.png}.
 */
class WebhooksBrowserIT {

  @Test
  void sendTestReachesReceiverInTheBrowser() throws Exception {
    BrowserScript.requireChromium();
    MomentumNode node = TestNode.get();
    TestOrg org = TestOrg.create(node, "hookui-" + UUID.randomUUID().toString().substring(0, 8));
    node.services().pool().preparedQuery("UPDATE users SET role = 'admin' WHERE org_id = $1 AND id = $2")
        .execute(Tuple.of(org.orgId, org.userId)).await();
    Vertx vertx = Vertx.vertx();
    try (Receiver receiver = Receiver.start(vertx)) {
      BrowserScript.Outcome run = BrowserScript.run("scripts/webhooks-e2e.js", List.of(
          "--url", "http://127.0.0.1:" + TestNode.httpPort(),
          "--email", org.email, "--password", TestOrg.PASSWORD,
          "--receiver", receiver.url(),
          "--out", BrowserScript.SCREENSHOTS.toString()), 120);

      JsonObject result = run.result();
      assertThat(result.getString("error")).as(run.output()).isNull();

      // The secret is shown once, copied alike, and gone after closing.
      String secret = result.getString("secret");
      assertThat(secret).matches("whsec_[0-9a-f]{64}");
      assertThat(result.getString("secretCopied")).isEqualTo(secret);
      assertThat(result.getBoolean("secretShownAfterClose")).isFalse();
      assertThat(result.getString("createdNotice")).isEqualTo("Webhook Ops receiver created.");
      assertThat(result.getString("typesShown")).isEqualTo("Key-result status changed, Check-in recorded");

      // "Send test": the receiver got one signed test event, and the page shows it delivered.
      List<Receiver.Received> received = receiver.received();
      assertThat(received).hasSize(1);
      assertThat(received.get(0).header("X-Momentum-Event")).isEqualTo(WebhookRoutes.TEST_EVENT_TYPE);
      assertThat(received.get(0).header("X-Momentum-Signature")).isEqualTo(WebhookSignature.sign(secret, received.get(0).body()));
      assertThat(result.getString("testResult")).matches("Test delivered: HTTP 200 in \\d+ ms\\.");
      assertThat(result.getString("logState")).isEqualTo("delivered");
      assertThat(result.getString("logLast")).isEqualTo("HTTP 200");
      assertThat(result.getString("logAttempts")).isEqualTo("1 of 1");
      assertThat(result.getString("attemptShown")).startsWith("Attempt 1 at").contains("HTTP 200").contains("ok");

      JsonObject german = result.getJsonObject("german");
      assertThat(german.getString("heading")).isEqualTo("Ausgehende Webhooks");
      assertThat(german.getString("testButton")).isEqualTo("Test senden");
      assertThat(german.getString("logState")).isEqualTo("zugestellt");
      assertThat(german.getJsonArray("leaked")).isEqualTo(new JsonArray());

      assertThat(result.getJsonArray("unexpectedConsoleErrors")).as(run.output()).isEmpty();
      assertThat(run.exitCode()).as(run.output()).isZero();
      assertThat(BrowserScript.SCREENSHOTS.resolve("webhooks-03-test-and-log.png")).exists();
    } finally {
      vertx.close().await();
    }
  }
}
