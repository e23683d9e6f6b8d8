package io.momentum.server.changes;

import static io.momentum.server.support.ChangeTopicReader.of;
import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.server.app.MomentumNode;
import io.momentum.server.support.Cadence;
import io.momentum.server.support.ChangeTopicReader;
import io.momentum.server.support.ChangeTopicReader.Change;
import io.momentum.server.support.Events;
import io.momentum.server.support.Http;
import io.momentum.server.support.TestNode;
import io.momentum.server.support.TestOrg;
import io.momentum.streams.event.Topics;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Changes made on a real node reach {@code momentum.changes} as CloudEvents, read by a consumer
 * group of the test's own. Every test uses an organisation of its own.
 */
class ChangesIT {

  private static final Duration WAIT = Duration.ofSeconds(20);

  private static MomentumNode node;
  private static ChangeTopicReader reader;

  @BeforeAll
  static void startReader() {
    node = TestNode.get();
    reader = new ChangeTopicReader(node.services().kafkaBootstrap(), Topics.CHANGES);
  }

  @AfterAll
  static void closeReader() {
    reader.close();
  }

  private static Instant secondsAgo(long seconds) {
    return Instant.now().minusSeconds(seconds).truncatedTo(ChronoUnit.MILLIS);
  }

  private static JsonObject checkIn(TestOrg org, String subject, double value, int confidence, Instant time) {
    return Events.event(org.orgId, "momentum.checkin", subject, time,
        new JsonObject().put("value", value).put("confidence", confidence).put("note", "Weekly check-in"));
  }

  @Test
  void checkInYieldsCheckinRecorded() throws InterruptedException {
    TestOrg org = Cadence.org(node, "changes-checkin");
    Http person = Http.anonymous();
    person.post("/api/v1/auth/login", new JsonObject().put("email", org.email).put("password", TestOrg.PASSWORD));
    String defects = org.keyResults.get("defects").toString();

    int status = person.post("/api/v1/key-results/" + defects + "/check-ins",
        new JsonObject().put("value", 9).put("confidence", 6).put("note", "Fixed the flaky tests").put("blockers", "None"))
        .statusCode();

    assertThat(status).isEqualTo(202);
    Change change = reader.await(of(org.orgId, ChangeTypes.CHECKIN_RECORDED), 1, WAIT).get(0);
    JsonObject data = change.data();
    assertThat(change.event().getString("orgid")).isEqualTo(org.orgId);
    assertThat(change.event().getString("source")).isEqualTo("urn:momentum:org:" + org.orgId);
    assertThat(change.event().getString("subject")).isEqualTo("defects");
    assertThat(data.getString("nodeId")).isEqualTo(defects);
    assertThat(data.getString("key")).isEqualTo("defects");
    assertThat(data.getString("title")).isEqualTo("Cut defect rate");
    assertThat(data.getString("cycleId")).isEqualTo(org.quarterId.toString());
    assertThat(((Number) data.getValue("value")).doubleValue()).isEqualTo(9.0);
    assertThat(data.getInteger("confidence")).isEqualTo(6);
    assertThat(data.getString("note")).isEqualTo("Fixed the flaky tests");
    assertThat(data.getString("blockers")).isEqualTo("None");
    assertThat(data.getString("source")).isEqualTo("urn:momentum:user:" + org.userId);
    assertThat(data.getBoolean("applied")).isTrue();
  }

  @Test
  void lateCheckInNotApplied() throws InterruptedException {
    TestOrg org = Cadence.org(node, "changes-late");
    Http api = Http.withToken(org.token);
    api.post("/api/v1/events", checkIn(org, "revenue", 40, 8, secondsAgo(60)));
    reader.await(of(org.orgId, ChangeTypes.CHECKIN_RECORDED), 1, WAIT);

    assertThat(api.post("/api/v1/events", checkIn(org, "revenue", 30, 5, secondsAgo(3600))).statusCode()).isEqualTo(202);

    List<Change> recorded = reader.await(of(org.orgId, ChangeTypes.CHECKIN_RECORDED), 2, WAIT);
    assertThat(recorded.get(1).data().getBoolean("applied")).isFalse();
    assertThat(((Number) recorded.get(1).data().getValue("value")).doubleValue()).isEqualTo(30.0);
  }

