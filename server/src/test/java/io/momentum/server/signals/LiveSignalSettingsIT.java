package io.momentum.server.signals;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.server.app.MomentumNode;
import io.momentum.server.support.Cadence;
import io.momentum.server.support.Events;
import io.momentum.server.support.Http;
import io.momentum.server.support.LinkedWork;
import io.momentum.server.support.TestNode;
import io.momentum.server.support.TestOrg;
import io.momentum.server.support.TestProducer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Signal thresholds and links changed through the API apply to the running engine of the
 * organisation, through its Kafka partition and without a rebuild: the engine's epoch stays the
 * same while the signals follow the new values.
 */
class LiveSignalSettingsIT {

  private static final Duration DAY = Duration.ofDays(1);

  private static MomentumNode node;
  private static TestProducer producer;

  @BeforeAll
  static void startNode() {
    node = TestNode.get();
    producer = new TestProducer(node);
  }

  @AfterAll
  static void closeProducer() {
    producer.close();
  }

  @Test
  void confidenceDropFollowsChangedThreshold() throws Exception {
    TestOrg org = Cadence.org(node, "sigl");
    Http admin = Http.withToken(Cadence.adminToken(node, org));
    String revenue = org.keyResults.get("revenue").toString();
    checkInsDroppingByTwo(org, admin);
    String epoch = epoch(org);
    assertThat(signal(admin, "confidence_drop", revenue, "open")).as("a drop of 2 is below the default 3").isNull();

    HttpResponse<Buffer> lowered = patchSettings(admin, new JsonObject().put("signalConfidenceDrop", 2));
    assertThat(lowered.statusCode()).as(lowered.bodyAsString()).isEqualTo(200);
    JsonObject raised = awaitSignal(admin, "confidence_drop", revenue, "open");

    assertThat(raised.getJsonObject("params").getInteger("drop")).isEqualTo(2);
    JsonObject details = Http.json(admin.get("/api/v1/signals/" + raised.getString("id")));
    assertThat(details.getJsonObject("evidence").getInteger("threshold")).isEqualTo(2);

    HttpResponse<Buffer> restored = patchSettings(admin, new JsonObject().put("signalConfidenceDrop", 3));
    assertThat(restored.statusCode()).as(restored.bodyAsString()).isEqualTo(200);
    JsonObject resolved = awaitSignal(admin, "confidence_drop", revenue, "resolved");

    assertThat(resolved.getString("id")).isEqualTo(raised.getString("id"));
    assertThat(epoch(org)).as("the engine was not rebuilt").isEqualTo(epoch);
  }

  @Test
  void contributionLinkRaisesDependencyAtRisk() throws Exception {
    TestOrg org = Cadence.org(node, "sigd");
    Http admin = Http.withToken(Cadence.adminToken(node, org));
    UUID revenue = org.keyResults.get("revenue");
    UUID defects = org.keyResults.get("defects");
    Instant now = Instant.now();
    // Halfway through the quarter: defects without progress is off track, revenue at half is on track.
    produce(org, Events.event(org.orgId, "momentum.keyresult.value", "defects", now, new JsonObject().put("value", 12)));
    produce(org, Events.event(org.orgId, "momentum.keyresult.value", "revenue", now, new JsonObject().put("value", 35)));
    Cadence.awaitNode(admin, defects.toString(), n -> "off_track".equals(n.getString("status")));
    Cadence.awaitNode(admin, revenue.toString(), n -> Cadence.equals(n, "current", 35));
    String epoch = epoch(org);
    assertThat(signal(admin, "dependency_at_risk", revenue.toString(), "open")).isNull();

    HttpResponse<Buffer> linked = admin.post("/api/v1/contributions",
        new JsonObject().put("fromId", revenue.toString()).put("toId", defects.toString()));
    assertThat(linked.statusCode()).as(linked.bodyAsString()).isEqualTo(201);
    JsonObject raised = awaitSignal(admin, "dependency_at_risk", revenue.toString(), "open");

    assertThat(raised.getJsonArray("nodeIds")).containsExactly(revenue.toString(), defects.toString());

    HttpResponse<Buffer> unlinked = admin.delete("/api/v1/contributions/" + revenue + "/" + defects);
    assertThat(unlinked.statusCode()).as(unlinked.bodyAsString()).isEqualTo(204);
    // Resolved at once: a removed link does not wait the 15 minutes a wavering value would.
    JsonObject resolved = awaitSignal(admin, "dependency_at_risk", revenue.toString(), "resolved");

    assertThat(resolved.getString("id")).isEqualTo(raised.getString("id"));
    assertThat(epoch(org)).as("the engine was not rebuilt").isEqualTo(epoch);
  }

