package io.momentum.server.integrations;

import io.momentum.server.events.EventPublisher;
import io.momentum.server.integrations.WorkItemSync.Connection;
import io.momentum.server.integrations.WorkItemSync.Delivery;
import io.momentum.server.integrations.WorkItemSync.ItemState;
import io.momentum.streams.event.CloudEvent;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves the stored descendants of an item whose initiative changed, when their initiative comes
 * from that item. A child that no rule maps follows its parent, at any depth: a Jira sub-task whose
 * payload names no epic, or an Azure DevOps task under a user story. Runs inside the transaction
 * of the delivery that moved the item, after the item's new state is stored.
 *
 * <p>Each descendant is locked with the same advisory lock as its own deliveries, so the moves and
 * the descendant's deliveries apply one after the other. The events carry the descendant's last
 * stored state and time, and their ids derive from the moving delivery's id and the descendant's
 * id, so a retried delivery publishes the same ids.
 */
final class DescendantMoves {

  private static final Logger LOG = LoggerFactory.getLogger(DescendantMoves.class);
  /** Maximum depth walked below the item. It also ends the walk when stored parent links form a cycle. */
  private static final int MAX_DEPTH = 20;

  // Descendants linked by following parents, nearest first. The walk stops at a descendant that a
  // rule maps or that is deleted, and leaves out the ones below it.
  private static final String DESCENDANTS = """
      WITH RECURSIVE descendants (issue_id, depth) AS (
        SELECT issue_id, 1 FROM integration_issues
        WHERE org_id = $1 AND connection_id = $2 AND parent_issue_id = $3 AND follows_parent AND NOT deleted
        UNION
        SELECT c.issue_id, d.depth + 1 FROM descendants d
        JOIN integration_issues c ON c.org_id = $1 AND c.connection_id = $2 AND c.parent_issue_id = d.issue_id
          AND c.follows_parent AND NOT c.deleted
        WHERE d.depth < $4)
      SELECT i.issue_id, i.initiative_id, i.issue_updated, i.item_type, i.status_category, i.story_points,
             i.parent_issue_id, min(d.depth) AS depth
      FROM descendants d JOIN integration_issues i ON i.org_id = $1 AND i.connection_id = $2 AND i.issue_id = d.issue_id
      WHERE d.issue_id <> $3
      GROUP BY i.issue_id, i.initiative_id, i.issue_updated, i.item_type, i.status_category, i.story_points,
               i.parent_issue_id
      ORDER BY depth, i.issue_id""";
  private static final String LOCK = """
      SELECT count(pg_advisory_xact_lock(hashtext($1 || '/' || id))) FROM unnest($2::text[]) AS ids(id)""";
  private static final String MOVE = """
      UPDATE integration_issues SET initiative_id = $4 WHERE org_id = $1 AND connection_id = $2 AND issue_id = ANY($3)""";

  private final EventPublisher publisher;
  private final WorkItemSync events;

  DescendantMoves(EventPublisher publisher, WorkItemSync events) {
    this.publisher = publisher;
    this.events = events;
  }

  /**
   * Moves the following descendants of the delivery's item to {@code target} (null takes them out
   * of every initiative), publishing for each one whose initiative changes a removal from the old
   * initiative and its state at the new one. Completes with the number of descendants moved.
   */
  Future<Integer> follow(SqlConnection sql, Delivery delivery, UUID target) {
    Connection connection = delivery.connection();
    Tuple walk = Tuple.of(connection.orgId(), connection.id(), delivery.item().id(), MAX_DEPTH);
    return sql.preparedQuery(DESCENDANTS).execute(walk).compose(found -> {
      if (found.size() == 0) {
        return Future.succeededFuture(0);
      }
      List<String> ids = new ArrayList<>();
      found.forEach(row -> ids.add(row.getString("issue_id")));
      // Read again once locked, because a descendant's own delivery may have changed it in the meantime.
      return sql.preparedQuery(LOCK).execute(Tuple.tuple().addString(connection.id().toString())
              .addArrayOfString(ids.toArray(new String[0])))
          .compose(v -> sql.preparedQuery(DESCENDANTS).execute(walk))
          .compose(locked -> move(sql, delivery, target, locked, Set.copyOf(ids)));
    });
  }

  private Future<Integer> move(SqlConnection sql, Delivery delivery, UUID target, RowSet<Row> rows, Set<String> locked) {
    Connection connection = delivery.connection();
    String prefix = connection.tracker().prefix + ":" + delivery.deliveryId() + ":descendant:";
    List<CloudEvent> moves = new ArrayList<>();
    Set<String> moved = new HashSet<>();
    for (Row row : rows) {
      String id = row.getString("issue_id");
      UUID previous = row.getUUID("initiative_id");
      // Rows stored before item states were kept have no type and cannot be sent again.
      if (!locked.contains(id) || Objects.equals(previous, target) || row.getString("item_type") == null) {
        continue;
      }
      ItemState state = new ItemState(id, row.getString("item_type"), row.getString("status_category"),
          row.getBigDecimal("story_points"), row.getString("parent_issue_id"),
          row.getOffsetDateTime("issue_updated").toInstant());
      moves.addAll(events.moveEvents(connection, prefix + id, state, previous, target, false));
      moved.add(id);
    }
    if (moved.isEmpty()) {
      return Future.succeededFuture(0);
    }
    return publisher.publish(moves)
        .compose(v -> sql.preparedQuery(MOVE).execute(Tuple.tuple().addString(connection.orgId()).addUUID(connection.id())
            .addArrayOfString(moved.toArray(new String[0])).addUUID(target)))
        .map(v -> {
          LOG.info("{} delivery {} moved item {} of connection {} to initiative {}, and {} descendant(s) with it",
              connection.tracker().title, delivery.deliveryId(), delivery.item().id(), connection.id(), target,
              moved.size());
          return moved.size();
        });
  }
}
