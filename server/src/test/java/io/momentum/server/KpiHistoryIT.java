package io.momentum.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.server.app.MomentumNode;
import io.momentum.server.support.Http;
import io.momentum.server.support.TestNode;
import io.momentum.server.support.TestOrg;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The value history of a KPI: stored measurements in time order, late ones marked, scoped by organisation. */
class KpiHistoryIT {

  private static final Instant DAY = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(10, ChronoUnit.DAYS);

  private static MomentumNode node;
  private static TestOrg org;
  private static TestOrg other;
  private static Http api;

  @BeforeAll
  static void createOrgs() throws InterruptedException {
    node = TestNode.get();
    org = TestOrg.create(node, "kpih-" + UUID.randomUUID().toString().substring(0, 8)).awaitLive(node);
    other = TestOrg.create(node, "kpih-other-" + UUID.randomUUID().toString().substring(0, 8)).awaitLive(node);
    api = Http.withToken(org.token);
  }

  @Test
  void historyListsValuesOldestFirstWithLateOnesMarked() throws InterruptedException {
    String path = "/api/v1/kpis/" + org.kpiId;
    send(path, 31, DAY.plus(1, ChronoUnit.DAYS));
    send(path, 35, DAY.plus(3, ChronoUnit.DAYS));
    send(path, 33, DAY.plus(2, ChronoUnit.DAYS));

    JsonArray points = awaitPoints(path + "/history", 3);

    assertThat(points.stream().map(p -> ((JsonObject) p).getString("value"))).containsExactly("31", "33", "35");
    assertThat(points.getJsonObject(1).getBoolean("applied")).as("the late value is history only").isFalse();
    assertThat(points.getJsonObject(2).getBoolean("applied")).isTrue();
  }

  @Test
  void formulaHistoryIsReplayedFromItsDrivers() throws InterruptedException {
    String orders = createKpi("orders");
    String aov = createKpi("aov");
    String revenue = createKpi("revenue");
    HttpResponse<Buffer> drivers = api.put("/api/v1/kpis/" + revenue + "/drivers", new JsonObject()
        .put("formula", "orders * aov").put("drivers", new JsonArray()
            .add(new JsonObject().put("driverId", orders).put("variable", "orders"))
            .add(new JsonObject().put("driverId", aov).put("variable", "aov"))));
    assertThat(drivers.statusCode()).as(drivers.bodyAsString()).isEqualTo(200);
    send("/api/v1/kpis/" + orders, 10, DAY.plus(1, ChronoUnit.DAYS));
    send("/api/v1/kpis/" + aov, 4, DAY.plus(2, ChronoUnit.DAYS));
    send("/api/v1/kpis/" + orders, 20, DAY.plus(3, ChronoUnit.DAYS));
    awaitPoints("/api/v1/kpis/" + orders + "/history", 2);

    JsonArray points = awaitPoints("/api/v1/kpis/" + revenue + "/history", 2);

    assertThat(points.stream().map(p -> ((JsonObject) p).getValue("value").toString())).containsExactly("40", "80");
    assertThat(points.getJsonObject(0).getString("at")).isEqualTo(DAY.plus(2, ChronoUnit.DAYS).toString());
    assertThat(points.getJsonObject(1).getString("source")).isEqualTo("formula");
  }

  @Test
  void nestedFormulaHistoryReplaysComputedDrivers() throws InterruptedException {
    String orders = createKpi("orders");
    String aov = createKpi("aov");
    String revenue = createKpi("revenue");
    String rate = createKpi("rate");
    String margin = createKpi("margin");
    setFormula(revenue, "orders * aov", orders, "orders", aov, "aov");
    setFormula(margin, "revenue * rate", revenue, "revenue", rate, "rate");
    send("/api/v1/kpis/" + orders, 10, DAY.plus(1, ChronoUnit.DAYS));
    send("/api/v1/kpis/" + aov, 4, DAY.plus(2, ChronoUnit.DAYS));
    send("/api/v1/kpis/" + rate, 2, DAY.plus(3, ChronoUnit.DAYS));
    send("/api/v1/kpis/" + orders, 20, DAY.plus(4, ChronoUnit.DAYS));
    awaitPoints("/api/v1/kpis/" + orders + "/history", 2);
    awaitPoints("/api/v1/kpis/" + rate + "/history", 1);

    JsonArray points = awaitPoints("/api/v1/kpis/" + margin + "/history", 2);

    assertThat(points.stream().map(p -> ((JsonObject) p).getValue("value").toString())).containsExactly("80", "160");
    assertThat(points.getJsonObject(0).getString("at")).isEqualTo(DAY.plus(3, ChronoUnit.DAYS).toString());
    assertThat(points.getJsonObject(1).getString("at")).isEqualTo(DAY.plus(4, ChronoUnit.DAYS).toString());
  }

  @Test
  void rangeIsChecked() {
    HttpResponse<Buffer> response = api.get("/api/v1/kpis/" + org.kpiId + "/history?from=yesterday");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Http.json(response).getJsonObject("error").getJsonArray("fields").getJsonObject(0).getString("field"))
        .isEqualTo("from");
  }

  @Test
  void otherOrganisationGetsNotFound() {
    HttpResponse<Buffer> response = Http.withToken(other.token).get("/api/v1/kpis/" + org.kpiId + "/history");

    assertThat(response.statusCode()).isEqualTo(404);
  }

  private static String createKpi(String prefix) {
    HttpResponse<Buffer> response = api.post("/api/v1/kpis", new JsonObject()
        .put("key", prefix + "-" + UUID.randomUUID().toString().substring(0, 6)).put("title", "KPI " + prefix));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return Http.json(response).getString("id");
  }

  private static void setFormula(String kpi, String formula, String first, String firstVariable, String second,
                                 String secondVariable) {
    HttpResponse<Buffer> response = api.put("/api/v1/kpis/" + kpi + "/drivers", new JsonObject()
        .put("formula", formula).put("drivers", new JsonArray()
            .add(new JsonObject().put("driverId", first).put("variable", firstVariable))
            .add(new JsonObject().put("driverId", second).put("variable", secondVariable))));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
  }

  private static void send(String path, int value, Instant time) {
    HttpResponse<Buffer> response = api.post(path + "/measurements",
        new JsonObject().put("value", value).put("time", time.toString()));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(202);
  }

  private static JsonArray awaitPoints(String path, int count) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 15_000;
    JsonArray points = new JsonArray();
    while (System.currentTimeMillis() < deadline) {
      points = Http.json(api.get(path)).getJsonArray("points");
      if (points.size() >= count) {
        return points;
      }
      Thread.sleep(100);
    }
    return points;
  }
}
