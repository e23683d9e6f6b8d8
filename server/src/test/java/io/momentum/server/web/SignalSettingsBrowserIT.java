package io.momentum.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.server.app.MomentumNode;
import io.momentum.server.support.Cadence;
import io.momentum.server.support.Http;
import io.momentum.server.support.LinkedWork;
import io.momentum.server.support.TestNode;
import io.momentum.server.support.TestOrg;
import io.momentum.server.support.TestProducer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Headless Chromium against a real node through the Signals section of the settings page. An
 * admin's out-of-range value is rejected at its field without a request. A confidence drop
 * threshold lowered to 2 points is stored and shown after a reload. The running engine then raises
 * a confidence drop of 2 points that the default threshold of 3 left alone. Screenshots go to
 * {@code server/target/screenshots/}.
 */
class SignalSettingsBrowserIT {

  @Test
  void adminChangesThresholdInBrowser() throws Exception {
    BrowserScript.requireChromium();
    MomentumNode node = TestNode.get();
    TestOrg org = TestOrg.create(node, "sigweb-" + UUID.randomUUID().toString().substring(0, 8)).awaitLive(node);
    node.services().pool().preparedQuery("UPDATE users SET role = 'admin' WHERE org_id = $1 AND id = $2")
        .execute(Tuple.of(org.orgId, org.userId)).await();
    produceCheckInsDroppingByTwo(node, org);
    Cadence.awaitNode(Http.withToken(org.token), org.keyResults.get("revenue").toString(),
        n -> Integer.valueOf(6).equals(n.getInteger("confidence")));
    assertThat(openConfidenceDrops(org)).as("a drop of 2 under the default threshold of 3").isEmpty();

    BrowserScript.Outcome run = BrowserScript.run("scripts/signal-settings-e2e.js", List.of(
        "--url", "http://127.0.0.1:" + TestNode.httpPort(),
        "--email", org.email, "--password", TestOrg.PASSWORD, "--token", org.token,
        "--out", BrowserScript.SCREENSHOTS.toString()), 180);

    JsonObject result = run.result();
    assertThat(result.getString("error")).as(run.output()).isNull();
    assertThat(result.getString("rangeError")).isEqualTo("Enter a whole number from 2 to 20.");
    assertThat(result.getInteger("patchesForInvalid")).isZero();
    assertThat(result.getJsonObject("stored").getInteger("signalConfidenceDrop")).isEqualTo(2);
    assertThat(result.getJsonObject("stored").getDouble("signalAnomalyZ")).isEqualTo(4.25);
    assertThat(result.getJsonObject("shownAfterReload").getString("signalConfidenceDrop")).isEqualTo("2");
    assertThat(result.getJsonArray("settingsConsoleErrors")).as("console errors on the settings page").isEmpty();
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(BrowserScript.SCREENSHOTS.resolve("signal-settings.png")).exists();
    assertThat(BrowserScript.SCREENSHOTS.resolve("signal-settings-invalid.png")).exists();
    assertThat(awaitConfidenceDrop(org)).as("confidence_drop raised with the saved threshold").isTrue();
  }

  /** Produces check-ins with confidence 8, 8 and 6, a drop the default threshold of 3 ignores. */
  private static void produceCheckInsDroppingByTwo(MomentumNode node, TestOrg org) throws Exception {
    Instant now = Instant.now();
    try (TestProducer producer = new TestProducer(node)) {
      producer.send(org, LinkedWork.checkIn(org, "revenue", 30, 8, now.minus(Duration.ofDays(14))));
      producer.send(org, LinkedWork.checkIn(org, "revenue", 32, 8, now.minus(Duration.ofDays(7))));
      producer.send(org, LinkedWork.checkIn(org, "revenue", 33, 6, now));
    }
  }

  private static JsonArray openConfidenceDrops(TestOrg org) {
    String query = "/api/v1/signals?kind=confidence_drop&state=open&node=" + org.keyResults.get("revenue");
    return Http.json(Http.withToken(org.token).get(query)).getJsonArray("items");
  }

  private static boolean awaitConfidenceDrop(TestOrg org) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 20_000;
    while (System.currentTimeMillis() < deadline) {
      JsonArray items = openConfidenceDrops(org);
      if (!items.isEmpty()) {
        return items.getJsonObject(0).getJsonObject("params").getInteger("drop") == 2;
      }
      Thread.sleep(100);
    }
    return false;
  }
}
