package io.momentum.streams.load;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The organisation as the load generator sees it, read from the REST API: the key results that
 * events can move and the units whose boards the clients open. Key results of a closed cycle are
 * left out, because the server stores their values without applying them.
 */
final class OrgCatalog {

  /** Measurements whose progress moves with every new value, so every event changes a board. */
  private static final Set<String> MOVING_MEASUREMENTS = Set.of("increase", "decrease");
  private static final int PAGE_SIZE = 500;

  /** A key result the generator sends values to: its key and the range its values move in. */
  record Target(String key, double start, double target, long currentAtMicros) {
  }

  private final List<Target> keyResults;
  private final List<String> unitIds;

  private OrgCatalog(List<Target> keyResults, List<String> unitIds) {
    this.keyResults = keyResults;
    this.unitIds = unitIds;
  }

  List<Target> keyResults() {
    return keyResults;
  }

  List<String> unitIds() {
    return unitIds;
  }

  /** Reads every page of cycles, objectives, key results and units; throws when a response is not 200. */
  static OrgCatalog fetch(HttpClient http, URI baseUrl, String token) throws IOException, InterruptedException {
    Set<String> closedCycles = new HashSet<>();
    for (JsonObject cycle : readAll(http, baseUrl, token, "/api/v1/cycles")) {
      if (cycle.getBoolean("closed", false)) {
        closedCycles.add(cycle.getString("id"));
      }
    }
    Set<String> frozenObjectives = new HashSet<>();
    for (JsonObject objective : readAll(http, baseUrl, token, "/api/v1/objectives")) {
      if (closedCycles.contains(objective.getString("cycleId"))) {
        frozenObjectives.add(objective.getString("id"));
      }
    }
    List<Target> targets = new ArrayList<>();
    for (JsonObject kr : readAll(http, baseUrl, token, "/api/v1/key-results")) {
      Number start = kr.getNumber("start");
      Number target = kr.getNumber("target");
      if (!MOVING_MEASUREMENTS.contains(kr.getString("measurement")) || start == null || target == null
          || start.doubleValue() == target.doubleValue() || frozenObjectives.contains(kr.getString("objectiveId"))) {
        continue;
      }
      String currentAt = kr.getString("currentAt");
      targets.add(new Target(kr.getString("key"), start.doubleValue(), target.doubleValue(),
          currentAt == null ? -1 : Micros.parse(currentAt)));
    }
    List<String> units = new ArrayList<>();
    for (JsonObject unit : readAll(http, baseUrl, token, "/api/v1/units")) {
      units.add(unit.getString("id"));
    }
    return new OrgCatalog(List.copyOf(targets), List.copyOf(units));
  }

  private static List<JsonObject> readAll(HttpClient http, URI baseUrl, String token, String path)
      throws IOException, InterruptedException {
    List<JsonObject> items = new ArrayList<>();
    String after = null;
    do {
      String query = "?limit=" + PAGE_SIZE + (after == null ? "" : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8));
      JsonObject page = getJson(http, baseUrl.resolve(path + query), token);
      JsonArray pageItems = page.getJsonArray("items", new JsonArray());
      for (int i = 0; i < pageItems.size(); i++) {
        items.add(pageItems.getJsonObject(i));
      }
      after = page.getString("nextCursor");
    } while (after != null);
    return items;
  }

  static JsonObject getJson(HttpClient http, URI uri, String token) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(uri)
        .header("Authorization", "Bearer " + token)
        .header("Accept", "application/json")
        .timeout(Duration.ofSeconds(30))
        .GET().build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("GET " + uri + " returned HTTP " + response.statusCode() + ": " + abbreviate(response.body()));
    }
    return new JsonObject(response.body());
  }

  private static String abbreviate(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "...";
  }
}
