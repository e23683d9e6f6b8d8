package io.momentum.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.server.app.MomentumNode;
import io.momentum.server.support.TestNode;
import io.momentum.server.support.TestOrg;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Headless Chromium against a real node through the live quality check in the OKR editor. A weak
 * key result typed into the form gets vague_verb and no_target with the explanation, and a
 * dismissal reaches the decision trail and leaves the key result's score. A good key result then makes the findings go. In German
 * the explanation is German, and turning vague_verb off on the settings page removes it. A finding
 * dismissed before a key result's first save is moved onto the saved key result in the trail and
 * stays dismissed after a reload.
 * Screenshots go to {@code server/target/screenshots/}.
 */
class QualityBrowserIT {

  @Test
  void typedKeyResultIsCheckedLive() throws Exception {
    BrowserScript.requireChromium();
    MomentumNode node = TestNode.get();
    TestOrg org = TestOrg.create(node, "quality-" + UUID.randomUUID().toString().substring(0, 8)).awaitLive(node);
    node.services().pool().preparedQuery("UPDATE users SET role = 'admin' WHERE org_id = $1 AND id = $2")
        .execute(Tuple.of(org.orgId, org.userId)).await();

    BrowserScript.Outcome run = BrowserScript.run("scripts/quality-e2e.js", List.of(
        "--url", "http://127.0.0.1:" + TestNode.httpPort(),
        "--email", org.email, "--password", TestOrg.PASSWORD, "--token", org.token,
        "--unit", org.teamId.toString(), "--cycle", org.quarterId.toString(), "--objective-key", "objective",
        "--out", BrowserScript.SCREENSHOTS.toString()), 180);

    JsonObject result = run.result();
    assertThat(result.getString("error")).as(run.output()).isNull();
    assertThat(result.getJsonArray("weakEvidence").getList()).as("evidence of vague_verb").containsExactly("Improve");
    assertThat(result.getJsonArray("highlighted").getList()).as("highlighted words").contains("Improve");
    assertThat(result.getString("weakWhy")).as("explanation of vague_verb").contains("how far");
    assertThat(result.getJsonArray("dismissed").getList()).as("dismissed refs in the trail").contains("no_target:new");
    assertThat(result.getString("weakScore")).as("score of the weak key result").isEqualTo("This key result: 70/100");
    assertThat(result.getString("scoreAfterDismissal")).as("score without the dismissed finding")
        .isEqualTo("This key result: 90/100");
    assertThat(result.getString("dismissedNote")).as("count of dismissed findings")
        .isEqualTo("1 dismissed finding, not counted in the score");
    assertThat(result.getString("germanScore")).as("German score label").startsWith("Dieses Schlüsselergebnis:");
    assertThat(result.getJsonArray("goodRules").getList()).as("rules left for the good key result")
        .doesNotContain("vague_verb", "no_target");
    assertThat(result.getString("germanWhy")).as("German explanation of vague_verb").contains("Richtung");
    assertThat(result.getJsonArray("rulesAfterSettings").getList()).as("rules after turning vague_verb off")
        .contains("no_target").doesNotContain("vague_verb");
    JsonObject moved = result.getJsonObject("movedDismissal");
    assertThat(moved).as("dismissal moved onto the saved key result in the trail").isNotNull();
    assertThat(moved.getString("subjectType")).isEqualTo("key_result");
    assertThat(moved.getString("ref")).isEqualTo("compound_kr:" + moved.getString("subjectId"));
    assertThat(moved.getString("movedFrom")).isEqualTo("compound_kr:new");
    assertThat(result.getInteger("compoundAfterReload")).as("compound_kr after save and reload").isZero();
    assertThat(result.getString("scoreAfterReload")).as("score after save and reload")
        .isEqualTo(result.getString("scoreBeforeSave"));
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(BrowserScript.SCREENSHOTS.resolve("quality-weak.png")).exists();
    assertThat(BrowserScript.SCREENSHOTS.resolve("quality-good.png")).exists();
    assertThat(BrowserScript.SCREENSHOTS.resolve("quality-dismissed.png")).exists();
    assertThat(BrowserScript.SCREENSHOTS.resolve("quality-weak-de.png")).exists();
    assertThat(BrowserScript.SCREENSHOTS.resolve("quality-settings.png")).exists();
    assertThat(BrowserScript.SCREENSHOTS.resolve("quality-dismissed-saved.png")).exists();
  }
}
