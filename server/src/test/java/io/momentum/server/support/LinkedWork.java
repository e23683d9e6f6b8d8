package io.momentum.server.support;

import io.momentum.server.app.MomentumNode;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.UUID;

/** Test data for signals about delivered work: an initiative feeding a key result, its done items, check-ins. */
public final class LinkedWork {

  private LinkedWork() {
  }

  /**
   * Inserts an initiative of the team that feeds {@code keyResult} through an impact link. Call it
   * before the organisation's engine is built, which reads links only then.
   */
  public static UUID initiativeFeeding(MomentumNode node, TestOrg org, String key, String title, UUID keyResult) {
    UUID id = UUID.randomUUID();
    node.services().pool().withTransaction(c -> c
            .preparedQuery("INSERT INTO initiatives (id, org_id, key, title, unit_id) VALUES ($1, $2, $3, $4, $5)")
            .execute(Tuple.of(id, org.orgId, key, title, org.teamId))
            .compose(v -> c.preparedQuery("INSERT INTO node_keys (org_id, key, node_id, kind) VALUES ($1, $2, $3, 'initiative')")
                .execute(Tuple.of(org.orgId, key, id)))
            .compose(v -> c.preparedQuery("INSERT INTO impact_links (id, org_id, from_id, from_stage, to_id, to_stage)"
                    + " VALUES ($1, $2, $3, 'output', $4, 'outcome')")
                .execute(Tuple.of(UUID.randomUUID(), org.orgId, id, keyResult))))
        .await();
    return id;
  }

  /** Returns a {@code momentum.checkin} event with a value and a confidence. */
  public static JsonObject checkIn(TestOrg org, String subject, double value, int confidence, Instant time) {
    return Events.event(org.orgId, "momentum.checkin", subject, time,
        new JsonObject().put("value", value).put("confidence", confidence));
  }

  /** Returns a {@code momentum.workitem.changed} event of a Jira story done at {@code doneAt}, linked to {@code subject}. */
  public static JsonObject doneItem(TestOrg org, String subject, String externalId, Instant doneAt) {
    return Events.event(org.orgId, "momentum.workitem.changed", subject, doneAt, new JsonObject()
        .put("system", "jira").put("externalId", externalId).put("itemType", "story").put("statusCategory", "done"));
  }
}
