package io.momentum.server.feeds;

import static io.momentum.server.feeds.KpiFeedIT.awaitCurrent;
import static io.momentum.server.feeds.KpiFeedIT.history;
import static io.momentum.server.feeds.KpiFeedIT.values;
import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.server.app.MomentumNode;
import io.momentum.server.feeds.KpiFeedIT.Kpi;
import io.momentum.server.support.Http;
import io.momentum.server.support.TestNode;
import io.momentum.server.support.TestOrg;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.pgclient.PgConnectOptions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SQL feeds against a real node. The BI source is a second database on the node's embedded
 * PostgreSQL server, read by a role that may only SELECT. Runs publish values that reach the
 * KPIs, repeated runs add nothing, bad rows and failures are recorded, the query is checked at
 * save, and organisations are kept apart.
 */
class SqlFeedIT {

  private static final String FEEDS = "/api/v1/kpis/sql-feeds";
  private static final String READER_PASSWORD = "reader-" + UUID.randomUUID();
  private static final LocalDate DAY = LocalDate.now(ZoneOffset.UTC).minusDays(10);

  private static MomentumNode node;
  private static TestOrg org;
  private static TestOrg other;
  private static Http api;
  private static Http admin;
  private static Http otherAdmin;
  private static String biDatabase;
  private static String reader;

