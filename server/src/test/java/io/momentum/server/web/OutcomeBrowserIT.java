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
 * Headless Chromium against a real node through the outcome-model screens: the OKR editor creates
 * an objective and a key result and re-aligns the objective by drag and drop, the one-minute
 * check-in sends a value, the team board shows the new progress, the editor then names the score
 * a new objective would lower, the key result's history chart draws, and the KPI editor creates a
 * KPI with its corridor. Screenshots go to {@code server/target/screenshots/}.
 */
class OutcomeBrowserIT {

  @Test
  void editorCheckInAndHistoryWork() throws Exception {
    BrowserScript.requireChromium();
    MomentumNode node = TestNode.get();
    TestOrg org = TestOrg.create(node, "outcome-" + UUID.randomUUID().toString().substring(0, 8)).awaitLive(node);

    BrowserScript.Outcome run = BrowserScript.run("scripts/outcome-e2e.js", List.of(
        "--url", "http://127.0.0.1:" + TestNode.httpPort(),
        "--email", org.email, "--password", TestOrg.PASSWORD, "--token", org.token,
        "--unit", org.teamId.toString(), "--cycle", org.quarterId.toString(), "--parent-key", "objective",
        "--out", BrowserScript.SCREENSHOTS.toString()), 180);

    JsonObject result = run.result();
    assertThat(result.getString("error")).as(run.output()).isNull();
    assertThat(result.getString("scoreDrop")).as("score notice before saving a new objective")
        .matches("The score of .+ drops from \\d+\\.\\d % to \\d+\\.\\d % until the new objective gets values\\.");
    assertThat(result.getBoolean("objectiveCreated")).as("objective created in the editor").isTrue();
    assertThat(result.getBoolean("keyResultCreated")).as("key result created in the editor").isTrue();
    assertThat(result.getBoolean("realigned")).as("objective dragged under its new parent").isTrue();
    assertThat(result.getString("sent")).as("check-in summary").contains("40");
    assertThat(result.getDouble("milestoneProgress")).as("milestone ticked in the check-in").isEqualTo(0.75);
    assertThat(result.getInteger("chartPaths")).as("history chart paths").isGreaterThan(3);
    assertThat(result.getInteger("checkInsListed")).as("check-ins listed").isGreaterThanOrEqualTo(1);
    assertThat(result.getString("kpiCorridor")).as("KPI corridor saved from the KPI editor").isEqualTo("60-75");
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(BrowserScript.SCREENSHOTS.resolve("outcome-history.png")).exists();
  }
}
