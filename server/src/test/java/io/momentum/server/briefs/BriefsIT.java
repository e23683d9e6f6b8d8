package io.momentum.server.briefs;

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
import io.vertx.sqlclient.Tuple;
import java.time.DayOfWeek;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Review briefs against a real node. The team's key results get values and check-ins over the
 * last two weeks: revenue rises, the defect rate worsens with a blocker and a confidence of 3,
 * uptime goes quiet. Every number of every brief is checked against the engine by
 * {@link EngineNumbers}.
 */
class BriefsIT {

  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private static final String BLOCKER = "Waiting for the test lab in Building 7";

  private static MomentumNode node;
  private static TestOrg org;
  private static Http api;

  @BeforeAll
  static void publishTwoWeeksOfWork() throws InterruptedException {
    node = TestNode.get();
    org = Cadence.org(node, "briefs");
    api = Http.withToken(org.token);
    for (String table : List.of("key_results", "objectives")) {
      node.services().pool().preparedQuery("UPDATE " + table + " SET created_at = $2 WHERE org_id = $1")
          .execute(Tuple.of(org.orgId, NOW.minus(40, ChronoUnit.DAYS).atOffset(ZoneOffset.UTC))).await();
    }
    post(Events.value(org.orgId, "revenue", 26, NOW.minus(10, ChronoUnit.DAYS)));
    post(Events.value(org.orgId, "revenue", 29, NOW.minus(6, ChronoUnit.DAYS)));
    post(checkIn("revenue", 38, 8, null, "Ravi Rao", NOW.minus(2, ChronoUnit.DAYS)));
    post(Events.value(org.orgId, "defects", 9, NOW.minus(12, ChronoUnit.DAYS)));
    post(Events.value(org.orgId, "defects", 10, NOW.minus(6, ChronoUnit.DAYS)));
    post(checkIn("defects", 11, 3, BLOCKER, "Dana Diaz", NOW.minus(1, ChronoUnit.DAYS)));
    post(Events.value(org.orgId, "uptime", 97, NOW.minus(9, ChronoUnit.DAYS)));
    Cadence.awaitNode(api, org.keyResults.get("defects").toString(), n -> Cadence.equals(n, "current", 11.0));
    Cadence.awaitNode(api, org.keyResults.get("revenue").toString(), n -> Cadence.equals(n, "current", 38.0));
  }

  private static void post(JsonObject event) {
    HttpResponse<Buffer> response = api.post("/api/v1/events", event);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(202);
  }

  private static JsonObject checkIn(String key, double value, int confidence, String blockers, String author, Instant at) {
    JsonObject data = new JsonObject().put("value", value).put("confidence", confidence).put("author", author);
    if (blockers != null) {
      data.put("blockers", blockers);
    }
    return Events.event(org.orgId, "momentum.checkin", key, at, data);
  }

  private static JsonObject generate(JsonObject request) {
    HttpResponse<Buffer> response = api.post("/api/v1/assist/briefs", request);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return Http.json(response);
  }

  private static JsonObject request(String kind, String unitId, String language) {
    return new JsonObject().put("kind", kind).put("unitId", unitId).put("cycleId", org.quarterId.toString())
        .put("language", language);
  }

  private static JsonObject section(JsonObject brief, String key) {
    return brief.getJsonArray("sections").stream().map(s -> (JsonObject) s).filter(s -> key.equals(s.getString("key")))
        .findFirst().orElseThrow(() -> new AssertionError("no section " + key + " in " + brief.encodePrettily()));
  }

  private static List<JsonObject> links(JsonObject section) {
    List<JsonObject> links = new ArrayList<>();
    for (Object sentence : section.getJsonArray("sentences")) {
      ((JsonObject) sentence).getJsonArray("links").forEach(link -> links.add((JsonObject) link));
    }
    return links;
  }

