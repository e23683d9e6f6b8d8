package io.momentum.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.server.app.MomentumNode;
import io.momentum.server.support.Cadence;
import io.momentum.server.support.Http;
import io.momentum.server.support.TestNode;
import io.momentum.server.support.TestOrg;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each field error carries a stable {@code code} beside its English message, and {@code params}
 * with the values the message names, so the web app can word it in the reader's language.
 */
class FieldErrorCodesIT {

  private static TestOrg org;
  private static Http api;

  @BeforeAll
  static void createOrganisation() throws InterruptedException {
    MomentumNode node = TestNode.get();
    org = Cadence.org(node, "codes");
    api = Http.withToken(org.token);
  }

  /** A rejected request, the field it names, the expected code and the params that must be present. */
  private record Case(String name, Function<Http, HttpResponse<Buffer>> request, int status, String field, String code,
                      JsonObject params) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static JsonObject keyResult(int start, int target) {
    return new JsonObject().put("key", "kr-codes").put("objectiveId", org.objectiveId.toString()).put("title", "Grow")
        .put("measurement", "increase").put("start", start).put("target", target);
  }

  private static JsonObject kpi() {
    return new JsonObject().put("key", "kpi-codes").put("title", "Orders");
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        new Case("key format", a -> a.post("/api/v1/kpis", kpi().put("key", "Bad Key")), 400, "key", "key_format",
            new JsonObject()),
        new Case("title too long", a -> a.post("/api/v1/kpis", kpi().put("title", "x".repeat(201))), 400, "title",
            "too_long", new JsonObject().put("length", 201).put("limit", 200)),
        new Case("missing title", a -> a.post("/api/v1/kpis", kpi().putNull("title")), 400, "title", "missing",
            new JsonObject()),
        new Case("direction not allowed", a -> a.post("/api/v1/kpis", kpi().put("direction", "sideways")), 400,
            "direction", "not_allowed", new JsonObject().put("value", "sideways")
                .put("allowed", new JsonArray().add("increase").add("decrease"))),
        new Case("unknown field", a -> a.post("/api/v1/kpis", kpi().put("colour", "red")), 400, "colour",
            "unknown_field", new JsonObject()),
        new Case("key taken", a -> a.post("/api/v1/kpis", kpi().put("key", "revenue")), 409, "key", "taken_by",
            new JsonObject().put("kind", "key_result").put("title", "Grow revenue")),
        new Case("green below red", a -> a.post("/api/v1/kpis", kpi().put("green", 10).put("red", 20)), 400, "green",
            "green_not_above_red", new JsonObject().put("red", "20")),
        new Case("corridor incomplete", a -> a.post("/api/v1/kpis", kpi().put("green", 10)), 400, "red",
            "corridor_incomplete", new JsonObject()),
        new Case("target below start", a -> a.post("/api/v1/key-results", keyResult(10, 5)), 400, "target",
            "target_below_start", new JsonObject().put("start", "10")),
        new Case("commit outside", a -> a.post("/api/v1/key-results", keyResult(0, 10).put("commit", 12)), 400,
            "commit", "commit_range", new JsonObject().put("start", "0").put("target", "10")),
        new Case("initiative due before start", a -> a.post("/api/v1/initiatives", new JsonObject().put("key", "init-codes")
            .put("title", "Ship").put("start", "2026-10-10").put("due", "2026-10-01")), 400, "due", "due_before_start",
            new JsonObject().put("start", "2026-10-10")),
        new Case("initiative external key alone", a -> a.post("/api/v1/initiatives", new JsonObject().put("key", "init-codes")
            .put("title", "Ship").put("externalSystem", "jira")), 400, "externalKey", "external_reference_incomplete",
            new JsonObject()),
        new Case("cycle end before start", a -> a.post("/api/v1/cycles", new JsonObject().put("key", "q-codes")
            .put("name", "Q").put("kind", "quarter").put("parentId", org.yearId.toString()).put("start", "2026-10-01")
            .put("end", "2026-09-01")), 400, "end", "end_before_start", new JsonObject().put("start", "2026-10-01")),
        new Case("formula unknown variable", a -> a.put("/api/v1/kpis/" + org.kpiId + "/drivers", new JsonObject()
            .put("drivers", new JsonArray()).put("formula", "orders * aov")), 400, "formula", "formula_unknown_variable",
            new JsonObject().put("variables", "aov, orders")),
        new Case("formula syntax keeps position", a -> a.put("/api/v1/kpis/" + org.kpiId + "/drivers", new JsonObject()
            .put("drivers", new JsonArray()).put("formula", "2 * (3")), 400, "formula", "formula_syntax",
            new JsonObject().put("position", 7).put("problem", "missing_bracket")),
        new Case("impact link to itself", a -> a.post("/api/v1/impact-links", new JsonObject()
            .put("fromId", org.kpiId.toString()).put("toId", org.kpiId.toString()).put("fromStage", "output")
            .put("toStage", "input")), 400, "toId", "self_link", new JsonObject()),
        new Case("impact stage order", a -> a.post("/api/v1/impact-links", new JsonObject()
            .put("fromId", org.kpiId.toString()).put("toId", org.kpiId.toString()).put("fromStage", "output")
            .put("toStage", "input")), 400, "toStage", "stage_order",
            new JsonObject().put("fromStage", "output").put("toStage", "input")),
        new Case("stale version", a -> a.patchIfMatch("/api/v1/kpis/" + org.kpiId, new JsonObject().put("title", "NPS"), 99),
            409, "version", "stale_version", new JsonObject().put("currentVersion", 1))
    ).map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void fieldErrorHasCodeAndParams(Case rejected) {
    HttpResponse<Buffer> response = rejected.request().apply(api);

    assertThat(response.statusCode()).isEqualTo(rejected.status());
    JsonObject error = fieldError(response, rejected.field());
    assertThat(error.getString("code")).isEqualTo(rejected.code());
    assertThat(error.getString("message")).isNotBlank();
    JsonObject params = error.getJsonObject("params", new JsonObject());
    rejected.params().forEach(entry -> assertThat(params.getValue(entry.getKey())).as(entry.getKey()).isEqualTo(entry.getValue()));
  }

  @Test
  void ruleWithoutOwnCodeIsInvalid() {
    HttpResponse<Buffer> response = api.post("/api/v1/objectives", new JsonObject().put("key", "obj-codes")
        .put("title", "Grow").put("kind", "strategic_outcome").put("parentId", org.objectiveId.toString()));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(fieldError(response, "parentId").getString("code")).isEqualTo("outcome_has_no_parent");
  }

  private static JsonObject fieldError(HttpResponse<Buffer> response, String field) {
    JsonArray fields = Http.json(response).getJsonObject("error").getJsonArray("fields", new JsonArray());
    return fields.stream().map(f -> (JsonObject) f).filter(f -> field.equals(f.getString("field"))).findFirst()
        .orElseThrow(() -> new AssertionError("no error on " + field + " in " + response.bodyAsString()));
  }
}
