package io.momentum.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.momentum.server.app.MomentumNode;
import io.momentum.server.support.TestNode;
import io.momentum.server.support.TestOrg;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Headless Chromium against a real node: a person logs in, opens a team board, a key-result value
 * is published over the REST API, and the key result's progress bar and percentage change within
 * two seconds. Screenshots go to {@code server/target/screenshots/}.
 *
 * <p>Needs {@code /usr/bin/chromium} (Debian's package) and the web module's Node and
 * node_modules. Without Chromium the test is skipped, unless {@code MOMENTUM_REQUIRE_BROWSER=1}
 * (set by CI), where a missing browser fails it.
 */
class BoardBrowserIT {

  private static final Path WEB = Path.of("..", "web").toAbsolutePath().normalize();
  private static final Path SCREENSHOTS = Path.of("target", "screenshots").toAbsolutePath();

  @Test
  void keyResultMovesOnTeamBoard() throws Exception {
    Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));
    boolean required = "1".equals(System.getenv("MOMENTUM_REQUIRE_BROWSER"));
    if (!Files.isExecutable(chromium)) {
      assertThat(required).as("MOMENTUM_REQUIRE_BROWSER=1 but there is no Chromium at " + chromium).isFalse();
      assumeTrue(false, "no Chromium at " + chromium + "; install Debian's chromium package");
    }
    MomentumNode node = TestNode.get();
    TestOrg org = TestOrg.create(node, "web-" + UUID.randomUUID().toString().substring(0, 8)).awaitLive(node);

    List<String> command = new ArrayList<>(List.of(node(), "scripts/board-e2e.js",
        "--url", "http://127.0.0.1:" + TestNode.httpPort(),
        "--email", org.email, "--password", TestOrg.PASSWORD, "--token", org.token,
        "--org", org.orgId, "--unit", org.teamId.toString(),
        "--key", "revenue", "--value", "35", "--expect", "50.0",
        "--out", SCREENSHOTS.toString()));
    Process process = new ProcessBuilder(command).directory(WEB.toFile()).redirectErrorStream(true).start();
    boolean finished = process.waitFor(120, TimeUnit.SECONDS);
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!finished) {
      process.destroyForcibly();
    }

    assertThat(finished).as("browser script finished; output:\n" + output).isTrue();
    JsonObject result = lastJsonLine(output);
    assertThat(result.getString("error")).as(output).isNull();
    assertThat(result.getString("before")).isEqualTo("0.0");
    assertThat(result.getString("after")).isEqualTo("50.0");
    assertThat(result.getString("barWidth")).isEqualTo("50%");
    assertThat(result.getLong("changeMillis")).isLessThanOrEqualTo(2_000L);
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(SCREENSHOTS.resolve("board-after.png")).exists();
  }

  /** The web module's Node (installed by its build), else the one on the path. */
  private static String node() {
    Path installed = WEB.resolve("node").resolve("node");
    return Files.isExecutable(installed) ? installed.toString() : "node";
  }

  private static JsonObject lastJsonLine(String output) throws IOException {
    String[] lines = output.trim().split("\n");
    for (int i = lines.length - 1; i >= 0; i--) {
      if (lines[i].startsWith("{")) {
        return new JsonObject(lines[i]);
      }
    }
    throw new IOException("The browser script printed no result:\n" + output);
  }
}
