package io.momentum.server.cadence;

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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Cycle nesting, fiscal years and cycle edits with versions. */
class CyclesIT {

  private static MomentumNode node;
  private static TestOrg org;
  private static Http api;
  private static String strategyId;
  private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

  @BeforeAll
  static void createOrg() throws InterruptedException {
    node = TestNode.get();
    org = Cadence.org(node, "cycles");
    api = Http.withToken(org.token);
    HttpResponse<Buffer> strategy = api.post("/api/v1/cycles", new JsonObject().put("key", "strategy").put("name", "Strategy")
        .put("kind", "strategy").put("start", "2025-01-01").put("end", "2029-12-31"));
    assertThat(strategy.statusCode()).isEqualTo(201);
    strategyId = Http.json(strategy).getString("id");
  }

  static Stream<Arguments> nestingRules() {
    return Stream.of(
        Arguments.of("quarter without parent", "quarter", null, "2026-01-01", "2026-03-31", "parentId"),
        Arguments.of("annual without parent", "annual", null, "2026-01-01", "2026-12-31", "parentId"),
        Arguments.of("quarter inside strategy", "quarter", "strategy", "2026-01-01", "2026-03-31", "parentId"),
        Arguments.of("annual inside annual", "annual", "year", "2026-01-01", "2026-03-31", "parentId"),
        Arguments.of("strategy with a parent", "strategy", "strategy", "2026-01-01", "2026-12-31", "parentId"),
        Arguments.of("annual outside its strategy", "annual", "strategy", "2029-06-01", "2030-05-31", "start"),
        Arguments.of("end before start", "quarter", "year", "2026-03-31", "2026-01-01", "end"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nestingRules")
  void nestingRuleIsEnforced(String name, String kind, String parent, String start, String end, String field) {
    JsonObject body = new JsonObject().put("key", "c-" + UUID.randomUUID().toString().substring(0, 8)).put("name", name)
        .put("kind", kind).put("start", start).put("end", end);
    if (parent != null) {
      body.put("parentId", "strategy".equals(parent) ? strategyId : org.yearId.toString());
    }

    HttpResponse<Buffer> response = api.post("/api/v1/cycles", body);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Cadence.fields(response)).containsExactly(field);
  }

  @Test
  void annualInsideStrategyIsCreated() {
    HttpResponse<Buffer> response = api.post("/api/v1/cycles", new JsonObject().put("key", "y2028").put("name", "2028")
        .put("kind", "annual").put("parentId", strategyId).put("start", "2028-01-01").put("end", "2028-12-31"));

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(Http.json(response).getInteger("version")).isEqualTo(1);
  }

  @Test
  void fiscalYearFollowsStartMonth() throws InterruptedException {
    TestOrg april = Cadence.org(node, "cycles-april");
    Http aprilApi = Http.withToken(april.token);
    Http.withToken(Cadence.adminToken(node, april)).patch("/api/v1/settings",
        new JsonObject().put("fiscalYearStartMonth", 4).put("version", 1));
    String strategy = Http.json(aprilApi.post("/api/v1/cycles", new JsonObject().put("key", "s").put("name", "S")
        .put("kind", "strategy").put("start", "2026-01-01").put("end", "2030-12-31"))).getString("id");

    HttpResponse<Buffer> response = aprilApi.post("/api/v1/cycles/fiscal-year",
        new JsonObject().put("strategyCycleId", strategy).put("year", 2026));

    assertThat(response.statusCode()).isEqualTo(201);
    JsonObject annual = Http.json(response).getJsonObject("annual");
    JsonArray quarters = Http.json(response).getJsonArray("quarters");
    assertThat(annual.getString("key")).isEqualTo("fy2026");
    assertThat(annual.getString("name")).isEqualTo("FY 2026/27");
    assertThat(annual.getString("start")).isEqualTo("2026-04-01");
    assertThat(annual.getString("end")).isEqualTo("2027-03-31");
    assertThat(quarters).hasSize(4);
    assertThat(quarters.getJsonObject(0).getString("key")).isEqualTo("fy2026-q1");
    assertThat(quarters.getJsonObject(1).getString("start")).isEqualTo("2026-07-01");
    assertThat(quarters.getJsonObject(3).getString("end")).isEqualTo("2027-03-31");
    assertThat(quarters.getJsonObject(3).getString("parentId")).isEqualTo(annual.getString("id"));
  }

  @Test
  void fiscalYearTwiceIsConflict() {
    JsonObject body = new JsonObject().put("strategyCycleId", strategyId).put("year", 2027).put("keyPrefix", "fy27");
    api.post("/api/v1/cycles/fiscal-year", body);

    HttpResponse<Buffer> second = api.post("/api/v1/cycles/fiscal-year", body);

    assertThat(second.statusCode()).isEqualTo(409);
    assertThat(Cadence.fields(second)).containsExactly("keyPrefix");
    JsonObject field = Http.json(second).getJsonObject("error").getJsonArray("fields").getJsonObject(0);
    assertThat(field.getString("code")).isEqualTo("cycle_keys_taken");
    assertThat(field.getJsonObject("params").getJsonArray("keys").getList()).contains("fy27", "fy27-q1");
  }

  @Test
  void fiscalYearOutsideStrategyIsRejected() {
    HttpResponse<Buffer> response = api.post("/api/v1/cycles/fiscal-year",
        new JsonObject().put("strategyCycleId", strategyId).put("year", 2031));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Cadence.fields(response)).containsExactly("year");
  }

  @Test
  void fiscalYearNeedsStrategyCycle() {
    HttpResponse<Buffer> response = api.post("/api/v1/cycles/fiscal-year",
        new JsonObject().put("strategyCycleId", org.yearId.toString()).put("year", 2026));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Cadence.fields(response)).containsExactly("strategyCycleId");
  }

