package io.momentum.server.cadence;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.server.app.MomentumNode;
import io.momentum.server.support.Cadence;
import io.momentum.server.support.Events;
import io.momentum.server.support.Http;
import io.momentum.server.support.TestNode;
import io.momentum.server.support.TestOrg;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Export of a cycle as JSON and CSV, and import of the JSON into another organisation. The source
 * organisation gets a cycle "launch-q" with an objective and three key results. The target has a
 * cycle with the same key and the same unit keys.
 */
class TransferIT {

  private static MomentumNode node;
  private static TestOrg source;
  private static TestOrg target;
  private static Http sourceApi;
  private static Http targetApi;
  private static String sourceCycle;
  private static String targetCycle;

  @BeforeAll
  static void createCycles() throws InterruptedException {
    node = TestNode.get();
    source = Cadence.org(node, "export");
    target = Cadence.org(node, "import");
    sourceApi = Http.withToken(source.token);
    targetApi = Http.withToken(target.token);
    sourceCycle = launchQuarter(sourceApi, source);
    targetCycle = launchQuarter(targetApi, target);
    String objective = Http.json(sourceApi.post("/api/v1/objectives", new JsonObject().put("key", "win-launch")
        .put("title", "Win the launch").put("unitId", source.teamId.toString()).put("cycleId", sourceCycle)
        .put("ownerName", "Olivia Owner"))).getString("id");
    sourceApi.post("/api/v1/key-results", new JsonObject().put("key", "signups").put("objectiveId", objective)
        .put("title", "=Grow signups").put("measurement", "increase").put("start", 100).put("target", 300).put("unit", "users"));
    sourceApi.post("/api/v1/key-results", new JsonObject().put("key", "churn").put("objectiveId", objective)
        .put("title", "Cut churn").put("measurement", "decrease").put("start", 8).put("target", 4.5));
    sourceApi.post("/api/v1/key-results", new JsonObject().put("key", "press").put("objectiveId", objective)
        .put("title", "Get press").put("measurement", "milestone").put("milestones", new JsonArray()
            .add(new JsonObject().put("title", "Pitch").put("weight", 1))
            .add(new JsonObject().put("title", "Article").put("weight", 2))));
    sourceApi.post("/api/v1/events", Events.value(source.orgId, "signups", 200, Instant.now().minusSeconds(60)));
    Cadence.awaitJson(sourceApi, "/api/v1/cycles/" + sourceCycle + "/export",
        file -> "0.5".equals(String.valueOf(keyResult(file, "signups").getValue("progress"))));
  }

  private static String launchQuarter(Http api, TestOrg org) {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    HttpResponse<Buffer> response = api.post("/api/v1/cycles", new JsonObject().put("key", "launch-q").put("name", "Launch quarter")
        .put("kind", "quarter").put("parentId", org.yearId.toString()).put("start", today.minusDays(10).toString())
        .put("end", today.plusDays(80).toString()));
    assertThat(response.statusCode()).isEqualTo(201);
    return Http.json(response).getString("id");
  }

  @Test
  void jsonExportHasProgressAndStatus() {
    JsonObject file = Http.json(sourceApi.get("/api/v1/cycles/" + sourceCycle + "/export?format=json"));

    assertThat(file.getString("format")).isEqualTo("momentum-okrs");
    assertThat(file.getJsonObject("cycle").getString("key")).isEqualTo("launch-q");
    JsonObject objective = file.getJsonArray("objectives").getJsonObject(0);
    assertThat(objective.getString("key")).isEqualTo("win-launch");
    assertThat(objective.getString("unitKey")).isEqualTo("team");
    assertThat(keyResult(file, "signups").getDouble("current")).isEqualTo(200.0);
    assertThat(keyResult(file, "signups").getString("status")).isNotNull();
    assertThat(keyResult(file, "press").getJsonArray("milestones")).hasSize(2);
  }

  @Test
  void csvExportHasRowPerNode() throws Exception {
    HttpResponse<Buffer> response = sourceApi.get("/api/v1/cycles/" + sourceCycle + "/export?format=csv");

    List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
        .parse(new StringReader(response.bodyAsString())).getRecords();
    assertThat(response.getHeader("Content-Type")).startsWith("text/csv");
    assertThat(records).hasSize(4);
    CSVRecord signups = records.stream().filter(r -> "signups".equals(r.get("key"))).findFirst().orElseThrow();
    assertThat(signups.get("objective_key")).isEqualTo("win-launch");
    assertThat(signups.get("current")).isEqualTo("200");
    assertThat(signups.get("progress")).isEqualTo("0.5");
    assertThat(signups.get("title")).isEqualTo("'=Grow signups");
  }

