package io.momentum.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.server.app.MomentumNode;
import io.momentum.server.support.Http;
import io.momentum.server.support.TestNode;
import io.momentum.server.support.TestOrg;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The KPI driver-tree API against a real node: validation, loops, live values and tenant scoping. */
class KpiDriverIT {

  private static MomentumNode node;
  private static TestOrg org;
  private static TestOrg other;
  private static Http api;
  private static WebClient client;

  @BeforeAll
  static void createOrgs() throws InterruptedException {
    node = TestNode.get();
    org = TestOrg.create(node, "kpi-" + UUID.randomUUID().toString().substring(0, 8)).awaitLive(node);
    other = TestOrg.create(node, "kpi-other-" + UUID.randomUUID().toString().substring(0, 8)).awaitLive(node);
    api = Http.withToken(org.token);
    client = WebClient.create(node.vertx(), new WebClientOptions()
        .setDefaultHost("127.0.0.1").setDefaultPort(TestNode.httpPort()));
  }

  private static HttpResponse<Buffer> put(String token, String path, Object body) {
    return client.request(HttpMethod.PUT, path)
        .putHeader("Authorization", "Bearer " + token)
        .putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer(Json.encode(body))).await();
  }

  private static String createKpi(Http http, TestOrg owner, String key) {
    HttpResponse<Buffer> response = http.post("/api/v1/kpis", new JsonObject().put("key", key)
        .put("title", "KPI " + key).put("unitId", owner.teamId.toString()));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return Http.json(response).getString("id");
  }

  private static String uniqueKey(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
  }

  private static JsonObject driver(String id, String variable, Number weight) {
    JsonObject json = new JsonObject().put("driverId", id).put("variable", variable);
    return weight == null ? json : json.put("weight", weight);
  }

  private static JsonObject body(String formula, JsonObject... drivers) {
    JsonObject body = new JsonObject().put("drivers", new JsonArray(List.of((Object[]) drivers)));
    return formula == null ? body : body.put("formula", formula);
  }

  private static JsonObject error(HttpResponse<Buffer> response) {
    return Http.json(response).getJsonObject("error");
  }

  private static String firstField(HttpResponse<Buffer> response) {
    return error(response).getJsonArray("fields").getJsonObject(0).getString("field");
  }

  /** Reads the driver tree until it satisfies {@code done}, for values that travel through Kafka. */
  private static JsonObject awaitTree(String kpiId, Predicate<JsonObject> done) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 30_000;
    JsonObject tree = null;
    while (System.currentTimeMillis() < deadline) {
      tree = Http.json(api.get("/api/v1/kpis/" + kpiId + "/driver-tree"));
      if (done.test(tree)) {
        return tree;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("The driver tree of " + kpiId + " did not reach the expected state: " + tree);
  }

  @Test
  void driversAndFormulaAreStored() {
    String orders = createKpi(api, org, uniqueKey("orders"));
    String aov = createKpi(api, org, uniqueKey("aov"));
    String revenue = createKpi(api, org, uniqueKey("revenue"));

    HttpResponse<Buffer> response = put(org.token, "/api/v1/kpis/" + revenue + "/drivers",
        body("orders * aov", driver(orders, "orders", 2), driver(aov, "aov", null)));

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    JsonObject json = Http.json(response);
    assertThat(json.getInteger("version")).isEqualTo(2);
    assertThat(json.getString("formula")).isEqualTo("orders * aov");
    assertThat(json.getJsonArray("drivers").stream().map(d -> ((JsonObject) d).getString("variable")))
        .containsExactly("aov", "orders");
    Long history = node.services().pool().preparedQuery(
            "SELECT count(*) FROM definition_history WHERE org_id = $1 AND entity_id = $2 AND version = 2")
        .execute(Tuple.of(org.orgId, UUID.fromString(revenue))).await().iterator().next().getLong(0);
    assertThat(history).isEqualTo(1);
  }

  @Test
  void formulaValueFollowsMeasurements() throws InterruptedException {
    String orders = createKpi(api, org, uniqueKey("orders"));
    String aov = createKpi(api, org, uniqueKey("aov"));
    String revenue = createKpi(api, org, uniqueKey("revenue"));
    put(org.token, "/api/v1/kpis/" + revenue + "/drivers",
        body("orders * aov", driver(orders, "orders", 1), driver(aov, "aov", 1)));

    assertThat(api.post("/api/v1/kpis/" + orders + "/measurements", new JsonObject().put("value", 120))
        .statusCode()).isEqualTo(202);
    assertThat(api.post("/api/v1/kpis/" + aov + "/measurements", new JsonObject().put("value", 45.5))
        .statusCode()).isEqualTo(202);

    JsonObject tree = awaitTree(revenue, t -> t.getValue("value") != null);
    assertThat(tree.getDouble("value")).isEqualTo(5460.0);
    // Drivers are listed in the order of their variables.
    JsonObject ordersBranch = tree.getJsonArray("drivers").getJsonObject(1);
    assertThat(ordersBranch.getString("variable")).isEqualTo("orders");
    assertThat(ordersBranch.getDouble("change")).isEqualTo(54.6);
    assertThat(ordersBranch.getDouble("changePercent")).isEqualTo(1.0);
    assertThat(ordersBranch.getBoolean("estimated")).isFalse();
    assertThat(ordersBranch.getJsonObject("kpi").getDouble("value")).isEqualTo(120.0);
  }

  @Test
  void formulaValueIsReadLikeAMeasuredOne() throws InterruptedException {
    String orders = createKpi(api, org, uniqueKey("orders"));
    String aov = createKpi(api, org, uniqueKey("aov"));
    String revenue = createKpi(api, org, uniqueKey("revenue"));
    put(org.token, "/api/v1/kpis/" + revenue + "/drivers",
        body("orders * aov", driver(orders, "orders", 1), driver(aov, "aov", 1)));
    api.post("/api/v1/kpis/" + orders + "/measurements", new JsonObject().put("value", 10));
    api.post("/api/v1/kpis/" + aov + "/measurements", new JsonObject().put("value", 4));
    awaitTree(revenue, t -> t.getValue("value") != null);

    JsonObject kpi = Http.json(api.get("/api/v1/kpis/" + revenue));
    JsonArray listed = Http.json(api.get("/api/v1/kpis?unit=" + org.teamId + "&limit=500")).getJsonArray("items");

    JsonObject driver = Http.json(api.get("/api/v1/kpis/" + orders));

    assertThat(kpi.getDouble("current")).isEqualTo(40.0);
    assertThat(kpi.getString("currentSource")).isEqualTo("formula");
    assertThat(driver.getJsonArray("drives").getJsonObject(0).getString("id")).isEqualTo(revenue);
    assertThat(kpi.getString("formula")).isEqualTo("orders * aov");
    assertThat(listed.stream().map(JsonObject.class::cast).filter(k -> revenue.equals(k.getString("id")))
        .map(k -> k.getDouble("current"))).containsExactly(40.0);
  }

  @Test
  void keyResultFollowingFormulaKpiReadsItsValue() throws InterruptedException {
    String orders = createKpi(api, org, uniqueKey("orders"));
    String aov = createKpi(api, org, uniqueKey("aov"));
    String revenue = createKpi(api, org, uniqueKey("revenue"));
    put(org.token, "/api/v1/kpis/" + revenue + "/drivers",
        body("orders * aov", driver(orders, "orders", 1), driver(aov, "aov", 1)));
    HttpResponse<Buffer> created = api.post("/api/v1/key-results", new JsonObject().put("key", uniqueKey("follows"))
        .put("title", "Revenue from 0 to 100").put("objectiveId", org.objectiveId.toString())
        .put("measurement", "kpi").put("start", 0).put("target", 100).put("kpiId", revenue));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    String keyResult = Http.json(created).getString("id");
    api.post("/api/v1/kpis/" + orders + "/measurements", new JsonObject().put("value", 10));
    api.post("/api/v1/kpis/" + aov + "/measurements", new JsonObject().put("value", 5));
    awaitTree(revenue, t -> t.getValue("value") != null);

    JsonObject read = Http.json(api.get("/api/v1/key-results/" + keyResult));
    JsonArray listed = Http.json(api.get("/api/v1/key-results?kpi=" + revenue)).getJsonArray("items");

    assertThat(read.getDouble("current")).isEqualTo(50.0);
    assertThat(read.getString("currentSource")).isEqualTo("formula");
    assertThat(listed.getJsonObject(0).getDouble("current")).isEqualTo(50.0);
  }

  @Test
  void weightedDriversAreEstimated() {
    String a = createKpi(api, org, uniqueKey("a"));
    String b = createKpi(api, org, uniqueKey("b"));
    String top = createKpi(api, org, uniqueKey("top"));
    put(org.token, "/api/v1/kpis/" + top + "/drivers", body(null, driver(a, "a", 1), driver(b, "b", 3)));

    JsonObject tree = Http.json(api.get("/api/v1/kpis/" + top + "/driver-tree?depth=1"));

    JsonObject branch = tree.getJsonArray("drivers").getJsonObject(1);
    assertThat(branch.getBoolean("estimated")).isTrue();
    assertThat(branch.getDouble("changePercent")).isEqualTo(0.75);
    assertThat(tree.getInteger("depth")).isEqualTo(1);
  }

  @Test
  void driverLoopAnswers409NamingKeys() {
    String aKey = uniqueKey("loop-a");
    String bKey = uniqueKey("loop-b");
    String a = createKpi(api, org, aKey);
    String b = createKpi(api, org, bKey);
    assertThat(put(org.token, "/api/v1/kpis/" + b + "/drivers", body(null, driver(a, "a", 1))).statusCode())
        .isEqualTo(200);

    HttpResponse<Buffer> response = put(org.token, "/api/v1/kpis/" + a + "/drivers", body(null, driver(b, "b", 1)));

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(error(response).getString("code")).isEqualTo("alignment_loop");
    assertThat(error(response).getJsonArray("loop").getList()).containsExactly(aKey, bKey, aKey);
    JsonObject tree = Http.json(api.get("/api/v1/kpis/" + a + "/driver-tree"));
    assertThat(tree.getJsonArray("drivers")).isEmpty();
  }

  @Test
  void selfDriverAnswers409() {
    String key = uniqueKey("self");
    String kpi = createKpi(api, org, key);

    HttpResponse<Buffer> response = put(org.token, "/api/v1/kpis/" + kpi + "/drivers", body(null, driver(kpi, "x", 1)));

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(error(response).getJsonArray("loop").getList()).containsExactly(key, key);
  }

  @Test
  void invalidFormulaAnswers400WithPosition() {
    String a = createKpi(api, org, uniqueKey("a"));
    String top = createKpi(api, org, uniqueKey("top"));

    HttpResponse<Buffer> response = put(org.token, "/api/v1/kpis/" + top + "/drivers",
        body("a + sqrt(a)", driver(a, "a", 1)));

    assertThat(response.statusCode()).isEqualTo(400);
    JsonObject field = error(response).getJsonArray("fields").getJsonObject(0);
    assertThat(field.getString("field")).isEqualTo("formula");
    assertThat(field.getString("message")).isEqualTo("unknown function 'sqrt' at 5; use min, max, abs or round");
  }

  @Test
  void formulaWithUnlistedVariableAnswers400() {
    String a = createKpi(api, org, uniqueKey("a"));
    String top = createKpi(api, org, uniqueKey("top"));

    HttpResponse<Buffer> response = put(org.token, "/api/v1/kpis/" + top + "/drivers",
        body("a * price", driver(a, "a", 1)));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(error(response).getJsonArray("fields").getJsonObject(0).getString("message")).contains("price");
  }

  @Test
  void duplicateVariableAnswers400() {
    String a = createKpi(api, org, uniqueKey("a"));
    String b = createKpi(api, org, uniqueKey("b"));
    String top = createKpi(api, org, uniqueKey("top"));

    HttpResponse<Buffer> response = put(org.token, "/api/v1/kpis/" + top + "/drivers",
        body(null, driver(a, "x", 1), driver(b, "x", 1)));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(firstField(response)).isEqualTo("drivers[1].variable");
  }

  @Test
  void invalidVariableAnswers400() {
    String a = createKpi(api, org, uniqueKey("a"));
    String top = createKpi(api, org, uniqueKey("top"));

    HttpResponse<Buffer> response = put(org.token, "/api/v1/kpis/" + top + "/drivers",
        body(null, driver(a, "Orders", 1)));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(firstField(response)).isEqualTo("drivers[0].variable");
  }

  @Test
  void moreThanTwentyDriversAnswers400() {
    String top = createKpi(api, org, uniqueKey("top"));
    JsonObject[] drivers = new JsonObject[21];
    for (int i = 0; i < drivers.length; i++) {
      drivers[i] = driver(UUID.randomUUID().toString(), "d" + i, 1);
    }

    HttpResponse<Buffer> response = put(org.token, "/api/v1/kpis/" + top + "/drivers", body(null, drivers));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(error(response).getString("message")).contains("the limit is 20");
  }

  @Test
  void otherOrganisationsKpiCannotBeDriver() {
    String foreign = createKpi(Http.withToken(other.token), other, uniqueKey("foreign"));
    String top = createKpi(api, org, uniqueKey("top"));

    HttpResponse<Buffer> response = put(org.token, "/api/v1/kpis/" + top + "/drivers",
        body(null, driver(foreign, "f", 1)));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(firstField(response)).isEqualTo("drivers[0].driverId");
  }

  @Test
  void otherOrganisationsKpiCannotBeRead() {
    String kpi = createKpi(api, org, uniqueKey("private"));

    HttpResponse<Buffer> response = Http.withToken(other.token).get("/api/v1/kpis/" + kpi + "/driver-tree");

    assertThat(response.statusCode()).isEqualTo(404);
  }

  @Test
  void otherOrganisationsKpiCannotBeChanged() {
    String kpi = createKpi(api, org, uniqueKey("private"));

    HttpResponse<Buffer> drivers = put(other.token, "/api/v1/kpis/" + kpi + "/drivers", body(null));
    HttpResponse<Buffer> targets = put(other.token, "/api/v1/kpis/" + kpi + "/targets",
        new JsonObject().put("targets", new JsonArray()));
    HttpResponse<Buffer> measurement = Http.withToken(other.token).post("/api/v1/kpis/" + kpi + "/measurements",
        new JsonObject().put("value", 1));

    assertThat(drivers.statusCode()).isEqualTo(404);
    assertThat(targets.statusCode()).isEqualTo(404);
    assertThat(measurement.statusCode()).isEqualTo(404);
  }

  @Test
  void measurementToFormulaKpiAnswers400() {
    String a = createKpi(api, org, uniqueKey("a"));
    String top = createKpi(api, org, uniqueKey("top"));
    put(org.token, "/api/v1/kpis/" + top + "/drivers", body("a * 2", driver(a, "a", 1)));

    HttpResponse<Buffer> response = api.post("/api/v1/kpis/" + top + "/measurements", new JsonObject().put("value", 5));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(firstField(response)).isEqualTo("value");
  }

  @Test
  void measurementWithoutValueAnswers400() {
    String kpi = createKpi(api, org, uniqueKey("plain"));

    HttpResponse<Buffer> response = api.post("/api/v1/kpis/" + kpi + "/measurements", new JsonObject());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(firstField(response)).isEqualTo("value");
  }

  @Test
  void datedTargetReachesBoard() throws InterruptedException {
    String kpi = createKpi(api, org, uniqueKey("target"));
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    JsonArray targets = new JsonArray()
        .add(new JsonObject().put("due", today.minusDays(10).toString()).put("value", 10))
        .add(new JsonObject().put("due", today.plusDays(20).toString()).put("value", 30))
        .add(new JsonObject().put("due", today.plusDays(50).toString()).put("value", 60));

    HttpResponse<Buffer> response = put(org.token, "/api/v1/kpis/" + kpi + "/targets", new JsonObject().put("targets", targets));

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    assertThat(Http.json(response).getJsonArray("targets")).hasSize(3);
    long deadline = System.currentTimeMillis() + 30_000;
    Object shown = null;
    while (System.currentTimeMillis() < deadline && shown == null) {
      JsonArray nodes = Http.json(api.get("/api/v1/boards/" + org.teamBoard())).getJsonArray("nodes");
      shown = nodes.stream().map(n -> (JsonObject) n).filter(n -> kpi.equals(n.getString("id")))
          .map(n -> n.getValue("target")).filter(t -> t != null).findFirst().orElse(null);
      Thread.sleep(100);
    }
    assertThat(shown).isNotNull();
    assertThat(((Number) shown).intValue()).isEqualTo(30);
  }

  @Test
  void duplicateTargetDateAnswers400() {
    String kpi = createKpi(api, org, uniqueKey("target"));
    JsonArray targets = new JsonArray()
        .add(new JsonObject().put("due", "2027-01-01").put("value", 10))
        .add(new JsonObject().put("due", "2027-01-01").put("value", 30));

    HttpResponse<Buffer> response = put(org.token, "/api/v1/kpis/" + kpi + "/targets", new JsonObject().put("targets", targets));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(firstField(response)).isEqualTo("targets[1].due");
  }

  @Test
  void moreThanHundredTargetsAnswers400() {
    String kpi = createKpi(api, org, uniqueKey("target"));
    JsonArray targets = new JsonArray();
    for (int i = 0; i < 101; i++) {
      targets.add(new JsonObject().put("due", LocalDate.of(2027, 1, 1).plusDays(i).toString()).put("value", i));
    }

    HttpResponse<Buffer> response = put(org.token, "/api/v1/kpis/" + kpi + "/targets", new JsonObject().put("targets", targets));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(error(response).getString("message")).contains("the limit is 100");
  }

  @Test
  void invalidDepthAnswers400() {
    String kpi = createKpi(api, org, uniqueKey("depth"));

    HttpResponse<Buffer> response = api.get("/api/v1/kpis/" + kpi + "/driver-tree?depth=11");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(firstField(response)).isEqualTo("depth");
  }

  @Test
  void readOnlyTokenCannotChangeDrivers() {
    String kpi = createKpi(api, org, uniqueKey("readonly"));
    String token = node.services().auth().createToken(org.orgId, "read-only", List.of("read"), org.userId).await();

    HttpResponse<Buffer> response = put(token, "/api/v1/kpis/" + kpi + "/drivers", body(null));

    assertThat(response.statusCode()).isEqualTo(403);
  }
}