  @BeforeAll
  static void createOrgsAndSource() throws Exception {
    node = TestNode.get();
    org = TestOrg.create(node, "sqlfeed-" + UUID.randomUUID().toString().substring(0, 8)).awaitLive(node);
    other = TestOrg.create(node, "sqlfeed-other-" + UUID.randomUUID().toString().substring(0, 8)).awaitLive(node);
    api = Http.withToken(org.token);
    admin = Http.withToken(node.services().auth().createToken(org.orgId, "admin", List.of("read", "write", "admin"),
        org.userId).await());
    otherAdmin = Http.withToken(node.services().auth().createToken(other.orgId, "admin", List.of("read", "write", "admin"),
        other.userId).await());
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    biDatabase = "bi_" + suffix;
    reader = "bi_reader_" + suffix;
    try (Connection connection = jdbc("postgres"); Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + biDatabase);
      statement.execute("CREATE ROLE " + reader + " LOGIN PASSWORD '" + READER_PASSWORD + "'");
    }
    try (Connection connection = jdbc(biDatabase); Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE sales (kpi text NOT NULL, amount numeric, day date)");
      statement.execute("CREATE TABLE raw_values (kpi text, amount text, observed text, position integer)");
      statement.execute("CREATE SEQUENCE export_ids");
      statement.execute("GRANT SELECT ON sales, raw_values TO " + reader);
      statement.execute("GRANT USAGE ON SEQUENCE export_ids TO " + reader);
    }
  }

  @Test
  void runPublishesValuesToKpis() throws Exception {
    Kpi visits = Kpi.create(api, "visits");
    Kpi orders = Kpi.create(api, "orders");
    insertSales(visits.key(), "1200", DAY, orders.key(), "37.5", DAY, visits.key(), "1300", DAY.plusDays(1));
    JsonObject feed = createFeed(settings("sales", salesQuery(visits, orders)));

    JsonObject run = runAndWait(feed);

    assertThat(run.getString("status")).as(run.encode()).isEqualTo("succeeded");
    assertThat(run.getInteger("rowsRead")).isEqualTo(3);
    assertThat(run.getInteger("valuesPublished")).isEqualTo(3);
    JsonObject kpi = awaitCurrent(api, visits.id(), "1300");
    assertThat(kpi.getString("currentSource")).isEqualTo("urn:momentum:sql-feed:" + feed.getString("id"));
    awaitCurrent(api, orders.id(), "37.5");
    assertThat(values(history(api, visits.id()))).containsExactly("1200", "1300");
  }

  @Test
  void secondRunOfSameRowsAddsNothing() throws Exception {
    Kpi kpi = Kpi.create(api, "repeat");
    insertSales(kpi.key(), "5", DAY, kpi.key(), "6", DAY.plusDays(1));
    JsonObject feed = createFeed(settings("repeat", salesQuery(kpi)));
    assertThat(runAndWait(feed).getString("status")).isEqualTo("succeeded");
    awaitCurrent(api, kpi.id(), "6");

    assertThat(runAndWait(feed).getString("status")).isEqualTo("succeeded");
    insertSales(kpi.key(), "7", DAY.plusDays(2));
    assertThat(runAndWait(feed).getString("status")).isEqualTo("succeeded");
    awaitCurrent(api, kpi.id(), "7");

    assertThat(values(history(api, kpi.id()))).containsExactly("5", "6", "7");
  }

  @Test
  void badRowsRejectRunNamingRowAndColumn() throws Exception {
    Kpi kpi = Kpi.create(api, "bad");
    Kpi computed = KpiFeedIT.formulaKpi(api);
    insertRaw(kpi.key(), "4", DAY + "T09:00:00Z", 1);
    insertRaw("no-such-kpi", "5", DAY + "T09:00:00Z", 2);
    insertRaw(kpi.key(), "lots", DAY + "T10:00:00Z", 3);
    insertRaw(kpi.key(), "6", "yesterday", 4);
    insertRaw(computed.key(), "7", DAY + "T09:00:00Z", 5);
    insertRaw(kpi.key(), "8", DAY + "T09:00:00Z", 6);
    JsonObject feed = createFeed(settings("bad", "SELECT kpi, amount, observed FROM raw_values WHERE kpi IN ('"
        + kpi.key() + "', 'no-such-kpi', '" + computed.key() + "') ORDER BY position").put("timeColumn", "observed"));

    JsonObject run = runAndWait(feed);

    assertThat(run.getString("status")).isEqualTo("rejected");
    assertThat(run.getString("errorCode")).isEqualTo("invalid_rows");
    assertThat(run.getInteger("valuesPublished")).isZero();
    List<String> errors = run.getJsonArray("rowErrors").stream()
        .map(e -> ((JsonObject) e).getString("field") + " " + ((JsonObject) e).getString("code")).toList();
    assertThat(errors).containsExactlyInAnyOrder("row 2: kpi unknown_kpi", "row 3: amount not_number",
        "row 4: observed not_time", "row 5: kpi computed_kpi", "row 6: observed repeated_row");
    JsonObject unknown = run.getJsonArray("rowErrors").stream().map(e -> (JsonObject) e)
        .filter(e -> "unknown_kpi".equals(e.getString("code"))).findFirst().orElseThrow();
    assertThat(unknown.getJsonObject("params").getInteger("row")).isEqualTo(2);
    assertThat(unknown.getJsonObject("params").getString("column")).isEqualTo("kpi");
    assertThat(history(api, kpi.id())).as("nothing of the rejected run is stored").isEmpty();
  }

  @Test
  void writingQueryIsRejectedAtSave() {
    List<String[]> cases = List.of(
        new String[] {"DELETE FROM sales", "not_select"},
        new String[] {"UPDATE sales SET amount = 0", "not_select"},
        new String[] {"SELECT kpi, amount FROM sales; DROP TABLE sales", "semicolon"},
        new String[] {"SELECT kpi, amount FROM sales;", "semicolon"},
        new String[] {"WITH gone AS (DELETE FROM sales RETURNING *) SELECT kpi, amount FROM gone", "not_read_only"},
        new String[] {"SELECT kpi, amount INTO copy FROM sales", "not_read_only"},
        new String[] {"SELECT kpi, amount FROM sales FOR UPDATE", "not_read_only"},
        new String[] {"-- only a comment", "not_select"});
    for (String[] c : cases) {
      HttpResponse<Buffer> response = admin.post(FEEDS, settings("dml-" + UUID.randomUUID(), c[0]));

      assertThat(response.statusCode()).as(c[0]).isEqualTo(400);
      JsonObject field = Http.json(response).getJsonObject("error").getJsonArray("fields").getJsonObject(0);
      assertThat(field.getString("field")).as(c[0]).isEqualTo("query");
      assertThat(field.getString("code")).as(c[0]).isEqualTo(c[1]);
    }
  }

  @Test
  void slowQueryHitsTimeoutAndIsRecorded() throws Exception {
    JsonObject feed = createFeed(settings("slow", "SELECT 'x' AS kpi, 1 AS amount, now() AS day FROM pg_sleep(5)")
        .put("timeoutSeconds", 1));

    JsonObject run = runAndWait(feed);

    assertThat(run.getString("status")).isEqualTo("failed");
    assertThat(run.getString("errorCode")).isEqualTo("timeout");
    assertThat(run.getString("finishedAt")).isNotNull();
    JsonObject read = Http.json(api.get(FEEDS + "/" + feed.getString("id")));
    assertThat(read.getJsonObject("lastRun").getString("errorCode")).isEqualTo("timeout");
    assertThat(read.getBoolean("running")).isFalse();
  }

  @Test
  void runWhileRunningIsConflict() throws Exception {
    JsonObject feed = createFeed(settings("busy", "SELECT 'x' AS kpi, 1 AS amount, now() AS day FROM pg_sleep(2)"));
    HttpResponse<Buffer> first = admin.post(FEEDS + "/" + feed.getString("id") + "/run", null);
    assertThat(first.statusCode()).isEqualTo(202);

    HttpResponse<Buffer> second = admin.post(FEEDS + "/" + feed.getString("id") + "/run", null);

    assertThat(second.statusCode()).isEqualTo(409);
    assertThat(Http.json(second).getJsonObject("error").getString("code")).isEqualTo("run_in_progress");
    awaitRun(feed.getString("id"), Http.json(first).getString("id"));
  }

  @Test
  void concurrentRunRequestsStartOneRun() throws Exception {
    JsonObject feed = createFeed(settings("race", "SELECT 'x' AS kpi, 1 AS amount, now() AS day FROM pg_sleep(1)"));
    String path = FEEDS + "/" + feed.getString("id") + "/run";
    List<CompletableFuture<Integer>> requests = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      requests.add(CompletableFuture.supplyAsync(() -> admin.post(path, null).statusCode()));
    }

    List<Integer> statuses = requests.stream().map(CompletableFuture::join).toList();

    assertThat(statuses).filteredOn(status -> status == 202).hasSize(1);
    assertThat(statuses).filteredOn(status -> status == 409).hasSize(5);
    JsonArray runs = Http.json(api.get(FEEDS + "/" + feed.getString("id") + "/runs")).getJsonArray("items");
    assertThat(runs).hasSize(1);
    awaitRun(feed.getString("id"), runs.getJsonObject(0).getString("id"));
  }

  @Test
  void readOnlyTransactionStopsWrites() throws Exception {
    JsonObject feed = createFeed(settings("nextval", "SELECT 'x' AS kpi, nextval('export_ids') AS amount, now() AS day"));

    JsonObject run = runAndWait(feed);

    assertThat(run.getString("status")).isEqualTo("failed");
    assertThat(run.getString("errorCode")).isEqualTo("query_failed");
    assertThat(run.getString("errorMessage")).contains("read-only transaction");
  }

  @Test
  void superuserSourceIsRejected() throws Exception {
    PgConnectOptions options = node.database().connectOptions();
    JsonObject feed = createFeed(settings("superuser", "SELECT 'x' AS kpi, 1 AS amount, now() AS day")
        .put("user", options.getUser()).put("password", options.getPassword()));

    JsonObject run = runAndWait(feed);

    assertThat(run.getString("status")).isEqualTo("failed");
    assertThat(run.getString("errorCode")).isEqualTo("superuser_role");
  }

  @Test
  void unreachableSourceIsRecorded() throws Exception {
    JsonObject feed = createFeed(settings("closed", "SELECT 'x' AS kpi, 1 AS amount, now() AS day")
        .put("port", TestNode.freePort()));

    JsonObject run = runAndWait(feed);

    assertThat(run.getString("status")).isEqualTo("failed");
    assertThat(run.getString("errorCode")).isEqualTo("connection_failed");
    assertThat(run.getString("errorMessage")).doesNotContain(READER_PASSWORD);
  }

  @Test
  void missingMappedColumnFailsRun() throws Exception {
    JsonObject feed = createFeed(settings("columns", "SELECT 'x' AS kpi, 1 AS total, now() AS day"));

    JsonObject run = runAndWait(feed);

    assertThat(run.getString("errorCode")).isEqualTo("missing_column");
    assertThat(run.getString("errorMessage")).contains("\"amount\"").contains("total");
  }

  @Test
  void rowsAboveLimitPublishNothing() throws Exception {
    Kpi kpi = Kpi.create(api, "limit");
    insertSales(kpi.key(), "1", DAY, kpi.key(), "2", DAY.plusDays(1), kpi.key(), "3", DAY.plusDays(2));
    JsonObject feed = createFeed(settings("limit", salesQuery(kpi)).put("maxRows", 2));

    JsonObject run = runAndWait(feed);

    assertThat(run.getString("errorCode")).isEqualTo("too_many_rows");
    assertThat(history(api, kpi.id())).isEmpty();
  }

  @Test
  void feedWithoutTimeColumnUsesPullTime() throws Exception {
    Kpi kpi = Kpi.create(api, "now");
    Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    JsonObject feed = createFeed(settings("pull-time", "SELECT '" + kpi.key() + "' AS kpi, 42 AS amount")
        .putNull("timeColumn"));

    assertThat(runAndWait(feed).getString("status")).isEqualTo("succeeded");

    JsonObject current = awaitCurrent(api, kpi.id(), "42");
    assertThat(Instant.parse(current.getString("currentAt"))).isAfterOrEqualTo(before);
  }

  @Test
  void enabledFeedRunsOnSchedule() throws Exception {
    Kpi kpi = Kpi.create(api, "scheduled");
    insertSales(kpi.key(), "9", DAY);
    JsonObject feed = createFeed(settings("scheduled", salesQuery(kpi)).put("enabled", true));

    awaitCurrent(api, kpi.id(), "9");

    JsonArray runs = Http.json(api.get(FEEDS + "/" + feed.getString("id") + "/runs")).getJsonArray("items");
    assertThat(runs.getJsonObject(0).getString("trigger")).isEqualTo("schedule");
    JsonObject read = Http.json(api.get(FEEDS + "/" + feed.getString("id")));
    assertThat(Instant.parse(read.getString("nextRunAt"))).isAfter(Instant.now().plus(50, ChronoUnit.MINUTES));
  }

  @Test
  void previewShowsMappingAndPublishesNothing() {
    Kpi kpi = Kpi.create(api, "preview");
    insertSales(kpi.key(), "3.5", DAY, "unknown-kpi", "4", DAY);

    HttpResponse<Buffer> response = admin.post(FEEDS + "/preview", settings("preview", "SELECT kpi, amount, day FROM sales"
        + " WHERE kpi IN ('" + kpi.key() + "', 'unknown-kpi') ORDER BY kpi DESC"));

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    JsonObject preview = Http.json(response);
    assertThat(preview.getJsonArray("columns")).containsExactly("kpi", "amount", "day");
    JsonObject valid = preview.getJsonArray("rows").getJsonObject(1);
    assertThat(valid.getJsonObject("mapped").getString("kpi")).isEqualTo(kpi.key());
    assertThat(valid.getJsonObject("mapped").getString("value")).isEqualTo("3.5");
    JsonObject invalid = preview.getJsonArray("rows").getJsonObject(0);
    assertThat(invalid.getValue("mapped")).isNull();
    assertThat(invalid.getJsonArray("errors").getJsonObject(0).getString("code")).isEqualTo("unknown_kpi");
    assertThat(history(api, kpi.id())).isEmpty();
  }

  @Test
  void passwordIsNeverReturned() {
    JsonObject created = createFeed(settings("secret", "SELECT kpi, amount, day FROM sales"));
    String id = created.getString("id");
    HttpResponse<Buffer> patched = admin.patch(FEEDS + "/" + id, new JsonObject().put("version", created.getInteger("version"))
        .put("password", READER_PASSWORD).put("intervalMinutes", 15));
    assertThat(patched.statusCode()).as(patched.bodyAsString()).isEqualTo(200);

    List<String> bodies = List.of(created.encode(), patched.bodyAsString(), api.get(FEEDS + "/" + id).bodyAsString(),
        api.get(FEEDS).bodyAsString());

    for (String body : bodies) {
      assertThat(body).doesNotContain(READER_PASSWORD);
    }
    assertThat(Http.json(patched).getBoolean("passwordSet")).isTrue();
    assertThat(Http.json(patched).getInteger("intervalMinutes")).isEqualTo(15);
  }

  @Test
  void staleVersionIsConflict() {
    JsonObject created = createFeed(settings("stale", "SELECT kpi, amount, day FROM sales"));
    String path = FEEDS + "/" + created.getString("id");
    assertThat(admin.patch(path, new JsonObject().put("version", 1).put("name", "renamed-" + UUID.randomUUID()))
        .statusCode()).isEqualTo(200);

    HttpResponse<Buffer> response = admin.patch(path, new JsonObject().put("version", 1).put("intervalMinutes", 5));

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(Http.json(response).getJsonObject("error").getString("code")).isEqualTo("stale_version");
  }

  @Test
  void otherOrganisationCannotSeeRunOrChangeFeed() {
    JsonObject feed = createFeed(settings("private", "SELECT kpi, amount, day FROM sales"));
    String path = FEEDS + "/" + feed.getString("id");

    assertThat(otherAdmin.get(path).statusCode()).isEqualTo(404);
    assertThat(otherAdmin.get(path + "/runs").statusCode()).isEqualTo(404);
    assertThat(otherAdmin.post(path + "/run", null).statusCode()).isEqualTo(404);
    assertThat(otherAdmin.patch(path, new JsonObject().put("version", 1).put("intervalMinutes", 5)).statusCode())
        .isEqualTo(404);
    assertThat(otherAdmin.delete(path).statusCode()).isEqualTo(404);
    JsonObject probe = settings("probe", "SELECT kpi, amount, day FROM sales").put("feedId", feed.getString("id"));
    probe.remove("password");
    assertThat(otherAdmin.post(FEEDS + "/preview", probe).statusCode()).as("the stored password of another organisation's"
        + " feed").isEqualTo(404);
    assertThat(Http.json(otherAdmin.get(FEEDS)).getJsonArray("items").stream()
        .map(f -> ((JsonObject) f).getString("id"))).doesNotContain(feed.getString("id"));
    assertThat(Http.json(api.get(path)).getString("name")).isEqualTo(feed.getString("name"));
  }

  @Test
  void changesNeedAdministrator() {
    HttpResponse<Buffer> response = api.post(FEEDS, settings("not-admin", "SELECT kpi, amount, day FROM sales"));

    assertThat(response.statusCode()).isEqualTo(403);
  }

  @Test
  void deletedFeedIsGone() {
    JsonObject feed = createFeed(settings("deleted", "SELECT kpi, amount, day FROM sales"));
    String path = FEEDS + "/" + feed.getString("id");

    assertThat(admin.deleteIfMatch(path, feed.getInteger("version")).statusCode()).isEqualTo(204);

    assertThat(api.get(path).statusCode()).isEqualTo(404);
    assertThat(admin.post(path + "/run", null).statusCode()).isEqualTo(404);
  }

  // Helpers

  /** Settings of a disabled feed that reads the BI database as the read-only role; the tests start runs themselves. */
  private static JsonObject settings(String name, String query) {
    PgConnectOptions options = node.database().connectOptions();
    return new JsonObject()
        .put("name", name + "-" + UUID.randomUUID().toString().substring(0, 6))
        .put("host", "127.0.0.1")
        .put("port", options.getPort())
        .put("database", biDatabase)
        .put("user", reader)
        .put("password", READER_PASSWORD)
        .put("sslMode", "disable")
        .put("query", query)
        .put("kpiColumn", "kpi")
        .put("valueColumn", "amount")
        .put("timeColumn", "day")
        .put("intervalMinutes", 60)
        .put("timeoutSeconds", 10)
        .put("enabled", false);
  }

  private static String salesQuery(Kpi... kpis) {
    StringBuilder keys = new StringBuilder();
    for (Kpi kpi : kpis) {
      keys.append(keys.length() == 0 ? "" : ", ").append('\'').append(kpi.key()).append('\'');
    }
    return "SELECT kpi, amount, day FROM sales WHERE kpi IN (" + keys + ") ORDER BY day, kpi";
  }

  private static JsonObject createFeed(JsonObject settings) {
    HttpResponse<Buffer> response = admin.post(FEEDS, settings);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return Http.json(response);
  }

  /** Starts a run of the feed and returns the run once it has finished. */
  private static JsonObject runAndWait(JsonObject feed) throws InterruptedException {
    HttpResponse<Buffer> started = admin.post(FEEDS + "/" + feed.getString("id") + "/run", null);
    assertThat(started.statusCode()).as(started.bodyAsString()).isEqualTo(202);
    return awaitRun(feed.getString("id"), Http.json(started).getString("id"));
  }

  private static JsonObject awaitRun(String feedId, String runId) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 30_000;
    JsonArray runs = new JsonArray();
    while (System.currentTimeMillis() < deadline) {
      runs = Http.json(api.get(FEEDS + "/" + feedId + "/runs")).getJsonArray("items");
      for (Object run : runs) {
        JsonObject json = (JsonObject) run;
        if (json.getString("id").equals(runId) && !"running".equals(json.getString("status"))) {
          return json;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("Run " + runId + " of SQL feed " + feedId + " did not finish within 30 s: " + runs.encode());
  }

  /** Inserts (kpi, amount, day) triples into the BI table {@code sales}. */
  private static void insertSales(Object... triples) {
    StringBuilder sql = new StringBuilder("INSERT INTO sales (kpi, amount, day) VALUES ");
    for (int i = 0; i < triples.length; i += 3) {
      sql.append(i == 0 ? "" : ", ").append("('").append(triples[i]).append("', ").append(triples[i + 1]).append(", '")
          .append(triples[i + 2]).append("')");
    }
    execute(sql.toString());
  }

  private static void insertRaw(String kpi, String amount, String observed, int position) {
    execute("INSERT INTO raw_values (kpi, amount, observed, position) VALUES ('" + kpi + "', '" + amount + "', '"
        + observed + "', " + position + ")");
  }

  private static void execute(String sql) {
    try (Connection connection = jdbc(biDatabase); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("Writing the BI table failed: " + sql, e);
    }
  }

  private static Connection jdbc(String database) throws SQLException {
    PgConnectOptions options = node.database().connectOptions();
    return DriverManager.getConnection("jdbc:postgresql://" + options.getHost() + ":" + options.getPort() + "/" + database,
        options.getUser(), options.getPassword());
  }
}