  @Test
  void offTrackValueYieldsOneStatusChange() throws InterruptedException {
    TestOrg org = Cadence.org(node, "changes-status");
    Http api = Http.withToken(org.token);
    String revenue = org.keyResults.get("revenue").toString();
    api.post("/api/v1/events", Events.value(org.orgId, "revenue", 36, secondsAgo(30)));
    reader.await(of(org.orgId, ChangeTypes.KEY_RESULT_STATUS_CHANGED).and(c -> "on_track".equals(c.data().getString("to"))), 1, WAIT);

    api.post("/api/v1/events", Events.value(org.orgId, "revenue", 21, secondsAgo(20)));

    Change change = reader.await(of(org.orgId, ChangeTypes.KEY_RESULT_STATUS_CHANGED)
        .and(c -> "off_track".equals(c.data().getString("to"))), 1, WAIT).get(0);
    JsonObject data = change.data();
    assertThat(data.getString("nodeId")).isEqualTo(revenue);
    assertThat(data.getString("key")).isEqualTo("revenue");
    assertThat(data.getString("from")).isEqualTo("on_track");
    assertThat(data.getString("to")).isEqualTo("off_track");
    assertThat(((Number) data.getValue("progress")).doubleValue()).isBetween(0.03, 0.04);
    assertThat(data.getValue("expected")).isNotNull();
    assertThat(data.getString("reason")).startsWith("new values: progress");
    assertThat(data.getLong("version")).isPositive();
    List<Change> statusChanges = reader.readFor(of(org.orgId, ChangeTypes.KEY_RESULT_STATUS_CHANGED), Duration.ofSeconds(1));
    assertThat(statusChanges).extracting(c -> c.data().getString("from") + ">" + c.data().getString("to"))
        .containsExactly("pending>on_track", "on_track>off_track");
  }

  @Test
  void retriedEventYieldsNothingNew() throws InterruptedException {
    TestOrg org = Cadence.org(node, "changes-retry");
    Http api = Http.withToken(org.token);
    JsonObject event = checkIn(org, "revenue", 44, 7, secondsAgo(40));
    JsonObject marker = checkIn(org, "defects", 8, 7, secondsAgo(30));

    api.post("/api/v1/events", event);
    api.post("/api/v1/events", event);
    api.post("/api/v1/events", marker);

    reader.await(of(org.orgId, ChangeTypes.CHECKIN_RECORDED).and(c -> "defects".equals(c.data().getString("key"))), 1, WAIT);
    reader.readFor(of(org.orgId, ChangeTypes.CHECKIN_RECORDED), Duration.ofSeconds(1));
    List<Change> recorded = reader.copies(of(org.orgId, ChangeTypes.CHECKIN_RECORDED));
    assertThat(recorded).extracting(c -> c.data().getString("key")).containsExactly("revenue", "defects");
    List<Change> statusChanges = reader.readFor(of(org.orgId, ChangeTypes.KEY_RESULT_STATUS_CHANGED), Duration.ZERO);
    assertThat(statusChanges).extracting(c -> c.data().getString("key")).containsOnlyOnce("revenue");
  }

  @Test
  void closingCycleYieldsCycleClosed() throws InterruptedException {
    TestOrg org = Cadence.org(node, "changes-close");
    Http api = Http.withToken(org.token);

    int status = api.post("/api/v1/cycles/" + org.quarterId + "/close", new JsonObject()).statusCode();

    assertThat(status).isEqualTo(200);
    Change change = reader.await(of(org.orgId, ChangeTypes.CYCLE_CLOSED), 1, WAIT).get(0);
    JsonObject data = change.data();
    assertThat(data.getString("cycleId")).isEqualTo(org.quarterId.toString());
    assertThat(data.getString("key")).isEqualTo("quarter");
    assertThat(data.getString("state")).isEqualTo("closed");
    assertThat(data.getString("closedBy")).isNotBlank();
    assertThat(data.getInteger("nodesClosed")).isEqualTo(8);
    assertThat(data.getInteger("carriedOver")).isZero();
  }