  @ParameterizedTest(name = "{0} brief in {1}")
  @CsvSource({"weekly, en", "weekly, de", "monthly, en", "monthly, de", "quarterly, en", "quarterly, de"})
  void numbersMatchEngine(String kind, String language) {
    String unitId = "weekly".equals(kind) ? org.teamId.toString() : org.companyId.toString();
    JsonObject brief = generate(request(kind, unitId, language));

    int checked = new EngineNumbers(api, brief, List.of(org.companyId.toString(), org.teamId.toString())).checkAll();

    assertThat(brief.getString("basis")).isEqualTo("live");
    assertThat(checked).as("numbers checked in %s", brief.encodePrettily()).isGreaterThanOrEqualTo(8);
    for (Object section : brief.getJsonArray("sections")) {
      for (Object item : ((JsonObject) section).getJsonArray("sentences")) {
        JsonObject sentence = (JsonObject) item;
        assertThat(sentence.getJsonArray("parts").stream().map(p -> (JsonObject) p).filter(p -> p.containsKey("link")))
            .as("linked labels of \"%s\"", sentence.getString("text")).isNotEmpty();
        assertThat(sentence.getJsonArray("links").stream().map(l -> ((JsonObject) l).getString("path")))
            .as("link paths of \"%s\"", sentence.getString("text")).allMatch(path -> path != null && path.startsWith("/"));
      }
    }
  }

  @Test
  void pastBriefMatchesTimeTravel() {
    JsonObject request = request("weekly", org.teamId.toString(), "en")
        .put("asOf", NOW.minus(3, ChronoUnit.DAYS).toString());
    JsonObject brief = generate(request);

    int checked = new EngineNumbers(api, brief, List.of(org.teamId.toString())).checkAll();

    assertThat(brief.getString("basis")).isEqualTo("history");
    assertThat(brief.getString("asOf")).isEqualTo(NOW.minus(3, ChronoUnit.DAYS).toString());
    assertThat(checked).isGreaterThanOrEqualTo(5);
  }

  @Test
  void weeklyBriefLinksMovesBlockersAndRisks() {
    JsonObject brief = generate(request("weekly", org.teamId.toString(), "en"));
    String revenue = org.keyResults.get("revenue").toString();
    String defects = org.keyResults.get("defects").toString();

    assertThat(links(section(brief, "moved"))).anySatisfy(link -> {
      assertThat(link.getString("id")).isEqualTo(revenue);
      assertThat(link.getString("path")).isEqualTo("/key-results/" + revenue);
    });
    // A re-plan of the defect rate is recommended, so its risk always shows and its blocker joins it.
    JsonObject blocker = section(brief, "risks").getJsonArray("sentences").stream().map(JsonObject.class::cast)
        .filter(sentence -> sentence.getString("text").contains(BLOCKER)).findFirst().orElseThrow();
    assertThat(blocker.getString("text")).contains("Dana Diaz");
    assertThat(blocker.getJsonArray("links").stream().map(l -> ((JsonObject) l).getString("type"))).contains("node", "checkIn");
    assertThat(section(brief, "blockers").getJsonArray("sentences").stream().map(s -> ((JsonObject) s).getString("text")))
        .containsExactly("The blockers reported for Team in this period are under “Risks”, with their key results.");
    assertThat(links(section(brief, "risks")).stream().map(l -> l.getString("id"))).contains(defects);
    assertThat(links(section(brief, "recommendations")).stream().map(l -> l.getString("id"))).contains(defects);
    assertThat(section(brief, "recommendations").getJsonArray("sentences").stream()
        .flatMap(r -> ((JsonObject) r).getJsonArray("numbers").stream()).map(n -> ((JsonObject) n).getString("measure")))
        .as("a re-plan with the forecast of the defect rate").contains("forecast");
    assertThat(section(brief, "talkingPoints").getJsonArray("sentences")).isNotEmpty();
    for (Object section : brief.getJsonArray("sections")) {
      for (Object sentence : ((JsonObject) section).getJsonArray("sentences")) {
        JsonObject json = (JsonObject) sentence;
        assertThat(json.getJsonArray("links").size() + json.getJsonArray("numbers").size())
            .as("links and numbers of \"%s\"", json.getString("text")).isPositive();
      }
    }
  }

