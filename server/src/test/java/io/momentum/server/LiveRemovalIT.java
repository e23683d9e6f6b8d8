package io.momentum.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.server.app.MomentumNode;
import io.momentum.server.support.Http;
import io.momentum.server.support.LiveClient;
import io.momentum.server.support.TestNode;
import io.momentum.server.support.TestOrg;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A node that is archived leaves live boards: the owner removes it from its engine and the
 * cluster's state, and subscribers get a delta that names it in {@code removed}.
 */
class LiveRemovalIT {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private MomentumNode node;
  private TestOrg org;
  private Http api;

  @BeforeEach
  void createOrg() throws InterruptedException {
    node = TestNode.get();
    org = TestOrg.create(node, "removal-" + UUID.randomUUID().toString().substring(0, 8)).awaitLive(node);
    api = Http.withToken(org.token);
  }

  /** Creates a KPI on the team board and waits until the board shows it. */
  private String createKpiOnBoard() throws InterruptedException {
    HttpResponse<Buffer> created = api.post("/api/v1/kpis", new JsonObject().put("key", "churn")
        .put("title", "Churn").put("unitId", org.teamId.toString()));
    assertThat(created.statusCode()).isEqualTo(201);
    String id = Http.json(created).getString("id");
    long deadline = System.currentTimeMillis() + WAIT.toMillis();
    while (nodeOf(Http.json(api.get("/api/v1/boards/" + org.teamBoard())), id) == null) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("KPI " + id + " did not reach the team board");
      }
      Thread.sleep(50);
    }
    return id;
  }

  private void archive(String kpiId) {
    node.services().pool().preparedQuery("UPDATE kpis SET archived_at = now() WHERE org_id = $1 AND id = $2")
        .execute(Tuple.of(org.orgId, UUID.fromString(kpiId))).await();
    node.services().publisher().definitionChanged(org.orgId, "node", kpiId).await();
  }

  private static JsonObject nodeOf(JsonObject board, String id) {
    JsonArray nodes = board.getJsonArray("nodes");
    for (int i = 0; i < nodes.size(); i++) {
      if (id.equals(nodes.getJsonObject(i).getString("id"))) {
        return nodes.getJsonObject(i);
      }
    }
    return null;
  }

  @Test
  void archivedKpiLeavesBoardInDelta() throws InterruptedException {
    String kpiId = createKpiOnBoard();
    try (LiveClient client = LiveClient.connect(node.vertx(), TestNode.httpPort(), org.token)) {
      client.subscribe(org.teamBoard(), null, null);
      JsonObject snapshot = client.next("snapshot", WAIT);
      long kpiVersion = nodeOf(snapshot, kpiId).getLong("version");

      archive(kpiId);
      JsonObject delta = client.next(m -> "delta".equals(m.getString("type")) && m.containsKey("removed"), WAIT);

      assertThat(delta.getJsonArray("removed").getList()).containsExactly(kpiId);
      assertThat(delta.getLong("version")).isEqualTo(delta.getLong("from") - kpiVersion);
      JsonObject board = Http.json(api.get("/api/v1/boards/" + org.teamBoard()));
      assertThat(nodeOf(board, kpiId)).isNull();
      assertThat(board.getLong("version")).isEqualTo(delta.getLong("version"));
    }
  }

  @Test
  void resumeAcrossRemovalGetsSnapshot() throws InterruptedException {
    String kpiId = createKpiOnBoard();
    JsonObject before;
    try (LiveClient first = LiveClient.connect(node.vertx(), TestNode.httpPort(), org.token)) {
      first.subscribe(org.teamBoard(), null, null);
      before = first.next("snapshot", WAIT);
      archive(kpiId);
      first.next(m -> "delta".equals(m.getString("type")) && m.containsKey("removed"), WAIT);
    }

    try (LiveClient second = LiveClient.connect(node.vertx(), TestNode.httpPort(), org.token)) {
      second.subscribe(org.teamBoard(), before.getLong("version"), before.getString("epoch"));
      JsonObject answer = second.next(m -> !"ping".equals(m.getString("type")), WAIT);

      assertThat(answer.getString("type")).isEqualTo("snapshot");
      assertThat(nodeOf(answer, kpiId)).isNull();
    }
  }
}
