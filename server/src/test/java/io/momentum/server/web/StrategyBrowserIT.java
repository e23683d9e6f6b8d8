package io.momentum.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.server.app.MomentumNode;
import io.momentum.server.support.Cadence;
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
 * Headless Chromium against a real node through the strategy-office screens: settings, the cycle
 * tree with a generated fiscal year, a formula KPI's driver tree, an initiative with work items and
 * an impact link, the key result's impact chain, closing a quarter with carry-over, export, a
 * rejected import, and a German pass over the cycles and initiatives pages. The script reads the
 * REST API next to the screen, and this test asserts both. Screenshots go to
 * {@code server/target/screenshots/strategy-*.png}.
 */
class StrategyBrowserIT {

  @Test
  void strategyOfficeWorksInTheBrowser() throws Exception {
    BrowserScript.requireChromium();
    MomentumNode node = TestNode.get();
    TestOrg org = Cadence.org(node, "strategy");
    node.services().pool().preparedQuery("UPDATE users SET role = 'admin' WHERE org_id = $1 AND id = $2")
        .execute(Tuple.of(org.orgId, org.userId)).await();
    String adminToken = Cadence.adminToken(node, org);
    assertThat(Http.withToken(adminToken).post("/api/v1/objectives", new JsonObject().put("key", "second-objective")
        .put("title", "Open the second market").put("unitId", org.teamId.toString()).put("cycleId", org.quarterId.toString()))
        .statusCode()).isEqualTo(201);
    UUID revenue = org.keyResults.get("revenue");

    BrowserScript.Outcome run = BrowserScript.run("scripts/strategy-e2e.js", List.of(
        "--url", "http://127.0.0.1:" + TestNode.httpPort(),
        "--email", org.email, "--password", TestOrg.PASSWORD, "--token", adminToken, "--org", org.orgId,
        "--unit", org.teamId.toString(), "--quarter", org.quarterId.toString(),
        "--objective", org.objectiveId.toString(), "--key-result", revenue.toString(),
        "--out", BrowserScript.SCREENSHOTS.toString()), 180);

    JsonObject result = run.result();
    assertThat(result.getString("error")).as(run.output()).isNull();

    // Settings: April and Wednesday, kept after a reload and stored.
    assertThat(result.getString("settingsShown")).as("settings after reload").isEqualTo("4/3");
    assertThat(result.getString("settingsLabels")).isEqualTo("April/Wednesday");
    assertThat(result.getString("settingsStored")).isEqualTo("4/3");

    // Fiscal year: four quarters nested under the year under the strategy, starting in April.
    assertThat(result.getInteger("quartersNested")).isEqualTo(4);
    assertThat(result.getJsonArray("quarterNames")).isEqualTo(result.getJsonArray("quarterNamesApi"));
    assertThat(result.getString("fiscalYearStart")).endsWith("-04-01");

    // Formula KPI: 120 orders * 25 EUR = EUR 3,000, and each driver's sensitivity as the API gives it.
    assertThat(result.getDouble("formulaValueApi")).isEqualTo(3000.0);
    assertThat(result.getString("formulaValueShown")).isEqualTo("EUR 3,000");
    assertThat(result.getString("formulaShown")).isEqualTo("orders * basket");
    JsonArray drivers = result.getJsonArray("drivers");
    assertThat(drivers).hasSize(2);
    for (Object entry : drivers) {
      JsonObject driver = (JsonObject) entry;
      assertThat(driver.getString("value")).as(driver.encode()).contains(String.valueOf(driver.getInteger("valueApi")));
      assertThat(driver.getString("sensitivity")).as(driver.encode()).contains(driver.getString("sensitivityApi"));
    }

    // Initiative's work items: 5 of 8 story points done, as the live board has them.
    JsonObject work = result.getJsonObject("workItemsApi");
    assertThat(work).as(result.encode()).isNotNull();
    assertThat(work.getInteger("done")).isEqualTo(5);
    assertThat(work.getInteger("total")).isEqualTo(8);
    assertThat(result.getString("workItemsShown")).isEqualTo("5 of 8 story points done · 2 items");
    assertThat(result.getDouble("workProgressApi")).isEqualTo(0.625);
    assertThat(result.getString("workProgressShown")).contains("62.5 %");

    // Initiative linked as an output to the key result's outcome, shown in the key result's chain.
    assertThat(result.getJsonArray("impactLinksApi")).containsExactly("output->outcome:true");
    assertThat(result.getString("impactLinkShown")).contains("Rebuild the checkout (Output)").contains("Grow revenue (Outcome)");
    assertThat(result.getBoolean("impactChainShowsInitiative")).isTrue();
    assertThat(result.getInteger("impactChainLinks")).isGreaterThanOrEqualTo(1);

    // Closing: both unfinished objectives offered, one carried into the next quarter with its history.
    assertThat(result.getJsonArray("closeCandidates")).isEqualTo(result.getJsonArray("closeCandidatesApi"))
        .isEqualTo(new JsonArray().add("objective").add("second-objective"));
    assertThat(result.getString("closeButton")).isEqualTo("Close and carry over 1 objective");
    assertThat(result.getJsonArray("copiesShown")).hasSize(1);
    assertThat(result.getInteger("carriedCopiesApi")).isEqualTo(1);
    assertThat(result.getString("carriedMarker")).isEqualTo("· carried over from an earlier cycle, with its history");
    assertThat(result.getInteger("carriedKeyResultsApi")).isEqualTo(7);
    assertThat(result.getString("historyLink")).isNotBlank();

    // Export: CSV and JSON hold the closed quarter's objectives and key results as the API exports them.
    assertThat(result.getJsonArray("csvKeys")).isEqualTo(result.getJsonArray("apiKeys"));
    assertThat(result.getJsonArray("jsonObjectives")).isEqualTo(result.getJsonArray("apiObjectives"))
        .contains("objective", "second-objective");
    assertThat(result.getInteger("jsonKeyResults")).isEqualTo(result.getInteger("apiKeyResults")).isEqualTo(7);

    // Import: both bad rows reported, nothing stored.
    assertThat(result.getJsonArray("importErrors")).containsExactly("objectives[1].weight", "objectives[2].weight");
    assertThat(result.getInteger("importStored")).isZero();

    // German: translated headings and no message key on either page.
    JsonObject cycles = result.getJsonObject("germanCycles");
    assertThat(cycles.getString("heading")).isEqualTo("Zyklen");
    assertThat(cycles.getString("closeTitle")).endsWith("abschließen");
    assertThat(cycles.getString("nothingToCarry")).isEqualTo("Dieser Zyklus enthält keine Ziele, es gibt nichts zu übernehmen.");
    assertThat(cycles.getJsonArray("leaked")).isEmpty();
    JsonObject initiatives = result.getJsonObject("germanInitiatives");
    assertThat(initiatives.getString("heading")).isEqualTo("Initiativen");
    assertThat(initiatives.getString("linksHeading")).isEqualTo("Verknüpfungen");
    assertThat(initiatives.getJsonArray("leaked")).isEmpty();

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(BrowserScript.SCREENSHOTS.resolve("strategy-17-de-initiatives.png")).exists();
  }
}