  @Test
  void keyResultValuesShownInTheirUnit() {
    JsonObject brief = generate(request("weekly", org.teamId.toString(), "en"));
    String defects = org.keyResults.get("defects").toString();

    List<JsonObject> aboutDefects = sentencesAbout(section(brief, "moved"), defects);
    JsonObject moved = aboutDefects.stream().filter(s -> s.getString("text").contains(": the value ")).findFirst().orElseThrow();
    JsonObject replan = sentencesAbout(section(brief, "recommendations"), defects).stream()
        .filter(s -> s.getString("text").startsWith("Re-plan")).findFirst().orElseThrow();

    // The defect rate is a decrease key result in % whose value rose from 9 (a week ago) to 11: it worsened.
    assertThat(moved.getString("text")).isEqualTo("Cut defect rate: the value rose from 9 % to 11 % (progress -25.0 pp).");
    // Its worsened status comes before the change of its value.
    assertThat(aboutDefects.get(0).getString("text")).startsWith("Cut defect rate moved from on track to off track");
    assertThat(replan.getJsonArray("numbers").stream().map(n -> ((JsonObject) n).getString("measure")))
        .containsExactly("forecastValue", "target", "forecast");
    assertThat(replan.getString("text")).contains(" instead of 4 % (forecast progress ");
  }

  /**
   * Checks the talking point on a unit that rose more than planned against the engine, in an
   * organisation of its own whose key results reached their targets this month.
   */
  @Test
  void unitRiseStatesMarginOverPlan() throws InterruptedException {
    TestOrg rising = Cadence.org(node, "briefs-rise");
    Http risingApi = Http.withToken(rising.token);
    for (String table : List.of("key_results", "objectives")) {
      node.services().pool().preparedQuery("UPDATE " + table + " SET created_at = $2 WHERE org_id = $1")
          .execute(Tuple.of(rising.orgId, NOW.minus(40, ChronoUnit.DAYS).atOffset(ZoneOffset.UTC))).await();
    }
    for (JsonObject event : List.of(Events.value(rising.orgId, "revenue", 50, NOW.minus(3, ChronoUnit.DAYS)),
        Events.value(rising.orgId, "defects", 4, NOW.minus(3, ChronoUnit.DAYS)),
        Events.value(rising.orgId, "uptime", 97, NOW.minus(3, ChronoUnit.DAYS)))) {
      HttpResponse<Buffer> response = risingApi.post("/api/v1/events", event);
      assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(202);
    }
    Cadence.awaitNode(risingApi, rising.keyResults.get("revenue").toString(), n -> Cadence.equals(n, "current", 50.0));
    Cadence.awaitNode(risingApi, rising.keyResults.get("defects").toString(), n -> Cadence.equals(n, "current", 4.0));
    Cadence.awaitNode(risingApi, rising.keyResults.get("uptime").toString(), n -> Cadence.equals(n, "current", 97.0));

    HttpResponse<Buffer> response = risingApi.post("/api/v1/assist/briefs", new JsonObject().put("kind", "monthly")
        .put("unitId", rising.companyId.toString()).put("cycleId", rising.quarterId.toString()).put("language", "en"));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    JsonObject brief = Http.json(response);

    JsonObject points = section(brief, "talkingPoints");
    List<JsonObject> rises = points.getJsonArray("sentences").stream().map(JsonObject.class::cast)
        .filter(sentence -> sentence.getString("text").contains("what worked")).toList();
    assertThat(rises).as("talking points of %s", points.encodePrettily()).hasSize(1);
    JsonObject overPlan = rises.get(0).getJsonArray("numbers").getJsonObject(1);
    assertThat(overPlan.getString("measure")).isEqualTo("scoreChangeOverPlan");
    assertThat(new BigDecimal(overPlan.getString("shownValue"))).isGreaterThanOrEqualTo(new BigDecimal("0.05"));
    assertThat(new EngineNumbers(risingApi, brief, List.of(rising.companyId.toString(), rising.teamId.toString())).checkAll())
        .isPositive();
  }

