package io.momentum.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.server.app.MomentumNode;
import io.momentum.server.support.Http;
import io.momentum.server.support.TestNode;
import io.momentum.server.support.TestOrg;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Headless Chromium against a real node: a person drafts OKRs from a strategy text on the Draft
 * OKRs page, opens a cited library example, rejects one proposal and accepts another, which
 * prefills the OKR editor. Both decisions land in the decision trail, and the saved objective
 * and key result exist. Screenshots go to {@code server/target/screenshots/}.
 *
 * <p>Needs {@code /usr/bin/chromium} (Debian's package) and the web module's Node and
 * node_modules; see {@link BrowserScript}.
 */
class DraftsBrowserIT {

  private static final String STRATEGY = "Delight customers and grow revenue. Raise the win rate of qualified"
      + " opportunities and cut the defect rate.";

  @Test
  void draftIsAcceptedIntoEditor() throws Exception {
    BrowserScript.requireChromium();
    MomentumNode node = TestNode.get();
    TestOrg org = TestOrg.create(node, "drafts-web-" + UUID.randomUUID().toString().substring(0, 8)).awaitLive(node);
    UUID kpiId = UUID.randomUUID();
    node.services().pool().preparedQuery("INSERT INTO node_keys (org_id, key, node_id, kind) VALUES ($1, 'win-rate', $2, 'kpi')")
        .execute(Tuple.of(org.orgId, kpiId)).await();
    node.services().pool().preparedQuery("INSERT INTO kpis (id, org_id, key, title, unit_id, unit, direction, green, red,"
            + " current_value, current_at) VALUES ($1, $2, 'win-rate', 'Win rate of qualified opportunities', $3, '%',"
            + " 'increase', 27, 15, 21, now())")
        .execute(Tuple.of(kpiId, org.orgId, org.teamId)).await();

    BrowserScript.Outcome run = BrowserScript.run("scripts/drafts-e2e.js", List.of(
        "--url", "http://127.0.0.1:" + TestNode.httpPort(),
        "--email", org.email, "--password", TestOrg.PASSWORD,
        "--unit", org.teamId.toString(), "--strategy", STRATEGY,
        "--out", BrowserScript.SCREENSHOTS.toString()), 240);

    JsonObject result = run.result();
    assertThat(result.getString("error")).as(run.output()).isNull();
    assertThat(result.getInteger("proposals")).isBetween(2, 3);
    assertThat(result.getJsonArray("scores").getString(0)).matches("Quality \\d+/100");
    assertThat(result.getJsonArray("sourceTypes").getList()).contains("library", "okr", "kpi");
    assertThat(result.getString("kpiSource")).contains("Win rate of qualified opportunities: now 21, target 27 from its green bound");
    assertThat(result.getString("exampleText")).isNotBlank();
    assertThat(result.getString("germanAccept")).isEqualTo("Übernehmen und im Editor öffnen");
    assertThat(result.getString("germanHeading")).startsWith("Vorschläge (");
    String firstTitle = result.getJsonArray("titles").getString(0).trim();
    assertThat(result.getString("prefilledObjective")).isEqualTo(firstTitle);
    assertThat(result.getString("prefilledKeyResult")).isNotBlank();
    assertThat(result.getString("bannerAfterObjective")).startsWith("Drafted key result 1 of ");
    assertThat(result.getString("bannerAfterKeyResult")).startsWith("Drafted key result 2 of ");
    assertThat(result.getJsonArray("failedRequests")).as("failed requests").isEmpty();
    assertThat(result.getJsonArray("unexpectedConsoleErrors")).isEmpty();
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(BrowserScript.SCREENSHOTS.resolve("drafts-proposals.png")).exists();

    Http api = Http.withToken(org.token);
    JsonArray decisions = Http.json(api.get("/api/v1/decisions?kind=draft.proposal")).getJsonArray("items");
    assertThat(decisions.stream().map(d -> ((JsonObject) d).getString("decision")).toList())
        .containsExactlyInAnyOrder("accepted", "rejected");
    JsonArray objectives = Http.json(api.get("/api/v1/objectives?unit=" + org.teamId + "&limit=500")).getJsonArray("items");
    assertThat(objectives.stream().map(o -> ((JsonObject) o).getString("title")).toList()).contains(firstTitle);
    JsonArray keyResults = Http.json(api.get("/api/v1/key-results?limit=500")).getJsonArray("items");
    assertThat(keyResults.stream().map(k -> ((JsonObject) k).getString("title")).toList())
        .contains(result.getString("prefilledKeyResult"));
  }
}
