package io.momentum.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.server.app.MomentumNode;
import io.momentum.server.support.Http;
import io.momentum.server.support.LinkedWork;
import io.momentum.server.support.TestNode;
import io.momentum.server.support.TestOrg;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Headless Chromium against a real node at laptop widths: a team board whose key result lost
 * confidence is opened through a link to its confidence-drop signal. At 1400 and 1280 px, in
 * English and German and with "Live" shown, the header must stay one row without horizontal
 * overflow, and the snooze reason and the drafts strategy textareas must stay inside their
 * cards. The linked signal must be highlighted, and its chart must plot confidence on a 0-10
 * scale with the drop threshold. Screenshots go to {@code server/target/screenshots/}.
 *
 * <p>Needs {@code /usr/bin/chromium} (Debian's package) and the web module's Node and
 * node_modules; see {@link BrowserScript}.
 */
class LayoutBrowserIT {

  @Test
  void headerAndTextareasFitAtLaptopWidths() throws Exception {
    BrowserScript.requireChromium();
    MomentumNode node = TestNode.get();
    TestOrg org = TestOrg.create(node, "layout-web-" + UUID.randomUUID().toString().substring(0, 8)).awaitLive(node);
    Http api = Http.withToken(org.token);
    // Confidence 8, 8, then 3: a drop of 5 points, above the default threshold.
    Instant now = Instant.now();
    int[] confidences = {8, 8, 3};
    for (int i = 0; i < confidences.length; i++) {
      send(api, LinkedWork.checkIn(org, "revenue", 30 + i, confidences[i], now.minus(Duration.ofDays(14 - 7L * i))));
    }
    String signalId = awaitSignal(api, "confidence_drop");

    BrowserScript.Outcome run = BrowserScript.run("scripts/layout-e2e.js", List.of(
        "--url", "http://127.0.0.1:" + TestNode.httpPort(),
        "--email", org.email, "--password", TestOrg.PASSWORD,
        "--unit", org.teamId.toString(), "--signal", signalId,
        "--out", BrowserScript.SCREENSHOTS.toString()), 180);

    JsonObject result = run.result();
    assertThat(result.getString("error")).as(run.output()).isNull();
    for (String view : List.of("en-1400", "de-1400", "en-1280", "de-1280")) {
      JsonObject header = result.getJsonObject("header").getJsonObject(view);
      assertThat(header.getInteger("overflow")).as("header overflow at " + view).isLessThanOrEqualTo(0);
      assertThat(header.getJsonArray("wrapped")).as("header items on a second row at " + view).isEmpty();
    }
    for (String language : List.of("en", "de")) {
      assertThat(result.getJsonObject("snoozeOverhang").getDouble(language)).as("snooze reason, " + language).isLessThanOrEqualTo(0);
      assertThat(result.getJsonObject("draftOverhang").getDouble(language)).as("drafts strategy, " + language).isLessThanOrEqualTo(0);
    }
    assertThat(result.getBoolean("signalLinked")).isTrue();
    assertThat(result.getBoolean("evidenceOpen")).isTrue();
    assertThat(result.getString("chartMetric")).isEqualTo("confidence");
    assertThat(result.getString("chartTitle")).isEqualTo("Confidence (0–10) at each check-in");
    assertThat(result.getJsonArray("chartScale").getList()).containsExactly("0", "10");
    assertThat(result.getInteger("chartThreshold")).isEqualTo(1);
    assertThat(result.getJsonArray("unexpectedConsoleErrors")).isEmpty();
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(BrowserScript.SCREENSHOTS.resolve("layout-header-de-1400.png")).exists();
  }

  private static void send(Http api, JsonObject event) {
    HttpResponse<Buffer> sent = api.postRaw("/api/v1/events", event.encode(), "application/cloudevents+json");
    assertThat(sent.statusCode()).as(sent.bodyAsString()).isEqualTo(202);
  }

  /** Waits until the organisation has an unresolved signal of {@code kind} and returns its id. */
  private static String awaitSignal(Http api, String kind) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 30_000;
    while (System.currentTimeMillis() < deadline) {
      for (Object item : Http.json(api.get("/api/v1/signals")).getJsonArray("items")) {
        JsonObject signal = (JsonObject) item;
        if (kind.equals(signal.getString("kind")) && !"resolved".equals(signal.getString("state"))) {
          return signal.getString("id");
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("No " + kind + " signal was raised within 30 s");
  }
}
