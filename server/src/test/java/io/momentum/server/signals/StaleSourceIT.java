package io.momentum.server.signals;

import static io.momentum.server.support.Goals.fields;
import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.server.app.MomentumNode;
import io.momentum.server.support.Events;
import io.momentum.server.support.Http;
import io.momentum.server.support.LiveClient;
import io.momentum.server.support.TestNode;
import io.momentum.server.support.TestOrg;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The source registry and the stale-source signal against a real node. Events fill the registry.
 * The detector, run at a chosen time instead of every minute, raises, resolves and wakes signals.
 * People act on them through the REST API, and every change reaches the outbox and live boards.
 */
class StaleSourceIT {

  private static MomentumNode node;
  private static TestOrg org;
  private static Http api;

  @BeforeAll
  static void createOrg() throws InterruptedException {
    node = TestNode.get();
    // The tests choose the detector's time; a periodic run at the real time would undo their signals.
    node.staleSources().stop();
    org = TestOrg.create(node, "stale-" + UUID.randomUUID().toString().substring(0, 8)).awaitLive(node);
    api = Http.withToken(org.token);
  }

  private static String newSource() {
    return "urn:service:" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Sends a value of the revenue key result from a source and waits until the registry counts it. */
  private static JsonObject send(String source, double value) throws InterruptedException {
    JsonObject before = sourceOrNull(source);
    long countBefore = before == null ? 0 : before.getLong("eventCount");
    JsonObject event = Events.value(org.orgId, "revenue", value, Instant.now()).put("source", source);
    HttpResponse<Buffer> response = api.postRaw("/api/v1/events", event.encode(), "application/cloudevents+json");
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(202);
    long deadline = System.currentTimeMillis() + 30_000;
    while (System.currentTimeMillis() < deadline) {
      JsonObject registered = sourceOrNull(source);
      if (registered != null && registered.getLong("eventCount") > countBefore) {
        return registered;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("Source " + source + " was not registered within 30 s");
  }

  private static JsonObject sourceOrNull(String source) {
    HttpResponse<Buffer> response = api.get("/api/v1/sources?limit=500");
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    for (Object item : Http.json(response).getJsonArray("items")) {
      JsonObject json = (JsonObject) item;
      if (source.equals(json.getString("source"))) {
        return json;
      }
    }
    return null;
  }

  /** Sends a value and sets the source's expected interval to one hour. */
  private static JsonObject expectHourly(String source) throws InterruptedException {
    JsonObject registered = send(source, 21);
    HttpResponse<Buffer> patched = api.patch("/api/v1/sources/" + registered.getString("id"),
        new JsonObject().put("expectedIntervalSeconds", 3600));
    assertThat(patched.statusCode()).as(patched.bodyAsString()).isEqualTo(200);
    return Http.json(patched);
  }

  private static StaleSourceDetector.RunResult detect(Instant at) {
    return node.staleSources().run(at).await();
  }

  private static List<JsonObject> changedOf(List<JsonObject> signals, String source) {
    return signals.stream().filter(s -> source.equals(s.getString("source"))).toList();
  }

  /** Raises the stale-source signal of a new hourly source, quiet for two hours as of the run. */
  private static JsonObject raiseFor(String source) throws InterruptedException {
    JsonObject registered = expectHourly(source);
    Instant later = Instant.parse(registered.getString("lastSeen")).plus(Duration.ofHours(2));
    List<JsonObject> raised = changedOf(detect(later).raised(), source);
    assertThat(raised).hasSize(1);
    return raised.get(0);
  }

  private static JsonObject signal(String id) {
    HttpResponse<Buffer> response = api.get("/api/v1/signals/" + id);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return Http.json(response);
  }

  private static RowSet<Row> query(String sql, Tuple params) {
    return node.services().pool().preparedQuery(sql).execute(params).await();
  }

  @Test
  void registryRecordsSourceOfEvents() throws InterruptedException {
    String source = newSource();

    JsonObject registered = send(source, 22);

    assertThat(registered.getString("kind")).isEqualTo("service");
    assertThat(registered.getString("label")).isEqualTo(source.substring("urn:".length()));
    assertThat(registered.getLong("eventCount")).isEqualTo(1);
    assertThat(registered.getString("state")).isEqualTo("no_expectation");
    assertThat(registered.getJsonArray("nodes").stream().map(n -> ((JsonObject) n).getString("key")))
        .containsExactly("revenue");
  }

  @Test
  void registryLearnsIntervalFromQuietGaps() throws InterruptedException {
    String source = newSource();
    send(source, 23);
    for (int gap = 0; gap < 3; gap++) {
      // Moves the last arrival two hours back, as if the source had been quiet that long.
      query("UPDATE value_sources SET last_seen = last_seen - interval '2 hours',"
          + " gap_sampled_at = gap_sampled_at - interval '2 hours' WHERE org_id = $1 AND source = $2",
          Tuple.of(org.orgId, source));
      send(source, 24 + gap);
    }

    JsonObject learned = sourceOrNull(source);

    assertThat(learned.getInteger("gapsSeen")).isEqualTo(3);
    assertThat(learned.getString("intervalOrigin")).isEqualTo("learned");
    assertThat(learned.getLong("expectedIntervalSeconds")).isBetween(3 * 7200L, 3 * 7200L + 120);
    assertThat(learned.getString("state")).isEqualTo("fresh");
  }

  @Test
  void learnedIntervalRule() {
    List<Object[]> cases = List.of(
        new Object[] {new Double[] {60.0, 60.0, 60.0}, 3600.0},
        new Object[] {new Double[] {600.0, 900.0, 1200.0}, 3600.0},
        new Object[] {new Double[] {3600.0, 7200.0, 86400.0}, 21600.0},
        new Object[] {new Double[] {86400.0, 86400.0}, null});

    for (Object[] row : cases) {
      Row result = query("SELECT value_source_learned_interval($1::float8[]) AS learned", Tuple.of(row[0]))
          .iterator().next();

      assertThat(result.getDouble("learned")).as(java.util.Arrays.toString((Double[]) row[0])).isEqualTo(row[1]);
    }
  }

  @Test
  void quietSourceRaisesOneSignalWithEvidence() throws InterruptedException {
    String source = newSource();
    JsonObject registered = expectHourly(source);
    Instant later = Instant.parse(registered.getString("lastSeen")).plus(Duration.ofHours(2));

    List<JsonObject> first = changedOf(detect(later).raised(), source);
    List<JsonObject> second = changedOf(detect(later.plusSeconds(60)).raised(), source);

    assertThat(first).hasSize(1);
    assertThat(second).isEmpty();
    JsonObject raised = first.get(0);
    JsonObject evidence = raised.getJsonObject("evidence");
    assertThat(raised.getString("kind")).isEqualTo("stale_source");
    assertThat(raised.getString("state")).isEqualTo("open");
    assertThat(raised.getJsonArray("nodeIds")).containsExactly(org.keyResults.get("revenue").toString());
    assertThat(raised.getJsonArray("unitIds")).containsExactly(org.teamId.toString());
    assertThat(evidence.getString("lastSeen")).isEqualTo(registered.getString("lastSeen"));
    assertThat(evidence.getLong("expectedSeconds")).isEqualTo(3600);
    assertThat(evidence.getString("intervalOrigin")).isEqualTo("set");
    assertThat(evidence.getJsonArray("nodesFed").getJsonObject(0).getString("key")).isEqualTo("revenue");
    assertThat(raised.getString("explanation")).contains("quiet for 2 h", "expected interval of 1 h", "1 node");
    assertThat(raised.getJsonObject("params").getLong("quietSeconds")).isEqualTo(7200);
  }

  @Test
  void longQuietEscalatesToCritical() throws InterruptedException {
    String source = newSource();
    JsonObject raised = raiseFor(source);
    Instant lastSeen = Instant.parse(raised.getJsonObject("evidence").getString("lastSeen"));

    List<JsonObject> escalated = changedOf(detect(lastSeen.plus(Duration.ofHours(4))).escalated(), source);
    List<JsonObject> again = changedOf(detect(lastSeen.plus(Duration.ofHours(5))).escalated(), source);

    assertThat(raised.getString("severity")).isEqualTo("warning");
    assertThat(escalated).hasSize(1);
    assertThat(again).isEmpty();
    JsonObject read = signal(raised.getString("id"));
    JsonObject last = read.getJsonArray("actions").getJsonObject(1);
    assertThat(read.getString("severity")).isEqualTo("critical");
    assertThat(read.getString("state")).isEqualTo("open");
    assertThat(read.getJsonObject("evidence").getLong("quietSeconds")).isEqualTo(4 * 3600);
    assertThat(last.getString("action")).isEqualTo("updated");
    assertThat(last.getString("by")).isEqualTo("system");
    RowSet<Row> rows = query("SELECT event FROM change_outbox WHERE org_id = $1 AND type = 'momentum.signal.updated'"
        + " AND event->'data'->>'signalId' = $2", Tuple.of(org.orgId, raised.getString("id")));
    assertThat(rows.size()).isEqualTo(1);
    assertThat(rows.iterator().next().getJsonObject("event").getJsonObject("data").getString("severity")).isEqualTo("critical");
  }

  @Test
  void lateDetectionRaisesCritical() throws InterruptedException {
    String source = newSource();
    JsonObject registered = expectHourly(source);

    List<JsonObject> raised = changedOf(detect(Instant.parse(registered.getString("lastSeen")).plus(Duration.ofHours(5)))
        .raised(), source);

    assertThat(raised).hasSize(1);
    assertThat(raised.get(0).getString("severity")).isEqualTo("critical");
  }

  @Test
  void raisedSignalListedByFilters() throws InterruptedException {
    JsonObject raised = raiseFor(newSource());
    String id = raised.getString("id");

    List<String> byNode = ids(api.get("/api/v1/signals?node=" + org.keyResults.get("revenue")));
    List<String> byUnit = ids(api.get("/api/v1/signals?unit=" + org.teamId + "&state=open&kind=stale_source"));
    List<String> byOtherUnit = ids(api.get("/api/v1/signals?unit=" + org.companyId));
    List<String> resolved = ids(api.get("/api/v1/signals?state=resolved"));

    assertThat(byNode).contains(id);
    assertThat(byUnit).contains(id);
    assertThat(byOtherUnit).doesNotContain(id);
    assertThat(resolved).doesNotContain(id);
  }

  private static List<String> ids(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    Http.json(response).getJsonArray("items").forEach(item -> ids.add(((JsonObject) item).getString("id")));
    return ids;
  }

  @Test
  void signalPagesFollowCursor() throws InterruptedException {
    raiseFor(newSource());
    raiseFor(newSource());

    JsonObject first = Http.json(api.get("/api/v1/signals?limit=1"));
    JsonObject second = Http.json(api.get("/api/v1/signals?limit=1&after=" + first.getString("nextCursor")));

    assertThat(first.getJsonArray("items")).hasSize(1);
    assertThat(second.getJsonArray("items")).hasSize(1);
    assertThat(second.getJsonArray("items").getJsonObject(0).getString("id"))
        .isNotEqualTo(first.getJsonArray("items").getJsonObject(0).getString("id"));
  }

  @Test
  void raisedSignalWritesOutboxRow() throws InterruptedException {
    JsonObject raised = raiseFor(newSource());

    RowSet<Row> rows = query("SELECT event FROM change_outbox WHERE org_id = $1 AND type = 'momentum.signal.raised'"
        + " AND event->'data'->>'signalId' = $2", Tuple.of(org.orgId, raised.getString("id")));

    assertThat(rows.size()).isEqualTo(1);
    JsonObject data = rows.iterator().next().getJsonObject("event").getJsonObject("data");
    assertThat(data.getString("kind")).isEqualTo("stale_source");
    assertThat(data.getString("state")).isEqualTo("open");
    assertThat(data.getString("source")).isEqualTo(raised.getString("source"));
    assertThat(data.getString("explanation")).isEqualTo(raised.getString("explanation"));
    assertThat(data.getJsonObject("evidence")).isEqualTo(raised.getJsonObject("evidence"));
  }

  @Test
  void newValueResolvesSignalBySystem() throws InterruptedException {
    String source = newSource();
    JsonObject raised = raiseFor(source);
    send(source, 30);

    List<JsonObject> resolved = changedOf(detect(Instant.now()).resolved(), source);

    assertThat(resolved).hasSize(1);
    JsonObject read = signal(raised.getString("id"));
    JsonObject last = read.getJsonArray("actions").getJsonObject(1);
    assertThat(read.getString("state")).isEqualTo("resolved");
    assertThat(read.getString("resolvedAt")).isNotNull();
    assertThat(last.getString("action")).isEqualTo("resolved");
    assertThat(last.getString("by")).isEqualTo("system");
    assertThat(last.getString("reason")).startsWith("The source sent again at ");
  }

  @Test
  void peopleActionsRecordWhoAndWhy() throws InterruptedException {
    JsonObject raised = raiseFor(newSource());
    String path = "/api/v1/signals/" + raised.getString("id");
    String until = Instant.now().plus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();

    HttpResponse<Buffer> acknowledged = api.post(path + "/acknowledge", new JsonObject().put("reason", "Looking into it"));
    HttpResponse<Buffer> snoozed = api.post(path + "/snooze", new JsonObject().put("until", until)
        .put("reason", "Feed is paused for the migration"));
    HttpResponse<Buffer> resolved = api.post(path + "/resolve", new JsonObject().put("reason", "Feed retired"));

    assertThat(acknowledged.statusCode()).as(acknowledged.bodyAsString()).isEqualTo(200);
    assertThat(snoozed.statusCode()).as(snoozed.bodyAsString()).isEqualTo(200);
    assertThat(Http.json(snoozed).getString("snoozedUntil")).isEqualTo(until);
    assertThat(resolved.statusCode()).as(resolved.bodyAsString()).isEqualTo(200);
    JsonArray actions = Http.json(resolved).getJsonArray("actions");
    assertThat(actions.stream().map(a -> ((JsonObject) a).getString("action")))
        .containsExactly("raised", "acknowledged", "snoozed", "resolved");
    assertThat(actions.stream().skip(1).map(a -> ((JsonObject) a).getString("reason")))
        .containsExactly("Looking into it", "Feed is paused for the migration", "Feed retired");
    assertThat(actions.stream().skip(1).map(a -> ((JsonObject) a).getString("by")))
        .allMatch(by -> by.startsWith("urn:momentum:token:"));
    assertThat(actions.getJsonObject(3).getJsonObject("evidence")).isEqualTo(raised.getJsonObject("evidence"));
  }

  @Test
  void peopleActionsWriteOutboxRows() throws InterruptedException {
    JsonObject raised = raiseFor(newSource());

    api.post("/api/v1/signals/" + raised.getString("id") + "/resolve", new JsonObject().put("reason", "Known outage"));

    RowSet<Row> rows = query("SELECT event FROM change_outbox WHERE org_id = $1 AND type = 'momentum.signal.updated'"
        + " AND event->'data'->>'signalId' = $2", Tuple.of(org.orgId, raised.getString("id")));
    assertThat(rows.size()).isEqualTo(1);
    JsonObject data = rows.iterator().next().getJsonObject("event").getJsonObject("data");
    assertThat(data.getString("state")).isEqualTo("resolved");
    assertThat(data.getString("reason")).isEqualTo("Known outage");
    assertThat(data.getString("by")).startsWith("urn:momentum:token:");
  }

  @Test
  void resolvedByHandStaysResolvedWhileQuiet() throws InterruptedException {
    String source = newSource();
    JsonObject raised = raiseFor(source);
    api.post("/api/v1/signals/" + raised.getString("id") + "/resolve", new JsonObject().put("reason", "Known outage"));
    Instant later = Instant.parse(raised.getJsonObject("evidence").getString("lastSeen")).plus(Duration.ofHours(5));

    List<JsonObject> again = changedOf(detect(later).raised(), source);

    assertThat(again).isEmpty();
  }

  @Test
  void snoozedSignalWakesWhenStillQuiet() throws InterruptedException {
    String source = newSource();
    JsonObject raised = raiseFor(source);
    Instant lastSeen = Instant.parse(raised.getJsonObject("evidence").getString("lastSeen"));
    api.post("/api/v1/signals/" + raised.getString("id") + "/snooze", new JsonObject()
        .put("until", lastSeen.plus(Duration.ofHours(3)).toString()).put("reason", "After the deploy"));

    List<JsonObject> early = changedOf(detect(lastSeen.plus(Duration.ofHours(2))).woken(), source);
    List<JsonObject> woken = changedOf(detect(lastSeen.plus(Duration.ofHours(4))).woken(), source);

    assertThat(early).isEmpty();
    assertThat(woken).hasSize(1);
    JsonObject read = signal(raised.getString("id"));
    JsonObject last = read.getJsonArray("actions").getJsonObject(read.getJsonArray("actions").size() - 1);
    assertThat(read.getString("state")).isEqualTo("open");
    assertThat(last.getString("action")).isEqualTo("woke");
    assertThat(last.getString("by")).isEqualTo("system");
  }

  @Test
  void actionValidationNamesFields() throws InterruptedException {
    String path = "/api/v1/signals/" + raiseFor(newSource()).getString("id");
    List<String> actions = List.of("/snooze", "/snooze", "/snooze", "/snooze", "/resolve", "/acknowledge");
    List<JsonObject> bodies = List.of(
        new JsonObject().put("until", Instant.now().plus(Duration.ofHours(1)).toString()),
        new JsonObject().put("reason", "later"),
        new JsonObject().put("until", Instant.now().minus(Duration.ofHours(1)).toString()).put("reason", "later"),
        new JsonObject().put("until", "tomorrow").put("reason", "later"),
        new JsonObject(),
        new JsonObject().put("reason", "x").put("note", "typo"));
    List<String> expected = List.of("reason", "until", "until", "until", "reason", "note");

    for (int i = 0; i < bodies.size(); i++) {
      HttpResponse<Buffer> response = api.post(path + actions.get(i), bodies.get(i));

      assertThat(response.statusCode()).as(bodies.get(i).encode()).isEqualTo(400);
      assertThat(fields(response)).as(bodies.get(i).encode()).containsExactly(expected.get(i));
    }
  }

  @Test
  void actionOnResolvedSignalIsConflict() throws InterruptedException {
    String path = "/api/v1/signals/" + raiseFor(newSource()).getString("id");
    api.post(path + "/resolve", new JsonObject().put("reason", "done"));

    HttpResponse<Buffer> response = api.post(path + "/acknowledge", new JsonObject());

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(Http.json(response).getJsonObject("error").getString("code")).isEqualTo("signal_state");
  }

  @Test
  void systemSourceRejectsInterval() throws InterruptedException {
    JsonObject registered = send("urn:momentum:test-" + UUID.randomUUID().toString().substring(0, 8), 25);

    HttpResponse<Buffer> response = api.patch("/api/v1/sources/" + registered.getString("id"),
        new JsonObject().put("expectedIntervalSeconds", 3600));

    assertThat(registered.getString("kind")).isEqualTo("system");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(fields(response)).containsExactly("expectedIntervalSeconds");
  }

  @Test
  void sourcePatchValidationNamesFields() throws InterruptedException {
    String path = "/api/v1/sources/" + send(newSource(), 26).getString("id");
    List<JsonObject> bodies = List.of(
        new JsonObject().put("expectedIntervalSeconds", 30),
        new JsonObject().put("expectedIntervalSeconds", "hourly"),
        new JsonObject().put("label", "x".repeat(121)),
        new JsonObject().put("interval", 3600),
        new JsonObject());
    List<String> expected = List.of("expectedIntervalSeconds", "expectedIntervalSeconds", "label", "interval", "body");

    for (int i = 0; i < bodies.size(); i++) {
      HttpResponse<Buffer> response = api.patch(path, bodies.get(i));

      assertThat(response.statusCode()).as(bodies.get(i).encode()).isEqualTo(400);
      assertThat(fields(response)).as(bodies.get(i).encode()).contains(expected.get(i));
    }
  }

  @Test
  void sourceLabelAndIntervalCanBeReset() throws InterruptedException {
    String source = newSource();
    String path = "/api/v1/sources/" + send(source, 27).getString("id");
    api.patch(path, new JsonObject().put("label", "Checkout service").put("expectedIntervalSeconds", 900));

    JsonObject set = sourceOrNull(source);
    JsonObject reset = Http.json(api.patch(path, new JsonObject().putNull("label").putNull("expectedIntervalSeconds")));

    assertThat(set.getString("label")).isEqualTo("Checkout service");
    assertThat(set.getLong("expectedIntervalSeconds")).isEqualTo(900);
    assertThat(set.getString("state")).isEqualTo("fresh");
    assertThat(reset.getString("label")).isEqualTo(source.substring("urn:".length()));
    assertThat(reset.getString("state")).isEqualTo("no_expectation");
  }

  @Test
  void boardSnapshotCarriesUnresolvedSignals() throws InterruptedException {
    JsonObject raised = raiseFor(newSource());

    JsonObject board = Http.json(api.get("/api/v1/boards/" + org.teamBoard()));

    assertThat(board.getJsonArray("signals").stream().map(s -> ((JsonObject) s).getString("id")))
        .contains(raised.getString("id"));
    assertThat(board.getJsonObject("sources")).isNotNull();
  }

  @Test
  void liveBoardReceivesSignal() throws InterruptedException {
    String source = newSource();
    JsonObject registered = expectHourly(source);
    try (LiveClient live = LiveClient.connect(node.vertx(), TestNode.httpPort(), org.token)) {
      live.subscribe(org.teamBoard(), null, null);
      live.next("snapshot", Duration.ofSeconds(10));

      detect(Instant.parse(registered.getString("lastSeen")).plus(Duration.ofHours(2)));
      JsonObject message = live.next(m -> "signal".equals(m.getString("type"))
          && source.equals(m.getJsonObject("signal").getString("source")), Duration.ofSeconds(10));

      assertThat(message.getString("board")).isEqualTo(org.teamBoard());
      assertThat(message.getJsonObject("signal").getString("state")).isEqualTo("open");
      assertThat(message.getJsonObject("signal").getString("explanation")).contains("has sent no value since");
    }
  }

  @Test
  void liveBoardReceivesStateChange() throws InterruptedException {
    JsonObject raised = raiseFor(newSource());
    try (LiveClient live = LiveClient.connect(node.vertx(), TestNode.httpPort(), org.token)) {
      live.subscribe(org.teamBoard(), null, null);
      live.next("snapshot", Duration.ofSeconds(10));

      api.post("/api/v1/signals/" + raised.getString("id") + "/acknowledge", new JsonObject());
      JsonObject message = live.next(m -> "signal".equals(m.getString("type"))
          && raised.getString("id").equals(m.getJsonObject("signal").getString("id")), Duration.ofSeconds(10));

      assertThat(message.getJsonObject("signal").getString("state")).isEqualTo("acknowledged");
    }
  }

  @Test
  void otherOrganisationCannotSeeOrAct() throws InterruptedException {
    JsonObject raised = raiseFor(newSource());
    String path = "/api/v1/signals/" + raised.getString("id");
    TestOrg other = TestOrg.create(node, "stale-other-" + UUID.randomUUID().toString().substring(0, 8));
    Http outsider = Http.withToken(other.token);
    String sourceId = sourceOrNull(raised.getString("source")).getString("id");

    assertThat(outsider.get(path).statusCode()).isEqualTo(404);
    assertThat(outsider.post(path + "/acknowledge", new JsonObject()).statusCode()).isEqualTo(404);
    assertThat(outsider.post(path + "/resolve", new JsonObject().put("reason", "not mine")).statusCode()).isEqualTo(404);
    assertThat(Http.json(outsider.get("/api/v1/signals")).getJsonArray("items")).isEmpty();
    assertThat(Http.json(outsider.get("/api/v1/sources")).getJsonArray("items")).isEmpty();
    assertThat(outsider.get("/api/v1/sources/" + sourceId).statusCode()).isEqualTo(404);
    assertThat(outsider.patch("/api/v1/sources/" + sourceId, new JsonObject().put("label", "mine")).statusCode())
        .isEqualTo(404);
    assertThat(signal(raised.getString("id")).getString("state")).isEqualTo("open");
  }
}
