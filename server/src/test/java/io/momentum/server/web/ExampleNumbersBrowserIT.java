package io.momentum.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.server.app.MomentumNode;
import io.momentum.server.support.Http;
import io.momentum.server.support.TestNode;
import io.momentum.server.support.TestOrg;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Headless Chromium against a real node: a person accepts a drafted key result with library
 * example numbers and saves them on purpose, finds the "Example numbers" mark on the live board
 * card and in the editor's tree, then confirms them as the team's numbers and checks that the mark leaves
 * the live board. Screenshots go to {@code server/target/screenshots/}.
 *
 * <p>Needs {@code /usr/bin/chromium} (Debian's package) and the web module's Node and
 * node_modules; see {@link BrowserScript}.
 */
class ExampleNumbersBrowserIT {

  /** A strategy for which the library proposes churn key results with example start and target values. */
  private static final String STRATEGY = "Delight customers and grow revenue. Raise the win rate of qualified"
      + " opportunities and cut churn.";
  private static final String HELP = "Start and target are example numbers from the OKR library, kept when the"
      + " draft was accepted. Replace them with your baseline and target in the editor, or confirm them there as"
      + " your own.";

  @Test
  void markShownThenConfirmedAway() throws Exception {
    BrowserScript.requireChromium();
    MomentumNode node = TestNode.get();
    TestOrg org = TestOrg.create(node, "example-web-" + UUID.randomUUID().toString().substring(0, 8)).awaitLive(node);

    BrowserScript.Outcome run = BrowserScript.run("scripts/example-numbers-e2e.js", List.of(
        "--url", "http://127.0.0.1:" + TestNode.httpPort(),
        "--email", org.email, "--password", TestOrg.PASSWORD,
        "--unit", org.teamId.toString(), "--strategy", STRATEGY,
        "--out", BrowserScript.SCREENSHOTS.toString()), 240);

    JsonObject result = run.result();
    assertThat(result.getString("error")).as(run.output()).isNull();
    assertThat(result.getBoolean("editorExampleNotice")).as("editor notice for the drafted numbers").isTrue();
    assertThat(result.getString("exampleKeptError")).startsWith("These are still the library's example numbers.");
    assertThat(result.getInteger("exampleKeptWidth")).as("width of the held-back request against the value row")
        .isGreaterThanOrEqualTo(result.getInteger("valueRowWidth"));
    assertThat(result.getInteger("treeMarked")).isEqualTo(1);
    assertThat(result.getString("treeMark")).isEqualTo("· Example numbers");
    assertThat(result.getString("treeMarkTitle")).isEqualTo(HELP);
    assertThat(result.getString("boardMark")).isEqualTo("· Example numbers");
    assertThat(result.getString("boardMarkTitle")).isEqualTo(HELP);
    assertThat(result.getString("editorStoredNotice")).contains("Example numbers").contains("These are our numbers")
        .contains("Replace them with your baseline and target, or tick").doesNotContain("in the editor");
    assertThat(result.getInteger("confirmStatus")).isEqualTo(200);
    assertThat(result.getInteger("treeMarkAfter")).isZero();
    assertThat(result.getInteger("boardMarkAfter")).isZero();
    assertThat(result.getString("boardUrlAfter")).isEqualTo("/units/" + org.teamId);
    assertThat(Long.parseLong(result.getString("boardVersionAfter")))
        .isGreaterThan(Long.parseLong(result.getString("boardVersionBefore")));
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(BrowserScript.SCREENSHOTS.resolve("example-numbers-board.png")).exists();

    Http api = Http.withToken(org.token);
    JsonObject saved = Http.json(api.get("/api/v1/key-results?limit=500")).getJsonArray("items").stream()
        .map(JsonObject.class::cast).filter(k -> k.getString("key").equals(result.getString("key")))
        .findFirst().orElseThrow();
    assertThat(saved.getBoolean("exampleNumbers")).isFalse();
    assertThat(saved.getString("title")).isEqualTo(result.getString("savedTitle"));
  }
}