  @Test
  void otherOrganisationKeepsItsThresholds() throws Exception {
    TestOrg changed = Cadence.org(node, "siga");
    TestOrg other = Cadence.org(node, "sigb");
    Http changedAdmin = Http.withToken(Cadence.adminToken(node, changed));
    Http otherAdmin = Http.withToken(Cadence.adminToken(node, other));
    checkInsDroppingByTwo(changed, changedAdmin);
    checkInsDroppingByTwo(other, otherAdmin);
    String otherEpoch = epoch(other);

    HttpResponse<Buffer> lowered = patchSettings(changedAdmin, new JsonObject().put("signalConfidenceDrop", 2));
    assertThat(lowered.statusCode()).as(lowered.bodyAsString()).isEqualTo(200);
    awaitSignal(changedAdmin, "confidence_drop", changed.keyResults.get("revenue").toString(), "open");
    // A check-in without confidence makes the other organisation's detector evaluate revenue again.
    String otherRevenue = other.keyResults.get("revenue").toString();
    produce(other, Events.event(other.orgId, "momentum.checkin", "revenue", Instant.now(), new JsonObject().put("value", 34)));
    Cadence.awaitNode(otherAdmin, otherRevenue, n -> Cadence.equals(n, "current", 34));

    assertThat(signal(otherAdmin, "confidence_drop", otherRevenue, null)).isNull();
    assertThat(Http.json(otherAdmin.get("/api/v1/settings")).getInteger("signalConfidenceDrop")).isEqualTo(3);
    assertThat(epoch(other)).isEqualTo(otherEpoch);
  }

  // --- helpers ---

  /** Produces check-ins with confidence 8, 8 and 6 on revenue and waits until the last is applied. */
  private static void checkInsDroppingByTwo(TestOrg org, Http api) throws Exception {
    Instant now = Instant.now();
    produce(org, LinkedWork.checkIn(org, "revenue", 30, 8, now.minus(DAY.multipliedBy(14))));
    produce(org, LinkedWork.checkIn(org, "revenue", 32, 8, now.minus(DAY.multipliedBy(7))));
    produce(org, LinkedWork.checkIn(org, "revenue", 33, 6, now));
    // Signals of a batch commit before its changes reach the board, so none is pending after this.
    Cadence.awaitNode(api, org.keyResults.get("revenue").toString(),
        n -> Integer.valueOf(6).equals(n.getInteger("confidence")) && Cadence.equals(n, "current", 33));
  }

  private static HttpResponse<Buffer> patchSettings(Http admin, JsonObject changes) {
    int version = Http.json(admin.get("/api/v1/settings")).getInteger("version");
    return admin.patch("/api/v1/settings", changes.put("version", version));
  }

  /** Returns the newest signal of a kind on a node, in a state or any state when {@code state} is null, or null. */
  private static JsonObject signal(Http api, String kind, String nodeId, String state) {
    String query = "/api/v1/signals?kind=" + kind + "&node=" + nodeId + (state == null ? "" : "&state=" + state);
    JsonArray items = Http.json(api.get(query)).getJsonArray("items");
    return items.isEmpty() ? null : items.getJsonObject(0);
  }

  private static JsonObject awaitSignal(Http api, String kind, String nodeId, String state) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 20_000;
    while (System.currentTimeMillis() < deadline) {
      JsonObject found = signal(api, kind, nodeId, state);
      if (found != null) {
        return found;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("No " + state + " " + kind + " signal on node " + nodeId + " within 20 s");
  }

  private static String epoch(TestOrg org) {
    return node.vertx().executeBlocking(() -> node.services().liveState().epoch(org.orgId)).await();
  }

  private static void produce(TestOrg org, JsonObject event) throws Exception {
    producer.send(org, event);
  }
}
