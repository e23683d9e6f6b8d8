package io.momentum.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the web module's Playwright scripts in headless Chromium and reads the JSON line it
 * prints last. Without Chromium the calling test is skipped, unless {@code MOMENTUM_REQUIRE_BROWSER=1}
 * (set by CI), where a missing browser fails it.
 */
final class BrowserScript {

  static final Path WEB = Path.of("..", "web").toAbsolutePath().normalize();
  static final Path SCREENSHOTS = Path.of("target", "screenshots").toAbsolutePath();

  /** What the script printed and its last JSON line. */
  record Outcome(String output, JsonObject result, int exitCode) {
  }

  private BrowserScript() {
  }

  /** Skips the test when Debian's Chromium is missing, or fails it when CI requires the browser. */
  static void requireChromium() {
    Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));
    boolean required = "1".equals(System.getenv("MOMENTUM_REQUIRE_BROWSER"));
    if (!Files.isExecutable(chromium)) {
      assertThat(required).as("MOMENTUM_REQUIRE_BROWSER=1 but there is no Chromium at " + chromium).isFalse();
      assumeTrue(false, "no Chromium at " + chromium + "; install Debian's chromium package");
    }
  }

  /** Runs {@code web/<script>} with the arguments and waits up to {@code timeoutSeconds}. */
  static Outcome run(String script, List<String> arguments, int timeoutSeconds) throws Exception {
    List<String> command = new ArrayList<>(List.of(node(), script));
    command.addAll(arguments);
    Process process = new ProcessBuilder(command).directory(WEB.toFile()).redirectErrorStream(true).start();
    boolean finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!finished) {
      process.destroyForcibly();
    }
    assertThat(finished).as("browser script finished; output:\n" + output).isTrue();
    return new Outcome(output, lastJsonLine(output), process.exitValue());
  }

  /** Returns the web module's Node (installed by its build), else the one on the path. */
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
