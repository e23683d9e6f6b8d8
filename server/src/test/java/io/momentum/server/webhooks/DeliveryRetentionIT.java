package io.momentum.server.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.server.app.MomentumNode;
import io.momentum.server.changes.ChangeTypes;
import io.momentum.server.support.TestNode;
import io.momentum.server.support.TestOrg;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Deleting old finished deliveries from the delivery log, against the test node's database. */
class DeliveryRetentionIT {

  @Test
  void pruneDeletesOnlyOldFinishedDeliveries() {
    MomentumNode node = TestNode.get();
    Pool pool = node.services().pool();
    TestOrg org = TestOrg.create(node, "prune-" + UUID.randomUUID().toString().substring(0, 8));
    UUID webhookId = UUID.randomUUID();
    pool.preparedQuery("INSERT INTO webhook_subscriptions (id, org_id, name, url, event_types, secret)"
            + " VALUES ($1, $2, 'retention', 'http://127.0.0.1:9/hook', $3, 'secret-secret-secret')")
        .execute(Tuple.of(webhookId, org.orgId, new String[] {ChangeTypes.CYCLE_CREATED})).await();
    UUID oldDelivered = delivery(pool, org, webhookId, "delivered", 40);
    UUID oldFailed = delivery(pool, org, webhookId, "failed", 31);
    UUID oldPending = delivery(pool, org, webhookId, "pending", 40);
    UUID recentDelivered = delivery(pool, org, webhookId, "delivered", 2);

    int deleted = new DeliveryQueries(pool).pruneFinished(Duration.ofDays(30), 1000).await();

    List<UUID> left = pool.preparedQuery("SELECT id FROM webhook_deliveries WHERE org_id = $1")
        .execute(Tuple.of(org.orgId)).await().stream().map(row -> row.getUUID("id")).toList();
    assertThat(left).containsExactlyInAnyOrder(oldPending, recentDelivered);
    assertThat(left).doesNotContain(oldDelivered, oldFailed);
    // Other test classes may leave old finished deliveries too; at least these two were deleted.
    assertThat(deleted).isGreaterThanOrEqualTo(2);
  }

  /** Inserts a delivery in {@code state} whose last change was {@code daysAgo} days ago. */
  private static UUID delivery(Pool pool, TestOrg org, UUID webhookId, String state, int daysAgo) {
    UUID id = UUID.randomUUID();
    pool.preparedQuery("INSERT INTO webhook_deliveries (id, org_id, subscription_id, event_id, event_type, body, state,"
            + " max_attempts, next_attempt_at, updated_at) VALUES ($1, $2, $3, $4, $5, '{}', $6, 3,"
            + " CASE WHEN $6 = 'pending' THEN now() + interval '1 day' END, now() - $7 * interval '1 day')")
        .execute(Tuple.from(new Object[] {id, org.orgId, webhookId, id.toString(), ChangeTypes.CYCLE_CREATED, state, daysAgo}))
        .await();
    return id;
  }
}