  @Test
  void closingCycleSendsNoClosedStatuses() throws InterruptedException {
    TestOrg org = Cadence.org(node, "changes-quiet");
    Http api = Http.withToken(org.token);
    api.post("/api/v1/events", Events.value(org.orgId, "revenue", 36, secondsAgo(30)));
    reader.await(of(org.orgId, ChangeTypes.KEY_RESULT_STATUS_CHANGED), 1, WAIT);
    api.post("/api/v1/cycles/" + org.quarterId + "/close", new JsonObject());
    reader.await(of(org.orgId, ChangeTypes.CYCLE_CLOSED), 1, WAIT);

    Cadence.awaitNode(api, org.keyResults.get("revenue").toString(), n -> "closed".equals(n.getString("status")));
    api.post("/api/v1/events", checkIn(org, "defects", 8, 7, secondsAgo(10)));
    reader.await(of(org.orgId, ChangeTypes.CHECKIN_RECORDED), 1, WAIT);

    List<Change> statusChanges = reader.readFor(of(org.orgId, ChangeTypes.KEY_RESULT_STATUS_CHANGED), Duration.ZERO);
    assertThat(statusChanges).extracting(c -> c.data().getString("to")).containsExactly("on_track");
  }

  @Test
  void createdAndUpdatedCyclesAnnounced() throws InterruptedException {
    TestOrg org = Cadence.org(node, "changes-cycles");
    Http api = Http.withToken(org.token);
    LocalDate start = LocalDate.now(ZoneOffset.UTC).plusDays(45);
    JsonObject created = Http.json(api.post("/api/v1/cycles", new JsonObject().put("key", "next").put("name", "Next quarter")
        .put("kind", "quarter").put("parentId", org.yearId.toString()).put("start", start.toString())
        .put("end", start.plusDays(89).toString())));

    int status = api.patchIfMatch("/api/v1/cycles/" + created.getString("id"), new JsonObject().put("name", "Q3"),
        created.getInteger("version")).statusCode();

    assertThat(status).isEqualTo(200);
    JsonObject createdData = reader.await(of(org.orgId, ChangeTypes.CYCLE_CREATED), 1, WAIT).get(0).data();
    JsonObject updatedData = reader.await(of(org.orgId, ChangeTypes.CYCLE_UPDATED), 1, WAIT).get(0).data();
    assertThat(createdData.getString("key")).isEqualTo("next");
    assertThat(createdData.getString("kind")).isEqualTo("quarter");
    assertThat(createdData.getString("startDate")).isEqualTo(start.toString());
    assertThat(createdData.getString("state")).isEqualTo("open");
    assertThat(updatedData.getString("name")).isEqualTo("Q3");
    assertThat(updatedData.getInteger("version")).isEqualTo(created.getInteger("version") + 1);
  }

  @Test
  void organisationsKeepTheirOwnKeys() throws InterruptedException {
    TestOrg first = Cadence.org(node, "changes-first");
    TestOrg second = Cadence.org(node, "changes-second");

    Http.withToken(first.token).post("/api/v1/events", checkIn(first, "revenue", 41, 8, secondsAgo(5)));
    Http.withToken(second.token).post("/api/v1/events", checkIn(second, "revenue", 42, 8, secondsAgo(5)));

    for (TestOrg org : List.of(first, second)) {
      List<Change> changes = reader.await(of(org.orgId, ChangeTypes.CHECKIN_RECORDED), 1, WAIT);
      assertThat(changes).hasSize(1);
      assertThat(changes.get(0).event().getString("orgid")).isEqualTo(org.orgId);
      assertThat(changes.get(0).event().getString("source")).isEqualTo(ChangeOutbox.source(org.orgId));
      assertThat(changes.get(0).data().getString("nodeId")).isEqualTo(org.keyResults.get("revenue").toString());
    }
  }

  @Test
  void recordedStatusFollowsKeyResult() throws InterruptedException {
    TestOrg org = Cadence.org(node, "changes-recorded");
    Http api = Http.withToken(org.token);
    api.post("/api/v1/events", Events.value(org.orgId, "revenue", 21, secondsAgo(30)));

    reader.await(of(org.orgId, ChangeTypes.KEY_RESULT_STATUS_CHANGED), 1, WAIT);

    var rows = node.services().pool()
        .preparedQuery("SELECT status, sequence FROM key_result_status WHERE org_id = $1 AND node_id = $2")
        .execute(io.vertx.sqlclient.Tuple.of(org.orgId, org.keyResults.get("revenue"))).await();
    var row = rows.iterator().next();
    assertThat(row.getString("status")).isEqualTo("off_track");
    assertThat(row.getLong("sequence")).isEqualTo(2);
  }

  @Test
  void relayMetricsPublished() {
    String metrics = Http.anonymous().get("/metrics").bodyAsString();

    assertThat(metrics).contains("momentum_changes_published_total", "momentum_changes_publish_failures_total",
        "momentum_changes_backlog_changes", "momentum_changes_oldest_unpublished_age_seconds");
  }
}
