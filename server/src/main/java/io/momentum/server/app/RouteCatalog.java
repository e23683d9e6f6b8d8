package io.momentum.server.app;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The REST operations the node serves under {@code /api/v1}, as {@code "GET /api/v1/units/{id}"}:
 * the form OpenAPI uses, so that a test can hold them against the published document.
 */
public final class RouteCatalog {

  private static final String PREFIX = "/api/v1/";

  private final Set<String> operations = new ConcurrentSkipListSet<>();

  /** Records every API route with an exact path and at least one method; wildcards are filters, not operations. */
  void record(List<Route> routes) {
    for (Route route : routes) {
      String path = route.getPath();
      Set<HttpMethod> methods = route.methods();
      if (path == null || !path.startsWith(PREFIX) || path.endsWith("*") || methods == null || methods.isEmpty()) {
        continue;
      }
      String template = path.replaceAll(":([A-Za-z0-9_]+)", "{$1}");
      methods.forEach(method -> operations.add(method.name() + " " + template));
    }
  }

  /** Returns the recorded operations, sorted. */
  public SortedSet<String> operations() {
    return new TreeSet<>(operations);
  }
}
