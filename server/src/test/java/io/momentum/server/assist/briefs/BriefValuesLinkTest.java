package io.momentum.server.assist.briefs;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Links of "what moved" sentences. A key result that rose in a weekly brief and an objective that
 * rose in a monthly brief link to the History section of their pages. The link carries the period
 * in its query, so the page can show the node at both instants.
 */
class BriefValuesLinkTest {

  private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");
  private static final Instant MONTH_AGO = Instant.parse("2026-11-05T10:00:00Z");
  private static final BriefInputs.Cycle CYCLE = new BriefInputs.Cycle("c-q4", "Q4 2026", "quarter",
      LocalDate.parse("2026-10-01"), LocalDate.parse("2026-12-31"));
  private static final BriefInputs.Unit TEAM = new BriefInputs.Unit("u-data", "Data", "team", null, 0);

  private static JsonObject node(String id, String kind, String title, String parentId, double progress) {
    return new JsonObject().put("id", id).put("kind", kind).put("title", title).put("parentId", parentId)
        .put("unitId", TEAM.id()).put("cycleId", CYCLE.id()).put("progress", progress).put("expected", 0.7)
        .put("status", "on_track").put("updatedAt", NOW.minusSeconds(3600).toString());
  }

  private static BriefInputs inputs(BriefKind kind) {
    List<JsonObject> now = List.of(
        node("o-shop", "objective", "Personalise the storefront", null, 0.6),
        node("k-model", "key_result", "Serve recommendations on every page", "o-shop", 0.6));
    Map<String, JsonObject> before = new HashMap<>();
    for (JsonObject node : now) {
      before.put(node.getString("id"), node.copy().put("progress", 0.25));
    }
    return new BriefInputs(kind, "org", NOW, MONTH_AGO, "live", CYCLE, List.of(TEAM), now,
        Map.of(MONTH_AGO, before), List.of(), List.of());
  }

  /** Returns the links of type "values" of every sentence, by the id of the node they name. */
  private static Map<String, JsonObject> valuesLinks(JsonObject brief) {
    Map<String, JsonObject> links = new HashMap<>();
    List<JsonObject> all = new ArrayList<>();
    for (Object section : brief.getJsonArray("sections")) {
      for (Object sentence : ((JsonObject) section).getJsonArray("sentences")) {
        ((JsonObject) sentence).getJsonArray("links").forEach(link -> all.add((JsonObject) link));
      }
    }
    for (JsonObject link : all) {
      if ("values".equals(link.getString("type"))) {
        links.put(link.getString("nodeId"), link);
      }
    }
    return links;
  }

  @ParameterizedTest(name = "{0} brief links {1}")
  @CsvSource({"weekly, k-model, /key-results/k-model", "monthly, o-shop, /nodes/o-shop/impact"})
  void movedNodeLinksToHistoryOfPeriod(String kind, String nodeId, String page) {
    JsonObject brief = BriefComposer.compose(inputs(BriefKind.fromWire(kind)), BriefWording.of("en"));
    Map<String, JsonObject> links = valuesLinks(brief);

    assertThat(links).as("values links of the %s brief", kind).containsKey(nodeId);
    JsonObject link = links.get(nodeId);
    assertThat(link.getString("path")).isEqualTo(page + "?from=2026-11-05T10:00:00Z&to=2026-12-05T10:00:00Z#history");
    assertThat(link.getString("from")).isEqualTo("2026-11-05T10:00:00Z");
    assertThat(link.getString("to")).isEqualTo("2026-12-05T10:00:00Z");
  }
}
