package io.momentum.server.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.server.app.MomentumNode;
import io.momentum.server.support.Http;
import io.momentum.server.support.TestNode;
import io.momentum.server.support.TestOrg;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The JSON batch of KPI measurements against a real node: values move the KPIs through Kafka and
 * the engine, a retried batch is stored once, a bad entry rejects the whole batch, and the
 * organisation scopes every key.
 */
class KpiFeedIT {

  private static final String BATCH = "/api/v1/kpis/measurements";
  private static final Instant DAY = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(20, ChronoUnit.DAYS);

  private static MomentumNode node;
  private static TestOrg org;
  private static TestOrg other;
  private static Http api;

  @BeforeAll
  static void createOrgs() throws InterruptedException {
    node = TestNode.get();
    org = TestOrg.create(node, "feed-" + UUID.randomUUID().toString().substring(0, 8)).awaitLive(node);
    other = TestOrg.create(node, "feed-other-" + UUID.randomUUID().toString().substring(0, 8)).awaitLive(node);
    api = Http.withToken(org.token);
  }

  @Test
  void batchMovesKpisNamedByKeyAndId() throws InterruptedException {
    Kpi visits = Kpi.create(api, "visits");
    Kpi orders = Kpi.create(api, "orders");

    HttpResponse<Buffer> response = api.post(BATCH, batch(
        byKey(visits.key, 1200, DAY.plus(1, ChronoUnit.DAYS)),
        new JsonObject().put("kpiId", orders.id).put("value", 37.5).put("time", DAY.plus(1, ChronoUnit.DAYS).toString())));

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(202);
    assertThat(Http.json(response).getInteger("count")).isEqualTo(2);
    assertThat(Http.json(response).getString("defaultSource")).startsWith("urn:momentum:feed:batch:token:");
    assertThat(awaitCurrent(api, visits.id, "1200").getString("currentSource")).startsWith("urn:momentum:feed:batch:token:");
    assertThat(current(awaitCurrent(api, orders.id, "37.5"))).isEqualByComparingTo("37.5");
  }

  @Test
  void retriedBatchIsStoredOnce() throws InterruptedException {
    Kpi kpi = Kpi.create(api, "retry");
    JsonObject sent = batch(byKey(kpi.key, 10, DAY.plus(1, ChronoUnit.DAYS)), byKey(kpi.key, 11, DAY.plus(2, ChronoUnit.DAYS)));
    assertThat(api.post(BATCH, sent).statusCode()).isEqualTo(202);
    assertThat(api.post(BATCH, sent).statusCode()).isEqualTo(202);
    assertThat(api.post(BATCH, batch(byKey(kpi.key, 12, DAY.plus(3, ChronoUnit.DAYS)))).statusCode()).isEqualTo(202);

    awaitCurrent(api, kpi.id, "12");

    assertThat(values(history(api, kpi.id))).containsExactly("10", "11", "12");
  }

  @Test
  void callerIdMakesRetryWithOtherValueIgnored() throws InterruptedException {
    Kpi kpi = Kpi.create(api, "ids");
    Instant time = DAY.plus(1, ChronoUnit.DAYS);
    assertThat(api.post(BATCH, batch(byKey(kpi.key, 5, time).put("id", "export-17"))).statusCode()).isEqualTo(202);
    assertThat(api.post(BATCH, batch(byKey(kpi.key, 6, time).put("id", "export-17"))).statusCode()).isEqualTo(202);
    assertThat(api.post(BATCH, batch(byKey(kpi.key, 7, time.plusSeconds(60)).put("id", "export-18"))).statusCode())
        .isEqualTo(202);

    awaitCurrent(api, kpi.id, "7");

    assertThat(values(history(api, kpi.id))).containsExactly("5", "7");
  }

  @Test
  void badEntriesRejectWholeBatchListingEach() throws InterruptedException {
    Kpi kpi = Kpi.create(api, "bad");
    HttpResponse<Buffer> response = api.post(BATCH, batch(
        byKey(kpi.key, 1, DAY),
        byKey("no-such-kpi", 2, DAY),
        new JsonObject().put("kpiKey", kpi.key).put("value", "3").put("time", DAY.toString()),
        new JsonObject().put("kpiKey", kpi.key).put("value", 4).put("time", "yesterday"),
        new JsonObject().put("value", 5).put("time", DAY.toString())));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(fields(response)).containsExactlyInAnyOrder("measurements[1].kpiKey", "measurements[2].value",
        "measurements[3].time", "measurements[4].kpiKey");
    assertThat(api.post(BATCH, batch(byKey(kpi.key, 9, DAY.plus(1, ChronoUnit.DAYS)))).statusCode()).isEqualTo(202);
    awaitCurrent(api, kpi.id, "9");
    assertThat(values(history(api, kpi.id))).as("nothing of the rejected batch is stored").containsExactly("9");
  }