  private static List<JsonObject> sentencesAbout(JsonObject section, String nodeId) {
    List<JsonObject> found = new ArrayList<>();
    for (Object item : section.getJsonArray("sentences")) {
      JsonObject sentence = (JsonObject) item;
      if (sentence.getJsonArray("links").stream().anyMatch(l -> nodeId.equals(((JsonObject) l).getString("id")))) {
        found.add(sentence);
      }
    }
    assertThat(found).as("sentences about %s in %s", nodeId, section.encodePrettily()).isNotEmpty();
    return found;
  }

  @Test
  void generationRecordedInDecisionTrail() {
    JsonObject brief = generate(request("weekly", org.teamId.toString(), "en"));

    JsonArray entries = Http.json(api.get("/api/v1/decisions?kind=brief.generated&ref=" + brief.getString("id")))
        .getJsonArray("items");

    assertThat(entries).hasSize(1);
    JsonObject entry = entries.getJsonObject(0);
    assertThat(entry.getString("decision")).isEqualTo("generated");
    assertThat(entry.getString("subjectId")).isEqualTo(org.teamId.toString());
    assertThat(entry.getString("actor")).startsWith("urn:momentum:token:");
    assertThat(entry.getJsonObject("evidence").getJsonArray("numbers"))
        .isEqualTo(brief.getJsonObject("evidence").getJsonArray("numbers"));
    assertThat(entry.getJsonObject("evidence").getJsonArray("unitIds").getList()).containsExactly(org.teamId.toString());
  }

  @Test
  void germanBriefUsesDecimalComma() {
    JsonObject brief = generate(request("weekly", org.teamId.toString(), "de"));

    JsonArray numbers = section(brief, "summary").getJsonArray("sentences").getJsonObject(0).getJsonArray("numbers");
    assertThat(numbers.getJsonObject(0).getString("text")).matches("\\d+,\\d %");
    assertThat(section(brief, "summary").getString("title")).isEqualTo("Überblick");
  }