  @Test
  void unknownFormatIsRejected() {
    HttpResponse<Buffer> response = sourceApi.get("/api/v1/cycles/" + sourceCycle + "/export?format=xlsx");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Cadence.fields(response)).containsExactly("format");
  }

  @Test
  void briefSchedulesTravelAndStoredBriefsStay() throws InterruptedException {
    HttpResponse<Buffer> schedule = sourceApi.post("/api/v1/assist/brief-schedules", new JsonObject()
        .put("unitId", source.teamId.toString()).put("kind", "weekly").put("language", "de").put("dayOfWeek", 3)
        .put("time", "08:30").put("timeZone", "Europe/Warsaw"));
    assertThat(schedule.statusCode()).as(schedule.bodyAsString()).isEqualTo(201);
    HttpResponse<Buffer> generated = sourceApi.post("/api/v1/assist/briefs", new JsonObject().put("kind", "weekly")
        .put("unitId", source.teamId.toString()).put("cycleId", sourceCycle).put("language", "en"));
    assertThat(generated.statusCode()).as(generated.bodyAsString()).isEqualTo(201);
    TestOrg receiver = Cadence.org(node, "import-briefs");
    Http receiverApi = Http.withToken(receiver.token);
    launchQuarter(receiverApi, receiver);

    JsonObject file = Http.json(sourceApi.get("/api/v1/cycles/" + sourceCycle + "/export"));
    HttpResponse<Buffer> first = receiverApi.post("/api/v1/import", file.copy().put("objectives", new JsonArray()));
    HttpResponse<Buffer> second = receiverApi.post("/api/v1/import", file.copy().put("objectives", new JsonArray()));

    JsonObject exported = file.getJsonArray("briefs").getJsonObject(0);
    assertThat(exported.getString("id")).isEqualTo(Http.json(generated).getString("id"));
    assertThat(exported.getString("unitKey")).isEqualTo("team");
    assertThat(exported.getJsonArray("sections")).isNotEmpty();
    assertThat(file.getJsonArray("briefSchedules").getJsonObject(0).getString("timeZone")).isEqualTo("Europe/Warsaw");
    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(201);
    assertThat(Http.json(first).getJsonObject("imported").getInteger("briefSchedules")).isEqualTo(1);
    assertThat(Http.json(second).getJsonObject("imported").getInteger("briefSchedulesKept")).isEqualTo(1);
    JsonArray restored = Http.json(receiverApi.get("/api/v1/assist/brief-schedules")).getJsonArray("items");
    assertThat(restored).hasSize(1);
    JsonObject restoredSchedule = restored.getJsonObject(0);
    assertThat(restoredSchedule.getString("unitId")).isEqualTo(receiver.teamId.toString());
    assertThat(restoredSchedule.getString("kind")).isEqualTo("weekly");
    assertThat(restoredSchedule.getString("language")).isEqualTo("de");
    assertThat(restoredSchedule.getInteger("dayOfWeek")).isEqualTo(3);
    assertThat(restoredSchedule.getString("time")).isEqualTo("08:30");
    assertThat(restoredSchedule.getString("timeZone")).isEqualTo("Europe/Warsaw");
    assertThat(Http.json(receiverApi.get("/api/v1/assist/briefs")).getJsonArray("items")).isEmpty();
  }

  @Test
  void badBriefScheduleIsRejected() {
    JsonObject file = Http.json(sourceApi.get("/api/v1/cycles/" + sourceCycle + "/export"));
    file.put("briefSchedules", new JsonArray().add(new JsonObject().put("unitKey", "team").put("kind", "weekly")
        .put("timeZone", "Mars/Olympus")).add(new JsonObject().put("unitKey", "no-such-unit").put("kind", "monthly")));

    HttpResponse<Buffer> response = targetApi.post("/api/v1/import", file);

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(400);
    assertThat(Cadence.fields(response)).contains("briefSchedules[0].timeZone", "briefSchedules[1].unitKey");
  }

  @Test
  void importRoundTripsIntoAnotherOrganisation() throws InterruptedException {
    JsonObject file = Http.json(sourceApi.get("/api/v1/cycles/" + sourceCycle + "/export"));

    HttpResponse<Buffer> response = targetApi.post("/api/v1/import", file);

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(Http.json(response).getJsonObject("imported").getInteger("keyResults")).isEqualTo(3);
    JsonObject again = Cadence.awaitJson(targetApi, "/api/v1/cycles/" + targetCycle + "/export",
        f -> f.getJsonArray("objectives").size() == 1 && keyResult(f, "signups").getValue("status") != null);
    assertThat(definitions(again)).isEqualTo(definitions(file));
  }

  @Test
  void ownerEmailRoundTripsToAPerson() {
    JsonObject file = renamed(Http.json(sourceApi.get("/api/v1/cycles/" + sourceCycle + "/export")), "owned");
    objective(file).put("ownerEmail", target.email.toUpperCase(Locale.ROOT)).remove("ownerName");
    keyResult(file, "churn").put("ownerEmail", target.email);

    HttpResponse<Buffer> response = targetApi.post("/api/v1/import", file);
    JsonObject imported = Http.json(targetApi.get("/api/v1/objectives?cycle=" + targetCycle)).getJsonArray("items").stream()
        .map(JsonObject.class::cast).filter(o -> "owned-win-launch".equals(o.getString("key"))).findFirst().orElseThrow();
    JsonObject exported = Http.json(targetApi.get("/api/v1/cycles/" + targetCycle + "/export"));

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    assertThat(imported.getString("ownerId")).isEqualTo(target.userId.toString());
    assertThat(imported.getString("ownerName")).isEqualTo("Olivia Owner");
    assertThat(keyResult(exported, "owned-churn").getString("ownerEmail")).isEqualTo(target.email);
  }

  // Key results are exported by key: churn [0], press [1], signups [2].
  static Stream<Arguments> badRows() {
    return Stream.of(
        Arguments.of("target below start", (Consumer<JsonObject>) f -> keyResult(f, "signups").put("target", 50),
            "objectives[0].keyResults[2].target"),
        Arguments.of("unknown unit", (Consumer<JsonObject>) f -> objective(f).put("unitKey", "nowhere"), "objectives[0].unitKey"),
        Arguments.of("unknown KPI", (Consumer<JsonObject>) f -> keyResult(f, "churn").put("measurement", "kpi").put("kpiKey", "nope"),
            "objectives[0].keyResults[0].kpiKey"),
        Arguments.of("duplicate key", (Consumer<JsonObject>) f -> keyResult(f, "churn").put("key", keyResult(f, "signups").getString("key")),
            "objectives[0].keyResults[2].key"),
        Arguments.of("key taken in organisation", (Consumer<JsonObject>) f -> keyResult(f, "press").put("key", "revenue"),
            "objectives[0].keyResults[1].key"),
        Arguments.of("missing title", (Consumer<JsonObject>) f -> objective(f).remove("title"), "objectives[0].title"),
        Arguments.of("unknown field", (Consumer<JsonObject>) f -> keyResult(f, "churn").put("colour", "red"),
            "objectives[0].keyResults[0].colour"),
        Arguments.of("unknown cycle", (Consumer<JsonObject>) f -> f.getJsonObject("cycle").put("key", "no-such-cycle"), "cycle.key"),
        Arguments.of("unknown parent", (Consumer<JsonObject>) f -> objective(f).put("parentKey", "ghost"), "objectives[0].parentKey"),
        Arguments.of("unknown owner", (Consumer<JsonObject>) f -> objective(f).put("ownerEmail", "nobody@example.test"),
            "objectives[0].ownerEmail"),
        Arguments.of("owner by id", (Consumer<JsonObject>) f -> keyResult(f, "churn").put("ownerId", UUID.randomUUID().toString()),
            "objectives[0].keyResults[0].ownerId"),
        Arguments.of("unknown followed initiative", (Consumer<JsonObject>) f -> followingWork(keyResult(f, "churn"), "no-such-epic"),
            "objectives[0].keyResults[0].workFrom[0]"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRows")
  void badRowIsReportedAndNothingStored(String name, Consumer<JsonObject> spoil, String field) {
    JsonObject file = renamed(Http.json(sourceApi.get("/api/v1/cycles/" + sourceCycle + "/export")), name.replace(' ', '-'));
    spoil.accept(file);

    HttpResponse<Buffer> response = targetApi.post("/api/v1/import", file);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Cadence.fields(response)).contains(field);
    assertThat(Http.json(targetApi.get("/api/v1/objectives?cycle=" + targetCycle)).getJsonArray("items")
        .stream().map(o -> ((JsonObject) o).getString("key"))).doesNotContain(objective(file).getString("key"));
  }

  /** Turns a key result of a file into one measured by work items that follows the given initiative. */
  private static void followingWork(JsonObject keyResult, String initiativeKey) {
    keyResult.put("measurement", "work_items").put("workFrom", new JsonArray().add(initiativeKey));
    keyResult.remove("start");
    keyResult.remove("target");
  }

  @Test
  void followedInitiativesTravelByKey() throws InterruptedException {
    // An organisation of its own, so the round trip above still finds one objective in its target.
    TestOrg follower = Cadence.org(node, "follow");
    Http followerApi = Http.withToken(follower.token);
    String followerCycle = launchQuarter(followerApi, follower);
    HttpResponse<Buffer> created = followerApi.post("/api/v1/initiatives", new JsonObject().put("key", "launch-epic")
        .put("title", "Launch epic").put("unitId", follower.teamId.toString()));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    JsonObject file = Http.json(sourceApi.get("/api/v1/cycles/" + sourceCycle + "/export"));
    followingWork(keyResult(file, "churn"), "launch-epic");

    HttpResponse<Buffer> response = followerApi.post("/api/v1/import", file);
    JsonObject exported = Http.json(followerApi.get("/api/v1/cycles/" + followerCycle + "/export"));

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    assertThat(keyResult(exported, "churn").getJsonArray("workFrom")).containsExactly("launch-epic");
  }

  @Test
  void everyBadRowIsListed() {
    JsonObject file = renamed(Http.json(sourceApi.get("/api/v1/cycles/" + sourceCycle + "/export")), "many");
    keyResult(file, "signups").put("target", 50);
    keyResult(file, "churn").remove("start");
    objective(file).put("unitKey", "nowhere");

    HttpResponse<Buffer> response = targetApi.post("/api/v1/import", file);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Cadence.fields(response)).containsExactlyInAnyOrder("objectives[0].keyResults[2].target",
        "objectives[0].keyResults[0].start", "objectives[0].unitKey");
    long stored = node.services().pool().preparedQuery("SELECT count(*) FROM node_keys WHERE org_id = $1 AND key LIKE 'many-%'")
        .execute(io.vertx.sqlclient.Tuple.of(target.orgId)).await().iterator().next().getLong(0);
    assertThat(stored).isZero();
  }

  @Test
  void tooManyRowsIsRejected() {
    JsonArray keyResults = new JsonArray();
    for (int i = 0; i < 10_000; i++) {
      keyResults.add(new JsonObject().put("key", "b" + i).put("title", "B").put("measurement", "binary"));
    }
    JsonObject file = new JsonObject().put("format", "momentum-okrs").put("formatVersion", 1)
        .put("cycle", new JsonObject().put("key", "launch-q"))
        .put("objectives", new JsonArray().add(new JsonObject().put("key", "big").put("title", "Big").put("unitKey", "team")
            .put("keyResults", keyResults)));

    HttpResponse<Buffer> response = targetApi.post("/api/v1/import", file);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(Http.json(response).getJsonObject("error").getString("message")).contains("10000");
  }

  @Test
  void tooLargeFileIsRejected() {
    String padding = "x".repeat(4000);
    JsonArray objectives = new JsonArray();
    for (int i = 0; i < 1400; i++) {
      objectives.add(new JsonObject().put("key", "o" + i).put("title", "O").put("unitKey", "team").put("description", padding));
    }
    JsonObject file = new JsonObject().put("format", "momentum-okrs").put("formatVersion", 1)
        .put("cycle", new JsonObject().put("key", "launch-q")).put("objectives", objectives);

    HttpResponse<Buffer> response = targetApi.post("/api/v1/import", file);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(Cadence.code(response)).isEqualTo("import_too_large");
  }

  private static JsonObject objective(JsonObject file) {
    return file.getJsonArray("objectives").getJsonObject(0);
  }

  private static JsonObject keyResult(JsonObject file, String key) {
    return file.getJsonArray("objectives").stream().map(o -> (JsonObject) o)
        .flatMap(o -> o.getJsonArray("keyResults").stream().map(k -> (JsonObject) k))
        .filter(k -> key.equals(k.getString("key")) || k.getString("key").endsWith("-" + key)).findFirst().orElseThrow();
  }

  /** Gives every node of the file a key prefix, so files of different tests do not collide. */
  private static JsonObject renamed(JsonObject file, String prefix) {
    for (Object o : file.getJsonArray("objectives")) {
      JsonObject objective = (JsonObject) o;
      objective.put("key", prefix + "-" + objective.getString("key"));
      for (Object k : objective.getJsonArray("keyResults")) {
        ((JsonObject) k).put("key", prefix + "-" + ((JsonObject) k).getString("key"));
      }
    }
    return file;
  }

  /** Returns the file without the fields that come from the engine or the time of export. */
  private static JsonObject definitions(JsonObject file) {
    JsonObject copy = file.copy();
    copy.remove("exportedAt");
    for (Object o : copy.getJsonArray("objectives")) {
      JsonObject objective = (JsonObject) o;
      Stream.of("progress", "status").forEach(objective::remove);
      for (Object k : objective.getJsonArray("keyResults")) {
        Stream.of("progress", "raw", "status", "current", "confidence").forEach(((JsonObject) k)::remove);
      }
    }
    return copy;
  }
}
