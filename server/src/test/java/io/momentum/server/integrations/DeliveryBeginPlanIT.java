package io.momentum.server.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.server.app.MomentumNode;
import io.momentum.server.support.TestNode;
import io.momentum.server.support.TestOrg;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The batch start of webhook deliveries against a connection with many stored items: it must look
 * each delivery's item up by key, because a scan of all items per batch grows with every issue a
 * site ever sent.
 */
class DeliveryBeginPlanIT {

  private static final int STORED_ITEMS = 20_000;

  private static MomentumNode node;
  private static TestOrg org;
  private static UUID connectionId;

  @BeforeAll
  static void storeManyItems() throws InterruptedException {
    node = TestNode.get();
    org = TestOrg.create(node, "plan-" + UUID.randomUUID().toString().substring(0, 8)).awaitLive(node);
    connectionId = UUID.randomUUID();
    node.services().pool().preparedQuery("INSERT INTO integration_connections (id, org_id, kind, name, secret)"
        + " VALUES ($1, $2, 'jira', 'Plan check', 'a-secret-of-twenty-chars')").execute(Tuple.of(connectionId, org.orgId)).await();
    node.services().pool().preparedQuery("INSERT INTO integration_issues (org_id, connection_id, issue_id, issue_updated)"
        + " SELECT $1, $2, g::text, now() FROM generate_series(1, $3) g")
        .execute(Tuple.of(org.orgId, connectionId, STORED_ITEMS)).await();
    node.services().pool().query("ANALYZE integration_issues").execute().await();
  }

  @Test
  void batchStartLooksItemsUpByKey() {
    List<String> issueIds = List.of("17", "4242", "19999", "not-stored", "8");
    List<String> deliveryIds = new ArrayList<>();
    for (int i = 0; i < issueIds.size(); i++) {
      deliveryIds.add(UUID.randomUUID().toString());
    }
    String[] orgIds = issueIds.stream().map(id -> org.orgId).toArray(String[]::new);
    UUID[] connections = issueIds.stream().map(id -> connectionId).toArray(UUID[]::new);
    String[] eventTypes = issueIds.stream().map(id -> "jira:issue_updated").toArray(String[]::new);

    record Outcome(RowSet<Row> rows, Row scans) {
    }
    Outcome outcome = node.services().pool().withTransaction(sql -> sql
        .preparedQuery("SELECT ordinal, fresh, stored FROM integration_deliveries_begin($1, $2, $3, $4, $5)")
        .execute(Tuple.of(orgIds, connections, deliveryIds.toArray(String[]::new), eventTypes,
            issueIds.toArray(String[]::new)))
        .compose(rows -> sql.query("SELECT seq_scan, coalesce(idx_scan, 0) AS idx_scan FROM pg_stat_xact_user_tables"
                + " WHERE relname = 'integration_issues'").execute()
            .map(scans -> new Outcome(rows, scans.iterator().next())))).await();

    List<Boolean> stored = new ArrayList<>();
    List<Integer> ordinals = new ArrayList<>();
    outcome.rows().forEach(row -> {
      ordinals.add(row.getInteger("ordinal"));
      stored.add(row.getBoolean("stored"));
    });
    assertThat(ordinals).containsExactly(1, 2, 3, 4, 5);
    assertThat(stored).containsExactly(true, true, true, false, true);
    assertThat(outcome.scans().getLong("seq_scan")).as("sequential scans of integration_issues").isZero();
    assertThat(outcome.scans().getLong("idx_scan")).as("index scans of integration_issues").isPositive();
  }
}
