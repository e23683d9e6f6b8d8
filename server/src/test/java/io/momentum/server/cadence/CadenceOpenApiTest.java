package io.momentum.server.cadence;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.server.checkins.CheckInRoutes;
import io.momentum.server.checkins.CommentRoutes;
import io.momentum.server.checkins.DueRoutes;
import io.momentum.server.cycles.CycleRoutes;
import io.momentum.server.events.EventRoutes;
import io.momentum.server.history.AsOfRoutes;
import io.momentum.server.settings.SettingsRoutes;
import io.momentum.server.transfer.ExportRoutes;
import io.momentum.server.transfer.ImportRoutes;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OpenAPI fragment of the cadence routes lists exactly the operations they mount. */
class CadenceOpenApiTest {

  private static final Path FRAGMENT = Path.of("..", "docs", "openapi", "cadence.yaml");
  private static final Pattern PATH = Pattern.compile("^  (/\\S+):\\s*$");
  private static final Pattern METHOD = Pattern.compile("^    (get|post|patch|put|delete):\\s*$");

  private Vertx vertx;

  @BeforeEach
  void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void closeVertx() {
    vertx.close().await();
  }

  @Test
  void fragmentMatchesMountedRoutes() throws IOException {
    Router router = Router.router(vertx);
    Clock clock = Clock.systemUTC();
    new SettingsRoutes(null).mount(router);
    new CycleRoutes(null, null, null, clock).mount(router);
    new CheckInRoutes(null, clock).mount(router);
    new CommentRoutes(null).mount(router);
    new DueRoutes(null, clock).mount(router);
    new AsOfRoutes(vertx, null, clock).mount(router);
    new ExportRoutes(null, null, clock).mount(router);
    new ImportRoutes(null, null).mount(router);
    new EventRoutes(null, null, clock).mount(router);

    assertThat(documented()).isEqualTo(mounted(router));
  }

  /** Operations of the cadence routes, as {@code METHOD /path} relative to /api/v1; event ingest is documented elsewhere. */
  private static Set<String> mounted(Router router) {
    Set<String> operations = new TreeSet<>();
    for (Route route : router.getRoutes()) {
      String path = route.getPath().replaceFirst("^/api/v1", "").replaceAll(":(\\w+)", "{$1}");
      if (path.equals("/events")) {
        continue;
      }
      for (HttpMethod method : route.methods()) {
        operations.add(method.name() + " " + path);
      }
    }
    return operations;
  }

  private static Set<String> documented() throws IOException {
    Set<String> operations = new TreeSet<>();
    String path = null;
    for (String line : Files.readAllLines(FRAGMENT)) {
      Matcher pathMatch = PATH.matcher(line);
      Matcher methodMatch = METHOD.matcher(line);
      if (pathMatch.matches()) {
        path = pathMatch.group(1);
      } else if (methodMatch.matches() && path != null) {
        operations.add(methodMatch.group(1).toUpperCase(java.util.Locale.ROOT) + " " + path);
      } else if (line.startsWith("components:")) {
        break;
      }
    }
    return operations;
  }
}