  @Test
  void entryRulesNameFieldAndCode() {
    Kpi kpi = Kpi.create(api, "rules");
    List<Object[]> cases = List.of(
        new Object[] {byKey(kpi.key, 1, Instant.now().plus(1, ChronoUnit.HOURS)), "time", "future_time"},
        new Object[] {byKey(kpi.key, 1, DAY).put("value", 1e15), "value", "number_too_large"},
        new Object[] {byKey(kpi.key, 1, DAY).put("source", "urn:momentum:user:someone"), "source", "reserved_source"},
        new Object[] {byKey(kpi.key, 1, DAY).put("kpiId", kpi.id), "kpiId", "both_kpi_fields"},
        new Object[] {byKey(kpi.key, 1, DAY).put("colour", "red"), "colour", "unknown_field"},
        new Object[] {byKey(kpi.key, 1, DAY).put("id", "x".repeat(201)), "id", "too_long"});
    for (Object[] c : cases) {
      HttpResponse<Buffer> response = api.post(BATCH, batch((JsonObject) c[0]));

      assertThat(response.statusCode()).as("%s", c[0]).isEqualTo(400);
      JsonObject field = Http.json(response).getJsonObject("error").getJsonArray("fields").getJsonObject(0);
      assertThat(field.getString("field")).as("%s", c[0]).isEqualTo("measurements[0]." + c[1]);
      assertThat(field.getString("code")).as("%s", c[0]).isEqualTo(c[2]);
    }
  }

  @Test
  void repeatedCallerIdIsRejected() {
    Kpi kpi = Kpi.create(api, "repeat");
    HttpResponse<Buffer> response = api.post(BATCH, batch(byKey(kpi.key, 1, DAY).put("id", "a"),
        byKey(kpi.key, 2, DAY.plusSeconds(1)).put("id", "a")));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(fields(response)).containsExactly("measurements[1].id");
  }

