package io.momentum.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.server.app.MomentumNode;
import io.momentum.server.demo.DemoSeeder;
import io.momentum.server.support.TestNode;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Headless Chromium against a real node with the demo organisation. A person opens the Checkout
 * team's Briefs page from its board and generates the weekly brief. They follow a key result link,
 * download the Markdown and PDF, add a schedule, and generate the German brief in the German page.
 * Screenshots go to {@code server/target/screenshots/briefs-weekly*.png}.
 */
class BriefsBrowserIT {

  private static final String PASSWORD = "demo-briefs-password";

  @Test
  void weeklyBriefOfDemoTeam() throws Exception {
    BrowserScript.requireChromium();
    MomentumNode node = TestNode.get();
    new DemoSeeder(node.services().pool(), node.services().auth(), Clock.systemUTC()).seed(PASSWORD, "").await();
    UUID checkout = node.services().pool()
        .preparedQuery("SELECT id FROM units WHERE org_id = $1 AND key = 'checkout'").execute(Tuple.of(DemoSeeder.ORG_ID))
        .await().iterator().next().getUUID("id");
    awaitLive(node, checkout);

    BrowserScript.Outcome run = BrowserScript.run("scripts/briefs-e2e.js", List.of(
        "--url", "http://127.0.0.1:" + TestNode.httpPort(), "--email", DemoSeeder.EMAIL, "--password", PASSWORD,
        "--unit", checkout.toString(), "--out", BrowserScript.SCREENSHOTS.toString()), 180);

    JsonObject result = run.result();
    assertThat(result.getString("error")).as(run.output()).isNull();
    JsonObject english = result.getJsonObject("english");
    assertThat(english.getString("title")).startsWith("Weekly team brief: Checkout");
    assertThat(english.getJsonArray("sections").getList())
        .containsExactly("summary", "moved", "risks", "blockers", "recommendations", "talkingPoints");
    assertThat(english.getJsonArray("links").getList()).anySatisfy(href -> assertThat((String) href).startsWith("/key-results/"));
    assertThat(result.getString("followedPath")).isEqualTo(result.getString("followedHref")).startsWith("/key-results/");
    assertThat(result.getJsonObject("markdown").getInteger("status")).isEqualTo(200);
    assertThat(result.getJsonObject("markdown").getString("type")).startsWith("text/markdown");
    assertThat(result.getJsonObject("pdf").getString("type")).isEqualTo("application/pdf");
    assertThat(result.getJsonObject("pdf").getString("head")).isEqualTo("%PDF-");
    assertThat(result.getString("schedule")).contains("Monday").contains("07:00").contains("Europe/Berlin");
    JsonObject german = result.getJsonObject("german");
    assertThat(german.getString("title")).startsWith("Wochenbriefing des Teams: Checkout");
    assertThat(german.getJsonArray("headings").getList()).contains("Überblick", "Risiken", "Empfehlungen");
    assertThat(result.getString("germanPage")).isEqualTo("Briefings von Checkout");
    assertThat(result.getInteger("listed")).isGreaterThanOrEqualTo(2);
    assertThat(result.getJsonArray("unexpectedConsoleErrors")).isEmpty();
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(BrowserScript.SCREENSHOTS.resolve("briefs-weekly.png")).exists();
  }

  /** Asks the node to build the demo organisation's engine and waits until its live state is readable. */
  private static void awaitLive(MomentumNode node, UUID unitId) throws InterruptedException {
    node.services().publisher().definitionChanged(DemoSeeder.ORG_ID, "unit", unitId.toString()).await();
    long deadline = System.currentTimeMillis() + 60_000;
    while (node.vertx().executeBlocking(() -> node.services().liveState().epoch(DemoSeeder.ORG_ID)).await() == null) {
      assertThat(System.currentTimeMillis()).as("demo engine built within 60 s").isLessThan(deadline);
      Thread.sleep(100);
    }
  }
}
