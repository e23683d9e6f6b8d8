package io.momentum.server.goals;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.server.initiatives.InitiativeRoutes;
import io.momentum.server.links.Contributions;
import io.momentum.server.links.ImpactChains;
import io.momentum.server.links.ImpactLinks;
import io.momentum.server.people.PeopleRoutes;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The OpenAPI fragment of the goal model describes exactly the routes its classes mount. */
class GoalOpenApiTest {

  private static final Path FRAGMENT = Path.of("..", "docs", "openapi", "goals.yaml");
  /** Cycle routes belong to another fragment. */
  private static final String CYCLES = "/cycles";

  @Test
  void fragmentMatchesMountedRoutes() throws IOException {
    Vertx vertx = Vertx.vertx();
    try {
      Router router = Router.router(vertx);
      new StructureRoutes(null, null).mount(router);
      new GoalRoutes(null, null).mount(router);
      new InitiativeRoutes(null, null).mount(router);
      new Contributions(null).mount(router);
      new ImpactLinks(null).mount(router);
      new ImpactChains(vertx, null, null).mount(router);
      new PeopleRoutes(null).mount(router);

      assertThat(documented()).isEqualTo(mounted(router.getRoutes()));
    } finally {
      vertx.close().await();
    }
  }

  private static Set<String> mounted(List<Route> routes) {
    Set<String> operations = new TreeSet<>();
    for (Route route : routes) {
      String path = route.getPath().substring("/api/v1".length()).replaceAll(":(\\w+)", "{$1}");
      if (path.startsWith(CYCLES)) {
        continue;
      }
      for (HttpMethod method : route.methods()) {
        operations.add(method.name().toLowerCase() + " " + path);
      }
    }
    return operations;
  }

  /** Reads the operations of the fragment: paths at two spaces of indent, methods at four. */
  private static Set<String> documented() throws IOException {
    Pattern pathLine = Pattern.compile("^  (/\\S*):\\s*$");
    Pattern methodLine = Pattern.compile("^    (get|post|put|patch|delete):\\s*$");
    Set<String> operations = new TreeSet<>();
    String path = null;
    boolean inPaths = false;
    for (String line : Files.readAllLines(FRAGMENT)) {
      if (!line.startsWith(" ")) {
        inPaths = line.startsWith("paths:");
        continue;
      }
      Matcher pathMatch = pathLine.matcher(line);
      Matcher methodMatch = methodLine.matcher(line);
      if (inPaths && pathMatch.matches()) {
        path = pathMatch.group(1);
      } else if (inPaths && methodMatch.matches() && path != null) {
        operations.add(methodMatch.group(1) + " " + path);
      }
    }
    return operations;
  }
}
