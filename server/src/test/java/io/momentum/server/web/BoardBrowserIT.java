package io.momentum.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.server.app.MomentumNode;
import io.momentum.server.support.TestNode;
import io.momentum.server.support.TestOrg;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Headless Chromium against a real node: a person logs in, opens a team board, a key-result value
 * is published over the REST API, and the key result's progress bar and percentage change within
 * two seconds. Then an objective is added to the year and the boards are switched to the year
 * and to the quarter. On the year the unit score must equal the engine's unit summary, and on the
 * quarter the quarter objective's progress. The year objective shows apart on the quarter.
 * Screenshots go to {@code server/target/screenshots/}.
 *
 * <p>Needs {@code /usr/bin/chromium} (Debian's package) and the web module's Node and
 * node_modules; see {@link BrowserScript}.
 */
class BoardBrowserIT {

  @Test
  void keyResultMovesOnTeamBoard() throws Exception {
    BrowserScript.requireChromium();
    MomentumNode node = TestNode.get();
    TestOrg org = TestOrg.create(node, "web-" + UUID.randomUUID().toString().substring(0, 8)).awaitLive(node);

    BrowserScript.Outcome run = BrowserScript.run("scripts/board-e2e.js", List.of(
        "--url", "http://127.0.0.1:" + TestNode.httpPort(),
        "--email", org.email, "--password", TestOrg.PASSWORD, "--token", org.token,
        "--org", org.orgId, "--unit", org.teamId.toString(), "--company", "company",
        "--year", org.yearId.toString(), "--quarter", org.quarterId.toString(),
        "--key", "revenue", "--value", "35", "--expect", "50.0",
        "--out", BrowserScript.SCREENSHOTS.toString()), 120);

    JsonObject result = run.result();
    assertThat(result.getString("error")).as(run.output()).isNull();
    assertThat(result.getString("before")).isEqualTo("0.0");
    assertThat(result.getString("after")).isEqualTo("50.0");
    assertThat(result.getString("barWidth")).isEqualTo("50%");
    assertThat(result.getLong("changeMillis")).isLessThanOrEqualTo(2_000L);
    JsonObject engine = result.getJsonObject("engine");
    JsonObject computed = result.getJsonObject("computed");
    assertThat(engine.getInteger("objectives")).isEqualTo(2);
    assertThat(computed.getDouble("progress")).isEqualTo(engine.getDouble("progress"));
    assertThat(computed.getString("status")).isEqualTo(engine.getString("status"));
    assertThat(computed.getInteger("confidence")).isEqualTo(engine.getInteger("confidence"));
    assertThat(result.getDouble("yearScore")).isEqualTo(engine.getDouble("progress"));
    assertThat(result.getJsonArray("yearSections").getList()).containsExactly("cycle-section-year", "cycle-section-quarter");
    assertThat(result.getJsonArray("quarterObjectives").getList()).containsExactly("objective-objective");
    assertThat(result.getDouble("quarterScore")).isEqualTo(result.getDouble("quarterObjectiveProgress"));
    assertThat(result.getString("quarterLink")).contains("cycle=" + org.quarterId);
    assertThat(result.getString("germanReason")).isEqualTo("Offen: noch kein Wert, daher nicht als im Plan gewertet");
    assertThat(result.getDouble("portfolioTeamScore")).isEqualTo(result.getDouble("quarterObjectiveProgress"));
    // The company has no objectives in the quarter, and the team is its only sub-unit.
    assertThat(result.getDouble("portfolioCompanyScore")).isEqualTo(result.getDouble("portfolioTeamScore"));
    assertThat(result.getString("portfolioCompanyText")).isEqualTo(result.getString("portfolioTeamText") + " with its sub-units");
    assertThat(result.getString("portfolioCurrentTeamText")).endsWith("%");
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(BrowserScript.SCREENSHOTS.resolve("board-after.png")).exists();
  }
}
