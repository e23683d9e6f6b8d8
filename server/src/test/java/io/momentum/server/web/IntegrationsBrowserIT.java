package io.momentum.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.server.app.MomentumNode;
import io.momentum.server.support.Http;
import io.momentum.server.support.TestNode;
import io.momentum.server.support.TestOrg;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Headless Chromium against a real node through the integrations page. A Jira connection is
 * created with a generated secret, its webhook address copied, and mapping rules added, rejected
 * and reordered. Two signed Jira deliveries to the copied address then show up as story points
 * on the initiatives page, and a German pass reads the page and a rejected rule. Screenshots go
 * to {@code server/target/screenshots/integrations-*.png}.
 */
class IntegrationsBrowserIT {

  @Test
  void connectionMapsJiraWorkInTheBrowser() throws Exception {
    BrowserScript.requireChromium();
    MomentumNode node = TestNode.get();
    TestOrg org = TestOrg.create(node, "connui-" + UUID.randomUUID().toString().substring(0, 8)).awaitLive(node);
    Http api = Http.withToken(org.token);
    String epicInitiative = initiative(api, org, "checkout-rebuild", "Rebuild the checkout");
    String projectInitiative = initiative(api, org, "shop-upkeep", "Keep the shop running");
    HttpResponse<Buffer> follows = api.patch("/api/v1/key-results/" + org.keyResults.get("epic"),
        new JsonObject().put("version", 1).put("workFrom", new JsonArray().add(epicInitiative)));
    assertThat(follows.statusCode()).as(follows.bodyAsString()).isEqualTo(200);

    BrowserScript.Outcome run = BrowserScript.run("scripts/integrations-e2e.js", List.of(
        "--url", "http://127.0.0.1:" + TestNode.httpPort(),
        "--email", org.email, "--password", TestOrg.PASSWORD, "--token", org.token,
        "--unit", org.teamId.toString(), "--quarter", org.quarterId.toString(),
        "--epic-initiative", epicInitiative, "--project-initiative", projectInitiative, "--follower", "epic",
        "--out", BrowserScript.SCREENSHOTS.toString()), 120);

    JsonObject result = run.result();
    assertThat(result.getString("error")).as(run.output()).isNull();

    // Connection: Jira with the default story point field; the secret is never shown or returned again.
    JsonObject connection = result.getJsonObject("connectionApi");
    assertThat(connection.getString("kind")).isEqualTo("jira");
    assertThat(connection.getString("storyPointsField")).isEqualTo("customfield_10016");
    assertThat(result.getString("pointsFieldDefault")).isEqualTo("customfield_10016");
    assertThat(result.getString("createdNotice"))
        .isEqualTo("Connection Shop site created. Copy its webhook address into the tracker.");
    assertThat(result.getInteger("secretLength")).isEqualTo(32);
    assertThat(result.getBoolean("secretShownAfterSave")).isFalse();
    assertThat(result.getBoolean("secretInApi")).isFalse();
    assertThat(connection.getBoolean("secretSet")).isTrue();

    // Webhook address: this node's address and the connection's path, shown and copied alike.
    String address = "http://127.0.0.1:" + TestNode.httpPort() + connection.getString("webhookPath");
    assertThat(result.getString("webhookShown")).isEqualTo(address);
    assertThat(result.getString("webhookCopied")).isEqualTo(address);

    // Rules: a key with a space rejected at its field; the key stored in upper case; the move stored.
    assertThat(result.getString("ruleFieldError"))
        .isEqualTo("\"SHOP 42\" is not an issue key. Enter the project key, a dash and the number, such as SHOP-42.");
    assertThat(result.getJsonArray("rulesBeforeMove")).containsExactly(
        "Issue key SHOP-42 -> Rebuild the checkout (checkout-rebuild)", "Project SHOP -> Keep the shop running (shop-upkeep)");
    assertThat(result.getJsonArray("rulesAfterMove")).containsExactly(
        "Project SHOP -> Keep the shop running (shop-upkeep)", "Issue key SHOP-42 -> Rebuild the checkout (checkout-rebuild)");
    assertThat(result.getJsonArray("rulesApi")).containsExactly("project:SHOP", "issue_key:SHOP-42");
    assertThat(result.getJsonArray("rulesFinal")).containsExactly("issue_key:SHOP-42", "project:SHOP");

    // Work: two signed deliveries accepted, a forged one rejected, 5 of 8 points on the live board.
    assertThat(result.getJsonArray("deliveries")).containsExactly(200, 200);
    assertThat(result.getInteger("forgedStatus")).isEqualTo(401);
    JsonObject work = result.getJsonObject("workItemsApi");
    assertThat(work).as(result.encode()).isNotNull();
    assertThat(work.getInteger("done")).isEqualTo(5);
    assertThat(work.getInteger("total")).isEqualTo(8);
    assertThat(result.getString("workItemsShown")).isEqualTo("5 of 8 story points done · 2 items");
    // From the first delivery sent to the pushed state on the open page, three requests included.
    assertThat(result.getDouble("secondsToBoard")).isLessThan(1.0);
    // The work_items key result that follows the epic's initiative shows the same 5 of 8 points.
    assertThat(result.getString("followerPercent")).isEqualTo("62.5");

    // German: translated heading, rule and field error, and no message key on the page.
    JsonObject german = result.getJsonObject("german");
    assertThat(german.getString("heading")).isEqualTo("Integrationen");
    assertThat(german.getString("firstRule")).isEqualTo("Vorgangsschlüssel SHOP-42");
    assertThat(german.getString("fieldError")).startsWith("„SHOP 2“ ist kein Projektschlüssel.");
    assertThat(german.getJsonArray("leaked")).isEqualTo(new JsonArray());

    assertThat(result.getJsonArray("unexpectedConsoleErrors")).as(run.output()).isEmpty();
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(BrowserScript.SCREENSHOTS.resolve("integrations-05-de.png")).exists();
  }

  private static String initiative(Http api, TestOrg org, String key, String title) {
    HttpResponse<Buffer> response = api.post("/api/v1/initiatives", new JsonObject().put("key", key).put("title", title)
        .put("unitId", org.teamId.toString()).put("cycleId", org.quarterId.toString()));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return key;
  }
}
