package io.momentum.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.server.app.MomentumNode;
import io.momentum.server.support.Events;
import io.momentum.server.support.Http;
import io.momentum.server.support.LinkedWork;
import io.momentum.server.support.TestNode;
import io.momentum.server.support.TestOrg;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Headless Chromium against a real node: a team board is open in the browser when a signal is
 * raised, by the stale-source detector run at a time two hours after the source's last value, or
 * by the ingest's detector when a key result stalls while its linked work closes. The signal must
 * arrive on the page live, with its explanation and evidence. Screenshots go to {@code
 * server/target/screenshots/}.
 *
 * <p>Needs {@code /usr/bin/chromium} (Debian's package) and the web module's Node and
 * node_modules; see {@link BrowserScript}.
 */
class SignalBrowserIT {

  @Test
  void staleSourceArrivesOnOpenBoard() throws Exception {
    BrowserScript.requireChromium();
    MomentumNode node = TestNode.get();
    // This test chooses the detector's time; a periodic run at the real time would undo its signal.
    node.staleSources().stop();
    TestOrg org = TestOrg.create(node, "sig-web-" + UUID.randomUUID().toString().substring(0, 8)).awaitLive(node);
    Http api = Http.withToken(org.token);
    String source = "urn:service:checkout-" + UUID.randomUUID().toString().substring(0, 8);
    JsonObject registered = sendAndRegister(api, org, source);
    HttpResponse<Buffer> patched = api.patch("/api/v1/sources/" + registered.getString("id"),
        new JsonObject().put("label", "Checkout service").put("expectedIntervalSeconds", 3600));
    assertThat(patched.statusCode()).as(patched.bodyAsString()).isEqualTo(200);
    Path ready = Files.createTempDirectory("signals-e2e-").resolve("board-open");

    CompletableFuture<BrowserScript.Outcome> browser = CompletableFuture.supplyAsync(() -> {
      try {
        return BrowserScript.run("scripts/signals-e2e.js", List.of(
            "--url", "http://127.0.0.1:" + TestNode.httpPort(),
            "--email", org.email, "--password", TestOrg.PASSWORD,
            "--unit", org.teamId.toString(), "--key", "revenue",
            "--ready", ready.toString(), "--out", BrowserScript.SCREENSHOTS.toString()), 180);
      } catch (Exception e) {
        throw new IllegalStateException("Running the browser script failed", e);
      }
    });
    awaitFile(ready, browser);
    Instant later = Instant.parse(registered.getString("lastSeen")).plus(Duration.ofHours(2));
    node.staleSources().run(later).await();
    BrowserScript.Outcome run = browser.get(200, TimeUnit.SECONDS);

    JsonObject result = run.result();
    assertThat(result.getString("error")).as(run.output()).isNull();
    assertThat(result.getString("updatedSource")).isEqualTo("Checkout service");
    assertThat(result.getInteger("badgesBefore")).isZero();
    assertThat(result.getString("state")).isEqualTo("open");
    assertThat(result.getString("explanation")).startsWith("Checkout service has sent no value since");
    assertThat(result.getString("explanation")).contains("quiet for 2 h, longer than its expected interval of 1 h (set by a person)");
    assertThat(result.getString("badge")).isEqualTo("1 signal");
    assertThat(result.getString("evidence")).contains("Grow revenue", source);
    assertThat(result.getString("germanExplanation")).startsWith("Checkout service hat seit");
    assertThat(result.getBoolean("resolveDisabledWithoutReason")).isTrue();
    assertThat(result.getInteger("badgesAfterResolve")).isZero();
    assertThat(result.getJsonArray("unexpectedConsoleErrors")).isEmpty();
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(BrowserScript.SCREENSHOTS.resolve("signals-live.png")).exists();
  }

  @Test
  void stalledKeyResultArrivesOnOpenBoard() throws Exception {
    BrowserScript.requireChromium();
    MomentumNode node = TestNode.get();
    TestOrg org = TestOrg.create(node, "sig-stall-" + UUID.randomUUID().toString().substring(0, 8));
    LinkedWork.initiativeFeeding(node, org, "checkout-epic", "Checkout epic", org.keyResults.get("revenue"));
    org.awaitLive(node);
    Http api = Http.withToken(org.token);
    Path ready = Files.createTempDirectory("stalled-signal-e2e-").resolve("board-open");

    CompletableFuture<BrowserScript.Outcome> browser = CompletableFuture.supplyAsync(() -> {
      try {
        return BrowserScript.run("scripts/stalled-signal-e2e.js", List.of(
            "--url", "http://127.0.0.1:" + TestNode.httpPort(),
            "--email", org.email, "--password", TestOrg.PASSWORD,
            "--unit", org.teamId.toString(), "--key", "revenue", "--check-ins", "4",
            "--ready", ready.toString(), "--out", BrowserScript.SCREENSHOTS.toString()), 180);
      } catch (Exception e) {
        throw new IllegalStateException("Running the browser script failed", e);
      }
    });
    awaitFile(ready, browser);
    // The value stays at 30 over four weekly check-ins while the initiative's items close: one in
    // the three weeks before, four during them.
    Instant now = Instant.now();
    Duration day = Duration.ofDays(1);
    send(api, LinkedWork.doneItem(org, "checkout-epic", "CHK-1", now.minus(day.multipliedBy(30))));
    for (int i = 0; i < 4; i++) {
      send(api, LinkedWork.doneItem(org, "checkout-epic", "CHK-" + (i + 2), now.minus(day.multipliedBy(18 - 5L * i))));
    }
    for (int week = 3; week >= 0; week--) {
      send(api, LinkedWork.checkIn(org, "revenue", 30, 6, now.minus(day.multipliedBy(7L * week))));
    }
    BrowserScript.Outcome run = browser.get(200, TimeUnit.SECONDS);

    JsonObject result = run.result();
    assertThat(result.getString("error")).as(run.output()).isNull();
    assertThat(result.getInteger("stalledBefore")).isZero();
    assertThat(result.getBoolean("sameDocument")).isTrue();
    assertThat(result.getString("kindLabel")).isEqualTo("Stalled despite effort");
    assertThat(result.getString("explanation")).isEqualTo("Grow revenue stayed at 30 kEUR over its last 4 check-ins"
        + " (3 weeks), while 4 linked work items were done, up from 1 in the same time before."
        + " The delivered work does not move the result.");
    assertThat(result.getString("severity")).isEqualTo("warning");
    assertThat(result.getInteger("pointRows")).isEqualTo(4);
    assertThat(result.getString("doneRecent")).isEqualTo("4");
    assertThat(result.getInteger("weeks")).isGreaterThanOrEqualTo(6);
    assertThat(result.getInteger("chart")).isEqualTo(1);
    // Every check-in is 30, a multiple of 10, so the axis is padded by 1 on either side.
    assertThat(result.getString("axisMax")).isEqualTo("31 kEUR");
    assertThat(result.getString("axisMin")).isEqualTo("29 kEUR");
    assertThat(result.getString("nodeLink")).isEqualTo("Grow revenue");
    assertThat(result.getString("germanKindLabel")).isEqualTo("Stillstand trotz Aufwand");
    assertThat(result.getString("germanExplanation")).startsWith("Grow revenue blieb über die letzten 4 Check-ins (3 Wochen) bei 30 kEUR");
    for (String language : List.of("en", "de")) {
      JsonObject lines = result.getJsonObject("snoozedHeadLines").getJsonObject(language);
      assertThat(lines.getInteger("kind")).as("lines of the kind label in " + language).isEqualTo(1);
      assertThat(lines.getInteger("state")).as("lines of the state label in " + language).isEqualTo(1);
      assertThat(lines.getInteger("until")).as("lines of the snooze time in " + language).isEqualTo(1);
      assertThat(lines.getInteger("rows")).as("rows of the header in " + language).isBetween(1, 2);
    }
    assertThat(result.getString("severityWord")).isEqualTo("warning");
    assertThat(result.getJsonArray("acknowledgedActivity").getList())
        .containsExactly("Acknowledged by Olivia Owner: Looking into it");
    assertThat(result.getJsonArray("snoozedActivity").getList()).containsExactly(
        "Acknowledged by Olivia Owner: Looking into it", "Snoozed by Olivia Owner: Waiting for the release on Monday");
    assertThat(result.getInteger("acknowledgeOfferedWhenSnoozed")).isZero();
    assertThat(result.getString("trailPath")).isEqualTo("/decisions");
    JsonArray trailDecisions = result.getJsonArray("trailDecisions");
    assertThat(trailDecisions).hasSize(3);
    assertThat(trailDecisions.getString(0)).isEqualTo("resolved");
    assertThat(trailDecisions.getString(1)).startsWith("snoozed until ");
    assertThat(trailDecisions.getString(2)).isEqualTo("acknowledged");
    assertThat(result.getJsonArray("trailReasons").getList())
        .containsExactly("Release shipped", "Waiting for the release on Monday", "Looking into it");
    assertThat(result.getJsonArray("trailActors").getList()).containsOnly("Olivia Owner");
    assertThat(result.getJsonArray("unexpectedConsoleErrors")).isEmpty();
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(BrowserScript.SCREENSHOTS.resolve("stalled-signal-evidence.png")).exists();
  }

  private static void send(Http api, JsonObject event) {
    HttpResponse<Buffer> sent = api.postRaw("/api/v1/events", event.encode(), "application/cloudevents+json");
    assertThat(sent.statusCode()).as(sent.bodyAsString()).isEqualTo(202);
  }

  private static JsonObject sendAndRegister(Http api, TestOrg org, String source) throws InterruptedException {
    JsonObject event = Events.value(org.orgId, "revenue", 26, Instant.now()).put("source", source);
    HttpResponse<Buffer> sent = api.postRaw("/api/v1/events", event.encode(), "application/cloudevents+json");
    assertThat(sent.statusCode()).as(sent.bodyAsString()).isEqualTo(202);
    long deadline = System.currentTimeMillis() + 30_000;
    while (System.currentTimeMillis() < deadline) {
      for (Object item : Http.json(api.get("/api/v1/sources")).getJsonArray("items")) {
        if (source.equals(((JsonObject) item).getString("source"))) {
          return (JsonObject) item;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("Source " + source + " was not registered within 30 s");
  }

  /** Waits until the browser script writes {@code file}, failing early when the script ended first. */
  private static void awaitFile(Path file, CompletableFuture<BrowserScript.Outcome> browser) throws Exception {
    long deadline = System.currentTimeMillis() + 120_000;
    while (!Files.exists(file)) {
      if (browser.isDone()) {
        throw new AssertionError("The browser script ended before the board was open:\n" + browser.get().output());
      }
      assertThat(System.currentTimeMillis()).as("the board opened within 120 s").isLessThan(deadline);
      Thread.sleep(100);
    }
  }
}
