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
 * Headless Chromium against a real node through the CSV upload on the KPI list: a file with bad
 * rows lists each problem by line and stores nothing, and a file of 2,000 rows moves the KPI.
 * Screenshots go to {@code server/target/screenshots/}.
 */
class KpiUploadBrowserIT {

  @Test
  void uploadListsBadRowsThenMovesKpi() throws Exception {
    BrowserScript.requireChromium();
    MomentumNode node = TestNode.get();
    TestOrg org = TestOrg.create(node, "upload-" + UUID.randomUUID().toString().substring(0, 8)).awaitLive(node);

    BrowserScript.Outcome run = BrowserScript.run("scripts/kpi-upload-e2e.js", List.of(
        "--url", "http://127.0.0.1:" + TestNode.httpPort(),
        "--email", org.email, "--password", TestOrg.PASSWORD, "--token", org.token,
        "--kpi-key", "nps", "--kpi-id", org.kpiId.toString(),
        "--out", BrowserScript.SCREENSHOTS.toString()), 180);

    JsonObject result = run.result();
    assertThat(result.getString("error")).as(run.output()).isNull();
    assertThat(result.getInteger("badRows")).as("bad rows listed").isEqualTo(2);
    assertThat(result.getJsonArray("badRowLines").getList()).as("lines of the bad rows").containsExactly("2", "3");
    assertThat(result.getString("acceptedText")).as("accepted message").startsWith("2000 values accepted");
    assertThat(result.getValue("kpiCurrent").toString()).as("KPI value after the upload").isEqualTo("77");
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(BrowserScript.SCREENSHOTS.resolve("kpi-upload-accepted.png")).exists();
  }
}
