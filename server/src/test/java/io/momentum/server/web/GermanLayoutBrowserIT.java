package io.momentum.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.server.app.MomentumNode;
import io.momentum.server.demo.DemoSeeder;
import io.momentum.server.support.Http;
import io.momentum.server.support.TestNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Headless Chromium against a real node with the demo organisation, in German. At 1400x1000 and
 * 1280x800 the links of the Checkout team's summary and the buttons of its signals stay on one
 * line each and share one row. In the OKR editor the title and meta line of the objective "Make
 * checkout effortless on every device" and the quality panel's button labels keep one line. The
 * buttons of a brief schedule row share one row, and the row names the brief's language and the
 * next run in the schedule's own zone. The node page of the objective
 * "Personalise the storefront with machine learning" shows its whole title and a History section
 * with the progress the as-of API returns at both ends of the period in the address.
 * Screenshots go to {@code server/target/screenshots/german-*.png}.
 */
class GermanLayoutBrowserIT {

  /** The password BriefsBrowserIT gives the demo user too, so either test can run first. */
  private static final String PASSWORD = "demo-briefs-password";
  private static final String STOREFRONT_TITLE = "Personalise the storefront with machine learning";

  @Test
  void germanLayoutsAndNodeHistory() throws Exception {
    BrowserScript.requireChromium();
    MomentumNode node = TestNode.get();
    DemoSeeder.Login login = new DemoSeeder(node.services().pool(), node.services().auth(), Clock.systemUTC())
        .seed(PASSWORD, "").await();
    UUID checkout = idByKey(node, "units", "checkout");
    UUID storefront = idByKey(node, "objectives", "personal-storefront");
    awaitLive(node, checkout);
    Http api = Http.withToken(login.token());
    awaitSignalOf(api, checkout);

    Instant to = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Instant from = to.minus(Duration.ofDays(30));
    HttpResponse<Buffer> created = api.post("/api/v1/assist/brief-schedules", new JsonObject().put("unitId", checkout.toString())
        .put("kind", "monthly").put("language", "de").put("dayOfMonth", 1).put("time", "07:30")
        .put("timeZone", "Europe/Berlin").put("enabled", true));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    String scheduleId = Http.json(created).getString("id");
    BrowserScript.Outcome run;
    try {
      run = BrowserScript.run("scripts/german-layout-e2e.js", List.of(
          "--url", "http://127.0.0.1:" + TestNode.httpPort(), "--email", login.email(), "--password", PASSWORD,
          "--unit", checkout.toString(), "--objective", storefront.toString(), "--from", from.toString(), "--to", to.toString(),
          "--out", BrowserScript.SCREENSHOTS.toString()), 240);
    } finally {
      api.delete("/api/v1/assist/brief-schedules/" + scheduleId);
    }

    JsonObject result = run.result();
    assertThat(result.getString("error")).as(run.output()).isNull();
    for (String view : List.of("1400x1000", "1280x800")) {
      JsonObject board = result.getJsonObject("board").getJsonObject(view);
      for (Object link : board.getJsonArray("unitLinks")) {
        assertThat(((JsonObject) link).getInteger("lines")).as("lines of board link %s at %s", link, view).isEqualTo(1);
      }
      for (Object label : board.getJsonObject("signal").getJsonArray("labels")) {
        assertThat(((JsonObject) label).getInteger("lines")).as("lines of signal button %s at %s", label, view).isEqualTo(1);
      }
      assertThat(board.getJsonArray("unitLinkTops").size()).as("rows of board links at " + view).isEqualTo(1);
      assertThat(board.getJsonObject("signal").getJsonArray("buttonTops").size()).as("rows of signal buttons at " + view)
          .isEqualTo(1);
      JsonObject editor = result.getJsonObject("editor").getJsonObject(view);
      for (String part : List.of("title", "meta", "qualityButtons")) {
        assertThat(editor.getJsonArray(part)).as("editor %s at %s", part, view).isNotEmpty();
        for (Object line : editor.getJsonArray(part)) {
          assertThat(((JsonObject) line).getInteger("lines")).as("lines of editor %s %s at %s", part, line, view).isEqualTo(1);
        }
      }
      assertThat(board.getJsonObject("signal").getInteger("overhang")).as("signal buttons past the card at " + view)
          .isLessThanOrEqualTo(0);

      JsonObject schedule = result.getJsonObject("briefs").getJsonObject(view);
      assertThat(schedule.getJsonArray("buttonTops").stream().distinct().count()).as("rows of schedule buttons at " + view)
          .isEqualTo(1);
      assertThat(schedule.getInteger("overhang")).as("schedule buttons past the row at " + view).isLessThanOrEqualTo(0);
      assertThat(schedule.getString("describe")).isEqualTo("Monatsbriefing zum Portfolio auf Deutsch: am 1. jedes Monats um 07:30 (Europe/Berlin)");
      assertThat(schedule.getString("next")).startsWith("nächster Lauf 01.").endsWith(", 07:30 (Europe/Berlin)");
    }

    JsonObject impact = result.getJsonObject("impact");
    assertThat(String.join(" ", impact.getJsonArray("titleLines").stream().map(String::valueOf).toList()))
        .isEqualTo(STOREFRONT_TITLE);
    JsonArray rows = impact.getJsonArray("rows");
    JsonObject root = rows.getJsonObject(0);
    assertThat(root.getString("id")).isEqualTo(storefront.toString());
    assertThat(root.getString("before")).startsWith(percentOf(api, storefront, from) + " % · ");
    assertThat(root.getString("after")).startsWith(percentOf(api, storefront, to) + " % · ");
    assertThat(rows.size()).as("the objective and its key results").isGreaterThan(1);
    for (int i = 1; i < rows.size(); i++) {
      String id = rows.getJsonObject(i).getString("id");
      assertThat(rows.getJsonObject(i).getString("link")).isEqualTo("/key-results/" + id + "#history");
    }
    assertThat(result.getJsonArray("unexpectedConsoleErrors")).isEmpty();
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(BrowserScript.SCREENSHOTS.resolve("german-node-history.png")).exists();
  }

  private static UUID idByKey(MomentumNode node, String table, String key) {
    return node.services().pool()
        .preparedQuery("SELECT id FROM " + table + " WHERE org_id = $1 AND key = $2").execute(Tuple.of(DemoSeeder.ORG_ID, key))
        .await().iterator().next().getUUID("id");
  }

  /** Returns the node's progress at {@code at} from the as-of API as a German percentage with one decimal. */
  private static String percentOf(Http api, UUID nodeId, Instant at) {
    JsonObject node = Http.json(api.get("/api/v1/nodes/" + nodeId + "/as-of?at=" + at));
    BigDecimal percent = new BigDecimal(node.getValue("progress").toString()).movePointRight(2).setScale(1, RoundingMode.HALF_UP);
    return percent.toPlainString().replace('.', ',');
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

  /** Waits until the unit has an open signal, whose buttons the board then shows. */
  private static void awaitSignalOf(Http api, UUID unitId) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline) {
      for (Object item : Http.json(api.get("/api/v1/signals?unit=" + unitId)).getJsonArray("items")) {
        JsonObject signal = (JsonObject) item;
        if ("open".equals(signal.getString("state")) && signal.getJsonArray("unitIds").contains(unitId.toString())) {
          return;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("The demo unit " + unitId + " had no open signal within 60 s");
  }
}