  @Test
  void formulaKpiTakesNoValues() {
    Kpi computed = formulaKpi(api);

    HttpResponse<Buffer> response = api.post(BATCH, batch(byKey(computed.key, 1, DAY)));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Http.json(response).getJsonObject("error").getJsonArray("fields").getJsonObject(0).getString("code"))
        .isEqualTo("computed_kpi");
  }

  @Test
  void tooManyEntriesGet413NamingLimit() {
    JsonArray entries = new JsonArray();
    for (int i = 0; i <= MeasurementFeed.MAX_ENTRIES; i++) {
      entries.add(byKey("nps", i, DAY));
    }

    HttpResponse<Buffer> response = api.post(BATCH, new JsonObject().put("measurements", entries));

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(Http.json(response).getJsonObject("error").getString("code")).isEqualTo("batch_too_large");
    assertThat(Http.json(response).getJsonObject("error").getString("message")).contains("10000");
  }

  @Test
  void fullBatchAboveGeneralBodyLimitIsAccepted() throws InterruptedException {
    Kpi kpi = Kpi.create(api, "full");
    JsonArray entries = new JsonArray();
    for (int i = 0; i < MeasurementFeed.MAX_ENTRIES; i++) {
      entries.add(byKey(kpi.key, i, DAY.plusSeconds(i)).put("source", "urn:warehouse:nightly-export-of-the-finance-team"));
    }
    JsonObject body = new JsonObject().put("measurements", entries);
    assertThat(body.encode().length()).as("larger than the default 1 MiB body limit").isGreaterThan(1024 * 1024);

    HttpResponse<Buffer> response = api.post(BATCH, body);

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(202);
    assertThat(Http.json(response).getInteger("count")).isEqualTo(MeasurementFeed.MAX_ENTRIES);
    awaitCurrent(api, kpi.id, String.valueOf(MeasurementFeed.MAX_ENTRIES - 1));
  }

  @Test
  void readOnlyTokenIsForbidden() {
    String token = node.services().auth().createToken(org.orgId, "read only", List.of("read"), org.userId).await();

    HttpResponse<Buffer> response = Http.withToken(token).post(BATCH, batch(byKey("nps", 1, DAY)));

    assertThat(response.statusCode()).isEqualTo(403);
  }

  @Test
  void otherOrganisationsKpiIsUnknown() {
    Kpi foreign = Kpi.create(Http.withToken(other.token), "foreign");

    HttpResponse<Buffer> response = api.post(BATCH, batch(byKey(foreign.key, 1, DAY),
        new JsonObject().put("kpiId", foreign.id).put("value", 1).put("time", DAY.toString())));

    assertThat(response.statusCode()).isEqualTo(400);
    JsonArray errors = Http.json(response).getJsonObject("error").getJsonArray("fields");
    assertThat(errors.getJsonObject(0).getString("code")).isEqualTo("unknown_kpi");
    assertThat(errors.getJsonObject(1).getString("code")).isEqualTo("unknown_kpi");
  }

  @Test
  void nonAsciiSourceIsRecorded() throws InterruptedException {
    Kpi kpi = Kpi.create(api, "source");
    String source = "urn:filiale:köln/überstunden-straße";

    assertThat(api.post(BATCH, batch(byKey(kpi.key, 3, DAY).put("source", source))).statusCode()).isEqualTo(202);

    assertThat(awaitCurrent(api, kpi.id, "3").getString("currentSource")).isEqualTo(source);
  }

  // Helpers shared with the CSV test.

  /** A KPI created through the API. */
  record Kpi(String id, String key) {

    static Kpi create(Http client, String prefix) {
      String key = prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
      HttpResponse<Buffer> response = client.post("/api/v1/kpis", new JsonObject().put("key", key).put("title", "KPI " + prefix));
      assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
      return new Kpi(Http.json(response).getString("id"), key);
    }
  }

  static Kpi formulaKpi(Http client) {
    Kpi first = Kpi.create(client, "driver-a");
    Kpi second = Kpi.create(client, "driver-b");
    Kpi computed = Kpi.create(client, "computed");
    HttpResponse<Buffer> drivers = client.put("/api/v1/kpis/" + computed.id + "/drivers", new JsonObject()
        .put("formula", "a * b").put("drivers", new JsonArray()
            .add(new JsonObject().put("driverId", first.id).put("variable", "a"))
            .add(new JsonObject().put("driverId", second.id).put("variable", "b"))));
    assertThat(drivers.statusCode()).as(drivers.bodyAsString()).isEqualTo(200);
    return computed;
  }

  private static JsonObject batch(JsonObject... entries) {
    return new JsonObject().put("measurements", new JsonArray(List.of((Object[]) entries)));
  }

  private static JsonObject byKey(String key, double value, Instant time) {
    return new JsonObject().put("kpiKey", key).put("value", value).put("time", time.toString());
  }

  static List<String> fields(HttpResponse<Buffer> response) {
    return Http.json(response).getJsonObject("error").getJsonArray("fields").stream()
        .map(f -> ((JsonObject) f).getString("field")).toList();
  }

  static BigDecimal current(JsonObject kpi) {
    Object value = kpi.getValue("current");
    return value == null ? null : new BigDecimal(value.toString());
  }

  /** Waits until the KPI's current value equals {@code expected}, and returns the KPI. */
  static JsonObject awaitCurrent(Http client, String kpiId, String expected) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 20_000;
    JsonObject kpi = new JsonObject();
    while (System.currentTimeMillis() < deadline) {
      kpi = Http.json(client.get("/api/v1/kpis/" + kpiId));
      BigDecimal current = current(kpi);
      if (current != null && current.compareTo(new BigDecimal(expected)) == 0) {
        return kpi;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("KPI " + kpiId + " did not reach " + expected + " within 20 s: " + kpi.encode());
  }

  static JsonArray history(Http client, String kpiId) {
    return Http.json(client.get("/api/v1/kpis/" + kpiId + "/history?from=" + DAY.minus(5, ChronoUnit.DAYS)))
        .getJsonArray("points");
  }

  static List<String> values(JsonArray points) {
    return points.stream().map(p -> new BigDecimal(((JsonObject) p).getValue("value").toString()).stripTrailingZeros()
        .toPlainString()).toList();
  }
}