  @Test
  void patchRenamesAndBumpsVersion() {
    String id = createQuarter("rename-me", TODAY.plusDays(50), TODAY.plusDays(100));

    HttpResponse<Buffer> response = api.patch("/api/v1/cycles/" + id, new JsonObject().put("name", "Renamed").put("version", 1));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Http.json(response).getString("name")).isEqualTo("Renamed");
    assertThat(Http.json(response).getInteger("version")).isEqualTo(2);
    assertThat(Http.json(api.get("/api/v1/cycles/" + id)).getInteger("version")).isEqualTo(2);
  }

  @Test
  void patchWithStaleVersionIsConflict() {
    String id = createQuarter("stale-me", TODAY.plusDays(50), TODAY.plusDays(100));
    api.patch("/api/v1/cycles/" + id, new JsonObject().put("name", "First").put("version", 1));

    HttpResponse<Buffer> response = api.patch("/api/v1/cycles/" + id, new JsonObject().put("name", "Second").put("version", 1));

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(Cadence.code(response)).isEqualTo("stale_version");
    assertThat(Http.json(response).getJsonObject("error").getJsonObject("current").getString("name")).isEqualTo("First");
  }

  @Test
  void patchOutsideParentIsRejected() {
    String id = createQuarter("grow-me", TODAY.plusDays(50), TODAY.plusDays(100));

    HttpResponse<Buffer> response = api.patch("/api/v1/cycles/" + id,
        new JsonObject().put("end", TODAY.plusDays(400).toString()).put("version", 1));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Cadence.fields(response)).containsExactly("start");
  }

  @Test
  void patchThatLeavesChildOutsideIsRejected() {
    HttpResponse<Buffer> response = api.patch("/api/v1/cycles/" + org.yearId,
        new JsonObject().put("end", TODAY.toString()).put("version", 1));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Http.json(response).getJsonObject("error").getString("message")).contains("quarter");
  }

  private static String createQuarter(String key, LocalDate start, LocalDate end) {
    HttpResponse<Buffer> response = api.post("/api/v1/cycles", new JsonObject().put("key", key + "-" + UUID.randomUUID().toString()
            .substring(0, 6)).put("name", key).put("kind", "quarter").put("parentId", org.yearId.toString())
        .put("start", start.toString()).put("end", end.toString()));
    assertThat(response.statusCode()).isEqualTo(201);
    return Http.json(response).getString("id");
  }
}
