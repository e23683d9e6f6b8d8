package io.momentum.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.server.app.MomentumNode;
import io.momentum.server.support.Events;
import io.momentum.server.support.Http;
import io.momentum.server.support.TestNode;
import io.momentum.server.support.TestOrg;
import io.vertx.core.buffer.Buffer;
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
 * Headless Chromium against a real node: a team board is open in the browser when the
 * stale-source detector, run here at a time two hours after the source's last value, raises a
 * signal. The signal must arrive on the page live, with its explanation, and a person resolves it
 * there. Screenshots go to {@code server/target/screenshots/}.
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
