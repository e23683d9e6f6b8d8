package io.momentum.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.server.app.MomentumNode;
import io.momentum.server.support.Http;
import io.momentum.server.support.TestNode;
import io.momentum.server.support.TestOrg;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An engine built from PostgreSQL shows what the database holds: current values and confidence
 * from stored check-ins, and the final values of a closed cycle's key results.
 */
class RebuildIT {

  private static TestOrg org;
  private static final UUID CLOSED_QUARTER = UUID.randomUUID();
  private static final UUID OLD_OBJECTIVE = UUID.randomUUID();
  private static final UUID OLD_KEY_RESULT = UUID.randomUUID();
  private static final UUID BILLING_EPIC = UUID.randomUUID();

  @BeforeAll
  static void storeHistoryBeforeTheEngineIsBuilt() throws InterruptedException {
    MomentumNode node = TestNode.get();
    org = TestOrg.create(node, "rebuild-" + UUID.randomUUID().toString().substring(0, 8));
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    OffsetDateTime lastMonth = today.minusDays(30).atStartOfDay().atOffset(ZoneOffset.UTC);
    OffsetDateTime insideClosedQuarter = today.minusDays(100).atStartOfDay().atOffset(ZoneOffset.UTC);
    node.services().pool().withTransaction(c -> c
        .preparedQuery("INSERT INTO cycles (id, org_id, key, name, kind, parent_id, start_date, end_date, closed)"
            + " VALUES ($1, $2, 'old-quarter', 'Old quarter', 'quarter', $3, $4, $5, true)")
        .execute(Tuple.of(CLOSED_QUARTER, org.orgId, org.yearId, today.minusDays(140), today.minusDays(50)))
        .compose(v -> c.preparedQuery("INSERT INTO node_keys (org_id, key, node_id, kind) VALUES ($1, 'old-objective', $2, 'objective'), ($1, 'old-kr', $3, 'key_result')")
            .execute(Tuple.of(org.orgId, OLD_OBJECTIVE, OLD_KEY_RESULT)))
        .compose(v -> c.preparedQuery("INSERT INTO objectives (id, org_id, key, title, unit_id, cycle_id) VALUES ($1, $2, 'old-objective', 'Last quarter', $3, $4)")
            .execute(Tuple.of(OLD_OBJECTIVE, org.orgId, org.teamId, CLOSED_QUARTER)))
        .compose(v -> c.preparedQuery("INSERT INTO key_results (id, org_id, key, objective_id, title, measurement, start_value, target_value,"
                + " current_value, current_at, current_source) VALUES ($1, $2, 'old-kr', $3, 'Old target', 'increase', 0, 10, 8, $4, 'urn:test')")
            .execute(Tuple.of(OLD_KEY_RESULT, org.orgId, OLD_OBJECTIVE, insideClosedQuarter)))
        .compose(v -> c.preparedQuery("INSERT INTO check_ins (org_id, key_result_id, value, confidence, observed_at, source, event_id, applied)"
                + " VALUES ($1, $2, 44, 4, $3, 'urn:test', 'seed-1', true)")
            .execute(Tuple.of(org.orgId, org.keyResults.get("revenue"), lastMonth)))
        .compose(v -> c.preparedQuery("UPDATE key_results SET current_value = 44, current_at = $2, current_source = 'urn:test',"
                + " confidence = 4, confidence_at = $2 WHERE id = $1")
            .execute(Tuple.of(org.keyResults.get("revenue"), lastMonth)))
        .compose(v -> c.preparedQuery("INSERT INTO node_keys (org_id, key, node_id, kind) VALUES ($1, 'billing-epic', $2, 'initiative')")
            .execute(Tuple.of(org.orgId, BILLING_EPIC)))
        .compose(v -> c.preparedQuery("INSERT INTO initiatives (id, org_id, key, title, unit_id) VALUES ($1, $2, 'billing-epic', 'Bill by invoice', $3)")
            .execute(Tuple.of(BILLING_EPIC, org.orgId, org.teamId)))
        .compose(v -> c.preparedQuery("INSERT INTO work_items (org_id, system, external_id, node_id, status_category, story_points,"
                + " observed_at, source) VALUES ($1, 'jira', 'B-1', $2, 'done', 3, $3, 'urn:test'), ($1, 'jira', 'B-2', $2, 'todo', 5, $3, 'urn:test')")
            .execute(Tuple.of(org.orgId, BILLING_EPIC, lastMonth)))
        .compose(v -> c.preparedQuery("UPDATE key_results SET work_from = $2 WHERE id = $1")
            .execute(Tuple.of(org.keyResults.get("epic"), (Object) new UUID[] {BILLING_EPIC})))
        .mapEmpty())
        .await();
    org.awaitLive(node);
  }

  @Test
  void storedCheckInGivesValueAndConfidence() {
    JsonObject revenue = node("revenue");

    assertThat(revenue.getDouble("current")).isEqualTo(44.0);
    assertThat(revenue.getDouble("progress")).isEqualTo(0.8);
    assertThat(revenue.getInteger("confidence")).isEqualTo(4);
    assertThat(revenue.getString("status")).isEqualTo("at_risk");
  }

  @Test
  void closedCycleKeepsFinalValue() {
    JsonObject old = node("old-kr");

    assertThat(old.getString("status")).isEqualTo("closed");
    assertThat(old.getDouble("current")).isEqualTo(8.0);
    assertThat(old.getDouble("progress")).isEqualTo(0.8);
  }

  @Test
  void followingKeyResultCountsInitiativeWork() {
    JsonObject epic = node("epic");

    assertThat(epic.getDouble("progress")).isEqualTo(0.375);
    assertThat(epic.getJsonObject("workItems").getInteger("items")).isEqualTo(2);
  }

  private static JsonObject node(String key) {
    JsonObject board = Http.json(Http.withToken(org.token).get("/api/v1/boards/" + org.teamBoard()));
    return board.getJsonArray("nodes").stream().map(n -> (JsonObject) n)
        .filter(n -> key.equals(n.getString("key"))).findFirst().orElseThrow();
  }
}