  @Test
  void markdownLinksNodesIntoWebApp() throws Exception {
    JsonObject brief = generate(request("weekly", org.teamId.toString(), "en"));

    HttpResponse<Buffer> response = api.get("/api/v1/assist/briefs/" + brief.getString("id") + "?format=markdown");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("Content-Type")).startsWith("text/markdown");
    String markdown = response.bodyAsString();
    // Kept for reading: the brief of the test scenario as a person downloads it.
    java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "briefs"));
    java.nio.file.Files.writeString(java.nio.file.Path.of("target", "briefs", "weekly-en.md"), markdown);
    assertThat(markdown).startsWith("# ").contains("\n## What moved\n");
    assertThat(markdown).contains("](http://127.0.0.1:" + TestNode.httpPort() + "/key-results/" + org.keyResults.get("revenue") + ")");
    assertThat(markdown).contains(BLOCKER);
  }

  @Test
  void pdfContainsBriefText() throws Exception {
    JsonObject brief = generate(request("weekly", org.teamId.toString(), "de"));

    HttpResponse<Buffer> response = api.get("/api/v1/assist/briefs/" + brief.getString("id") + "?format=pdf");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/pdf");
    try (PDDocument pdf = Loader.loadPDF(response.body().getBytes())) {
      String text = new PDFTextStripper().getText(pdf).replaceAll("\\s+", " ");
      assertThat(text).contains(brief.getString("title")).contains("Was sich bewegt hat").contains(BLOCKER);
      String firstSentence = section(brief, "summary").getJsonArray("sentences").getJsonObject(0).getString("text");
      assertThat(text).contains(firstSentence);
    }
  }

  @Test
  void listShowsNewestFirst() {
    JsonObject first = generate(request("weekly", org.teamId.toString(), "en"));
    JsonObject second = generate(request("monthly", org.companyId.toString(), "de"));

    JsonArray items = Http.json(api.get("/api/v1/assist/briefs?limit=2")).getJsonArray("items");
    JsonArray weekly = Http.json(api.get("/api/v1/assist/briefs?kind=weekly&unitId=" + org.teamId)).getJsonArray("items");

    assertThat(items.getJsonObject(0).getString("id")).isEqualTo(second.getString("id"));
    assertThat(items.getJsonObject(1).getString("id")).isEqualTo(first.getString("id"));
    assertThat(items.getJsonObject(0).containsKey("sections")).isFalse();
    assertThat(weekly.stream().map(b -> ((JsonObject) b).getString("kind"))).containsOnly("weekly");
  }

  @ParameterizedTest(name = "{0} is rejected")
  @CsvSource(delimiter = '|', value = {
      "kind|{\"kind\":\"daily\",\"unitId\":\"UNIT\",\"cycleId\":\"CYCLE\"}",
      "unitId|{\"kind\":\"weekly\",\"cycleId\":\"CYCLE\"}",
      "cycleId|{\"kind\":\"weekly\",\"unitId\":\"UNIT\",\"cycleId\":\"q4\"}",
      "language|{\"kind\":\"weekly\",\"unitId\":\"UNIT\",\"cycleId\":\"CYCLE\",\"language\":\"fr\"}",
      "asOf|{\"kind\":\"weekly\",\"unitId\":\"UNIT\",\"cycleId\":\"CYCLE\",\"asOf\":\"2999-01-01T00:00:00Z\"}",
      "asOf|{\"kind\":\"weekly\",\"unitId\":\"UNIT\",\"cycleId\":\"CYCLE\",\"asOf\":\"yesterday\"}",
      "color|{\"kind\":\"weekly\",\"unitId\":\"UNIT\",\"cycleId\":\"CYCLE\",\"color\":\"red\"}"})
  void invalidRequestRejected(String field, String body) {
    int before = briefCount();
    String json = body.replace("UNIT", org.teamId.toString()).replace("CYCLE", org.quarterId.toString());

    HttpResponse<Buffer> response = api.post("/api/v1/assist/briefs", new JsonObject(json));

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(400);
    assertThat(Cadence.fields(response)).contains(field);
    assertThat(briefCount()).isEqualTo(before);
  }

  @Test
  void asOfBeforeCycleRejected() {
    JsonObject request = request("weekly", org.teamId.toString(), "en")
        .put("asOf", NOW.minus(100, ChronoUnit.DAYS).toString());

    HttpResponse<Buffer> response = api.post("/api/v1/assist/briefs", request);

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(400);
    assertThat(Cadence.fields(response)).containsExactly("asOf");
  }

  @Test
  void unknownFormatRejected() {
    JsonObject brief = generate(request("weekly", org.teamId.toString(), "en"));

    HttpResponse<Buffer> response = api.get("/api/v1/assist/briefs/" + brief.getString("id") + "?format=docx");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Cadence.fields(response)).containsExactly("format");
  }

  @Test
  void otherOrganisationSeesNothing() throws InterruptedException {
    JsonObject brief = generate(request("weekly", org.teamId.toString(), "en"));
    JsonObject schedule = Http.json(api.post("/api/v1/assist/brief-schedules",
        new JsonObject().put("unitId", org.companyId.toString()).put("kind", "monthly")));
    TestOrg other = Cadence.org(node, "briefs-other");
    Http stranger = Http.withToken(other.token);

    assertThat(stranger.get("/api/v1/assist/briefs/" + brief.getString("id")).statusCode()).isEqualTo(404);
    assertThat(stranger.get("/api/v1/assist/briefs/" + brief.getString("id") + "?format=pdf").statusCode()).isEqualTo(404);
    assertThat(Http.json(stranger.get("/api/v1/assist/briefs")).getJsonArray("items")).isEmpty();
    assertThat(stranger.post("/api/v1/assist/briefs", request("weekly", org.teamId.toString(), "en")).statusCode())
        .isEqualTo(404);
    assertThat(Http.json(stranger.get("/api/v1/assist/brief-schedules")).getJsonArray("items")).isEmpty();
    assertThat(stranger.patch("/api/v1/assist/brief-schedules/" + schedule.getString("id"),
        new JsonObject().put("enabled", false)).statusCode()).isEqualTo(404);
    assertThat(stranger.delete("/api/v1/assist/brief-schedules/" + schedule.getString("id")).statusCode()).isEqualTo(404);
    assertThat(stranger.post("/api/v1/assist/brief-schedules",
        new JsonObject().put("unitId", org.teamId.toString()).put("kind", "weekly")).statusCode()).isEqualTo(404);
    assertThat(Http.json(api.get("/api/v1/assist/brief-schedules")).getJsonArray("items").stream()
        .map(s -> ((JsonObject) s).getBoolean("enabled"))).containsOnly(true);
  }

  @Test
  void scheduleRunsOncePerDueTime() throws Exception {
    HttpResponse<Buffer> created = api.post("/api/v1/assist/brief-schedules", new JsonObject()
        .put("unitId", org.teamId.toString()).put("kind", "weekly").put("language", "de")
        .put("dayOfWeek", 1).put("time", "07:00").put("timeZone", "Europe/Berlin"));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    JsonObject schedule = Http.json(created);
    Instant next = Instant.parse(schedule.getString("nextRunAt"));
    assertThat(next.atZone(ZoneId.of("Europe/Berlin")).getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
    assertThat(next.atZone(ZoneId.of("Europe/Berlin")).toLocalTime().toString()).isEqualTo("07:00");
    node.services().pool().preparedQuery("UPDATE brief_schedules SET next_run_at = $2 WHERE id = $1")
        .execute(Tuple.of(UUID.fromString(schedule.getString("id")), NOW.minusSeconds(60).atOffset(ZoneOffset.UTC))).await();

    var one = node.briefScheduler().run(Instant.now());
    var two = node.briefScheduler().run(Instant.now());
    List<UUID> generated = new ArrayList<>(one.await());
    generated.addAll(two.await());

    assertThat(generated).hasSize(1);
    JsonObject brief = Http.json(api.get("/api/v1/assist/briefs/" + generated.get(0)));
    assertThat(brief.getString("trigger")).isEqualTo("schedule");
    assertThat(brief.getString("language")).isEqualTo("de");
    assertThat(brief.getString("scheduleId")).isEqualTo(schedule.getString("id"));
    JsonArray entries = Http.json(api.get("/api/v1/decisions?kind=brief.generated&ref=" + brief.getString("id")))
        .getJsonArray("items");
    assertThat(entries.getJsonObject(0).getString("actor")).isEqualTo("system");
    JsonObject after = Http.json(api.get("/api/v1/assist/brief-schedules?unitId=" + org.teamId)).getJsonArray("items")
        .stream().map(s -> (JsonObject) s).filter(s -> s.getString("id").equals(schedule.getString("id"))).findFirst().orElseThrow();
    assertThat(after.getString("lastBriefId")).isEqualTo(brief.getString("id"));
    assertThat(Instant.parse(after.getString("nextRunAt"))).isAfter(Instant.now());
  }

  @Test
  void scheduleSettingsValidated() {
    HttpResponse<Buffer> response = api.post("/api/v1/assist/brief-schedules", new JsonObject()
        .put("unitId", org.teamId.toString()).put("kind", "monthly").put("dayOfWeek", 2).put("dayOfMonth", 31)
        .put("time", "25:00").put("timeZone", "Mars/Olympus"));

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(400);
    assertThat(Cadence.fields(response)).containsExactlyInAnyOrder("dayOfWeek", "dayOfMonth", "time", "timeZone");
  }

  private static int briefCount() {
    return node.services().pool().preparedQuery("SELECT count(*) AS n FROM briefs WHERE org_id = $1")
        .execute(Tuple.of(org.orgId)).await().iterator().next().getInteger("n");
  }
}
