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
 * Headless Chromium against a real node through the key result editor at 1400x1000 and 1280x800,
 * in English and German. A lead time from 14 to 4 days has the default stretch level
 * 14 + 10/7 (4 - 14) = -0.29 days, which no lead time reaches: the zone preview must show it as
 * out of reach with a button that types the stretch level 0, and the board card of the saved key
 * result must show it as out of reach too. The quality panel's score must fit on one line inside
 * the panel. Screenshots go to {@code server/target/screenshots/}.
 *
 * <p>Needs {@code /usr/bin/chromium} (Debian's package) and the web module's Node and
 * node_modules; see {@link BrowserScript}.
 */
class EditorBrowserIT {

  @Test
  void leadTimeZonesAndScoreFit() throws Exception {
    BrowserScript.requireChromium();
    MomentumNode node = TestNode.get();
    TestOrg org = TestOrg.create(node, "editor-web-" + UUID.randomUUID().toString().substring(0, 8)).awaitLive(node);

    BrowserScript.Outcome run = BrowserScript.run("scripts/editor-e2e.js", List.of(
        "--url", "http://127.0.0.1:" + TestNode.httpPort(),
        "--email", org.email, "--password", TestOrg.PASSWORD,
        "--unit", org.teamId.toString(), "--cycle", org.quarterId.toString(), "--objective-key", "objective",
        "--out", BrowserScript.SCREENSHOTS.toString()), 240);

    JsonObject result = run.result();
    assertThat(result.getString("error")).as(run.output()).isNull();
    for (String view : List.of("en-1400", "en-1280", "de-1400", "de-1280")) {
      JsonObject editor = result.getJsonObject("editor").getJsonObject(view);
      assertThat(editor.getInteger("lines")).as("lines of the quality score at " + view).isEqualTo(1);
      assertThat(editor.getInteger("overhang")).as("quality score past the panel at " + view).isLessThanOrEqualTo(0);
      assertThat(editor.getInteger("overflow")).as("quality panel overflow at " + view).isLessThanOrEqualTo(0);
      assertThat(editor.getString("stretchBand")).as("stretch zone at " + view).doesNotContain("-");
      assertThat(editor.getString("stretchTyped")).as("stretch level typed by the button at " + view).isEqualTo("0");
      assertThat(editor.getInteger("unreachableAfter")).as("hint after the stretch level is typed at " + view).isZero();
      JsonObject shortfalls = editor.getJsonObject("selectShortfalls");
      assertThat(shortfalls.fieldNames()).as("selects measured at " + view).contains("kr-measurement");
      for (String select : shortfalls.fieldNames()) {
        assertThat(shortfalls.getInteger(select)).as("px the longest option of " + select + " needs beyond its width at " + view)
            .isLessThanOrEqualTo(0);
      }
    }
    JsonObject english = result.getJsonObject("editor").getJsonObject("en-1400");
    assertThat(english.getString("score")).startsWith("This key result: ").endsWith("/100");
    assertThat(english.getString("stretchBand")).isEqualTo("out of reach");
    assertThat(english.getString("unreachable")).startsWith("The default stretch level (-0.3 days) is below zero and"
        + " cannot be reached. Set a stretch level, for example 0 days.");
    assertThat(english.getString("useButton")).isEqualTo("Use 0 days");
    assertThat(english.getString("stretchBandAfter")).isEqualTo("from 0 days");
    JsonObject german = result.getJsonObject("editor").getJsonObject("de-1280");
    assertThat(german.getString("score")).startsWith("Dieses Schlüsselergebnis: ").endsWith("/100");
    assertThat(german.getString("stretchBand")).isEqualTo("nicht erreichbar");
    assertThat(german.getString("unreachable")).startsWith("Die voreingestellte Stretch-Stufe (-0,3 Tage) liegt unter null");
    assertThat(german.getString("useButton")).isEqualTo("0 Tage übernehmen");
    assertThat(result.getInteger("saveStatus")).isEqualTo(201);
    assertThat(result.getString("boardLevels")).contains("commit 9 days · stretch out of reach");
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(BrowserScript.SCREENSHOTS.resolve("editor-de-1280.png")).exists();
    assertThat(BrowserScript.SCREENSHOTS.resolve("editor-board-card.png")).exists();
  }
}
